//! A live CronJob diagram: a recorded CronJob controller simulation (a guide pattern's, or the
//! lab's pasted CronJob), drawn at the moment the player picks, with the same player, canvas,
//! tooltips, roving tab stop and forced-colours patterns as the Job diagrams
//! ([`super::RunDiagram`]). The drawing model is `joblab_core::draw::cronjob`.
//!
//! The SVG is redrawn from the drawing whenever it changes (see [`body`]); the redraw patches
//! elements of the same shape in place, and the canvas gives an item whose element a redraw
//! replaced (a row that appeared or went) its focus back, so the focus survives playing.

use std::sync::Arc;

use joblab_core::draw::cronjob::{self, Band, CronDrawing, CronMarkerKind, CronRow, RowKind};
use joblab_core::draw::{Layout, SegClass, AXIS_H, LANE_H};
use joblab_core::patterns::cronjob::{CronKnob, CronKnobs, CronPreset, CronReplay};
use joblab_core::sim::cronjob::CronJobSimulation;
use joblab_core::sim::Millis;
use leptos::prelude::*;

use super::nav::{self, Item};
use super::player::{self, Timeline};
use super::svg;

/// A recorded CronJob run the diagram plays: the simulation at any instant.
pub trait CronRecording: Send + Sync {
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
#[derive(Clone)]
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

/// Names the run, not its recording: printing a whole simulation would cost the page the code
/// of every simulation type's `Debug`, which a trait object's table would pull in.
impl std::fmt::Debug for CronRun {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CronRun")
            .field("key", &self.key)
            .field("end_ms", &self.end_ms)
            .finish_non_exhaustive()
    }
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
    /// The pattern and knob values of a guide pattern's run; `None` for any other recording.
    pub fn key(&self) -> Option<(CronPreset, CronKnobs)> {
        self.key
    }

    /// The wall-clock instant the run starts at, in Unix seconds.
    pub fn start_unix_seconds(&self) -> i64 {
        self.start_unix_seconds
    }

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
    let height = Memo::new(move |_| drawing.with(|d| d.as_ref().map_or(LANE_H, |d| d.height)));
    let view_w = move || layout.with(|l| l.width);
    // The roving tab stop: the item last focused, or the schedule row when that is not drawn.
    let active = RwSignal::new(Item::Lane(0));
    let stop = Memo::new(move |_| {
        let a = active.get();
        drawing.with(|d| d.as_ref().map_or(Item::Lane(0), |d| nav::tab_stop(d, a)))
    });
    let moved = Callback::new(move |(from, mv)| {
        drawing.with_untracked(|d| d.as_ref().ok().and_then(|d| nav::moved(d, from, mv)))
    });
    let key_sink = sink.clone();
    let on_key =
        Callback::new(move |ev| player::diagram_key(ev, run, time, playing, reduced, &key_sink));
    let title_id = format!("{ids}-controller-title");
    let labelled_by = title_id.clone();
    let swatch = move |class: SegClass| svg::swatch(ids, class);
    view! {
        <div class=class>
            {children.map(|c| c())}
            <player::Player run=run time=time playing=playing reduced=reduced sink=sink/>
            <super::picture::cron::CronPictureControl run=run time=time ids=ids/>
            <div class="diagram-grid">
                <section class="controller" aria-labelledby=labelled_by>
                    <h3 id=title_id>"CronJob controller"</h3>
                    <dl class="panel">
                        {move || drawing.with(|d| d.as_ref().ok().map(|d| d.panel.iter().map(|r| view! {
                            <div class="panel-row"><dt>{r.name}</dt><dd>{r.value.clone()}</dd></div>
                        }).collect_view()))}
                    </dl>
                    <h4>"Events"</h4>
                    <ol class="conditions cron-events">
                        {move || drawing.with(|d| {
                            let events = d.as_ref().map_or(&[][..], |d| &d.events[..]);
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
                    <p class="diagram-status" role="status">{move || drawing.with(|d| match d {
                        Ok(d) => d.status.clone(),
                        Err(e) => format!("The pattern could not run: {e}"),
                    })}</p>
                    <super::canvas::Canvas
                        scroll=scroll
                        active=active
                        stop=stop
                        moved=moved
                        on_key=on_key
                        redraw=Signal::derive(move || drawing.track())
                    >
                        <svg
                            class="diagram-svg"
                            width=view_w
                            height=move || height.get()
                            viewBox=move || format!("0 0 {} {}", view_w(), height.get())
                            role="group"
                            aria-label="The CronJob's scheduled times, its Jobs and their Pods on a time axis"
                        >
                            {svg::defs(ids)}
                            {body(drawing, ids, stop)}
                        </svg>
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

/// The SVG content of the drawing in `drawing`, redrawn from the whole drawing when it changes
/// (a few dozen rows at most, and far less code than keying each item as the Job diagram does,
/// `super::svg`). The redraw patches the elements it had in place where the view has the same
/// shape (tachys compares each attribute and text), so a tick of a playing run rewrites the
/// stretches that grew and keeps the focused element; `e2e/cronjobs.spec.mjs` checks that the
/// focused element survives playing. `ids` prefixes the pattern ids (see [`svg::defs`]) and
/// `stop` is the tab stop. A focused item whose element a redraw replaces gets the focus back
/// from the canvas (`super::canvas`).
fn body(drawing: CronMemo, ids: &'static str, stop: Memo<Item>) -> impl IntoView {
    move || {
        drawing.with(|d| d.as_ref().ok().map(|d| {
        let axis_y = d.height - AXIS_H;
        let ticks = d.ticks.iter().map(|t| view! {
            <line class="grid" x1=t.x x2=t.x y1="0" y2=axis_y></line>
            <text class="tick" x=t.x y=axis_y + 20.0 text-anchor="middle">{t.text.clone()}</text>
        }).collect_view();
        view! {
            <g class="axis" aria-hidden="true">
                {ticks}
                <line class="axis-line" x1=d.layout.plot_x0 x2=d.layout.plot_x1 y1=axis_y y2=axis_y></line>
            </g>
            {d.rows.iter().enumerate().map(|(i, r)| row_view(r, i, ids, stop)).collect_view()}
            {d.bands.iter().enumerate().map(|(k, b)| band_view(b, k, ids, stop)).collect_view()}
            <line class="now" x1=d.now_x x2=d.now_x y1="0" y2=axis_y aria-hidden="true"></line>
        }
    }))
    }
}

/// Row `i`: its label group, then its segments and markers.
fn row_view(row: &CronRow, i: usize, ids: &'static str, stop: Memo<Item>) -> impl IntoView {
    let y = row.y;
    let mid = y + LANE_H / 2.0;
    let schedule = row.kind == RowKind::Schedule;
    let kind = match row.kind {
        RowKind::Schedule => "schedule",
        RowKind::Controller => "controller",
        RowKind::Job => "job",
        RowKind::Pod => "pod",
    };
    let segs = row
        .segments
        .iter()
        .enumerate()
        .map(|(j, s)| {
            let item = Item::Segment(i, j);
            view! {
                <g class=s.class.class() tabindex=svg::tabindex(stop, item) role="img" aria-label=s.label.clone()
                    data-item=item.attr()>
                    <rect x=s.x y=y + 8.0 width=s.w height=LANE_H - 16.0 rx="3" fill=svg::pattern_fill(ids, s.class)></rect>
                </g>
            }
        })
        .collect_view();
    let marks = row
        .markers
        .iter()
        .enumerate()
        .map(|(j, m)| {
            let item = Item::Marker(i, j);
            // On the schedule row the word sits under the shape; on a Job or Pod row, after it.
            let (cy, text_x, text_y, anchor) = if schedule {
                (y + 11.0, m.x, y + LANE_H - 3.0, "middle")
            } else {
                (mid, m.x + 9.0, mid + 4.0, "start")
            };
            view! {
                <g class=m.kind.class() tabindex=svg::tabindex(stop, item) role="img" aria-label=m.label.clone()
                    data-item=item.attr()>
                    {marker_shape(m.kind, m.x, cy)}
                    <text x=text_x y=text_y text-anchor=anchor aria-hidden="true">{m.text.clone()}</text>
                </g>
            }
        })
        .collect_view();
    let item = Item::Lane(i);
    let indent = if row.kind == RowKind::Pod { 14.0 } else { 6.0 };
    let deleted = row.deleted.to_string();
    view! {
        // The background spans the SVG, which is as wide as the layout.
        <g class="lane cron-row" data-kind=kind data-deleted=deleted.clone() tabindex=svg::tabindex(stop, item) role="group"
            aria-label=row.label.clone() data-item=item.attr()>
            <rect class="lane-bg" x="0" y=y width="100%" height=LANE_H></rect>
            <text class="lane-text" x=indent y=mid + 4.0 aria-hidden="true">{row.text.clone()}</text>
        </g>
        <g class="lane-items" data-deleted=deleted>{segs}{marks}</g>
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

/// Suspended or controller-down band `k`.
fn band_view(b: &Band, k: usize, ids: &'static str, stop: Memo<Item>) -> impl IntoView {
    let item = Item::Band(k);
    view! {
        <g class=b.kind.class() tabindex=svg::tabindex(stop, item) role="img" aria-label=b.label.clone()
            data-item=item.attr()>
            <rect x=b.x y=b.y + 7.0 width=b.w height=LANE_H - 14.0 rx="3"
                fill=svg::pattern_fill(ids, b.kind.pattern_of())></rect>
            {(!b.text.is_empty()).then(|| view! {
                <text class="band-text" x=b.x + 4.0 y=b.y + LANE_H / 2.0 + 4.0 aria-hidden="true">{b.text.clone()}</text>
            })}
        </g>
    }
}
