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

use std::rc::Rc;

use joblab_core::draw::export::{self, Clock, Picture, Theme};
use joblab_core::patterns::cronjob::{CronKnob, CronKnobs, CronPreset, START_UNIX_SECONDS};
use joblab_core::sim::Millis;
use leptos::prelude::*;

use super::{Control, Make, Making, Source};
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
    CronKnob::ALL_KNOBS
        .iter()
        .map(|&k| format!("{}={}", k.key(), knobs.get(k)))
        .collect::<Vec<_>>()
        .join("&")
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

/// The workbench module's side of the call (exported as `cronPicture` by src/bin/workbench.rs):
/// the picture of the pattern `slug` with `knobs` ([`knobs_text`]) at `moments` (ms) in `theme`
/// (`light` or `dark`), as `[svg, width, height]`.
pub fn for_workbench(
    slug: &str,
    knobs: &str,
    moments: &[f64],
    theme: &str,
) -> Result<js_sys::Array, String> {
    let preset =
        CronPreset::from_slug(slug).ok_or_else(|| format!("no CronJob pattern {slug:?}"))?;
    let theme = Theme::parse(theme).ok_or_else(|| format!("no theme {theme:?}"))?;
    let moments: Vec<Millis> = moments.iter().map(|&t| t.max(0.0) as Millis).collect();
    let p = picture_of(preset, knobs_from_text(preset, knobs), &moments, theme)?;
    Ok(js_sys::Array::of3(
        &p.svg.into(),
        &p.width.into(),
        &p.height.into(),
    ))
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

/// The picture, made by the workbench module (the main module of the split build).
#[cfg(feature = "split")]
async fn by_workbench(
    preset: CronPreset,
    knobs: CronKnobs,
    moments: Vec<Millis>,
    theme: Theme,
) -> Result<Picture, String> {
    use wasm_bindgen::{JsCast, JsValue};
    let why = |e: JsValue| {
        let reason = e
            .dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".to_string());
        format!("The picture could not be made: {reason}.")
    };
    let module = crate::workbench::import().await.map_err(why)?;
    let f = js_sys::Reflect::get(&module, &"cronPicture".into())
        .map_err(why)?
        .dyn_into::<js_sys::Function>()
        .map_err(why)?;
    let times: Vec<f64> = moments.iter().map(|&t| t as f64).collect();
    let args = js_sys::Array::of4(
        &preset.slug().into(),
        &knobs_text(&knobs).into(),
        &js_sys::Float64Array::from(&times[..]).into(),
        &theme.as_str().into(),
    );
    let out: js_sys::Array = f
        .apply(&JsValue::NULL, &args)
        .map_err(why)?
        .dyn_into()
        .map_err(why)?;
    match (
        out.get(0).as_string(),
        out.get(1).as_f64(),
        out.get(2).as_f64(),
    ) {
        (Some(svg), Some(width), Some(height)) => Ok(Picture { svg, width, height }),
        _ => Err("The picture could not be made.".to_string()),
    }
}

/// The picture, made where this build makes CronJob pictures.
fn making(preset: CronPreset, knobs: CronKnobs, moments: Vec<Millis>, theme: Theme) -> Making {
    #[cfg(feature = "split")]
    if let Some(draw) = here::DRAW.with(|d| d.get()) {
        return Box::pin(std::future::ready(draw(preset, knobs, &moments, theme)));
    }
    #[cfg(feature = "split")]
    return Box::pin(by_workbench(preset, knobs, moments, theme));
    #[cfg(not(feature = "split"))]
    Box::pin(std::future::ready(picture_of(
        preset, knobs, &moments, theme,
    )))
}

/// The "Download picture" control of a CronJob diagram: the pictures of `run`'s pattern with its
/// knob values, on its wall clock, named `joblab-cronjobs-<slug>-…`.
#[component]
pub fn CronPictureControl(run: Memo<CronRun>, time: RwSignal<Millis>) -> impl IntoView {
    let make: Make = Rc::new(move |moments: Vec<Millis>, theme: Theme| {
        let (preset, knobs) = run.with_untracked(|r| (r.preset, r.knobs));
        making(preset, knobs, moments, theme)
    });
    let source = Source {
        slug: run.with_untracked(|r| format!("cronjobs/{}", r.preset.slug())),
        clock: Clock::Wall {
            start_unix_seconds: START_UNIX_SECONDS,
        },
        end: Signal::derive(move || run.with(|r| r.end_ms())),
        make,
    };
    view! { <Control source=source time=time ids="cron"/> }
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
}
