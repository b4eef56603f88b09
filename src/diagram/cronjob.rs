//! A live CronJob diagram: a recorded CronJob controller simulation (a guide pattern's, or the
//! lab's pasted CronJob), drawn at the moment the player picks, with the same player, canvas,
//! tooltips, roving tab stop and forced-colours patterns as the Job diagrams
//! ([`super::RunDiagram`]). The drawing model is `joblab_core::draw::cronjob`.
//!
//! The SVG is keyed like the Job diagram's (`super::svg`): rows, their segments and markers, and
//! the bands are keyed by position and update in place, so a focused item keeps its focus while
//! the diagram plays.

use std::sync::Arc;

use joblab_core::draw::cronjob::{
    self, Band, CronDrawing, CronMarker, CronMarkerKind, CronRow, RowKind,
};
use joblab_core::draw::{Layout, SegClass, SegShape, AXIS_H, LANE_H};
use joblab_core::patterns::cronjob::{CronKnob, CronKnobs, CronPreset, CronReplay};
use joblab_core::sim::cronjob::CronJobSimulation;
use joblab_core::sim::Millis;
use leptos::prelude::*;
use leptos::reactive::computed::Selector;

use super::nav::{self, Item, LANE_X};
use super::player::{self, Timeline};
use super::svg::{self, derived, part};

/// A recorded CronJob run the diagram plays: the simulation at any instant.
pub trait CronRecording: std::fmt::Debug + Send + Sync {
    /// The run at `t` (clamped to its end).
    fn at(&self, t: Millis) -> CronJobSimulation;
    /// The run at its end.
    fn end(&self) -> &CronJobSimulation;
}

impl CronRecording for CronReplay {
    fn at(&self, t: Millis) -> CronJobSimulation {
        CronReplay::at(self, t)
    }

    fn end(&self) -> &CronJobSimulation {
        CronReplay::end(self)
    }
}

/// One recorded run of a CronJob: a guide pattern with given knob values, or any recording.
#[derive(Clone, Debug)]
pub struct CronRun {
    /// The pattern and knob values it was built from; runs of patterns are equal when these are,
    /// other runs when they share their recording.
    key: Option<(CronPreset, CronKnobs)>,
    /// The recording, or why the pattern could not run.
    recording: Arc<Result<Box<dyn CronRecording>, String>>,
    /// The CronJob's `spec.suspend` as created.
    initially_suspended: bool,
    end_ms: Millis,
    key_times: Vec<Millis>,
    start_unix_seconds: i64,
}

impl PartialEq for CronRun {
    fn eq(&self, other: &Self) -> bool {
        match (&self.key, &other.key) {
            (Some(a), Some(b)) => a == b,
            _ => Arc::ptr_eq(&self.recording, &other.recording),
        }
    }
}

impl CronRun {
    /// Simulates `preset` with `knobs` over its span.
    pub fn new(preset: CronPreset, knobs: CronKnobs) -> CronRun {
        match joblab_core::patterns::cronjob::record(preset, &knobs) {
            Ok(r) => {
                let end_ms = r.span_ms();
                let mut run = CronRun::recorded(Box::new(r), end_ms, false);
                run.key = Some((preset, knobs));
                run
            }
            Err(e) => CronRun {
                key: Some((preset, knobs)),
                recording: Arc::new(Err(e)),
                initially_suspended: false,
                end_ms: preset.span_ms(),
                key_times: Vec::new(),
                start_unix_seconds: 0,
            },
        }
    }

    /// The run of `recording`, drawn on an axis to `end_ms`; `initially_suspended` is the
    /// CronJob's `spec.suspend` as created.
    pub fn recorded(
        recording: Box<dyn CronRecording>,
        end_ms: Millis,
        initially_suspended: bool,
    ) -> CronRun {
        CronRun {
            key: None,
            key_times: cronjob::key_times(recording.end()),
            start_unix_seconds: recording.end().start_unix_seconds(),
            recording: Arc::new(Ok(recording)),
            initially_suspended,
            end_ms,
        }
    }

    /// The drawing at `t` in `layout`; `Err` only if the pattern's schedule did not parse.
    pub fn drawing(&self, t: Millis, layout: Layout) -> Result<CronDrawing, String> {
        match &*self.recording {
            Ok(r) => Ok(cronjob::cron_drawing(
                &r.at(t.min(self.end_ms)),
                self.initially_suspended,
                self.end_ms,
                layout,
            )),
            Err(e) => Err(e.clone()),
        }
    }
}

impl Timeline for CronRun {
    fn end_ms(&self) -> Millis {
        self.end_ms
    }

    fn key_times(&self) -> &[Millis] {
        &self.key_times
    }

    fn time_text(&self, t: Millis) -> String {
        cronjob::clock(self.start_unix_seconds, t)
    }
}

/// The id of knob `k`'s input, e.g. `cron-knob-startingDeadlineSeconds`. Tests, and the Embed
/// button beside the diagram, find the inputs by it.
pub fn input_id(k: CronKnob) -> String {
    format!("cron-knob-{}", k.key())
}

/// The knobs of a CronJob pattern.
#[component]
fn CronKnobPanel(
    preset: CronPreset,
    knobs: RwSignal<CronKnobs>,
    run: Memo<CronRun>,
    time: RwSignal<Millis>,
) -> impl IntoView {
    let defaults = CronKnobs::default_for(preset);
    view! {
        <fieldset class="knobs">
            <legend>"Change the CronJob"</legend>
            {preset.knobs().iter().map(|&k| {
                let (lo, hi) = k.range();
                view! {
                    <label class="knob">
                        <span>{k.label()}</span>
                        <input
                            id=input_id(k)
                            type="number"
                            inputmode="numeric"
                            min=lo
                            max=hi
                            step="1"
                            prop:value=move || knobs.with(|v| v.get(k))
                            on:change=move |ev| {
                                // An empty or partial entry is ignored; out-of-range values are clamped.
                                if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                                    knobs.update(|ks| *ks = ks.with(k, v));
                                    let end = run.with_untracked(|r| r.end_ms);
                                    time.update(|t| *t = (*t).min(end));
                                }
                            }
                        />
                    </label>
                }
            }).collect_view()}
            <button type="button" class="knob-reset" on:click=move |_| knobs.set(defaults)>"Preset values"</button>
        </fieldset>
    }
}

/// The live diagram of a CronJob pattern: its knobs above the [`CronRunDiagram`] of the run they
/// build. The diagram opens at the end of the span.
#[component]
pub fn CronLiveDiagram(
    preset: CronPreset,
    /// The knob values to start from instead of the pattern's presets.
    #[prop(optional)]
    initial: Option<CronKnobs>,
) -> impl IntoView {
    let knobs = RwSignal::new(initial.unwrap_or_else(|| CronKnobs::default_for(preset)));
    let run = Memo::new(move |_| CronRun::new(preset, knobs.get()));
    // Opens at the end of the span so the whole story is visible; Reset or Play replays it.
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
        <CronRunDiagram run=run time=time playing=playing class="live-diagram cron-diagram" ids="cron">
            <CronKnobPanel preset=preset knobs=knobs run=run time=time/>
        </CronRunDiagram>
    }
}

/// The diagram of a CronJob `run` at `time`: the player, the controller panel with the
/// CronJob's status and events, the status line and the SVG with its tooltips and legend. The
/// guide's [`CronLiveDiagram`] and the lab's CronJob both draw through it.
#[component]
pub fn CronRunDiagram(
    /// What to draw.
    run: Memo<CronRun>,
    /// The moment shown, moved by the player.
    time: RwSignal<Millis>,
    /// Whether the player is playing.
    playing: RwSignal<bool>,
    /// The root element's class.
    class: &'static str,
    /// The prefix of the ids in the diagram (`{ids}-controller-title`, the SVG's patterns),
    /// unique on its page.
    ids: &'static str,
    /// Shown above the player (the guide's knobs).
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let reduced = super::prefers_reduced_motion();
    let sink = crate::events::Sink::current();
    let scroll = NodeRef::<leptos::html::Div>::new();
    let width = super::box_width(scroll);
    let layout = Memo::new(move |_| Layout::for_width(width.get()));
    let drawing = Memo::new(move |_| run.with(|r| r.drawing(time.get(), layout.get())));
    // The panel, the events and the status change a few times in a run, not every frame.
    let panel = Memo::new(move |_| {
        drawing.with(|d| d.as_ref().map(|d| d.panel.clone()).unwrap_or_default())
    });
    let events = Memo::new(move |_| {
        drawing.with(|d| d.as_ref().map(|d| d.events.clone()).unwrap_or_default())
    });
    let status = Memo::new(move |_| {
        drawing.with(|d| match d {
            Ok(d) => d.status.clone(),
            Err(e) => format!("The pattern could not run: {e}"),
        })
    });
    let height = Memo::new(move |_| drawing.with(|d| d.as_ref().map_or(LANE_H, |d| d.height)));
    let view_w = move || layout.with(|l| l.width);
    // The roving tab stop: the item last focused, or the schedule row when that is not drawn.
    let active = RwSignal::new(Item::Lane(0));
    let stop_item = Memo::new(move |_| {
        let a = active.get();
        drawing.with(|d| d.as_ref().map_or(Item::Lane(0), |d| nav::tab_stop(d, a)))
    });
    let stop = Selector::new(move || stop_item.get());
    let moved = Callback::new(move |(from, mv)| {
        drawing.with_untracked(|d| d.as_ref().ok().and_then(|d| nav::moved(d, from, mv)))
    });
    let key_sink = sink.clone();
    let on_key =
        Callback::new(move |ev| player::diagram_key(ev, run, time, playing, reduced, &key_sink));
    let title_id = format!("{ids}-controller-title");
    let labelled_by = title_id.clone();
    let swatch = move |class: SegClass| {
        view! {
            <svg class="key-svg" width="16" height="11" aria-hidden="true">
                <g class=class.class()>
                    <rect x="0.5" y="0.5" width="15" height="10" rx="2" fill=svg::pattern_fill(ids, class)></rect>
                </g>
            </svg>
        }
    };
    view! {
        <div class=class>
            {children.map(|c| c())}
            <player::Player run=run time=time playing=playing reduced=reduced sink=sink/>
            <div class="diagram-grid">
                <section class="controller" aria-labelledby=labelled_by>
                    <h3 id=title_id>"CronJob controller"</h3>
                    <dl class="panel">
                        {move || panel.with(|p| p.iter().map(|r| view! {
                            <div class="panel-row"><dt>{r.name}</dt><dd>{r.value.clone()}</dd></div>
                        }).collect_view())}
                    </dl>
                    <h4>"Events"</h4>
                    <ol class="conditions cron-events">
                        {move || events.with(|events| {
                            if events.is_empty() {
                                return view! { <li class="muted">"none yet"</li> }.into_any();
                            }
                            // The newest eight: a long run's log would push the diagram away.
                            let skip = events.len().saturating_sub(8);
                            events.iter().skip(skip).map(|(at, reason, message)| view! {
                                <li><strong>{reason.clone()}</strong>" "<span class="muted">{format!("at {at}: {message}")}</span></li>
                            }).collect_view().into_any()
                        })}
                    </ol>
                </section>
                <div class="diagram-main">
                    <p class="diagram-status" role="status">{move || status.get()}</p>
                    <super::canvas::Canvas
                        scroll=scroll
                        width=Signal::derive(view_w)
                        height=height.into()
                        label="The CronJob's scheduled times, its Jobs and their Pods on a time axis"
                        ids=ids
                        active=active
                        moved=moved
                        on_key=on_key
                        redraw=Signal::derive(move || drawing.track())
                    >
                        {body(drawing, ids, stop)}
                    </super::canvas::Canvas>
                    <p class="legend" aria-hidden="true">
                        <span class="key">{swatch(SegClass::Running)}"Job active / Pod running"</span>
                        <span class="key">{swatch(SegClass::Succeeded)}"Complete, kept"</span>
                        <span class="key">{swatch(SegClass::Failed)}"Failed, kept"</span>
                        <span class="key">{swatch(SegClass::Pending)}"Pending / suspended"</span>
                        <span class="key">{swatch(SegClass::Terminating)}"Terminating / controller down"</span>
                    </p>
                    <p class="legend cron-legend">
                        "Scheduled times: "<strong>"run"</strong>" a Job was created on time, "
                        <strong>"late"</strong>" created later, "<strong>"skip"</strong>" Forbid waited, "
                        <strong>"miss"</strong>" no Job for that time."
                    </p>
                </div>
            </div>
        </div>
    }
}

/// The drawing memo of a CronJob diagram: `Err` when the pattern could not run.
type CronMemo = Memo<Result<CronDrawing, String>>;

/// The SVG content of the drawing in `drawing`, kept up to date in place (keyed by position, as
/// the model only appends as time moves forward); `ids` prefixes the pattern ids (see
/// [`svg::defs`]) and `stop` says which item is the tab stop.
fn body(drawing: CronMemo, ids: &'static str, stop: Selector<Item>) -> impl IntoView {
    let rows = derived(drawing, |d| d.as_ref().map_or(0, |d| d.rows.len()));
    let bands = derived(drawing, |d| d.as_ref().map_or(0, |d| d.bands.len()));
    let width = derived(drawing, |d| d.as_ref().map_or(0.0, |d| d.layout.width));
    let axis_y = derived(drawing, |d| d.as_ref().map_or(0.0, |d| d.height - AXIS_H));
    let now_x = derived(drawing, |d| d.as_ref().map_or(0.0, |d| d.now_x));
    // The axis changes with the layout and the height (a new row), so it is redrawn whole then.
    let axis = derived(drawing, |d| {
        d.as_ref().ok().map(|d| {
            (
                d.ticks.clone(),
                d.height - AXIS_H,
                d.layout.plot_x0,
                d.layout.plot_x1,
            )
        })
    });
    let row_stop = stop.clone();
    view! {
        <g class="axis" aria-hidden="true">
            {move || axis.with(|a| a.as_ref().map(|(ticks, axis_y, x0, x1)| {
                let axis_y = *axis_y;
                let ticks = ticks.iter().map(|t| view! {
                    <line class="grid" x1=t.x x2=t.x y1="0" y2=axis_y></line>
                    <text class="tick" x=t.x y=axis_y + 20.0 text-anchor="middle">{t.text.clone()}</text>
                }).collect_view();
                view! {
                    {ticks}
                    <line class="axis-line" x1=*x0 x2=*x1 y1=axis_y y2=axis_y></line>
                }
            }))}
        </g>
        <For each=move || 0..rows.get() key=|i| *i children=move |i| row_view(drawing, i, width, ids, row_stop.clone())/>
        <For each=move || 0..bands.get() key=|k| *k children=move |k| band_view(drawing, k, ids, stop.clone())/>
        <line class="now" x1=move || now_x.get() x2=move || now_x.get() y1="0" y2=move || axis_y.get() aria-hidden="true"></line>
    }
}

/// Row `i`: its label group, then its segments and markers.
fn row_view(
    drawing: CronMemo,
    i: usize,
    width: Memo<f64>,
    ids: &'static str,
    stop: Selector<Item>,
) -> impl IntoView {
    let row = part(drawing, move |d| {
        d.as_ref().ok().and_then(|d| d.rows.get(i))
    });
    let get = move |f: fn(&CronRow) -> f64| row.with(|r| r.as_ref().map_or(0.0, f));
    let kind = derived(row, |r| r.as_ref().map_or(RowKind::Pod, |r| r.kind));
    let deleted = move || row.with(|r| r.as_ref().is_some_and(|r| r.deleted).to_string());
    let segs = derived(row, |r| r.as_ref().map_or(0, |r| r.segments.len()));
    let marks = derived(row, |r| r.as_ref().map_or(0, |r| r.markers.len()));
    let item = Item::Lane(i);
    let (seg_stop, mark_stop) = (stop.clone(), stop.clone());
    view! {
        <g
            class="lane cron-row"
            data-kind=move || match kind.get() {
                RowKind::Schedule => "schedule",
                RowKind::Controller => "controller",
                RowKind::Job => "job",
                RowKind::Pod => "pod",
            }
            data-deleted=deleted
            tabindex=move || svg::tabindex(&stop, item)
            role="group"
            aria-label=move || row.with(|r| r.as_ref().map(|r| r.label.clone()).unwrap_or_default())
            data-item=item.attr()
            data-tx=LANE_X
            data-ty=move || get(|r| r.y)
        >
            <rect class="lane-bg" x="0" y=move || get(|r| r.y) width=move || width.get() height=LANE_H></rect>
            <text class="lane-text" x=move || if kind.get() == RowKind::Pod { 14.0 } else { 6.0 } y=move || get(|r| r.y + LANE_H / 2.0 + 4.0) aria-hidden="true">
                {move || row.with(|r| r.as_ref().map(|r| r.text.clone()).unwrap_or_default())}
            </text>
        </g>
        <g class="lane-items" data-deleted=deleted>
            <For each=move || 0..segs.get() key=|j| *j children=move |j| segment_view(row, i, j, ids, seg_stop.clone())/>
            <For each=move || 0..marks.get() key=|j| *j children=move |j| marker_view(row, i, j, mark_stop.clone())/>
        </g>
    }
}

/// Segment `j` of row `i`.
fn segment_view(
    row: Memo<Option<CronRow>>,
    i: usize,
    j: usize,
    ids: &'static str,
    stop: Selector<Item>,
) -> impl IntoView {
    let seg = part(row, move |r| r.as_ref().and_then(|r| r.segments.get(j)));
    let y = derived(row, |r| r.as_ref().map_or(0.0, |r| r.y));
    let get = move |f: fn(&SegShape) -> f64| seg.with(|s| s.as_ref().map_or(0.0, f));
    let class = derived(seg, |s| s.as_ref().map_or(SegClass::Pending, |s| s.class));
    let item = Item::Segment(i, j);
    view! {
        <g
            class=move || class.get().class()
            tabindex=move || svg::tabindex(&stop, item)
            role="img"
            aria-label=move || seg.with(|s| s.as_ref().map(|s| s.label.clone()).unwrap_or_default())
            data-item=item.attr()
            data-tx=move || get(|s| s.x)
            data-ty=move || y.get()
        >
            <rect x=move || get(|s| s.x) y=move || y.get() + 8.0 width=move || get(|s| s.w) height=LANE_H - 16.0 rx="3"
                fill=move || svg::pattern_fill(ids, class.get())></rect>
        </g>
    }
}

/// The shape of a marker of `kind` at (`x`, `cy`): each kind has its own shape and word, so none
/// differ by colour alone.
fn marker_shape(kind: CronMarkerKind, x: f64, cy: f64) -> AnyView {
    match kind {
        CronMarkerKind::Started | CronMarkerKind::Exit { code: 0 } => {
            view! { <circle cx=x cy=cy r="6"></circle> }.into_any()
        }
        CronMarkerKind::StartedLate => {
            view! { <circle cx=x cy=cy r="6" stroke-dasharray="3 2"></circle> }.into_any()
        }
        CronMarkerKind::Skipped | CronMarkerKind::Exit { .. } => {
            view! { <rect x=x - 5.5 y=cy - 5.5 width="11" height="11" rx="1.5"></rect> }.into_any()
        }
        CronMarkerKind::Missed | CronMarkerKind::Deleted => view! {
            <polygon points=format!("{x},{} {},{cy} {x},{} {},{cy}", cy - 7.0, x + 7.0, cy + 7.0, x - 7.0)></polygon>
        }
        .into_any(),
    }
}

/// Marker `j` of row `i`. A marker marks a moment that has passed, so its inside is rebuilt
/// whole in the rare case that it changes (another run); the group itself stays.
fn marker_view(
    row: Memo<Option<CronRow>>,
    i: usize,
    j: usize,
    stop: Selector<Item>,
) -> impl IntoView {
    let mark = part(row, move |r| r.as_ref().and_then(|r| r.markers.get(j)));
    let geometry = derived(row, |r| {
        r.as_ref()
            .map_or((0.0, false), |r| (r.y, r.kind == RowKind::Schedule))
    });
    let item = Item::Marker(i, j);
    view! {
        <g
            class=move || mark.with(|m| m.as_ref().map_or("marker", |m| m.kind.class()))
            tabindex=move || svg::tabindex(&stop, item)
            role="img"
            aria-label=move || mark.with(|m| m.as_ref().map(|m| m.label.clone()).unwrap_or_default())
            data-item=item.attr()
            data-tx=move || mark.with(|m| m.as_ref().map_or(0.0, |m| m.x))
            data-ty=move || geometry.get().0
        >
            {move || mark.with(|m| m.as_ref().map(|m: &CronMarker| {
                let (y, schedule) = geometry.get();
                // On the schedule row the word sits under the shape; on a Job or Pod row, after it.
                let (cy, text_x, text_y, anchor) = if schedule {
                    (y + 11.0, m.x, y + LANE_H - 3.0, "middle")
                } else {
                    let mid = y + LANE_H / 2.0;
                    (mid, m.x + 9.0, mid + 4.0, "start")
                };
                view! {
                    {marker_shape(m.kind, m.x, cy)}
                    <text x=text_x y=text_y text-anchor=anchor aria-hidden="true">{m.text.clone()}</text>
                }
            }))}
        </g>
    }
}

/// Suspended or controller-down band `k`.
fn band_view(
    drawing: CronMemo,
    k: usize,
    ids: &'static str,
    stop: Selector<Item>,
) -> impl IntoView {
    let band = part(drawing, move |d| {
        d.as_ref().ok().and_then(|d| d.bands.get(k))
    });
    let get = move |f: fn(&Band) -> f64| band.with(|b| b.as_ref().map_or(0.0, f));
    let item = Item::Band(k);
    view! {
        <g
            class=move || band.with(|b| b.as_ref().map_or("band", |b| b.kind.class()))
            tabindex=move || svg::tabindex(&stop, item)
            role="img"
            aria-label=move || band.with(|b| b.as_ref().map(|b| b.label.clone()).unwrap_or_default())
            data-item=item.attr()
            data-tx=move || get(|b| b.x)
            data-ty=move || get(|b| b.y)
        >
            <rect x=move || get(|b| b.x) y=move || get(|b| b.y) + 7.0 width=move || get(|b| b.w) height=LANE_H - 14.0 rx="3"
                fill=move || band.with(|b| b.as_ref().map(|b| svg::pattern_fill(ids, b.kind.pattern_of())).unwrap_or_default())></rect>
            {move || band.with(|b| b.as_ref().filter(|b| !b.text.is_empty()).map(|b| view! {
                <text class="band-text" x=b.x + 4.0 y=b.y + LANE_H / 2.0 + 4.0 aria-hidden="true">{b.text.clone()}</text>
            }))}
        </g>
    }
}
