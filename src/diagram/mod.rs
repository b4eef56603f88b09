//! A live diagram: the core simulation of one pattern, drawn at a moment the player picks.
//!
//! The run is recorded once per knob setting ([`joblab_core::sim::Replay`]); the player only moves
//! a time signal, and the drawing model for that time comes from `joblab_core::draw`.

use std::sync::{Arc, Mutex};

use joblab_core::api::api::batch::v1::Job;
use joblab_core::draw::{self, Drawing, JobShape, Layout, SegClass};
use joblab_core::patterns::{self, Knobs, Preset};
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Cursor, Millis, Replay, Simulation};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub mod canvas;
pub mod cronjob;
pub mod knobs;
pub mod nav;
pub mod picture;
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
    /// Where the playing diagram last looked ([`Replay::snapshot_with`]): each later moment is
    /// reached from there, not from the last checkpoint. Shared by the run's copies; a lock,
    /// because reactive values must be `Sync` (the page has one thread, so it never waits).
    cursor: Arc<Mutex<Cursor>>,
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
            cursor: Arc::default(),
        }
    }

    /// The drawing at `t` (clamped to the end) in `layout`.
    pub fn drawing(&self, t: Millis, layout: Layout) -> Drawing {
        let t = t.min(self.end_ms);
        let snapshot = match self.cursor.lock() {
            Ok(mut cursor) => self.replay.snapshot_with(&mut cursor, t),
            Err(_) => self.replay.snapshot_at(t),
        };
        draw::drawing_in(&snapshot, self.end_ms, &self.shape, layout)
    }

    /// The last moment at or before `t` at which the run changed: the drawing there is the
    /// drawing at `t` but for the "now" line and the still-open stretches, which the diagram
    /// reveals up to the line (`svg::body`). So a playing diagram rebuilds its model only when
    /// something happened, not on every tick.
    pub fn last_change_at(&self, t: Millis) -> Millis {
        self.replay.last_change_at(t.min(self.end_ms))
    }
}

// The DOM ResizeObserver, which the web-sys features this crate enables do not cover.
#[wasm_bindgen]
extern "C" {
    /// The DOM ResizeObserver.
    pub(crate) type ResizeObserver;
    #[wasm_bindgen(constructor)]
    pub(crate) fn new(callback: &Closure<dyn FnMut()>) -> ResizeObserver;
    #[wasm_bindgen(method)]
    pub(crate) fn observe(this: &ResizeObserver, target: &web_sys::Element);
    #[wasm_bindgen(method)]
    pub(crate) fn disconnect(this: &ResizeObserver);
}

/// The inner width of `el` in CSS pixels, now and after every change: the diagram is drawn as
/// wide as its box (at one viewBox unit per CSS pixel) rather than scaled to fit it. NaN until
/// the element is mounted, which draws the default layout.
fn box_width(el: NodeRef<leptos::html::Div>) -> ReadSignal<f64> {
    let (width, set_width) = signal(f64::NAN);
    Effect::new(move |_| {
        let Some(el) = el.get() else { return };
        let el: web_sys::Element = el.unchecked_into();
        let measure = {
            let el = el.clone();
            move || {
                let w = f64::from(el.client_width());
                if w > 0.0 && width.get_untracked() != w {
                    set_width.set(w);
                }
            }
        };
        measure();
        let callback = Closure::<dyn FnMut()>::new(measure);
        let observer = ResizeObserver::new(&callback);
        observer.observe(&el);
        let kept = send_wrapper::SendWrapper::new((observer, callback));
        on_cleanup(move || kept.0.disconnect());
    });
    width
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
    // An embed tells its host page once it has drawn (src/events.rs); the site tells nobody.
    let sink = crate::events::Sink::current();
    Effect::new(move |_| {
        let end_ms = run.with_untracked(|r| r.end_ms);
        sink.emit(&crate::events::HostEvent::Ready {
            end_ms: Some(end_ms),
        });
    });
    view! {
        <RunDiagram run=run time=time playing=playing class="live-diagram" controller_title_id="controller-title"
            picture=picture::PictureName { slug: preset.slug(), title: preset.label() }>
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
    /// How a downloaded picture is named and titled (the lab's default: "Job").
    #[prop(optional)]
    picture: Option<picture::PictureName>,
) -> impl IntoView {
    let scroll = NodeRef::<leptos::html::Div>::new();
    let width = box_width(scroll);
    let layout = Memo::new(move |_| Layout::for_width(width.get()));
    // The model is rebuilt only when the run changed (`Run::last_change_at`); the "now" line
    // moves on every tick on its own. `drawn_at` is a signal set by an effect, not a memo of
    // `time`: a memo would mark everything downstream of the model (thousands of attribute
    // effects with many Pods) for checking on every tick, and checking them was most of a
    // tick's work. An effect is a leaf, so a tick reaches the model only when `drawn_at` moves.
    let drawn_at = RwSignal::new(run.with_untracked(|r| r.last_change_at(time.get_untracked())));
    Effect::new(move |_| {
        let at = run.with(|r| r.last_change_at(time.get()));
        if drawn_at.get_untracked() != at {
            drawn_at.set(at);
        }
    });
    let drawing = Memo::new(move |_| run.with(|r| r.drawing(drawn_at.get(), layout.get())));
    let now_x =
        Memo::new(move |_| run.with(|r| layout.with(|l| draw::now_x(l, r.end_ms, time.get()))));
    // The roving tab stop: the item last focused, or the first Pod when that item is not drawn.
    let active = RwSignal::new(nav::Item::Lane(0));
    let stop_item = Memo::new(move |_| {
        let a = active.get();
        drawing.with(|d| nav::tab_stop(d, a))
    });
    let reduced = prefers_reduced_motion();
    // Where the player tells the host page what the reader does (an embed's parent or element).
    let sink = crate::events::Sink::current();
    // The panel, the conditions and the status change a few times in a run, not every frame, so
    // each is its own memo: a frame that changes none of them touches none of their nodes.
    let panel = Memo::new(move |_| drawing.with(|d| d.panel.clone()));
    let conditions = Memo::new(move |_| drawing.with(|d| d.conditions.clone()));
    let status = Memo::new(move |_| drawing.with(|d| d.status.clone()));
    let height = Memo::new(move |_| drawing.with(|d| d.height));
    let view_w = move || layout.with(|l| l.width);
    // The right edge of what is revealed: one pixel past the line, so a stretch that ends at the
    // line shows whole under it.
    let reveal_x = move || now_x.get() + 1.0;
    // The patterns' ids: the controller heading's id is unique on the page, so these are too.
    let ids = controller_title_id;
    let swatch = move |class: SegClass| svg::swatch(ids, class);

    // The arrow keys walk the drawing; other keys go to the player.
    let moved =
        Callback::new(move |(from, mv)| drawing.with_untracked(|d| nav::moved(d, from, mv)));
    let key_sink = sink.clone();
    let on_key =
        Callback::new(move |ev| player::diagram_key(ev, run, time, playing, reduced, &key_sink));
    view! {
        <div class=class>
            {children.map(|c| c())}
            <player::Player run=run time=time playing=playing reduced=reduced sink=sink.clone()/>
            <picture::PictureControl run=run time=time ids=ids name=picture.unwrap_or_default()/>
            <div class="diagram-grid">
                <section class="controller" aria-labelledby=controller_title_id>
                    <h3 id=controller_title_id>"Job controller"</h3>
                    <dl class="panel">
                        {move || panel.with(|p| p.iter().map(|r| view! {
                            <div class="panel-row"><dt>{r.name}</dt><dd>{r.value.clone()}</dd></div>
                        }).collect_view())}
                    </dl>
                    <h4>"Conditions"</h4>
                    <ul class="conditions">
                        {move || conditions.with(|cs| {
                            if cs.is_empty() {
                                view! { <li class="muted">"none yet"</li> }.into_any()
                            } else {
                                cs.iter().map(|c| {
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
                    <p class="diagram-status" role="status">{move || status.get()}</p>
                    <canvas::Canvas
                        scroll=scroll
                        active=active
                        stop=stop_item
                        moved=moved
                        on_key=on_key
                        redraw=Signal::derive(move || drawing.track())
                    >
                            <svg
                                class="diagram-bg"
                                width=view_w
                                height=move || height.get()
                                viewBox=move || format!("0 0 {} {}", view_w(), height.get())
                                aria-hidden="true"
                            >
                                {svg::backdrop(drawing, ids)}
                            </svg>
                            // The items, revealed up to the "now" line: the outer box clips at its
                            // right edge and is moved so that edge is at the line, the inner box is
                            // moved back by as much, so the SVG stays in place (svg.rs says why).
                            <div
                                class="diagram-reveal"
                                style:width=move || format!("{}px", view_w())
                                style:height=move || format!("{}px", height.get())
                                style:transform=move || format!("translateX({}px)", reveal_x() - view_w())
                            >
                                <div
                                    class="diagram-reveal-inner"
                                    style:transform=move || format!("translateX({}px)", view_w() - reveal_x())
                                >
                                    <svg
                                        class="diagram-svg"
                                        width=view_w
                                        height=move || height.get()
                                        viewBox=move || format!("0 0 {} {}", view_w(), height.get())
                                        role="group"
                                        aria-label="Pods on a time axis"
                                    >
                                        {svg::defs(ids)}
                                        {svg::body(drawing, now_x, ids, stop_item)}
                                    </svg>
                                </div>
                            </div>
                            <div
                                class="diagram-now"
                                aria-hidden="true"
                                style:height=move || format!("{}px", height.get() - draw::AXIS_H)
                                style:transform=move || format!("translateX({}px)", now_x.get() - 1.0)
                            ></div>
                    </canvas::Canvas>
                    // The keys' swatches are drawn like the segments, so under forced colours they
                    // show the same patterns.
                    <p class="legend" aria-hidden="true">
                        <span class="key">{swatch(SegClass::Pending)}"Pending"</span>
                        <span class="key">{swatch(SegClass::Running)}"Running"</span>
                        <span class="key">{swatch(SegClass::Succeeded)}"Succeeded"</span>
                        <span class="key">{swatch(SegClass::Failed)}"Failed"</span>
                        <span class="key">{swatch(SegClass::CrashLoop)}"Restart back-off"</span>
                        <span class="key">{swatch(SegClass::Terminating)}"Terminating"</span>
                    </p>
                </div>
            </div>
        </div>
    }
}
