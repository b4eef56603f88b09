//! "Download picture" on the guide's Job diagrams: the picture of a Job pattern with its knob
//! values.
//!
//! As for the CronJob pictures (`super::cron`, which explains the mechanism), the main module of
//! the split build does not carry the pictures' code: its first load had no room for it
//! (scripts/size.sh --check; the Job pictures were about 9 KB brotli of the main module). The
//! workbench module draws them instead (exported as `jobPicture`), simulating the pattern again
//! from its slug and knob values, which gives the same run since the simulation is deterministic.
//! The web component's module, which has no workbench to load, draws them itself
//! ([`draw_here`]); the lab, which lives in the workbench module, and builds without `split`
//! draw in place.

use std::fmt::Write as _;

use joblab_core::draw::export::{Picture, Theme};
use joblab_core::patterns::{Knob, Knobs, Preset};
use joblab_core::sim::Millis;

use super::Making;
use crate::diagram::Run;

/// The picture of pattern `preset` with `knobs` at `moments` in `theme`, drawn in this module.
pub fn picture_of(preset: Preset, knobs: Knobs, moments: &[Millis], theme: Theme) -> Picture {
    super::picture(&Run::new(preset, knobs), preset.label(), moments, theme)
}

/// The request the main module sends the workbench module: one line each of the slug, the knob
/// values in [`Knob::ALL_KNOBS`] order separated by commas, the moments in ms separated by
/// commas, and the theme. One string each way, so the call links no JavaScript glue the first
/// load does not already have.
pub fn request(preset: Preset, knobs: &Knobs, moments: &[Millis], theme: Theme) -> String {
    let mut out = format!("{}\n", preset.slug());
    for k in Knob::ALL_KNOBS {
        let _ = write!(out, "{},", knobs.get(k));
    }
    out.pop();
    out.push('\n');
    super::end_request(out, moments, theme)
}

/// The workbench module's side of the call (exported as `jobPicture` by src/bin/workbench.rs):
/// the picture [`request`] asks for, in the answer's form of `super::cron::for_workbench`.
pub fn for_workbench(request: &str) -> Result<String, String> {
    let bad = || format!("not a picture request: {request:?}");
    let mut lines = request.split('\n');
    let mut line = || lines.next().ok_or_else(bad);
    let slug = line()?;
    let preset = Preset::from_slug(slug).ok_or_else(|| format!("no Job pattern {slug:?}"))?;
    let values = line()?
        .split(',')
        .map(|v| v.parse::<i64>().map_err(|_| bad()))
        .collect::<Result<Vec<_>, String>>()?;
    if values.len() != Knob::ALL_KNOBS.len() {
        return Err(bad());
    }
    let knobs = Knob::ALL_KNOBS
        .into_iter()
        .zip(values)
        .fold(Knobs::default_for(preset), |ks, (k, v)| ks.with(k, v));
    let (moments, theme) = super::read_request_end(line, bad)?;
    let p = picture_of(preset, knobs, &moments, theme);
    Ok(format!("{} {}\n{}", p.width.ceil(), p.height.ceil(), p.svg))
}

/// Who draws the Job pictures of this module, when it does so itself: set by [`draw_here`].
#[cfg(feature = "split")]
mod here {
    use super::*;
    use std::cell::Cell;

    /// The drawing function.
    pub type Draw = fn(Preset, Knobs, &[Millis], Theme) -> Picture;

    thread_local! {
        pub static DRAW: Cell<Option<Draw>> = const { Cell::new(None) };
    }
}

/// Makes this module draw Job pictures itself instead of loading the workbench module for them:
/// for the web component's module, which has no workbench to load.
#[cfg(feature = "split")]
pub fn draw_here() {
    here::DRAW.with(|d| d.set(Some(picture_of)));
}

/// The picture of `run`, made where this build makes Job pictures: in the split build's main
/// module, by the workbench module from the pattern named `slug` (the guide's diagrams are its
/// only Job diagrams); elsewhere in place.
pub fn making(run: &Run, slug: &str, title: &str, moments: Vec<Millis>, theme: Theme) -> Making {
    #[cfg(feature = "split")]
    {
        let _ = title;
        let Some(preset) = Preset::from_slug(slug) else {
            return Box::pin(std::future::ready(Err(
                "The picture could not be made.".to_string()
            )));
        };
        if let Some(draw) = here::DRAW.with(|d| d.get()) {
            return Box::pin(std::future::ready(Ok(draw(
                preset, run.knobs, &moments, theme,
            ))));
        }
        let asked = request(preset, &run.knobs, &moments, theme);
        Box::pin(super::by_workbench("jobPicture", asked))
    }
    #[cfg(not(feature = "split"))]
    {
        let _ = slug;
        Box::pin(std::future::ready(Ok(super::picture(
            run, title, &moments, theme,
        ))))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The call into the workbench module answers with the picture drawn in place, for every
    /// pattern with its preset values and with changed knobs; a request it cannot read is an
    /// error, never a panic.
    #[test]
    fn the_workbench_answers_the_picture_drawn_in_place() {
        for p in Preset::ALL {
            let preset = Knobs::default_for(p);
            let cases = [
                preset,
                preset.with(Knob::Completions, 5).with(Knob::RunSeconds, 7),
                preset.with(Knob::BackoffLimit, 0).with(Knob::ExitCode, 42),
            ];
            for k in cases {
                for (moments, theme) in [
                    (&[0_u64, 5_000, 60_000][..], Theme::Light),
                    (&[12_345][..], Theme::Dark),
                ] {
                    let here = picture_of(p, k, moments, theme);
                    let there = for_workbench(&request(p, &k, moments, theme));
                    let there = there
                        .ok()
                        .as_deref()
                        .and_then(super::super::cron::from_workbench);
                    assert_eq!(there, Some(here), "{p:?} {k:?} {moments:?}");
                }
            }
        }
        for bad in [
            "",
            "failure",
            "nope\n1,1,1,1,1,1,1\n0\ndark",
            "failure\n1,1\n0\ndark",
            "failure\n1,1,1,1,1,1,x\n0\ndark",
            "failure\n1,1,1,1,1,1,1\nsoon\ndark",
            "failure\n1,1,1,1,1,1,1\n0\nsepia",
        ] {
            assert!(for_workbench(bad).is_err(), "{bad:?}");
        }
    }
}
