//! Pictures of the CronJob diagrams: a [`CronDrawing`]'s schedule row, controller bands, Job and
//! Pod rows, markers, axis and "now" line, painted as style/diagram.css paints the page's CronJob
//! diagram (src/diagram/cronjob.rs), with the moments on the CronJob's wall clock.

use std::fmt::Write as _;

use super::{
    axis, document, marker, now_line, num, opacity_attr, seg_fill, xml, Clock, Frame, Palette,
    Picture, Shape, Swatch, Theme, Tone, MONO,
};
use crate::draw::cronjob::{BandKind, CronDrawing, CronMarkerKind, RowKind};
use crate::draw::{SegClass, AXIS_H, LANE_H};

/// The legend: the segment kinds with the words of the page's key, then the markers with the
/// words of its sentence on scheduled times, each painted as the diagram paints it.
const LEGEND: [(Swatch, &str); 10] = [
    (Swatch::Fill(SegClass::Running), "Job active / Pod running"),
    (Swatch::Fill(SegClass::Succeeded), "Complete, kept"),
    (Swatch::Fill(SegClass::Failed), "Failed, kept"),
    (Swatch::Fill(SegClass::Pending), "Pending / suspended"),
    (
        Swatch::Fill(SegClass::Terminating),
        "Terminating / controller down",
    ),
    (swatch(CronMarkerKind::Started), "run: created on time"),
    (swatch(CronMarkerKind::StartedLate), "late: created later"),
    (swatch(CronMarkerKind::Skipped), "skip: Forbid waited"),
    (swatch(CronMarkerKind::Missed), "miss: no Job for that time"),
    (swatch(CronMarkerKind::Deleted), "Job deleted"),
];

/// The legend's swatch of a marker kind.
const fn swatch(kind: CronMarkerKind) -> Swatch {
    let (shape, stroke, dashed, _) = marker_paint(kind);
    Swatch::Mark(shape, stroke, dashed)
}

/// DejaVu Sans Mono's advance at the rows' 12 px (1233 of 2048 units a character), so a struck
/// label's line is as long as its text in every renderer that has the font.
const MONO_ADVANCE_12PX: f64 = 12.0 * 1233.0 / 2048.0;

/// One moment of a CronJob picture: the drawing and when its run was created.
struct Moment<'a> {
    d: &'a CronDrawing,
    start_unix_seconds: i64,
}

/// The caption of one moment: `At 00:30:00 UTC: Scheduling: 1 active, …`, the time as the
/// player shows it for a run created at `start_unix_seconds`.
pub fn caption(d: &CronDrawing, start_unix_seconds: i64) -> String {
    let clock = Clock::Wall { start_unix_seconds };
    format!("At {} UTC: {}", clock.text(d.time_ms), d.status)
}

/// The standalone SVG document of `frames` (one per moment, top to bottom, all drawn in the same
/// layout, normally [`layout`](super::layout)) of a CronJob run created at `start_unix_seconds`,
/// headed by `title`, in `theme`.
pub fn svg(title: &str, start_unix_seconds: i64, frames: &[CronDrawing], theme: Theme) -> String {
    picture(title, start_unix_seconds, frames, theme).svg
}

/// [`svg`] with the picture's size, which the browser needs to rasterise it.
pub fn picture(
    title: &str,
    start_unix_seconds: i64,
    frames: &[CronDrawing],
    theme: Theme,
) -> Picture {
    let moments: Vec<Moment<'_>> = frames
        .iter()
        .map(|d| Moment {
            d,
            start_unix_seconds,
        })
        .collect();
    document(title, &moments, theme, &LEGEND)
}

/// A marker's shape, outline, whether the outline is dashed, and its word's colour, as
/// src/diagram/cronjob.rs draws it and style/diagram.css paints its classes (`cron-started`,
/// `marker-ok`, ...).
const fn marker_paint(kind: CronMarkerKind) -> (Shape, Tone, bool, Tone) {
    match kind {
        CronMarkerKind::Started => (Shape::Circle, Tone::Ok, false, Tone::Text),
        CronMarkerKind::StartedLate => (Shape::Circle, Tone::Wait, true, Tone::Text),
        CronMarkerKind::Skipped => (Shape::Square, Tone::Wait, false, Tone::Text),
        CronMarkerKind::Missed => (Shape::Diamond, Tone::Fail, false, Tone::Text),
        CronMarkerKind::Deleted => (Shape::Diamond, Tone::Term, false, Tone::Text),
        CronMarkerKind::Exit { code: 0 } => (Shape::Circle, Tone::Ok, false, Tone::Ok),
        CronMarkerKind::Exit { .. } => (Shape::Square, Tone::Fail, false, Tone::Fail),
    }
}

impl Frame for Moment<'_> {
    fn width(&self) -> f64 {
        self.d.layout.width
    }

    fn height(&self) -> f64 {
        self.d.height
    }

    fn caption(&self) -> String {
        caption(self.d, self.start_unix_seconds)
    }

    fn moment(&self) -> String {
        let clock = Clock::Wall {
            start_unix_seconds: self.start_unix_seconds,
        };
        clock.text(self.d.time_ms)
    }

    /// The axis, then each row (its label, then its segments and markers, faded once its Job is
    /// deleted), the controller's bands and the "now" line, in the page's order.
    fn paint(&self, out: &mut String, p: &Palette) {
        let d = self.d;
        let axis_y = d.height - AXIS_H;
        axis(out, &d.ticks, &d.layout, axis_y, p);
        for row in &d.rows {
            let y = row.y;
            let mid = y + LANE_H / 2.0;
            let indent = if row.kind == RowKind::Pod { 14.0 } else { 6.0 };
            let _ = write!(
                out,
                r#"<text x="{}" y="{}" font-family="{MONO}" font-size="12"{} fill="{}">{}</text>"#,
                num(indent),
                num(mid + 4.0),
                if row.kind == RowKind::Job {
                    r#" font-weight="600""#
                } else {
                    ""
                },
                p.text,
                xml(&row.text)
            );
            // The page strikes a deleted row's label through (`text-decoration`), which
            // renderers place and weigh from the font's metrics each their own way; a line of
            // the text's length, drawn, is the same everywhere.
            if row.deleted {
                let len = row.text.chars().count() as f64 * MONO_ADVANCE_12PX;
                let _ = write!(
                    out,
                    r#"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}"/>"#,
                    num(indent),
                    num(indent + len),
                    p.text,
                    y = num(mid),
                );
            }
            if row.segments.is_empty() && row.markers.is_empty() {
                continue;
            }
            out.push_str(if row.deleted {
                r#"<g opacity="0.55">"#
            } else {
                "<g>"
            });
            for s in &row.segments {
                let (fill, opacity) = seg_fill(s.class, p);
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{fill}"{}/>"#,
                    num(s.x),
                    num(y + 8.0),
                    num(s.w),
                    num(LANE_H - 16.0),
                    opacity_attr(opacity)
                );
            }
            let schedule = row.kind == RowKind::Schedule;
            for m in &row.markers {
                let (shape, stroke, dashed, word) = marker_paint(m.kind);
                let cy = if schedule { y + 11.0 } else { mid };
                marker(out, (shape, 6.0), (m.x, cy), stroke.of(p), dashed, p);
                let (tx, ty, anchor) = if schedule {
                    (m.x, y + LANE_H - 3.0, r#" text-anchor="middle""#)
                } else {
                    (m.x + 9.0, cy + 4.0, "")
                };
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}"{anchor} font-size="11" font-weight="700" fill="{}">{}</text>"#,
                    num(tx),
                    num(ty),
                    word.of(p),
                    xml(&m.text)
                );
            }
            out.push_str("</g>");
        }
        for b in &d.bands {
            let fill = match b.kind {
                BandKind::Suspended => p.wait,
                BandKind::ControllerDown => p.term,
            };
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{fill}"{}/>"#,
                num(b.x),
                num(b.y + 7.0),
                num(b.w),
                num(LANE_H - 14.0),
                opacity_attr(0.35)
            );
            if !b.text.is_empty() {
                let _ = write!(
                    out,
                    r#"<text x="{}" y="{}" font-size="11" font-weight="600" fill="{}">{}</text>"#,
                    num(b.x + 4.0),
                    num(b.y + LANE_H / 2.0 + 4.0),
                    p.text,
                    xml(&b.text)
                );
            }
        }
        now_line(out, d.now_x, axis_y, p);
    }
}

#[cfg(test)]
mod tests;
