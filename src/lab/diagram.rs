//! The lab's simulation on the guide's diagram: the same player, SVG body, tooltips, controller
//! panel and status region as `crate::diagram::LiveDiagram`, fed by a run of the learner's Job
//! instead of a pattern preset.
//!
//! `LiveDiagram` builds its run from a preset and knobs, so this is a thin wrapper over the guide's
//! public pieces (`Run`, `player::Player`, `player::diagram_key`, `svg::body`, `svg::tip_for`).
//! If the guide grows a component taking a `Memo<Run>`, this file shrinks to one line.

use std::sync::Arc;

use joblab_core::api::api::batch::v1::Job;
use joblab_core::draw::{self, JobShape};
use joblab_core::patterns::{self, Knobs, Preset};
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Millis, Replay, Simulation};
use leptos::prelude::*;

use crate::diagram::{player, svg, Run};

/// Simulates `job` under `scenario` to its end (at most the guide's run limit).
pub fn simulate(job: Job, scenario: Scenario) -> Run {
    let shape = JobShape::of(&job);
    let replay = Replay::record_interactive(Simulation::new(job, scenario), patterns::RUN_LIMIT_MS);
    let end = replay.end();
    Run {
        // `Run` compares by knobs; the lab compares runs by recording instead (`run_changed`).
        knobs: Knobs::default_for(Preset::Simple),
        shape,
        end_ms: end.now(),
        key_times: draw::key_times(&end.snapshot()),
        replay: Arc::new(replay),
    }
}

/// Whether two runs differ: a new recording is a new run (`Run`'s own `PartialEq` compares knobs,
/// which the lab does not use).
pub fn run_changed(a: Option<&Option<Run>>, b: Option<&Option<Run>>) -> bool {
    let id = |r: Option<&Option<Run>>| {
        r.and_then(Option::as_ref)
            .map(|r| Arc::as_ptr(&r.replay) as usize)
    };
    a.is_none() || id(a) != id(b)
}

fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The diagram of the lab's current run. Mounted only once there is a run.
#[component]
pub fn LabDiagram(
    source: Memo<Option<Run>>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let run: Memo<Run> = Memo::new_with_compare(
        move |prev: Option<&Run>| {
            source
                .get()
                .or_else(|| prev.cloned())
                .unwrap_or_else(|| Run::new(Preset::Simple, Knobs::default_for(Preset::Simple)))
        },
        |a, b| match (a, b) {
            (Some(a), Some(b)) => !Arc::ptr_eq(&a.replay, &b.replay),
            _ => true,
        },
    );
    let drawing = Memo::new(move |_| run.with(|r| r.drawing(time.get())));
    let tip = RwSignal::new(None::<svg::Tip>);
    let reduced = prefers_reduced_motion();
    let height = move || drawing.with(|d| d.height);
    let on_tip = move |ev: web_sys::Event| {
        tip.set(svg::tip_for(
            ev.target(),
            drawing.with_untracked(|d| d.height),
        ))
    };
    view! {
        <div class="live-diagram lab-diagram">
            <player::Player run=run time=time playing=playing reduced=reduced/>
            <div class="diagram-grid">
                <section class="controller" aria-labelledby="lab-controller-title">
                    <h3 id="lab-controller-title">"Job controller"</h3>
                    <dl class="panel">
                        {move || drawing.with(|d| d.panel.iter().map(|r| view! {
                            <div class="panel-row"><dt>{r.name}</dt><dd>{r.value.clone()}</dd></div>
                        }).collect_view())}
                    </dl>
                    <h4>"Conditions"</h4>
                    <ul class="conditions">
                        {move || drawing.with(|d| {
                            if d.conditions.is_empty() {
                                view! { <li class="muted">"none yet"</li> }.into_any()
                            } else {
                                d.conditions.iter().map(|c| {
                                    let class = if c.terminal { "cond cond-terminal" } else { "cond" };
                                    view! {
                                        <li class=class data-type=c.type_.clone()>
                                            <strong>{c.type_.clone()}</strong>"="{c.status.clone()}" "
                                            <span class="muted">{c.reason.clone()}" at "{c.at.clone()}</span>
                                        </li>
                                    }
                                }).collect_view().into_any()
                            }
                        })}
                    </ul>
                </section>
                <div class="diagram-main">
                    <p class="diagram-status" role="status">{move || drawing.with(|d| d.status.clone())}</p>
                    <div
                        class="diagram-scroll"
                        on:keydown=move |ev| player::diagram_key(ev, run, time, playing, reduced)
                    >
                        <div class="diagram-canvas"
                            on:focusin=move |ev| on_tip(ev.into())
                            on:mouseover=move |ev| on_tip(ev.into())
                            on:focusout=move |_| tip.set(None)
                            on:mouseleave=move |_| tip.set(None)
                        >
                            <svg
                                class="diagram-svg"
                                viewBox=move || format!("0 0 {} {}", draw::VIEW_W, height())
                                role="group"
                                aria-label="Pods on a time axis"
                            >
                                {move || drawing.with(svg::body)}
                            </svg>
                            {move || tip.get().map(|t| view! {
                                <div class="diagram-tip" role="tooltip" style:left=format!("{:.2}%", t.left) style:top=format!("{:.2}%", t.top)>
                                    {t.text}
                                </div>
                            })}
                        </div>
                    </div>
                    <p class="legend" aria-hidden="true">
                        <span class="key key-pending">"Pending"</span>
                        <span class="key key-running">"Running"</span>
                        <span class="key key-succeeded">"Succeeded"</span>
                        <span class="key key-failed">"Failed"</span>
                        <span class="key key-crashloop">"Restart back-off"</span>
                        <span class="key key-terminating">"Terminating"</span>
                    </p>
                </div>
            </div>
        </div>
    }
}
