//! The SVG of one drawing: Pod lanes with segments and markers, backoff gaps, the time axis and
//! the "now" line. Every lane, segment, marker and gap is focusable and shows its tooltip on
//! hover and on keyboard focus (an SVG `<title>` alone never shows on focus).

use joblab_core::draw::{Drawing, MarkerKind, AXIS_H, LANE_H, PLOT_X0, PLOT_X1, VIEW_W};
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
pub fn tip_for(target: Option<web_sys::EventTarget>, height: f64) -> Option<Tip> {
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
        left: (num("data-tx") / VIEW_W * 100.0).clamp(0.0, 100.0),
        top: (num("data-ty") / height.max(1.0) * 100.0).clamp(0.0, 100.0),
    })
}

/// The SVG content of `d`.
pub fn body(d: &Drawing) -> impl IntoView {
    let h = d.height;
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
                            <rect x=s.x y=y + 7.0 width=s.w height=LANE_H - 14.0 rx="3"></rect>
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
                    let class = match m.kind {
                        MarkerKind::Exit { code: 0 } => "marker marker-exit marker-ok",
                        MarkerKind::Exit { .. } => "marker marker-exit marker-fail",
                        MarkerKind::Restart => "marker marker-restart",
                        MarkerKind::Evicted => "marker marker-evicted",
                    };
                    view! {
                        <g class=class tabindex="0" role="img" aria-label=label data-tx=m.x data-ty=y>
                            <circle cx=m.x cy=y + 7.0 r="7"></circle>
                            <text x=m.x y=y + 10.5 text-anchor="middle" aria-hidden="true">{m.text.clone()}</text>
                        </g>
                    }
                })
                .collect_view();
            view! {
                <g class="lane" data-phase=lane.phase.as_str() tabindex="0" role="group" aria-label=label data-tx=4.0 data-ty=y>
                    <rect class="lane-bg" x="0" y=y width=VIEW_W height=LANE_H></rect>
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
            <line class="axis-line" x1=PLOT_X0 x2=PLOT_X1 y1=axis_y y2=axis_y></line>
        </g>
        {lanes}
        {gaps}
        <line class="now" x1=d.now_x x2=d.now_x y1="0" y2=axis_y aria-hidden="true"></line>
    }
}
