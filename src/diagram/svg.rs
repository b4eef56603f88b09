//! The SVG of one drawing: Pod lanes with segments and markers, backoff gaps, the time axis and
//! the "now" line. Every lane, segment, marker and gap is focusable and shows its tooltip on
//! hover and on keyboard focus (an SVG `<title>` alone never shows on focus).
//!
//! The SVG is drawn at one viewBox unit per CSS pixel, at the width of its box (the drawing
//! model's [`joblab_core::draw::Layout`]), so its text is never drawn smaller than the stylesheet
//! says. Colour is never the only difference: under `forced-colors: active` every segment kind
//! fills with its own pattern ([`PATTERNS`]) and every marker kind has its own shape or text.

use joblab_core::draw::{Drawing, MarkerKind, SegClass, AXIS_H, LANE_H};
use leptos::prelude::*;

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

/// The SVG content of `d`; `ids` prefixes the ids of its patterns (see [`defs`]).
pub fn body(d: &Drawing, ids: &'static str) -> impl IntoView {
    let h = d.height;
    let width = d.layout.width;
    let axis_y = h - AXIS_H;
    let lanes = d
        .lanes
        .iter()
        .map(|lane| {
            let y = lane.y;
            let mid = y + LANE_H / 2.0;
            let label = lane.label.clone();
            let segs = lane
                .segments
                .iter()
                .map(|s| {
                    let label = s.label.clone();
                    let text = (!s.text.is_empty()).then(|| {
                        view! { <text class="seg-text" x=s.x + 4.0 y=mid + 4.0 aria-hidden="true">{s.text.clone()}</text> }
                    });
                    view! {
                        <g class=s.class.class() tabindex="0" role="img" aria-label=label data-tx=s.x data-ty=y>
                            <rect x=s.x y=y + 7.0 width=s.w height=LANE_H - 14.0 rx="3" fill=pattern_fill(ids, s.class)></rect>
                            {text}
                        </g>
                    }
                })
                .collect_view();
            let marks = lane
                .markers
                .iter()
                .map(|m| {
                    let label = m.label.clone();
                    let (x, cy) = (m.x, y + 7.0);
                    // Each kind has its own shape, so no two kinds differ by colour alone: a
                    // circle for a clean exit and for a restart (told apart by their text), a
                    // square for a failed exit, a diamond for an eviction.
                    let (class, shape) = match m.kind {
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
                    };
                    // The eviction's diamond says it all; its word would not fit the shape.
                    let text = (m.kind != MarkerKind::Evicted).then(|| view! {
                        <text x=x y=cy + 4.0 text-anchor="middle" aria-hidden="true">{m.text.clone()}</text>
                    });
                    view! {
                        <g class=class tabindex="0" role="img" aria-label=label data-tx=m.x data-ty=y>
                            {shape}
                            {text}
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class="lane" data-phase=lane.phase.as_str() tabindex="0" role="group" aria-label=label data-tx=4.0 data-ty=y>
                    <rect class="lane-bg" x="0" y=y width=width height=LANE_H></rect>
                    <text class="lane-text" x="6" y=mid + 4.0 aria-hidden="true">{lane.text.clone()}</text>
                </g>
                <g class="lane-items">{segs}{marks}</g>
            }
        })
        .collect_view();
    let gaps = d
        .gaps
        .iter()
        .map(|g| {
            let label = g.label.clone();
            let mid = g.y + LANE_H / 2.0;
            view! {
                <g class="gap" tabindex="0" role="img" aria-label=label data-tx=g.x data-ty=g.y>
                    <line x1=g.x x2=g.x + g.w y1=mid y2=mid></line>
                    <text x=g.x + g.w / 2.0 y=mid - 4.0 text-anchor="middle" aria-hidden="true">{g.text.clone()}</text>
                </g>
            }
        })
        .collect_view();
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
    view! {
        <g class="axis" aria-hidden="true">
            {ticks}
            <line class="axis-line" x1=d.layout.plot_x0 x2=d.layout.plot_x1 y1=axis_y y2=axis_y></line>
        </g>
        {lanes}
        {gaps}
        <line class="now" x1=d.now_x x2=d.now_x y1="0" y2=axis_y aria-hidden="true"></line>
    }
}
