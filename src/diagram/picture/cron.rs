//! "Download picture" on the CronJob diagrams: the picture of a CronJob pattern, written by
//! [`joblab_core::draw::export::cronjob`] on the pattern's wall clock.
//!
//! The guide's first load has no room for the CronJob pictures' code (scripts/size.sh --check), so
//! in the main module of the split build the picture is made by the workbench module, which the
//! page imports on demand (src/workbench.rs) and which exports [`for_workbench`] as
//! `cronPicture`: it simulates the pattern again from its slug and knob values, which gives the
//! same run, since the simulation is deterministic. The web component's module has no workbench
//! to load, so it draws the picture itself: its entry calls [`draw_here`], and only code reached
//! from there links the drawing code into that module. Builds without `split` (the tests') draw
//! in place.

use std::fmt::Write as _;
use std::rc::Rc;

use joblab_core::draw::export::{self, Clock, Picture, Theme};
use joblab_core::patterns::cronjob::{CronKnob, CronKnobs, CronPreset, START_UNIX_SECONDS};
use joblab_core::sim::Millis;
use leptos::prelude::*;

use super::{control, Make, Making, Source};
use crate::diagram::cronjob::CronRun;
use crate::diagram::player::Timeline;

/// The picture of pattern `preset` with `knobs` at `moments` in `theme`, drawn in this module.
pub fn picture_of(
    preset: CronPreset,
    knobs: CronKnobs,
    moments: &[Millis],
    theme: Theme,
) -> Result<Picture, String> {
    let run = CronRun::new(preset, knobs);
    let frames = moments
        .iter()
        .map(|&t| run.drawing(t, export::layout()))
        .collect::<Result<Vec<_>, String>>()?;
    Ok(export::cronjob::picture(
        preset.label(),
        START_UNIX_SECONDS,
        &frames,
        theme,
    ))
}

/// Knob values as text, `key=value&...` over [`CronKnob::ALL_KNOBS`], for the call into the
/// workbench module.
pub fn knobs_text(knobs: &CronKnobs) -> String {
    let mut out = String::new();
    for k in CronKnob::ALL_KNOBS {
        let _ = write!(out, "{}={}&", k.key(), knobs.get(k));
    }
    out
}

/// The knob values of `preset` that `text` ([`knobs_text`]) names; any it does not name keep
/// their preset values, and every value is clamped to its knob's range.
pub fn knobs_from_text(preset: CronPreset, text: &str) -> CronKnobs {
    text.split('&')
        .filter_map(|pair| pair.split_once('='))
        .fold(CronKnobs::default_for(preset), |ks, (key, value)| {
            let knob = CronKnob::ALL_KNOBS.into_iter().find(|k| k.key() == key);
            match (knob, value.parse::<i64>()) {
                (Some(k), Ok(v)) => ks.with(k, v),
                _ => ks,
            }
        })
}

/// The request the main module sends the workbench module for the picture of pattern `preset`
/// with `knobs` at `moments` in `theme`: one line each of the slug, the knob values
/// ([`knobs_text`]), the moments in ms separated by commas, and the theme. One string each way,
/// so the call links no JavaScript glue the first load does not already have.
pub fn request(preset: CronPreset, knobs: &CronKnobs, moments: &[Millis], theme: Theme) -> String {
    let out = format!("{}\n{}\n", preset.slug(), knobs_text(knobs));
    super::end_request(out, moments, theme)
}

/// The workbench module's side of the call (exported as `cronPicture` by src/bin/workbench.rs):
/// the picture [`request`] asks for, as its width and height in whole CSS pixels (every
/// picture's are whole: its layout and all its spacings are), a line break, and the SVG.
pub fn for_workbench(request: &str) -> Result<String, String> {
    let bad = || format!("not a picture request: {request:?}");
    let mut lines = request.split('\n');
    let mut line = || lines.next().ok_or_else(bad);
    let slug = line()?;
    let preset =
        CronPreset::from_slug(slug).ok_or_else(|| format!("no CronJob pattern {slug:?}"))?;
    let knobs = knobs_from_text(preset, line()?);
    let (moments, theme) = super::read_request_end(line, bad)?;
    let p = picture_of(preset, knobs, &moments, theme)?;
    Ok(format!("{} {}\n{}", p.width.ceil(), p.height.ceil(), p.svg))
}

/// The [`Picture`] in what [`for_workbench`] answers.
pub fn from_workbench(answer: &str) -> Option<Picture> {
    let (size, svg) = answer.split_once('\n')?;
    let (w, h) = size.split_once(' ')?;
    Some(Picture {
        svg: svg.to_string(),
        width: f64::from(w.parse::<u32>().ok()?),
        height: f64::from(h.parse::<u32>().ok()?),
    })
}

/// Who draws the CronJob pictures of this module, when it does so itself: set by [`draw_here`].
#[cfg(feature = "split")]
mod here {
    use super::*;
    use std::cell::Cell;

    /// The drawing function.
    pub type Draw = fn(CronPreset, CronKnobs, &[Millis], Theme) -> Result<Picture, String>;

    thread_local! {
        pub static DRAW: Cell<Option<Draw>> = const { Cell::new(None) };
    }
}

/// Makes this module draw CronJob pictures itself instead of loading the workbench module for
/// them: for the web component's module, which has no workbench to load.
#[cfg(feature = "split")]
pub fn draw_here() {
    here::DRAW.with(|d| d.set(Some(picture_of)));
}

/// The picture, made where this build makes CronJob pictures.
fn making(preset: CronPreset, knobs: CronKnobs, moments: Vec<Millis>, theme: Theme) -> Making {
    #[cfg(feature = "split")]
    if let Some(draw) = here::DRAW.with(|d| d.get()) {
        return Box::pin(std::future::ready(draw(preset, knobs, &moments, theme)));
    }
    #[cfg(feature = "split")]
    return Box::pin(super::by_workbench(
        "cronPicture",
        request(preset, &knobs, &moments, theme),
    ));
    #[cfg(not(feature = "split"))]
    Box::pin(std::future::ready(picture_of(
        preset, knobs, &moments, theme,
    )))
}

/// The picture of a run that is not a guide pattern's (the lab's CronJob), drawn from its own
/// recording. Only the workbench module (the lab) and builds without `split` have such runs;
/// the split build's main module never draws a picture itself, so it links none of this.
fn in_place(run: &CronRun, moments: &[Millis], theme: Theme) -> Making {
    #[cfg(not(feature = "split"))]
    {
        let frames = moments
            .iter()
            .map(|&t| run.drawing(t, export::layout()))
            .collect::<Result<Vec<_>, String>>();
        Box::pin(std::future::ready(frames.map(|frames| {
            export::cronjob::picture("CronJob", run.start_unix_seconds(), &frames, theme)
        })))
    }
    #[cfg(feature = "split")]
    {
        let _ = (run, moments, theme);
        Box::pin(std::future::ready(Err(
            "The picture could not be made.".to_string()
        )))
    }
}

/// The "Download picture" control of a CronJob diagram, on its wall clock: a guide pattern's
/// pictures with its knob values, named `joblab-cronjobs-<slug>-…`, or the lab's CronJob's,
/// named `joblab-cronjob-…`. `ids` is unique on the page.
#[component]
pub fn CronPictureControl(
    run: Memo<CronRun>,
    time: RwSignal<Millis>,
    ids: &'static str,
) -> impl IntoView {
    let make: Make = Rc::new(move |moments: Vec<Millis>, theme: Theme| {
        run.with_untracked(|r| match r.key() {
            Some((preset, knobs)) => making(preset, knobs, moments, theme),
            None => in_place(r, &moments, theme),
        })
    });
    let (slug, start_unix_seconds) = run.with_untracked(|r| {
        let slug = match r.key() {
            Some((preset, _)) => format!("cronjobs/{}", preset.slug()),
            None => "cronjob".to_string(),
        };
        (slug, r.start_unix_seconds())
    });
    let source = Source {
        slug,
        clock: Clock::Wall { start_unix_seconds },
        end: Rc::new(move || run.with(|r| r.end_ms())),
        make,
    };
    control(source, time, ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The knob values reach the workbench module as they are: a picture drawn there is the
    /// picture of the run the page shows.
    #[test]
    fn knobs_travel_as_text_unchanged() {
        for p in CronPreset::ALL {
            let preset = CronKnobs::default_for(p);
            let cases = [
                preset,
                preset.with(CronKnob::RunSeconds, 200),
                preset
                    .with(CronKnob::StartingDeadlineSeconds, 0)
                    .with(CronKnob::FailEvery, 2)
                    .with(CronKnob::SuccessfulJobsHistoryLimit, 0),
            ];
            for k in cases {
                assert_eq!(knobs_from_text(p, &knobs_text(&k)), k, "{p:?}");
            }
            // Nothing named, or nonsense, is the preset; a value out of range is clamped.
            assert_eq!(knobs_from_text(p, ""), preset);
            assert_eq!(knobs_from_text(p, "runSeconds=x&nope=3&=&&"), preset);
            let (_, hi) = CronKnob::RunSeconds.range();
            assert_eq!(
                knobs_from_text(p, "runSeconds=99999999").get(CronKnob::RunSeconds),
                hi
            );
        }
    }

    /// What the picture control downloads is the core's picture of the pattern's run at the
    /// moments asked for.
    #[test]
    fn the_picture_is_the_patterns_run() {
        let p = CronPreset::Forbid;
        let k = CronKnobs::default_for(p).with(CronKnob::RunSeconds, 200);
        let got = picture_of(p, k, &[0, 600_000, 1_800_000], Theme::Dark);
        let svg = got.as_ref().map(|pic| pic.svg.as_str()).unwrap_or("");
        assert_eq!(svg.matches("data-moment=").count(), 3);
        assert!(svg.contains(r#"data-moment="00:10:00""#));
        assert!(svg.contains(">Forbid skips a run</title>"));
        assert!(!svg.contains(">skip</text>"));
        let preset = picture_of(p, CronKnobs::default_for(p), &[1_800_000], Theme::Dark);
        assert!(preset.is_ok_and(|pic| pic.svg.contains(">skip</text>")));
    }

    /// The call into the workbench module answers with the picture drawn in place, size and
    /// all; a request it cannot read is an error, never a panic.
    #[test]
    fn the_workbench_answers_the_picture_drawn_in_place() {
        for p in CronPreset::ALL {
            let k = CronKnobs::default_for(p).with(CronKnob::RunSeconds, 120);
            for (moments, theme) in [
                (&[0_u64, 900_000, 3_000_000][..], Theme::Light),
                (&[1_234_567][..], Theme::Dark),
            ] {
                let here = picture_of(p, k, moments, theme);
                let there = for_workbench(&request(p, &k, moments, theme));
                let there = there.ok().as_deref().and_then(from_workbench);
                assert_eq!(there, here.ok(), "{p:?} {moments:?}");
            }
        }
        for bad in [
            "",
            "forbid",
            "nope\n\n0\ndark",
            "forbid\n\nsoon\ndark",
            "forbid\n\n0\nsepia",
        ] {
            assert!(for_workbench(bad).is_err(), "{bad:?}");
        }
        assert_eq!(from_workbench("800 x\n<svg/>"), None);
    }
}
