//! The player: Play/Pause, Step, Reset, End, a speed control and the Time slider.
//!
//! Playing advances simulated time from an interval timer (cleared on Pause and on cleanup).
//! With `prefers-reduced-motion: reduce` nothing moves by itself: Play steps one event instead.

use std::time::Duration;

use joblab_core::draw::{fmt_time, next_key_time};
use joblab_core::sim::Millis;
use leptos::prelude::*;

use super::Run;

/// How often the playing diagram redraws.
const TICK: Duration = Duration::from_millis(100);

/// Moves `time` to the next event of `run`, or to its end.
pub fn step(run: Memo<Run>, time: RwSignal<Millis>) {
    let t = time.get_untracked();
    let next = run.with_untracked(|r| next_key_time(&r.key_times, t).unwrap_or(r.end_ms));
    time.set(next);
}

/// Starts or stops playing (under reduced motion: one step instead).
pub fn toggle(run: Memo<Run>, time: RwSignal<Millis>, playing: RwSignal<bool>, reduced: bool) {
    if reduced {
        step(run, time);
        return;
    }
    if !playing.get_untracked() && time.get_untracked() >= run.with_untracked(|r| r.end_ms) {
        // Playing a finished run replays it from the start.
        time.set(0);
    }
    playing.update(|p| *p = !*p);
}

/// Keyboard control while focus is inside the diagram: Space plays or pauses, Home and End move
/// to the start and the end (native controls keep their own keys; the arrow keys move between
/// the diagram's items, `super::nav`).
pub fn diagram_key(
    ev: web_sys::KeyboardEvent,
    run: Memo<Run>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
    reduced: bool,
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
    let end = run.with_untracked(|r| r.end_ms);
    match ev.key().as_str() {
        " " => {
            ev.prevent_default();
            toggle(run, time, playing, reduced);
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
pub fn Player(
    run: Memo<Run>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
    reduced: bool,
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
                    let end = run.with_untracked(|r| r.end_ms);
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

    let end_ms = move || run.with(|r| r.end_ms);
    view! {
        <div class="player" role="group" aria-label="Player">
            <button type="button" class="primary" on:click=move |_| toggle(run, time, playing, reduced)>
                {move || if playing.get() { "Pause" } else { "Play" }}
            </button>
            <button type="button" on:click=move |_| { playing.set(false); step(run, time); }>"Step"</button>
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
                aria-valuetext=move || fmt_time(time.get())
                on:input=move |ev| {
                    playing.set(false);
                    if let Ok(s) = event_target_value(&ev).parse::<u64>() {
                        time.set((s * 1000).min(end_ms()));
                    }
                }
            />
            <output for="diagram-time" class="time-out">{move || format!("{} / {}", fmt_time(time.get()), fmt_time(end_ms()))}</output>
            {reduced.then(|| view! {
                <p class="reduced-note">"Reduced motion is on: Play moves one event at a time instead of animating."</p>
            })}
        </div>
    }
}
