//! Pictures of the Job diagrams: a [`Drawing`]'s lanes, segments, markers, gaps, axis and "now"
//! line, painted as style/diagram.css paints the page's diagram.

use std::fmt::Write as _;

use super::{
    axis, document, marker, now_line, num, opacity_attr, seg_fill, xml, Frame, Palette, Picture,
    Shape, Swatch, Theme,
};
use crate::draw::{fmt_time, Drawing, MarkerKind, SegClass, AXIS_H, LANE_H};
use crate::sim::PodPhase;

/// The legend: every segment kind with the word the page's legend uses.
const LEGEND: [(Swatch, &str); 6] = [
    (Swatch::Fill(SegClass::Pending), "Pending"),
    (Swatch::Fill(SegClass::Running), "Running"),
    (Swatch::Fill(SegClass::Succeeded), "Succeeded"),
    (Swatch::Fill(SegClass::Failed), "Failed"),
    (Swatch::Fill(SegClass::CrashLoop), "Restart back-off"),
    (Swatch::Fill(SegClass::Terminating), "Terminating"),
];

/// The caption of one moment: `At 0:12: Running: 1 succeeded, …`.
pub fn caption(d: &Drawing) -> String {
    format!("At {}: {}", fmt_time(d.time_ms), d.status)
}

/// The standalone SVG document of `frames` (one per moment, top to bottom, all drawn in the same
/// layout, normally [`layout`](super::layout)), headed by `title`, in `theme`. An empty `frames`
/// gives a picture of the title and the legend alone.
pub fn svg(title: &str, frames: &[Drawing], theme: Theme) -> String {
    picture(title, frames, theme).svg
}

/// [`svg`] with the picture's size, which the browser needs to rasterise it.
pub fn picture(title: &str, frames: &[Drawing], theme: Theme) -> Picture {
    document(title, frames, theme, &LEGEND)
}

impl Frame for Drawing {
    fn width(&self) -> f64 {
        self.layout.width
    }

    fn height(&self) -> f64 {
        self.height
    }

    fn caption(&self) -> String {
        caption(self)
    }

    fn moment(&self) -> String {
        fmt_time(self.time_ms)
    }

    /// The lanes (every other one striped, so lanes read apart), segments, markers, gaps, axis
    /// and "now" line.
    fn paint(&self, out: &mut String, p: &Palette) {
        let d = self;
        let w = d.layout.width;
        let axis_y = d.height - AXIS_H;
        for (i, lane) in d.lanes.iter().enumerate() {
            if i % 2 == 1 {
                let _ = write!(
                    out,
                    r#"<rect x="1" y="{}" width="{}" height="{}" fill="{}" opacity="0.5"/>"#,
                    num(lane.y),
                    num(w - 2.0),
                    num(LANE_H),
                    p.surface_2
                );
            }
        }
        axis(out, &d.ticks, &d.layout, axis_y, p);
        for lane in &d.lanes {
            let mid = lane.y + LANE_H / 2.0;
            let colour = match lane.phase {
                PodPhase::Failed => p.fail,
                PodPhase::Succeeded => p.ok,
                _ => p.text,
            };
            let _ = write!(
                out,
                r#"<text x="6" y="{}" font-family="{}" font-size="12" fill="{colour}">{}</text>"#,
                num(mid + 4.0),
                super::MONO,
                xml(&lane.text)
            );
            for s in &lane.segments {
                let (fill, opacity) = seg_fill(s.class, p);
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{fill}"{}/>"#,
                    num(s.x),
                    num(lane.y + 7.0),
                    num(s.w),
                    num(LANE_H - 14.0),
                    opacity_attr(opacity)
                );
                if !s.shown_text().is_empty() {
                    let colour = if s.class == SegClass::CrashLoop {
                        p.text
                    } else {
                        p.surface
                    };
                    let _ = write!(
                        out,
                        r#"<text x="{}" y="{}" font-size="11" font-weight="600" fill="{colour}">{}</text>"#,
                        num(s.x + 4.0),
                        num(mid + 4.0),
                        xml(s.shown_text())
                    );
                }
            }
            for m in &lane.markers {
                let (mx, cy) = (m.x, lane.y + 7.0);
                let (stroke, shape) = match m.kind {
                    MarkerKind::Exit { code: 0 } => (p.ok, Shape::Circle),
                    MarkerKind::Exit { .. } => (p.fail, Shape::Square),
                    MarkerKind::Restart => (p.wait, Shape::Circle),
                    MarkerKind::Evicted => (p.term, Shape::Diamond),
                };
                marker(out, (shape, 8.0), (mx, cy), stroke, false, p);
                // The eviction's diamond says it all, as on the page.
                if m.kind != MarkerKind::Evicted {
                    let _ = write!(
                        out,
                        r#"<text x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="700" fill="{stroke}">{}</text>"#,
                        num(mx),
                        num(cy + 4.0),
                        xml(&m.text)
                    );
                }
            }
        }
        for g in &d.gaps {
            let mid = g.y + LANE_H / 2.0;
            let _ = write!(
                out,
                r#"<line x1="{}" x2="{}" y1="{m}" y2="{m}" stroke="{}" stroke-width="2" stroke-dasharray="5 4"/><text x="{}" y="{}" text-anchor="middle" font-size="11" font-weight="600" fill="{}">{}</text>"#,
                num(g.x),
                num(g.x + g.w),
                p.wait,
                num(g.x + g.w / 2.0),
                num(mid - 4.0),
                p.wait,
                xml(&g.text),
                m = num(mid),
            );
        }
        now_line(out, d.now_x, axis_y, p);
    }
}
