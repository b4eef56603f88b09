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
//! Each item draws its `tabindex` once; the canvas (`super::canvas`) moves the tab stop.
//! Keying by position is sound because the model only appends as time moves forward: Pods in
//! creation order, a Pod's segments and markers in time order, gaps in Pod order; an item whose
//! content changes at the same position (another run of the pattern) updates in place.
//!
//! One part is revealed instead: a stretch that is still going at the current time (a Pod still
//! running, or Succeeded or Failed since some moment) ends at the "now" line in the model, so it
//! would grow in every frame, and every Pod that ever existed has one. Such an open stretch is
//! drawn to the end of the axis and the segments are clipped at the "now" line (one clipPath
//! whose width follows the time), which gives the same picture while its element stays as it is.
//! So a frame changes the clip, the "now" line and the Pods whose state changed, not every Pod.
//! The model itself is rebuilt only when the run changed (`Run::last_change_at`): between two
//! changes the model of the last one, with this clip, draws the same picture, so most ticks of
//! a playing diagram move the line and do nothing else.
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

use joblab_core::draw::{
    Drawing, Gap, Lane, Layout, Marker, MarkerKind, SegClass, SegShape, Tick, AXIS_H, LANE_H,
};
use leptos::prelude::*;

use super::nav::{Item, LANE_X};

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

/// The tooltip for the focusable element at or around `target`: its `aria-label`, placed at its
/// `data-tx`/`data-ty` anchor (viewBox units). One delegated handler serves every element, so a
/// drawing of hundreds of Pods adds no closures per element.
pub fn tip_for(target: Option<web_sys::EventTarget>, width: f64, height: f64) -> Option<Tip> {
    use wasm_bindgen::JsCast;
    let el: web_sys::Element = target?.dyn_into().ok()?;
    let el = el.closest("[data-tx]").ok()??;
    let text = el.get_attribute("aria-label")?;
    let num = |name: &str| {
        el.get_attribute(name)
            .and_then(|v| v.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    Some(Tip {
        text,
        left: (num("data-tx") / width.max(1.0) * 100.0).clamp(0.0, 100.0),
        top: (num("data-ty") / height.max(1.0) * 100.0).clamp(0.0, 100.0),
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

/// A memo of one part of `source`, found by `pick`, that notifies only when that part differs
/// (and costs no copy while it does not): what keeps a redraw to what changed.
pub(super) fn part<S, T>(
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
pub(super) fn derived<S, T>(source: Memo<S>, f: impl Fn(&S) -> T + Send + Sync + 'static) -> Memo<T>
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

/// The SVG content of the drawing in `drawing`, kept up to date in place, with the "now" line at
/// `now_x`; `ids` prefixes the ids of its patterns (see [`defs`]) and `stop` says which item is
/// the tab stop.
///
/// `drawing` may be the model at an earlier moment than `now_x` when nothing happened in
/// between (`Run::last_change_at`): it then differs only in how far its open stretches reach,
/// and those are drawn to the axis's end and clipped at `now_x` anyway.
pub fn body(
    drawing: Memo<Drawing>,
    now_x: Memo<f64>,
    ids: &'static str,
    stop: Memo<Item>,
) -> impl IntoView {
    let lanes = derived(drawing, |d| d.lanes.len());
    let gaps = derived(drawing, |d| d.gaps.len());
    let width = derived(drawing, |d| d.layout.width);
    let axis_y = derived(drawing, |d| d.height - AXIS_H);
    let plot_x1 = derived(drawing, |d| d.layout.plot_x1);
    let axis = derived(drawing, |d| AxisShape::of(&d.ticks, d.height, &d.layout));
    view! {
        // Reveals the segments up to the "now" line (open stretches are drawn to the axis's end).
        <clipPath id=format!("{ids}-now")>
            <rect x="0" y="0" width=move || now_x.get() + 1.0 height=move || axis_y.get()></rect>
        </clipPath>
        {axis_view(axis)}
        <For
            each=move || 0..lanes.get()
            key=|i| *i
            children=move |i| lane_view(drawing, i, width, plot_x1, now_x, ids, stop)
        />
        <For
            each=move || 0..gaps.get()
            key=|k| *k
            children=move |k| gap_view(drawing, k, stop)
        />
        <line class="now" x1=move || now_x.get() x2=move || now_x.get() y1="0" y2=move || axis_y.get() aria-hidden="true"></line>
    }
}

/// The time axis of a drawing: its ticks, its `y` and its ends.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AxisShape {
    ticks: Vec<Tick>,
    y: f64,
    x0: f64,
    x1: f64,
}

impl AxisShape {
    /// The axis under a drawing `height` high with `ticks` in `layout`.
    pub fn of(ticks: &[Tick], height: f64, layout: &Layout) -> AxisShape {
        AxisShape {
            ticks: ticks.to_vec(),
            y: height - AXIS_H,
            x0: layout.plot_x0,
            x1: layout.plot_x1,
        }
    }
}

/// The time axis with its grid lines, shared by the Job and the CronJob diagrams. It changes with
/// the layout and with the height (a new row), never while time moves otherwise, so it is redrawn
/// whole when it changes: a few dozen nodes at most.
pub fn axis_view(axis: Memo<AxisShape>) -> impl IntoView {
    view! {
        <g class="axis" aria-hidden="true">
            {move || axis.with(|a| {
                let y = a.y;
                let ticks = a.ticks.iter().map(|t| view! {
                    <line class="grid" x1=t.x x2=t.x y1="0" y2=y></line>
                    <text class="tick" x=t.x y=y + 20.0 text-anchor="middle">{t.text.clone()}</text>
                }).collect_view();
                view! {
                    {ticks}
                    <line class="axis-line" x1=a.x0 x2=a.x1 y1=y y2=y></line>
                }
            })}
        </g>
    }
}

/// Lane `i`: its label group, then its segments and markers.
fn lane_view(
    drawing: Memo<Drawing>,
    i: usize,
    width: Memo<f64>,
    plot_x1: Memo<f64>,
    now_x: Memo<f64>,
    ids: &'static str,
    stop: Memo<Item>,
) -> impl IntoView {
    let lane = open_lane(drawing, i);
    let get = move |f: fn(&Lane) -> f64| lane.with(|l| l.as_ref().map_or(0.0, f));
    let segs = derived(lane, |l| l.as_ref().map_or(0, |l| l.segments.len()));
    let marks = derived(lane, |l| l.as_ref().map_or(0, |l| l.markers.len()));
    let item = Item::Lane(i);
    // Every other lane is striped so lanes read apart (as draw::export's pictures are); a class,
    // because each lane is two sibling groups and :nth-of-type would count both.
    let lane_class = if i % 2 == 1 { "lane lane-alt" } else { "lane" };
    view! {
        <g
            class=lane_class
            data-phase=move || lane.with(|l| l.as_ref().map_or("", |l| l.phase.as_str()))
            tabindex=tabindex(stop, item)
            role="group"
            aria-label=move || lane.with(|l| l.as_ref().map(|l| l.label.clone()).unwrap_or_default())
            data-item=item.attr()
            data-tx=LANE_X
            data-ty=move || get(|l| l.y)
        >
            <rect class="lane-bg" x="0" y=move || get(|l| l.y) width=move || width.get() height=LANE_H></rect>
            <text class="lane-text" x="6" y=move || get(|l| l.y + LANE_H / 2.0 + 4.0) aria-hidden="true">
                {move || lane.with(|l| l.as_ref().map(|l| l.text.clone()).unwrap_or_default())}
            </text>
        </g>
        <g class="lane-items" clip-path=format!("url(#{ids}-now)")>
            <For
                each=move || 0..segs.get()
                key=|j| *j
                children=move |j| segment_view(lane, i, j, plot_x1, now_x, ids, stop)
            />
            <For
                each=move || 0..marks.get()
                key=|j| *j
                children=move |j| marker_view(lane, i, j, stop)
            />
        </g>
    }
}

/// Segment `j` of lane `i`, drawn to `plot_x1` while it is open; its text shows once the part
/// left of the "now" line at `now_x` is wide enough.
fn segment_view(
    lane: Memo<Option<Lane>>,
    i: usize,
    j: usize,
    plot_x1: Memo<f64>,
    now_x: Memo<f64>,
    ids: &'static str,
    stop: Memo<Item>,
) -> impl IntoView {
    let seg = part(lane, move |l| l.as_ref().and_then(|l| l.segments.get(j)));
    let y = derived(lane, |l| l.as_ref().map_or(0.0, |l| l.y));
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
    // tick: this memo reads it, but notifies only when the text appears.
    let text = Memo::new(move |_| {
        seg.with(|s| match s {
            Some(s) if s.open => s.shown_text_at(now_x.get() - s.x).to_string(),
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
            data-tx=move || get(|s| s.x)
            data-ty=move || y.get()
        >
            <rect
                x=move || get(|s| s.x)
                y=move || y.get() + 7.0
                width=width
                height=LANE_H - 14.0
                rx="3"
                fill=move || pattern_fill(ids, class.get())
            ></rect>
            {move || text.with(|t| (!t.is_empty()).then(|| {
                let t = t.clone();
                view! {
                    <text class="seg-text" x=move || get(|s| s.x) + 4.0 y=move || y.get() + LANE_H / 2.0 + 4.0 aria-hidden="true">{t}</text>
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

/// A memo of lane `i` that notifies only when the lane looks different ([`same_drawn`]): a lane whose only change is an open stretch that grew keeps
/// its old value and notifies nobody.
fn open_lane(drawing: Memo<Drawing>, i: usize) -> Memo<Option<Lane>> {
    Memo::new_owning(move |old: Option<Option<Lane>>| {
        drawing.with(|d| match (old, d.lanes.get(i)) {
            (Some(Some(o)), Some(n)) if same_drawn(&o, n) => (Some(o), false),
            (Some(None), None) => (None, false),
            (_, n) => (n.cloned(), true),
        })
    })
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
    let y = derived(lane, |l| l.as_ref().map_or(0.0, |l| l.y));
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
            data-tx=move || mark.with(|m| m.as_ref().map_or(0.0, |m| m.x))
            data-ty=move || y.get()
        >
            {move || mark.with(|m| m.as_ref().map(|m: &Marker| {
                let (x, cy) = (m.x, y.get() + 7.0);
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
            data-tx=move || get(|g| g.x)
            data-ty=move || get(|g| g.y)
        >
            <line x1=move || get(|g| g.x) x2=move || get(|g| g.x + g.w) y1=mid y2=mid></line>
            <text x=move || get(|g| g.x + g.w / 2.0) y=move || mid() - 4.0 text-anchor="middle" aria-hidden="true">
                {move || gap.with(|g| g.as_ref().map(|g| g.text.clone()).unwrap_or_default())}
            </text>
        </g>
    }
}
