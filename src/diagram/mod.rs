//! A live diagram: the core simulation of one pattern, drawn at a moment the player picks.
//!
//! The run is recorded once per knob setting ([`joblab_core::sim::Replay`]); the player only moves
//! a time signal, and the drawing model for that time comes from `joblab_core::draw`.

use std::sync::Arc;

use joblab_core::api::api::batch::v1::Job;
use joblab_core::draw::{self, Drawing, JobShape};
use joblab_core::patterns::{self, Knobs, Preset};
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Millis, Replay, Simulation};
use leptos::prelude::*;

pub mod knobs;
pub mod player;
pub mod svg;

/// One recorded run of a pattern with given knob values.
#[derive(Clone, Debug)]
pub struct Run {
    /// The knob values it was built from (runs are equal when these are).
    pub knobs: Knobs,
    /// The recording, for snapshots at any time.
    pub replay: Arc<Replay>,
    /// The Job's shape for the controller panel.
    pub shape: JobShape,
    /// When the run settled.
    pub end_ms: Millis,
    /// The "Step" targets.
    pub key_times: Vec<Millis>,
}

impl PartialEq for Run {
    fn eq(&self, other: &Self) -> bool {
        self.knobs == other.knobs
    }
}

impl Run {
    /// Simulates `preset` with `knobs` to its end.
    pub fn new(preset: Preset, knobs: Knobs) -> Run {
        let (job, scenario) = patterns::build(preset, &knobs);
        Run::record(job, scenario, knobs)
    }

    /// Simulates `job` under `scenario` to its end (at most [`patterns::RUN_LIMIT_MS`]), within
    /// the page's limits. `knobs` only labels the run for [`PartialEq`].
    pub fn record(job: Job, scenario: Scenario, knobs: Knobs) -> Run {
        let shape = JobShape::of(&job);
        let replay =
            Replay::record_interactive(Simulation::new(job, scenario), patterns::RUN_LIMIT_MS);
        let end = replay.end();
        Run {
            knobs,
            shape,
            end_ms: end.now(),
            key_times: draw::key_times(&end.snapshot()),
            replay: Arc::new(replay),
        }
    }

    /// The drawing at `t` (clamped to the end).
    pub fn drawing(&self, t: Millis) -> Drawing {
        let t = t.min(self.end_ms);
        draw::drawing(&self.replay.snapshot_at(t), self.end_ms, &self.shape)
    }
}

/// Whether the user asked for reduced motion.
fn prefers_reduced_motion() -> bool {
    web_sys::window()
        .and_then(|w| {
            w.match_media("(prefers-reduced-motion: reduce)")
                .ok()
                .flatten()
        })
        .is_some_and(|m| m.matches())
}

/// The live diagram of `preset`: its knobs above the [`RunDiagram`] of the run they build.
///
/// The knobs start at `initial` (an embed URL's values) or else at the pattern's presets; the
/// "Preset values" button always returns to the presets. The diagram opens at the end of the run.
#[component]
pub fn LiveDiagram(
    preset: Preset,
    /// The knob values to start from instead of the pattern's presets.
    #[prop(optional)]
    initial: Option<Knobs>,
) -> impl IntoView {
    let knobs = RwSignal::new(initial.unwrap_or_else(|| Knobs::default_for(preset)));
    let run = Memo::new(move |_| Run::new(preset, knobs.get()));
    // Opens at the finished state so the whole story is visible; Reset or Play replays it.
    let time = RwSignal::new(run.with_untracked(|r| r.end_ms));
    let playing = RwSignal::new(false);
    view! {
        <RunDiagram run=run time=time playing=playing class="live-diagram" controller_title_id="controller-title">
            <knobs::KnobPanel preset=preset knobs=knobs run=run time=time/>
        </RunDiagram>
    }
}

/// The diagram of `run` at `time`: the player, the controller panel, the status region and the
/// SVG with its tooltips and legend. The guide's [`LiveDiagram`] and the lab's diagram both draw
/// through it, so they keep the same markup, accessible names and keys.
#[component]
pub fn RunDiagram(
    /// What to draw.
    run: Memo<Run>,
    /// The moment shown, moved by the player.
    time: RwSignal<Millis>,
    /// Whether the player is playing.
    playing: RwSignal<bool>,
    /// The root element's class.
    class: &'static str,
    /// The id of the controller panel's heading, unique on its page.
    controller_title_id: &'static str,
    /// Shown above the player (the guide's knobs).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
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
    let off_tip = move |_| tip.set(None);

    view! {
        <div class=class>
            {children.map(|c| c())}
            <player::Player run=run time=time playing=playing reduced=reduced/>
            <div class="diagram-grid">
                <section class="controller" aria-labelledby=controller_title_id>
                    <h3 id=controller_title_id>"Job controller"</h3>
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
                            on:focusout=off_tip
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
