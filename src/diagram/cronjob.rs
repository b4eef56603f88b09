//! A live CronJob diagram: the CronJob controller simulation of one pattern, drawn at the moment
//! the player picks, with the same player, tooltips, keys and forced-colours patterns as the Job
//! diagrams ([`super::RunDiagram`]). The drawing model is `joblab_core::draw::cronjob`.

use std::sync::Arc;

use joblab_core::draw::cronjob::{self, CronDrawing, CronMarkerKind, RowKind};
use joblab_core::draw::{Layout, SegClass, AXIS_H, LANE_H};
use joblab_core::patterns::cronjob::{CronKnob, CronKnobs, CronPreset, CronReplay};
use joblab_core::sim::Millis;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use super::player::{self, Timeline};
use super::svg;

/// One recorded run of a CronJob pattern with given knob values.
#[derive(Clone, Debug)]
pub struct CronRun {
    /// The pattern.
    pub preset: CronPreset,
    /// The knob values it was built from (runs are equal when these are).
    pub knobs: CronKnobs,
    /// The recording. The CronJob simulation holds its schedule behind an `Rc`, so the
    /// recording is wrapped for Leptos's thread-safe signals; the page has one thread.
    replay: Arc<SendWrapper<Result<CronReplay, String>>>,
    end_ms: Millis,
    key_times: Vec<Millis>,
    start_unix_seconds: i64,
}

impl PartialEq for CronRun {
    fn eq(&self, other: &Self) -> bool {
        self.preset == other.preset && self.knobs == other.knobs
    }
}

impl CronRun {
    /// Simulates `preset` with `knobs` over its span.
    pub fn new(preset: CronPreset, knobs: CronKnobs) -> CronRun {
        let replay = joblab_core::patterns::cronjob::record(preset, &knobs);
        let (end_ms, key_times, start_unix_seconds) = match &replay {
            Ok(r) => (
                r.span_ms(),
                cronjob::key_times(r.end()),
                r.end().start_unix_seconds(),
            ),
            Err(_) => (preset.span_ms(), Vec::new(), 0),
        };
        CronRun {
            preset,
            knobs,
            replay: Arc::new(SendWrapper::new(replay)),
            end_ms,
            key_times,
            start_unix_seconds,
        }
    }

    /// The drawing at `t` in `layout`; `Err` only if the pattern's schedule did not parse.
    pub fn drawing(&self, t: Millis, layout: Layout) -> Result<CronDrawing, String> {
        match &**self.replay {
            Ok(r) => Ok(cronjob::cron_drawing(
                &r.at(t.min(self.end_ms)),
                false,
                r.span_ms(),
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

/// The live diagram of a CronJob pattern: knobs, player, the controller panel with the
/// CronJob's status and events, the status line and the SVG.
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
    let ready_sink = sink.clone();
    Effect::new(move |_| {
        let end_ms = run.with_untracked(|r| r.end_ms);
        ready_sink.emit(&crate::events::HostEvent::Ready {
            end_ms: Some(end_ms),
        });
    });
    let scroll = NodeRef::<leptos::html::Div>::new();
    let width = super::box_width(scroll);
    let layout = Memo::new(move |_| Layout::for_width(width.get()));
    let drawing = Memo::new(move |_| run.with(|r| r.drawing(time.get(), layout.get())));
    let tip = RwSignal::new(None::<svg::Tip>);
    let reduced = super::prefers_reduced_motion();
    let ids = "cron";
    let height = move || drawing.with(|d| d.as_ref().map_or(LANE_H, |d| d.height));
    let view_w = move || layout.with(|l| l.width);
    let on_tip = move |ev: web_sys::Event| {
        let (w, h) = (view_w(), height());
        tip.set(svg::tip_for(ev.target(), w, h))
    };
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
        <div class="live-diagram cron-diagram">
            <CronKnobPanel preset=preset knobs=knobs run=run time=time/>
            <player::Player run=run time=time playing=playing reduced=reduced sink=sink.clone()/>
            <super::picture::cron::CronPictureControl run=run time=time/>
            <div class="diagram-grid">
                <section class="controller" aria-labelledby="cron-controller-title">
                    <h3 id="cron-controller-title">"CronJob controller"</h3>
                    <dl class="panel">
                        {move || drawing.with(|d| d.as_ref().ok().map(|d| d.panel.iter().map(|r| view! {
                            <div class="panel-row"><dt>{r.name}</dt><dd>{r.value.clone()}</dd></div>
                        }).collect_view()))}
                    </dl>
                    <h4>"Events"</h4>
                    <ol class="conditions cron-events">
                        {move || drawing.with(|d| {
                            let events = d.as_ref().map(|d| d.events.clone()).unwrap_or_default();
                            if events.is_empty() {
                                return view! { <li class="muted">"none yet"</li> }.into_any();
                            }
                            // The newest eight: a long run's log would push the diagram away.
                            let skip = events.len().saturating_sub(8);
                            events.into_iter().skip(skip).map(|(at, reason, message)| view! {
                                <li><strong>{reason}</strong>" "<span class="muted">{format!("at {at}: {message}")}</span></li>
                            }).collect_view().into_any()
                        })}
                    </ol>
                </section>
                <div class="diagram-main">
                    <p class="diagram-status" role="status">{move || drawing.with(|d| match d {
                        Ok(d) => d.status.clone(),
                        Err(e) => format!("The pattern could not run: {e}"),
                    })}</p>
                    <div
                        class="diagram-scroll"
                        node_ref=scroll
                        on:keydown=move |ev| player::diagram_key(ev, run, time, playing, reduced, &sink)
                    >
                        <div class="diagram-canvas"
                            on:focusin=move |ev| on_tip(ev.into())
                            on:mouseover=move |ev| on_tip(ev.into())
                            on:focusout=move |_| tip.set(None)
                            on:mouseleave=move |_| tip.set(None)
                        >
                            <svg
                                class="diagram-svg"
                                width=view_w
                                height=height
                                viewBox=move || format!("0 0 {} {}", view_w(), height())
                                role="group"
                                aria-label="The CronJob's scheduled times, its Jobs and their Pods on a time axis"
                            >
                                {svg::defs(ids)}
                                {move || drawing.with(|d| d.as_ref().ok().map(|d| body(d, ids)))}
                            </svg>
                            {move || tip.get().map(|t| view! {
                                <div class="diagram-tip" role="tooltip" style:left=format!("{:.2}%", t.left) style:top=format!("{:.2}%", t.top)>
                                    {t.text}
                                </div>
                            })}
                        </div>
                    </div>
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

/// The SVG content of `d`; `ids` prefixes the pattern ids (see [`svg::defs`]).
fn body(d: &CronDrawing, ids: &'static str) -> impl IntoView {
    let h = d.height;
    let width = d.layout.width;
    let axis_y = h - AXIS_H;
    let ticks = d
        .ticks
        .iter()
        .map(|t| {
            view! {
                <line class="grid" x1=t.x x2=t.x y1="0" y2=axis_y></line>
                <text class="tick" x=t.x y=axis_y + 20.0 text-anchor="middle">{t.text.clone()}</text>
            }
        })
        .collect_view();
    let bands = d
        .bands
        .iter()
        .map(|b| {
            let y = b.y;
            view! {
                <g class=b.kind.class() tabindex="0" role="img" aria-label=b.label.clone() data-tx=b.x data-ty=y>
                    <rect x=b.x y=y + 7.0 width=b.w height=LANE_H - 14.0 rx="3"
                        fill=svg::pattern_fill(ids, b.kind.pattern_of())></rect>
                    {(!b.text.is_empty()).then(|| view! {
                        <text class="band-text" x=b.x + 4.0 y=y + LANE_H / 2.0 + 4.0 aria-hidden="true">{b.text.clone()}</text>
                    })}
                </g>
            }
        })
        .collect_view();
    let rows = d
        .rows
        .iter()
        .map(|row| {
            let y = row.y;
            let mid = y + LANE_H / 2.0;
            let kind = match row.kind {
                RowKind::Schedule => "schedule",
                RowKind::Controller => "controller",
                RowKind::Job => "job",
                RowKind::Pod => "pod",
            };
            let segs = row
                .segments
                .iter()
                .map(|s| {
                    view! {
                        <g class=s.class.class() tabindex="0" role="img" aria-label=s.label.clone() data-tx=s.x data-ty=y>
                            <rect x=s.x y=y + 8.0 width=s.w height=LANE_H - 16.0 rx="3" fill=svg::pattern_fill(ids, s.class)></rect>
                        </g>
                    }
                })
                .collect_view();
            let marks = row
                .markers
                .iter()
                .map(|m| {
                    let (x, cy) = (m.x, if row.kind == RowKind::Schedule { y + 11.0 } else { mid });
                    // Each kind has its own shape and word, so none differ by colour alone.
                    let shape = match m.kind {
                        CronMarkerKind::Started | CronMarkerKind::Exit { code: 0 } => {
                            view! { <circle cx=x cy=cy r="6"></circle> }.into_any()
                        }
                        CronMarkerKind::StartedLate => view! {
                            <circle cx=x cy=cy r="6" stroke-dasharray="3 2"></circle>
                        }
                        .into_any(),
                        CronMarkerKind::Skipped | CronMarkerKind::Exit { .. } => view! {
                            <rect x=x - 5.5 y=cy - 5.5 width="11" height="11" rx="1.5"></rect>
                        }
                        .into_any(),
                        CronMarkerKind::Missed | CronMarkerKind::Deleted => view! {
                            <polygon points=format!("{x},{} {},{cy} {x},{} {},{cy}", cy - 7.0, x + 7.0, cy + 7.0, x - 7.0)></polygon>
                        }
                        .into_any(),
                    };
                    let text_y = if row.kind == RowKind::Schedule { y + LANE_H - 3.0 } else { cy + 4.0 };
                    let text_x = if row.kind == RowKind::Schedule { x } else { x + 9.0 };
                    let anchor = if row.kind == RowKind::Schedule { "middle" } else { "start" };
                    view! {
                        <g class=m.kind.class() tabindex="0" role="img" aria-label=m.label.clone() data-tx=m.x data-ty=y>
                            {shape}
                            <text x=text_x y=text_y text-anchor=anchor aria-hidden="true">{m.text.clone()}</text>
                        </g>
                    }
                })
                .collect_view();
            let indent = if row.kind == RowKind::Pod { 14.0 } else { 6.0 };
            view! {
                <g class="lane cron-row" data-kind=kind data-deleted=row.deleted.to_string() tabindex="0" role="group"
                    aria-label=row.label.clone() data-tx=4.0 data-ty=y>
                    <rect class="lane-bg" x="0" y=y width=width height=LANE_H></rect>
                    <text class="lane-text" x=indent y=mid + 4.0 aria-hidden="true">{row.text.clone()}</text>
                </g>
                <g class="lane-items" data-deleted=row.deleted.to_string()>{segs}{marks}</g>
            }
        })
        .collect_view();
    view! {
        <g class="axis" aria-hidden="true">
            {ticks}
            <line class="axis-line" x1=d.layout.plot_x0 x2=d.layout.plot_x1 y1=axis_y y2=axis_y></line>
        </g>
        {rows}
        {bands}
        <line class="now" x1=d.now_x x2=d.now_x y1="0" y2=axis_y aria-hidden="true"></line>
    }
}
