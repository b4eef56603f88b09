//! The player: Play/Pause, Step, Reset, End, a speed control and the Time slider.
//!
//! Playing advances simulated time from an interval timer (cleared on Pause and on cleanup).
//! With `prefers-reduced-motion: reduce` nothing moves by itself: Play steps one event instead.

use std::time::Duration;

use joblab_core::draw::{fmt_time, next_key_time};
use joblab_core::sim::Millis;
use leptos::prelude::*;

use super::Run;
use crate::events::{HostEvent, Outcome, Sink};

/// How often the playing diagram redraws.
const TICK: Duration = Duration::from_millis(100);

/// What the player plays: a recorded run with an end and the times worth stepping to. The Job
/// diagrams' [`Run`] and the CronJob diagrams' run (src/diagram/cronjob.rs) both are.
pub trait Timeline: Clone + PartialEq + Send + Sync + 'static {
    /// When the run ends.
    fn end_ms(&self) -> Millis;
    /// The "Step" targets, sorted.
    fn key_times(&self) -> &[Millis];
    /// A time as the slider and its output show it (`m:ss` since the start by default).
    fn time_text(&self, t: Millis) -> String {
        fmt_time(t)
    }
    /// How the run ended, for the host page's "finished" event (src/events.rs); `None` when
    /// nothing ends in it (a CronJob keeps scheduling).
    fn outcome(&self) -> Option<Outcome> {
        None
    }
}

impl Timeline for Run {
    fn end_ms(&self) -> Millis {
        self.end_ms
    }

    fn key_times(&self) -> &[Millis] {
        &self.key_times
    }

    fn outcome(&self) -> Option<Outcome> {
        outcome(self)
    }
}

/// Moves `time` to the next event of `run`, or to its end, and tells the host page.
pub fn step<R: Timeline>(run: Memo<R>, time: RwSignal<Millis>, sink: &Sink) {
    let t = time.get_untracked();
    let next = run.with_untracked(|r| next_key_time(r.key_times(), t).unwrap_or(r.end_ms()));
    time.set(next);
    sink.emit(&HostEvent::Step { time_ms: next });
}

/// Starts or stops playing (under reduced motion: one step instead), and tells the host page.
pub fn toggle<R: Timeline>(
    run: Memo<R>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
    reduced: bool,
    sink: &Sink,
) {
    if reduced {
        step(run, time, sink);
        return;
    }
    if !playing.get_untracked() && time.get_untracked() >= run.with_untracked(|r| r.end_ms()) {
        // Playing a finished run replays it from the start.
        time.set(0);
    }
    playing.update(|p| *p = !*p);
    let time_ms = time.get_untracked();
    sink.emit(&if playing.get_untracked() {
        HostEvent::Play { time_ms }
    } else {
        HostEvent::Pause { time_ms }
    });
}

/// How the Job of `run` ended: its `Complete` or `Failed` condition at the end of the run.
pub fn outcome(run: &Run) -> Option<Outcome> {
    let end = run.replay.end().snapshot();
    ["Complete", "Failed"].into_iter().find_map(|kind| {
        end.status.condition(kind).map(|c| Outcome {
            condition: kind.to_string(),
            reason: c.reason.clone(),
        })
    })
}

/// Keyboard control while focus is inside the diagram: Space plays or pauses, Home and End move
/// to the start and the end, and where no diagram item has focus (the Job diagram's items take
/// the arrow keys, `super::nav`) the arrow keys move one second (native controls keep their own
/// keys).
pub fn diagram_key<R: Timeline>(
    ev: web_sys::KeyboardEvent,
    run: Memo<R>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
    reduced: bool,
    sink: &Sink,
) {
    use wasm_bindgen::JsCast;
    let native = ev
        .target()
        .and_then(|t| t.dyn_into::<web_sys::Element>().ok())
        .is_some_and(|e| {
            matches!(
                e.tag_name().as_str(),
                "BUTTON" | "INPUT" | "SELECT" | "TEXTAREA"
            )
        });
    if native {
        return;
    }
    let end = run.with_untracked(|r| r.end_ms());
    match ev.key().as_str() {
        " " => {
            ev.prevent_default();
            toggle(run, time, playing, reduced, sink);
        }
        "ArrowRight" => {
            ev.prevent_default();
            time.update(|t| *t = (*t / 1000 * 1000 + 1000).min(end));
        }
        "ArrowLeft" => {
            ev.prevent_default();
            time.update(|t| *t = t.saturating_sub(1000) / 1000 * 1000);
        }
        "Home" => {
            ev.prevent_default();
            time.set(0);
        }
        "End" => {
            ev.prevent_default();
            time.set(end);
        }
        _ => {}
    }
}

/// The player controls.
#[component]
pub fn Player<R: Timeline>(
    run: Memo<R>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
    reduced: bool,
    /// Where the player's events go (src/events.rs).
    sink: Sink,
) -> impl IntoView {
    // Simulated seconds per real second.
    let speed = RwSignal::new(5u64);
    let handle = StoredValue::new(None::<IntervalHandle>);
    let stop_timer = move || {
        if let Some(h) = handle.get_value() {
            h.clear();
            handle.set_value(None);
        }
    };
    Effect::new(move |_| {
        if playing.get() {
            if handle.with_value(Option::is_none) {
                let tick = move || {
                    let end = run.with_untracked(|r| r.end_ms());
                    let dt = speed.get_untracked() * TICK.as_millis() as u64;
                    let next = (time.get_untracked() + dt).min(end);
                    time.set(next);
                    if next >= end {
                        playing.set(false);
                    }
                };
                handle.set_value(set_interval_with_handle(tick, TICK).ok());
            }
        } else {
            stop_timer();
        }
    });
    on_cleanup(stop_timer);
    // "Finished" when the moment shown reaches the end of the run from before it, however it got
    // there (playing, Step, End, the slider, the keys); not when a run opens at its end, nor when
    // new knobs make a new run.
    {
        let sink = sink.clone();
        Effect::new(move |prev: Option<(Millis, Millis)>| {
            let (t, end) = (time.get(), run.with(|r| r.end_ms()));
            if let Some((prev_t, prev_end)) = prev {
                if prev_end == end && prev_t < end && t >= end {
                    let outcome = run.with_untracked(Timeline::outcome);
                    sink.emit(&HostEvent::Finished {
                        time_ms: end,
                        outcome,
                    });
                }
            }
            (t, end)
        });
    }

    let end_ms = move || run.with(|r| r.end_ms());
    view! {
        <div class="player" role="group" aria-label="Player">
            <button type="button" class="primary" on:click={
                let sink = sink.clone();
                move |_| toggle(run, time, playing, reduced, &sink)
            }>
                {move || if playing.get() { "Pause" } else { "Play" }}
            </button>
            <button type="button" on:click=move |_| { playing.set(false); step(run, time, &sink); }>"Step"</button>
            <button type="button" on:click=move |_| { playing.set(false); time.set(0); }>"Reset"</button>
            <button type="button" on:click=move |_| { playing.set(false); time.set(end_ms()); }>"End"</button>
            <label class="speed">
                "Speed "
                <select on:change=move |ev| {
                    if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                        speed.set(v.clamp(1, 10));
                    }
                }>
                    {[1u64, 2, 5, 10].into_iter().map(|v| view! {
                        <option value=v.to_string() selected=v == 5>{format!("{v}×")}</option>
                    }).collect_view()}
                </select>
            </label>
            <label class="time" for="diagram-time">"Time"</label>
            <input
                id="diagram-time"
                type="range"
                min="0"
                max=move || (end_ms() / 1000 + u64::from(end_ms() % 1000 != 0)).to_string()
                step="1"
                prop:value=move || (time.get() / 1000).to_string()
                aria-valuetext=move || run.with(|r| r.time_text(time.get()))
                on:input=move |ev| {
                    playing.set(false);
                    if let Ok(s) = event_target_value(&ev).parse::<u64>() {
                        time.set((s * 1000).min(end_ms()));
                    }
                }
            />
            <output for="diagram-time" class="time-out">{move || run.with(|r| format!("{} / {}", r.time_text(time.get()), r.time_text(r.end_ms())))}</output>
            {reduced.then(|| view! {
                <p class="reduced-note">"Reduced motion is on: Play moves one event at a time instead of animating."</p>
            })}
        </div>
    }
}
