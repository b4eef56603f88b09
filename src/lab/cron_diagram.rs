//! The lab's CronJob run: the CronJob controller simulation of the editor's CronJob
//! (`joblab_core::sim::cronjob`), recorded once ([`CronJobReplay`]) and drawn at the player's
//! time as one row per Job the CronJob created, on one time axis, with a player of its own.
//!
//! The guide's CronJob patterns are drawn elsewhere; this file is the lab's, kept apart so the
//! two can be unified later. Every shape comes from the recording's Job spans; every row also
//! says in words what its bar shows, so nothing depends on colour, and the words are HTML text
//! (never SVG text), so they keep the page's text size at any width.

use std::sync::Arc;
use std::time::Duration;

use joblab_core::scenario::Scenario;
use joblab_core::sim::cronjob::replay::{horizon_ms, CronJobReplay, JobSpan};
use joblab_core::sim::cronjob::CronJobSimulation;
use joblab_core::sim::Millis;
use joblab_core::terminal::cronjob::CronJobCluster;
use leptos::prelude::*;

use super::model::CronJobInput;

/// How often a playing diagram redraws.
const TICK: Duration = Duration::from_millis(100);

/// One recorded run of the editor's CronJob.
#[derive(Clone, Debug)]
pub struct CronRun {
    /// The recording.
    pub replay: Arc<CronJobReplay>,
    /// The CronJob's stored form, for the terminal's objects.
    pub stored: Arc<serde_json::Value>,
    /// Each Job's life, in creation order.
    pub spans: Arc<Vec<JobSpan>>,
    /// The player's Step targets.
    pub key_times: Arc<Vec<Millis>>,
    /// The end of the run.
    pub end_ms: Millis,
    /// When the CronJob was created (the clock's 0), Unix seconds.
    pub start_unix_seconds: i64,
}

impl PartialEq for CronRun {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.replay, &other.replay)
    }
}

impl CronRun {
    /// The terminal's cluster at `t`.
    pub fn cluster_at(&self, t: Millis) -> CronJobCluster {
        CronJobCluster::of(&self.replay.at(t), &self.stored)
    }
}

/// Simulates the CronJob under `scenario` to the lab's horizon; `Err` when the scenario asks for
/// something a CronJob scenario cannot do (the message says what).
pub fn simulate_cronjob(input: &CronJobInput, scenario: Scenario) -> Result<CronRun, String> {
    let sim = CronJobSimulation::from_manifest(&input.stored, input.template.clone(), scenario)?;
    let end_ms = horizon_ms(&sim);
    let start_unix_seconds = sim.start_unix_seconds();
    let replay = CronJobReplay::record(sim, end_ms);
    Ok(CronRun {
        spans: Arc::new(replay.spans()),
        key_times: Arc::new(replay.key_times()),
        stored: Arc::new(input.stored.clone()),
        replay: Arc::new(replay),
        end_ms,
        start_unix_seconds,
    })
}

/// An instant of the run as wall-clock time (UTC, RFC 3339): schedules are about the clock.
fn wall(start_unix_seconds: i64, ms: Millis) -> String {
    joblab_core::civil::format_rfc3339(
        start_unix_seconds.saturating_add(i64::try_from(ms / 1000).unwrap_or(0)),
    )
}

/// A Job's state at `t`, in words.
fn state_at(s: &JobSpan, t: Millis, start: i64) -> String {
    let fmt_time = |ms: Millis| wall(start, ms);
    let mut words = format!("created at {}", fmt_time(s.created_ms));
    if s.manual {
        words.push_str(" by kubectl create job");
    }
    match s.finished.filter(|f| f.0 <= t) {
        Some((at, what)) => words.push_str(&format!(", {what} at {}", fmt_time(at))),
        None if s.deleted_ms.is_none_or(|d| d > t) => words.push_str(", running"),
        None => {}
    }
    if let Some(d) = s.deleted_ms.filter(|&d| d <= t) {
        words.push_str(&format!(", deleted at {}", fmt_time(d)));
    }
    words
}

/// The bar's class at `t`: how the Job ended, if it has.
fn bar_class(s: &JobSpan, t: Millis) -> &'static str {
    match s.finished.filter(|f| f.0 <= t) {
        Some((_, "Complete")) => "cron-bar cron-complete",
        Some(_) => "cron-bar cron-failed",
        None if s.deleted_ms.is_some_and(|d| d <= t) => "cron-bar cron-deleted",
        None => "cron-bar cron-running",
    }
}

/// Width units of a track (the SVG's viewBox is this wide; it stretches to the row).
const TRACK: f64 = 1000.0;

/// The CronJob's diagram and player. Mounted only once there is a run.
#[component]
pub fn CronDiagram(
    run: Memo<Option<CronRun>>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let reduced = web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches());
    let end = move || run.with(|r| r.as_ref().map_or(0, |r| r.end_ms));
    let start = move || run.with(|r| r.as_ref().map_or(0, |r| r.start_unix_seconds));
    let fmt_time = move |ms: Millis| wall(start(), ms);
    let step = move || {
        let t = time.get_untracked();
        let next = run.with_untracked(|r| {
            r.as_ref().map_or(0, |r| {
                r.key_times
                    .iter()
                    .copied()
                    .find(|&k| k > t)
                    .unwrap_or(r.end_ms)
            })
        });
        time.set(next);
    };
    let toggle = move || {
        if reduced {
            step();
            return;
        }
        if !playing.get_untracked() && time.get_untracked() >= end() {
            time.set(0);
        }
        playing.update(|p| *p = !*p);
    };
    // Simulated seconds per real second: a CronJob's story takes hours.
    let speed = RwSignal::new(600u64);
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
                    let end = run.with_untracked(|r| r.as_ref().map_or(0, |r| r.end_ms));
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

    let x = move |ms: Millis| {
        let e = end().max(1) as f64;
        (ms.min(end()) as f64 / e * TRACK).clamp(0.0, TRACK)
    };
    let status = move || {
        let t = time.get();
        run.with(|r| {
            let Some(r) = r else { return String::new() };
            let spans = &r.spans;
            let made = spans.iter().filter(|s| s.created_ms <= t).count();
            let running = spans
                .iter()
                .filter(|s| {
                    s.created_ms <= t
                        && s.finished.is_none_or(|f| f.0 > t)
                        && s.deleted_ms.is_none_or(|d| d > t)
                })
                .count();
            format!(
                "At {}: {made} Job{} created, {running} running.",
                fmt_time(t),
                if made == 1 { "" } else { "s" }
            )
        })
    };
    let rows = move || {
        let t = time.get();
        run.with(|r| {
            r.as_ref()
                .map(|r| {
                    r.spans
                        .iter()
                        .filter(|s| s.created_ms <= t)
                        .cloned()
                        .collect::<Vec<_>>()
                })
                .unwrap_or_default()
        })
        .into_iter()
        .map(|s| {
            let x0 = x(s.created_ms);
            let stop = [s.finished.map(|f| f.0), s.deleted_ms]
                .into_iter()
                .flatten()
                .min()
                .unwrap_or(Millis::MAX)
                .min(t);
            let x1 = x(stop).max(x0 + 3.0);
            let words = state_at(&s, t, start());
            let class = bar_class(&s, t);
            let gone = s.deleted_ms.is_some_and(|d| d <= t);
            view! {
                <li class="cron-row">
                    <span class="cron-name">{s.name.clone()}</span>
                    <svg class="cron-track" viewBox=format!("0 0 {TRACK} 12") preserveAspectRatio="none" aria-hidden="true" focusable="false">
                        <rect class=class x=x0.to_string() y="2" width=(x1 - x0).to_string() height="8"/>
                        {gone.then(|| view! { <rect class="cron-gone" x=x1.to_string() y="0" width="3" height="12"/> })}
                        <rect class="cron-cursor" x=(x(t) - 1.0).max(0.0).to_string() y="0" width="2" height="12"/>
                    </svg>
                    <span class="cron-state">{words}</span>
                </li>
            }
        })
        .collect_view()
    };
    view! {
        <div class="cron-diagram lab-diagram" role="group" aria-labelledby="lab-cron-title">
            <h4 id="lab-cron-title">"The CronJob's Jobs over time"</h4>
            <p class="cron-status" aria-live="polite">{status}</p>
            <ol class="cron-rows" aria-label="Jobs the CronJob created">{rows}</ol>
            {move || run.with(|r| r.as_ref().is_some_and(|r| r.spans.is_empty())).then(|| view! {
                <p class="muted">"No Job in this run: the schedule did not come, or the CronJob stayed suspended."</p>
            })}
            <div class="player" role="group" aria-label="Player">
                <button type="button" class="primary" on:click=move |_| toggle()>
                    {move || if playing.get() { "Pause" } else { "Play" }}
                </button>
                <button type="button" on:click=move |_| { playing.set(false); step(); }>"Step"</button>
                <button type="button" on:click=move |_| { playing.set(false); time.set(0); }>"Reset"</button>
                <button type="button" on:click=move |_| { playing.set(false); time.set(end()); }>"End"</button>
                <label class="speed">
                    "Speed "
                    <select on:change=move |ev| {
                        if let Ok(v) = event_target_value(&ev).parse::<u64>() {
                            speed.set(v.clamp(60, 3600));
                        }
                    }>
                        {[60u64, 600, 3600].into_iter().map(|v| view! {
                            <option value=v.to_string() selected=v == 600>{format!("{}×", v)}</option>
                        }).collect_view()}
                    </select>
                </label>
                <label class="time" for="cron-time">"Time"</label>
                <input
                    id="cron-time"
                    type="range"
                    min="0"
                    max=move || (end() / 1000 + u64::from(end() % 1000 != 0)).to_string()
                    step="1"
                    prop:value=move || (time.get() / 1000).to_string()
                    aria-valuetext=move || fmt_time(time.get())
                    on:input=move |ev| {
                        playing.set(false);
                        if let Ok(s) = event_target_value(&ev).parse::<u64>() {
                            time.set((s * 1000).min(end()));
                        }
                    }
                />
                <output for="cron-time" class="time-out">{move || format!("{} / {}", fmt_time(time.get()), fmt_time(end()))}</output>
                {reduced.then(|| view! {
                    <p class="reduced-note">"Reduced motion is on: Play moves one event at a time instead of animating."</p>
                })}
            </div>
        </div>
    }
}
