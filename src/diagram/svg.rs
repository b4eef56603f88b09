//! The SVG of one drawing: Pod lanes with segments and markers, backoff gaps, the time axis and
//! the "now" line. Every lane, segment, marker and gap is focusable and shows its tooltip on
//! hover and on keyboard focus (an SVG `<title>` alone never shows on focus); the diagram is one
//! tab stop, and the arrow keys move between its items (`super::nav`).
//!
//! A redraw changes only what changed. The SVG is built once and kept: lanes, segments, markers
//! and gaps are keyed by their position in the drawing model (`<For>` over index ranges), each
//! reads its own slice of the model through a memo that notifies only when that slice differs,
//! and every attribute is a closure that tachys writes only when its value differs. So a frame
//! of a playing 1 000-Pod run touches the Pods that changed (a running segment that grew, a Pod
//! that appeared) and nothing else, and a focused element is never replaced, so it keeps focus.
//! Keying by position is sound because the model only appends as time moves forward: Pods in
//! creation order, a Pod's segments and markers in time order, gaps in Pod order; an item whose
//! content changes at the same position (another run of the pattern) updates in place.
//!
//! One part is revealed instead: a stretch that is still going at the current time (a Pod still
//! running, or Succeeded or Failed since some moment) ends at the "now" line in the model, so it
//! would grow in every frame, and every Pod that ever existed has one. Such an open stretch is
//! drawn to the end of the axis, and the SVG of the items sits in a box that shows it only up to
//! the "now" line (`.diagram-reveal` in `super::RunDiagram`). The model itself is rebuilt only
//! when the run changed (`Run::last_change_at`): between two changes the model of the last one,
//! revealed up to the line, draws the same picture.
//!
//! What moves on every tick is kept out of this SVG, because Chromium repaints the whole of an
//! SVG when any part of it changes (a profile of a 200-Pod diagram showed paint, pre-paint and
//! layerize of the SVG as almost all of a tick once the wasm work was gone). The "now" line is
//! an HTML element and the reveal a box with `overflow: hidden`, both moved by `transform` on
//! their own compositor layers, so a tick where nothing happened repaints nothing; the axis and
//! the lane stripes, which the reveal must not hide, are a second SVG underneath ([`backdrop`]).
//!
//! A run change can touch every Pod at once (1 000 Pods that start together). Lanes are fed to
//! their views a slice per frame ([`LANES_PER_FRAME`]), so such a change takes a few frames
//! instead of one long task; a diagram with fewer changed lanes than that changes in one frame.
//!
//! Why not draw the whole run once and reveal all of it that way? The accessible names and the
//! tooltips say what is true at the current time ("Running since 0:05" becomes "Running 0:05 to
//! 0:15, exit code 0"), a Pod that does not exist yet must not be in the accessibility tree, and
//! lane labels follow the phase, so the revealed drawing would still need per-item updates: the
//! keyed update does that and nothing more.
//!
//! The SVG is drawn at one viewBox unit per CSS pixel, at the width of its box (the drawing
//! model's [`joblab_core::draw::Layout`]), so its text is never drawn smaller than the stylesheet
//! says. Colour is never the only difference: under `forced-colors: active` every segment kind
//! fills with its own pattern ([`PATTERNS`]) and every marker kind has its own shape or text.

use joblab_core::draw::lane_y;
use joblab_core::draw::{
    Drawing, Gap, Lane, Marker, MarkerKind, SegClass, SegShape, AXIS_H, LANE_H, TOP,
};
use leptos::prelude::*;

use super::nav::Item;

/// The tooltip to show: its text and where, as percentages of the drawing's box.
#[derive(Clone, Debug, PartialEq)]
pub struct Tip {
    /// The text (the same as the element's accessible name).
    pub text: String,
    /// Left edge of the anchor, percent of the width.
    pub left: f64,
    /// Top edge of the anchor, percent of the height.
    pub top: f64,
}

/// The tooltip for the focusable element at or around `target`: its `aria-label`, placed at the
/// element's top left corner, as percentages of the diagram's box (`.diagram-canvas`, which the
/// tooltip is placed in). One delegated handler serves every element, so a drawing of hundreds
/// of Pods adds no closures per element; the place comes from the element's geometry, so no item
/// carries anchor attributes (fewer strings to write per item, and no number to parse back).
pub fn tip_for(target: Option<web_sys::EventTarget>) -> Option<Tip> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = target?.dyn_into().ok()?;
    let el = el.closest("[data-item]").ok()??;
    let text = el.get_attribute("aria-label")?;
    let ours = el.get_bounding_client_rect();
    let canvas = el
        .closest(".diagram-canvas")
        .ok()??
        .get_bounding_client_rect();
    let percent = |v: f64, of: f64| (v / of.max(1.0) * 100.0).clamp(0.0, 100.0);
    Some(Tip {
        text,
        left: percent(ours.left() - canvas.left(), canvas.width()),
        top: percent(ours.top() - canvas.top(), canvas.height()),
    })
}

/// The fill patterns of the segment kinds, by the kind's pattern name: what each tile draws in the
/// current text colour. Used only under forced colours, where the stylesheet's colour fills are
/// off (style/diagram.css) and each segment's `fill` attribute names its pattern.
pub const PATTERNS: [(&str, &str); 6] = [
    // Pending: sparse diagonal hatching.
    (
        "pending",
        r#"<path d="M-1 9 L9 -1" stroke="currentColor" stroke-width="1.2"/>"#,
    ),
    // Running: solid.
    (
        "running",
        r#"<rect width="8" height="8" fill="currentColor"/>"#,
    ),
    // Waiting for the restart back-off: dots.
    (
        "crashloop",
        r#"<circle cx="4" cy="4" r="1.4" fill="currentColor"/>"#,
    ),
    // Terminating: horizontal stripes.
    (
        "terminating",
        r#"<path d="M0 2 H8 M0 6 H8" stroke="currentColor" stroke-width="1.2"/>"#,
    ),
    // Succeeded: hollow (the outline only).
    ("succeeded", ""),
    // Failed: cross-hatching.
    (
        "failed",
        r#"<path d="M0 0 L8 8 M8 0 L0 8" stroke="currentColor" stroke-width="1.2"/>"#,
    ),
];

/// The pattern name of a segment kind (a key of [`PATTERNS`]).
pub const fn pattern_name(class: SegClass) -> &'static str {
    match class {
        SegClass::Pending => "pending",
        SegClass::Running => "running",
        SegClass::CrashLoop => "crashloop",
        SegClass::Terminating => "terminating",
        SegClass::Succeeded => "succeeded",
        SegClass::Failed => "failed",
    }
}

/// The `fill` attribute of a segment of kind `class` in the diagram whose ids start with `ids`.
pub fn pattern_fill(ids: &str, class: SegClass) -> String {
    format!("url(#{ids}-{})", pattern_name(class))
}

/// The `<defs>` with the segment patterns, their ids prefixed by `ids` (unique on the page). The
/// tiles are set as inner HTML because they are this module's constants, never user text.
pub fn defs(ids: &'static str) -> impl IntoView {
    let patterns = PATTERNS
        .iter()
        .map(|(name, tile)| {
            view! {
                <pattern id=format!("{ids}-{name}") class="seg-pattern" data-pattern=*name
                    width="8" height="8" patternUnits="userSpaceOnUse" inner_html=*tile></pattern>
            }
        })
        .collect_view();
    view! { <defs>{patterns}</defs> }
}

/// A legend's swatch for segments of kind `class` in the diagram whose pattern ids start with
/// `ids`: drawn like the segments, so under forced colours it shows the same pattern.
pub fn swatch(ids: &'static str, class: SegClass) -> impl IntoView {
    view! {
        <svg class="key-svg" width="16" height="11" aria-hidden="true">
            <g class=class.class()>
                <rect x="0.5" y="0.5" width="15" height="10" rx="2" fill=pattern_fill(ids, class)></rect>
            </g>
        </svg>
    }
}

/// A memo of one part of `source`, found by `pick`, that notifies only when that part differs
/// (and costs no copy while it does not): what keeps a redraw to what changed.
fn part<S, T>(
    source: Memo<S>,
    pick: impl Fn(&S) -> Option<&T> + Send + Sync + 'static,
) -> Memo<Option<T>>
where
    S: Send + Sync + 'static,
    T: Clone + PartialEq + Send + Sync + 'static,
{
    Memo::new_owning(move |old: Option<Option<T>>| {
        source.with(|s| {
            let new = pick(s);
            match old {
                Some(old) if old.as_ref() == new => (old, false),
                _ => (new.cloned(), true),
            }
        })
    })
}

/// A memo of a value computed from `source`, notifying only when the value changes.
fn derived<S, T>(source: Memo<S>, f: impl Fn(&S) -> T + Send + Sync + 'static) -> Memo<T>
where
    S: Send + Sync + 'static,
    T: PartialEq + Send + Sync + 'static,
{
    Memo::new(move |_| source.with(&f))
}

/// The `tabindex` of `item` when it is drawn: `0` for the diagram's one tab stop, `-1` for the
/// rest. The canvas moves the tab stop in the page when it changes (`super::canvas`), so an item
/// needs no effect of its own for it.
pub(super) fn tabindex(stop: Memo<Item>, item: Item) -> &'static str {
    if stop.get_untracked() == item {
        "0"
    } else {
        "-1"
    }
}

/// The backdrop of the drawing in `drawing`, for the SVG under the revealed one: the time axis
/// with its grid and the lane stripes. None of it moves while time does, and none of it is
/// revealed: the axis shows the whole run from the start, and a stripe runs the width of the
/// diagram. It is decoration (`aria-hidden` on its SVG); the items are in [`body`].
pub fn backdrop(drawing: Memo<Drawing>, ids: &'static str) -> impl IntoView {
    // The axis changes with the layout and with the height (a new Pod), never while time moves
    // otherwise, so it is redrawn whole when it changes: a few dozen nodes at most.
    let axis = derived(drawing, |d| {
        (
            d.ticks.clone(),
            d.height - AXIS_H,
            d.layout.plot_x0,
            d.layout.plot_x1,
        )
    });
    // Every other lane is striped so lanes read apart (as draw::export's pictures are). Lanes
    // are contiguous rows from `TOP` down, so the stripes are one rectangle filled with a
    // two-lane tile: adding Pods changes its height, not the number of nodes (a node per lane
    // made a 1 000-Pod run change rebuild a thousand of them).
    let stripes = derived(drawing, |d| (d.layout.width, d.lanes.len()));
    let tile = format!("{ids}-stripes");
    let fill = format!("url(#{tile})");
    view! {
        <defs>
            <pattern id=tile patternUnits="userSpaceOnUse" x="0" y=TOP
                width=move || stripes.get().0 height=2.0 * LANE_H>
                <rect class="lane-stripe" x="0" y="0" width=move || stripes.get().0 height=LANE_H></rect>
                <rect class="lane-stripe lane-alt" x="0" y=LANE_H width=move || stripes.get().0 height=LANE_H></rect>
            </pattern>
        </defs>
        <g class="axis">
            {move || axis.with(|(ticks, axis_y, x0, x1)| {
                let axis_y = *axis_y;
                let ticks = ticks.iter().map(|t| view! {
                    <line class="grid" x1=t.x x2=t.x y1="0" y2=axis_y></line>
                    <text class="tick" x=t.x y=axis_y + 20.0 text-anchor="middle">{t.text.clone()}</text>
                }).collect_view();
                view! {
                    {ticks}
                    <line class="axis-line" x1=*x0 x2=*x1 y1=axis_y y2=axis_y></line>
                }
            })}
        </g>
        <rect class="stripes" x="0" y=TOP fill=fill
            width=move || stripes.get().0
            height=move || stripes.get().1 as f64 * LANE_H></rect>
    }
}

/// What every lane and segment of one diagram reads besides its own part of the model.
#[derive(Clone)]
struct Ctx {
    /// The diagram's width.
    width: Memo<f64>,
    /// The right end of the time axis, where open stretches are drawn to.
    plot_x1: Memo<f64>,
    /// Where the "now" line is.
    now_x: Memo<f64>,
    /// The open segments whose text shows at the "now" line, as (lane, segment).
    shown: Memo<Vec<(usize, usize)>>,
    /// The prefix of the pattern ids ([`defs`]).
    ids: &'static str,
    /// Which item is the tab stop.
    stop: Memo<Item>,
}

/// The SVG content of the drawing in `drawing`, kept up to date in place: its lanes, segments,
/// markers and gaps, the diagram's items. `ids` prefixes the ids of its patterns (see [`defs`])
/// and `stop` says which item is the tab stop; `now_x` (where the "now" line is) decides when an
/// open segment's text appears.
///
/// `drawing` may be the model at an earlier moment than `now_x` when nothing happened in
/// between (`Run::last_change_at`): it then differs only in how far its open stretches reach,
/// and those are drawn to the axis's end and revealed up to the "now" line by the box this SVG
/// sits in (see the module's comment).
pub fn body(
    drawing: Memo<Drawing>,
    now_x: Memo<f64>,
    ids: &'static str,
    stop: Memo<Item>,
) -> impl IntoView {
    let gaps = derived(drawing, |d| d.gaps.len());
    let width = derived(drawing, |d| d.layout.width);
    let plot_x1 = derived(drawing, |d| d.layout.plot_x1);
    // Which open segments show their text at the "now" line. An open segment's text appears once
    // the part left of the line is wide enough, so it depends on the line, which moves on every
    // tick; if each segment's text read the line itself, every tick would re-run one memo per
    // open segment (each re-run also re-subscribes it, which costs more than the check: the
    // profile of a 200-Pod diagram showed most of a tick's wasm there). This one memo reads the
    // line, and notifies only when the set changes, so the segments' texts re-run only then.
    let shown = Memo::new(move |_| {
        let x = now_x.get();
        drawing.with(|d| {
            let mut shown = Vec::new();
            for (i, lane) in d.lanes.iter().enumerate() {
                for (j, s) in lane.segments.iter().enumerate() {
                    if s.open && !s.shown_text_at(x - s.x).is_empty() {
                        shown.push((i, j));
                    }
                }
            }
            shown
        })
    });
    let ctx = Ctx {
        width,
        plot_x1,
        now_x,
        shown,
        ids,
        stop,
    };
    let feed = Feed::new(drawing);
    view! {
        <For
            each=move || 0..feed.count.get()
            key=|i| *i
            children=move |i| lane_view(feed.lane(i), i, ctx.clone())
        />
        <For
            each=move || 0..gaps.get()
            key=|k| *k
            children=move |k| gap_view(drawing, k, stop)
        />
    }
}

/// Lane `i`: its label group, then its segments and markers.
fn lane_view(lane: ArcRwSignal<Option<Lane>>, i: usize, ctx: Ctx) -> impl IntoView {
    let lane = Memo::new(move |_| lane.get());
    let (width, stop) = (ctx.width, ctx.stop);
    // A lane's place depends on its index only, so it is set once rather than followed.
    let y = lane_y(i);
    let segs = derived(lane, |l| l.as_ref().map_or(0, |l| l.segments.len()));
    let marks = derived(lane, |l| l.as_ref().map_or(0, |l| l.markers.len()));
    let item = Item::Lane(i);
    // The lane's stripe is in the backdrop; its own background shows only as the focus highlight.
    view! {
        <g
            class="lane"
            data-phase=move || lane.with(|l| l.as_ref().map_or("", |l| l.phase.as_str()))
            tabindex=tabindex(stop, item)
            role="group"
            aria-label=move || lane.with(|l| l.as_ref().map(|l| l.label.clone()).unwrap_or_default())
            data-item=item.attr()
        >
            <rect class="lane-bg" x="0" y=y width=move || width.get() height=LANE_H></rect>
            <text class="lane-text" x="6" y=y + LANE_H / 2.0 + 4.0 aria-hidden="true">
                {move || lane.with(|l| l.as_ref().map(|l| l.text.clone()).unwrap_or_default())}
            </text>
        </g>
        <g class="lane-items">
            <For
                each=move || 0..segs.get()
                key=|j| *j
                children=move |j| segment_view(lane, i, j, ctx.clone())
            />
            <For
                each=move || 0..marks.get()
                key=|j| *j
                children=move |j| marker_view(lane, i, j, stop)
            />
        </g>
    }
}

/// Segment `j` of lane `i`, drawn to the axis's end while it is open; its text shows once the
/// part left of the "now" line is wide enough, which `ctx.shown` says when it changes.
fn segment_view(lane: Memo<Option<Lane>>, i: usize, j: usize, ctx: Ctx) -> impl IntoView {
    let Ctx {
        plot_x1,
        now_x,
        shown,
        ids,
        stop,
        ..
    } = ctx;
    let seg = part(lane, move |l| l.as_ref().and_then(|l| l.segments.get(j)));
    let y = lane_y(i);
    let get = move |f: fn(&SegShape) -> f64| seg.with(|s| s.as_ref().map_or(0.0, f));
    let width = move || {
        seg.with(|s| match s {
            Some(s) if s.open => (plot_x1.get() - s.x).max(s.w),
            Some(s) => s.w,
            None => 0.0,
        })
    };
    let class = derived(seg, |s| s.as_ref().map_or(SegClass::Pending, |s| s.class));
    // The text inside ("run 2") appears once the segment is wide enough; only then is it drawn.
    // An open segment is as wide as it reaches left of the "now" line, which moves on every
    // tick: this memo reads the line untracked and re-runs when `shown` changes instead.
    let text = Memo::new(move |_| {
        shown.track();
        seg.with(|s| match s {
            Some(s) if s.open => s.shown_text_at(now_x.get_untracked() - s.x).to_string(),
            Some(s) => s.shown_text().to_string(),
            None => String::new(),
        })
    });
    let item = Item::Segment(i, j);
    view! {
        <g
            class=move || class.get().class()
            tabindex=tabindex(stop, item)
            role="img"
            aria-label=move || seg.with(|s| s.as_ref().map(|s| s.label.clone()).unwrap_or_default())
            data-item=item.attr()
        >
            <rect
                x=move || get(|s| s.x)
                y=y + 7.0
                width=width
                height=LANE_H - 14.0
                rx="3"
                fill=move || pattern_fill(ids, class.get())
            ></rect>
            {move || text.with(|t| (!t.is_empty()).then(|| {
                let t = t.clone();
                view! {
                    <text class="seg-text" x=move || get(|s| s.x) + 4.0 y=y + LANE_H / 2.0 + 4.0 aria-hidden="true">{t}</text>
                }
            }))}
        </g>
    }
}

/// Whether two drawings of a lane look the same once open stretches are drawn to the axis's end:
/// equal but for the width of segments open in both.
fn same_drawn(old: &Lane, new: &Lane) -> bool {
    old.name == new.name
        && old.text == new.text
        && old.y == new.y
        && old.phase == new.phase
        && old.label == new.label
        && old.markers == new.markers
        && old.segments.len() == new.segments.len()
        && old.segments.iter().zip(&new.segments).all(|(a, b)| {
            a.class == b.class
                && a.x == b.x
                && a.text == b.text
                && a.text_w_min == b.text_w_min
                && a.label == b.label
                && a.open == b.open
                && (a.w == b.w || a.open)
        })
}

/// How many lanes may change in one frame. A run change can touch every Pod at once (1 000
/// Pods that all start together), and building or updating one lane's views costs about a
/// third of a millisecond of wasm on the busy 2-core machine, plus Chromium's rendering, so
/// doing them all in one task made long tasks of 300 ms and more. The rest of the lanes follow
/// in the next frames: a diagram with up to this many changed Pods changes in the same frame,
/// as before, and one of 1 000 catches up in about 30 frames (half a second).
const LANES_PER_FRAME: usize = 32;

/// The lanes as the views show them, fed from the model at most [`LANES_PER_FRAME`] changed
/// lanes per frame. A lane is fed only when it looks different ([`same_drawn`]), so a lane
/// whose only change is an open stretch that grew notifies nobody.
#[derive(Clone, Copy)]
struct Feed {
    /// One signal per lane the model has had (kept when it shrinks, so a lane that comes back
    /// is compared with what its views still hold: nothing).
    lanes: StoredValue<Vec<ArcRwSignal<Option<Lane>>>>,
    /// How many lanes the views draw: those fed so far.
    count: RwSignal<usize>,
    /// Whether a slice is waiting for the next frame.
    waiting: StoredValue<bool>,
}

impl Feed {
    /// A feed that follows `drawing` from now on.
    fn new(drawing: Memo<Drawing>) -> Feed {
        let feed = Feed {
            lanes: StoredValue::new(Vec::new()),
            count: RwSignal::new(0),
            waiting: StoredValue::new(false),
        };
        // The first drawing is fed whole (the page is being built anyway); later ones a slice
        // at a time.
        feed.pump(drawing, usize::MAX, false);
        Effect::new(move |first: Option<()>| {
            drawing.track();
            if first.is_some() {
                feed.pump(drawing, LANES_PER_FRAME, true);
            }
        });
        feed
    }

    /// The signal of lane `i`.
    fn lane(self, i: usize) -> ArcRwSignal<Option<Lane>> {
        self.lanes
            .with_value(|v| v.get(i).cloned())
            .unwrap_or_else(|| ArcRwSignal::new(None))
    }

    /// Feeds up to `max` changed lanes of the current drawing, in order, and asks for another
    /// slice in the next frame if any are left. Always starts from the first lane: the drawing
    /// may have changed since the last slice, and an unchanged lane costs only the comparison.
    fn pump(self, drawing: Memo<Drawing>, max: usize, deferrable: bool) {
        let mut changed = 0;
        let (fed, n, left) = drawing.with_untracked(|d| {
            let n = d.lanes.len();
            self.lanes.update_value(|v| {
                while v.len() < n {
                    v.push(ArcRwSignal::new(None));
                }
            });
            let lanes = self.lanes.get_value();
            let stale = |i: usize, new: &Lane| {
                lanes[i].with_untracked(|old| match old {
                    Some(old) => !same_drawn(old, new),
                    None => true,
                })
            };
            // A change bigger than one slice starts in the next frame: this one has just built
            // the model, which for 1 000 Pods is a slice's worth of work on its own.
            if deferrable
                && d.lanes
                    .iter()
                    .enumerate()
                    .filter(|(i, new)| stale(*i, new))
                    .count()
                    > max
            {
                return (0, n, true);
            }
            for (i, new) in d.lanes.iter().enumerate() {
                if stale(i, new) {
                    if changed == max {
                        return (i, n, true);
                    }
                    changed += 1;
                    lanes[i].set(Some(new.clone()));
                }
            }
            // Lanes past the model's end (a shorter run) are dropped from view; their signals
            // are emptied so that they are fed again when they come back.
            for sig in lanes.iter().skip(n) {
                if sig.with_untracked(Option::is_some) {
                    sig.set(None);
                }
            }
            (n, n, false)
        });
        // The views draw every lane fed so far. While some wait, the views they already have
        // stay (a frame or two behind) rather than go and come back.
        let count = if left {
            self.count.get_untracked().min(n).max(fed)
        } else {
            n
        };
        if self.count.get_untracked() != count {
            self.count.set(count);
        }
        if left && !self.waiting.get_value() {
            self.waiting.set_value(true);
            request_animation_frame(move || {
                self.waiting.set_value(false);
                // The diagram may be gone by the next frame (a new pattern, another view).
                if !self.waiting.is_disposed() {
                    self.pump(drawing, LANES_PER_FRAME, false);
                }
            });
        }
    }
}

/// The shape of a marker of `kind` at (`x`, `cy`) and its class. Each kind has its own shape, so
/// no two kinds differ by colour alone: a circle for a clean exit and for a restart (told apart
/// by their text), a square for a failed exit, a diamond for an eviction.
fn marker_shape(kind: MarkerKind, x: f64, cy: f64) -> (&'static str, AnyView) {
    match kind {
        MarkerKind::Exit { code: 0 } => (
            "marker marker-exit marker-ok",
            view! { <circle cx=x cy=cy r="8"></circle> }.into_any(),
        ),
        MarkerKind::Exit { .. } => (
            "marker marker-exit marker-fail",
            view! { <rect x=x - 7.5 y=cy - 7.5 width="15" height="15" rx="1.5"></rect> }.into_any(),
        ),
        MarkerKind::Restart => (
            "marker marker-restart",
            view! { <circle cx=x cy=cy r="8"></circle> }.into_any(),
        ),
        MarkerKind::Evicted => (
            "marker marker-evicted",
            view! {
                <polygon points=format!("{x},{} {},{cy} {x},{} {},{cy}", cy - 9.0, x + 9.0, cy + 9.0, x - 9.0)></polygon>
            }
            .into_any(),
        ),
    }
}

/// Marker `j` of lane `i`. A marker never changes once drawn (it marks a moment that has
/// passed), so its inside is rebuilt whole in the rare case that it does: another run.
fn marker_view(lane: Memo<Option<Lane>>, i: usize, j: usize, stop: Memo<Item>) -> impl IntoView {
    let mark = part(lane, move |l| l.as_ref().and_then(|l| l.markers.get(j)));
    let y = lane_y(i);
    let item = Item::Marker(i, j);
    let class = move || {
        mark.with(|m| {
            m.as_ref()
                .map_or("marker", |m| marker_shape(m.kind, m.x, 0.0).0)
        })
    };
    view! {
        <g
            class=class
            tabindex=tabindex(stop, item)
            role="img"
            aria-label=move || mark.with(|m| m.as_ref().map(|m| m.label.clone()).unwrap_or_default())
            data-item=item.attr()
        >
            {move || mark.with(|m| m.as_ref().map(|m: &Marker| {
                let (x, cy) = (m.x, y + 7.0);
                let (_, shape) = marker_shape(m.kind, x, cy);
                // The eviction's diamond says it all; its word would not fit the shape.
                let text = (m.kind != MarkerKind::Evicted).then(|| view! {
                    <text x=x y=cy + 4.0 text-anchor="middle" aria-hidden="true">{m.text.clone()}</text>
                });
                view! { {shape}{text} }
            }))}
        </g>
    }
}

/// Backoff gap `k`.
fn gap_view(drawing: Memo<Drawing>, k: usize, stop: Memo<Item>) -> impl IntoView {
    let gap = part(drawing, move |d| d.gaps.get(k));
    let get = move |f: fn(&Gap) -> f64| gap.with(|g| g.as_ref().map_or(0.0, f));
    let mid = move || get(|g| g.y + LANE_H / 2.0);
    let item = Item::Gap(k);
    view! {
        <g
            class="gap"
            tabindex=tabindex(stop, item)
            role="img"
            aria-label=move || gap.with(|g| g.as_ref().map(|g| g.label.clone()).unwrap_or_default())
            data-item=item.attr()
        >
            <line x1=move || get(|g| g.x) x2=move || get(|g| g.x + g.w) y1=mid y2=mid></line>
            <text x=move || get(|g| g.x + g.w / 2.0) y=move || mid() - 4.0 text-anchor="middle" aria-hidden="true">
                {move || gap.with(|g| g.as_ref().map(|g| g.text.clone()).unwrap_or_default())}
            </text>
        </g>
    }
}
