//! Standalone pictures of a diagram, for slides and READMEs: one SVG document written as text from
//! the drawing model, at one moment or as a strip of moments, in the light or the dark theme.
//!
//! The picture carries everything it needs: colours are the theme's values written into
//! presentation attributes (no stylesheet, no CSS variables), and text names a font stack whose
//! first family is DejaVu, which Debian's Chromium and librsvg both resolve through fontconfig to
//! the same files (`fonts-dejavu-core`), so the picture renders alike in a browser and in
//! `rsvg-convert` (e2e/pictures.spec.mjs compares the two rasterisations). Elsewhere the generic
//! family takes over. The browser turns this text into a PNG by drawing it on a canvas.
//!
//! It is written from [`Drawing`]s, never from the live page, so it is deterministic and tested
//! natively: the same run, moments and theme give the same bytes.

use std::fmt::Write as _;

use super::{fmt_time, Drawing, Layout, MarkerKind, SegClass, AXIS_H, LANE_H};
use crate::sim::{Millis, PodPhase};

/// The width of a picture: the drawing model's default width, which fits a slide or a README.
pub const PICTURE_W: f64 = super::VIEW_W;
/// The most moments a strip holds, so that a picture stays a picture.
pub const MAX_MOMENTS: usize = 12;
/// Text of the picture: DejaVu Sans first (see the module's comment), then the generic family.
pub const FONT: &str = "'DejaVu Sans', 'Helvetica Neue', Arial, sans-serif";
/// Lane labels, as the page sets them in its monospace font.
pub const MONO: &str = "'DejaVu Sans Mono', Menlo, Consolas, monospace";

/// Space around the picture's content.
const PAD: f64 = 16.0;
/// Height of one caption line.
const LINE_H: f64 = 18.0;
/// Space between two moments of a strip.
const FRAME_GAP: f64 = 16.0;
/// Height of one legend row.
const LEGEND_H: f64 = 22.0;

/// The layout of a picture's moments: the drawing as wide as the picture inside its margins.
pub fn layout() -> Layout {
    Layout::for_width(PICTURE_W - 2.0 * PAD)
}

/// A picture's theme: the colour tokens of style/main.css, resolved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// The light theme (`:root`).
    Light,
    /// The dark theme (`[data-theme="dark"]`).
    Dark,
}

/// The colour tokens a picture uses, by their names in style/main.css.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Palette {
    /// `--bg`: the page behind the diagram.
    pub bg: &'static str,
    /// `--surface`: the diagram's box.
    pub surface: &'static str,
    /// `--surface-2`: lane stripes.
    pub surface_2: &'static str,
    /// `--text`.
    pub text: &'static str,
    /// `--muted`: ticks and the axis.
    pub muted: &'static str,
    /// `--border`: the box and the grid.
    pub border: &'static str,
    /// `--accent`: the "now" line.
    pub accent: &'static str,
    /// `--ok`: Succeeded.
    pub ok: &'static str,
    /// `--fail`: Failed.
    pub fail: &'static str,
    /// `--run`: Running.
    pub run: &'static str,
    /// `--wait`: Pending and back-off.
    pub wait: &'static str,
    /// `--term`: Terminating.
    pub term: &'static str,
}

const LIGHT: Palette = Palette {
    bg: "#f6f7fb",
    surface: "#ffffff",
    surface_2: "#eef1f8",
    text: "#161b26",
    muted: "#4a5468",
    border: "#d5dbe8",
    accent: "#2350c7",
    ok: "#17743a",
    fail: "#b42318",
    run: "#2350c7",
    wait: "#8a5a00",
    term: "#6b3fb5",
};

const DARK: Palette = Palette {
    bg: "#0f131b",
    surface: "#171c27",
    surface_2: "#1f2533",
    text: "#e7eaf1",
    muted: "#a9b2c5",
    border: "#2f3747",
    accent: "#8fb0ff",
    ok: "#5fd18b",
    fail: "#ff8a80",
    run: "#8fb0ff",
    wait: "#f2c55c",
    term: "#c9a7ff",
};

impl Theme {
    /// Both themes.
    pub const ALL: [Theme; 2] = [Theme::Light, Theme::Dark];

    /// `light` or `dark`, as in file names and the page's `data-theme`.
    pub const fn as_str(self) -> &'static str {
        match self {
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The theme named `s` (`light` or `dark`).
    pub fn parse(s: &str) -> Option<Theme> {
        Theme::ALL.into_iter().find(|t| t.as_str() == s)
    }

    /// Its colours.
    pub const fn palette(self) -> &'static Palette {
        match self {
            Theme::Light => &LIGHT,
            Theme::Dark => &DARK,
        }
    }
}

/// A segment's fill colour and opacity, as style/diagram.css paints it.
fn seg_fill(class: SegClass, p: &Palette) -> (&'static str, f64) {
    match class {
        SegClass::Pending => (p.wait, 0.45),
        SegClass::Running => (p.run, 1.0),
        SegClass::CrashLoop => (p.wait, 0.8),
        SegClass::Terminating => (p.term, 1.0),
        SegClass::Succeeded => (p.ok, 0.35),
        SegClass::Failed => (p.fail, 0.35),
    }
}

/// The legend: every segment kind with the word the page's legend uses.
const LEGEND: [(SegClass, &str); 6] = [
    (SegClass::Pending, "Pending"),
    (SegClass::Running, "Running"),
    (SegClass::Succeeded, "Succeeded"),
    (SegClass::Failed, "Failed"),
    (SegClass::CrashLoop, "Restart back-off"),
    (SegClass::Terminating, "Terminating"),
];

/// A number for an attribute: at most two decimals, no trailing zeros, so the text is short and
/// the same on every platform.
fn num(v: f64) -> String {
    let r = (v * 100.0).round() / 100.0;
    let r = if r == 0.0 { 0.0 } else { r };
    let s = format!("{r:.2}");
    s.trim_end_matches('0').trim_end_matches('.').to_string()
}

/// Text for XML content or a double-quoted attribute. Characters XML 1.0 cannot carry (control
/// characters, which a Job's name cannot hold but a lab's stopped message might) become U+FFFD.
fn xml(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\t' | '\n' | '\r' => out.push(' '),
            c if (c as u32) < 0x20 || c == '\u{fffe}' || c == '\u{ffff}' => out.push('\u{fffd}'),
            c => out.push(c),
        }
    }
    out
}

/// Breaks `text` into lines of at most `max` characters at spaces (a longer word gets a line of
/// its own).
fn wrap(text: &str, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in text.split(' ').filter(|w| !w.is_empty()) {
        let len = line.chars().count();
        if len > 0 && len + 1 + word.chars().count() > max {
            lines.push(std::mem::take(&mut line));
        }
        if !line.is_empty() {
            line.push(' ');
        }
        line.push_str(word);
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

/// The caption of one moment: `At 0:12: Running: 1 succeeded, …`.
pub fn caption(d: &Drawing) -> String {
    format!("At {}: {}", fmt_time(d.time_ms), d.status)
}

/// A standalone picture: its SVG text and its size in CSS pixels.
#[derive(Clone, Debug, PartialEq)]
pub struct Picture {
    /// The SVG document.
    pub svg: String,
    /// Its width.
    pub width: f64,
    /// Its height.
    pub height: f64,
}

/// The standalone SVG document of `frames` (one per moment, top to bottom, all drawn in the same
/// layout, normally [`layout`]), headed by `title`, in `theme`. An empty `frames` gives a picture
/// of the title and the legend alone.
pub fn svg(title: &str, frames: &[Drawing], theme: Theme) -> String {
    picture(title, frames, theme).svg
}

/// [`svg`] with the picture's size, which the browser needs to rasterise it.
pub fn picture(title: &str, frames: &[Drawing], theme: Theme) -> Picture {
    let p = theme.palette();
    let inner_w = frames.first().map_or(layout().width, |d| d.layout.width);
    let width = inner_w + 2.0 * PAD;
    // DejaVu Sans at 13 px averages under 8 px a character, so a line this long fits.
    let caption_chars = ((inner_w / 8.0) as usize).max(20);
    let mut body = String::new();
    // The title, then each moment: its caption lines and its box.
    let mut y = PAD + 16.0;
    let _ = write!(
        body,
        r#"<text x="{}" y="{}" font-size="16" font-weight="700" fill="{}">{}</text>"#,
        num(PAD),
        num(y),
        p.text,
        xml(title)
    );
    y += 12.0;
    for d in frames {
        let lines = wrap(&caption(d), caption_chars);
        for line in &lines {
            y += LINE_H;
            let _ = write!(
                body,
                r#"<text x="{}" y="{}" font-weight="600" fill="{}">{}</text>"#,
                num(PAD),
                num(y - 5.0),
                p.text,
                xml(line)
            );
        }
        y += 6.0;
        frame(&mut body, d, PAD, y, p);
        y += d.height + FRAME_GAP;
    }
    // The legend, in a grid so no item's width has to be measured.
    let columns = if width < super::NARROW_BELOW { 2 } else { 3 };
    let cell = inner_w / columns as f64;
    for (i, (class, word)) in LEGEND.iter().enumerate() {
        let x = PAD + (i % columns) as f64 * cell;
        let row_y = y + (i / columns) as f64 * LEGEND_H;
        let (fill, opacity) = seg_fill(*class, p);
        let _ = write!(
            body,
            r#"<rect x="{}" y="{}" width="16" height="11" rx="2" fill="{fill}"{}/><text x="{}" y="{}" font-size="12" fill="{}">{word}</text>"#,
            num(x),
            num(row_y + 3.0),
            opacity_attr(opacity),
            num(x + 22.0),
            num(row_y + 13.0),
            p.muted,
        );
    }
    let rows = LEGEND.len().div_ceil(columns);
    let height = y + rows as f64 * LEGEND_H - 6.0 + PAD;
    let desc = frames.iter().map(caption).collect::<Vec<_>>().join(". ");
    let svg = format!(
        concat!(
            r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}" "#,
            r#"role="img" aria-labelledby="joblab-title joblab-desc" font-family="{font}" font-size="13">"#,
            r#"<title id="joblab-title">{title}</title><desc id="joblab-desc">{desc}</desc>"#,
            r#"<rect width="{w}" height="{h}" fill="{bg}"/>{body}</svg>"#,
            "\n"
        ),
        w = num(width),
        h = num(height),
        font = FONT,
        title = xml(title),
        desc = xml(&desc),
        bg = p.bg,
        body = body,
    );
    Picture { svg, width, height }
}

fn opacity_attr(opacity: f64) -> String {
    if opacity < 1.0 {
        format!(r#" opacity="{}""#, num(opacity))
    } else {
        String::new()
    }
}

/// One moment's box at (`x`, `y`): the lanes, segments, markers, gaps, axis and "now" line, painted
/// as style/diagram.css paints the page's diagram.
fn frame(out: &mut String, d: &Drawing, x: f64, y: f64, p: &Palette) {
    let w = d.layout.width;
    let axis_y = d.height - AXIS_H;
    let _ = write!(
        out,
        r#"<g transform="translate({},{})" data-moment="{}">"#,
        num(x),
        num(y),
        fmt_time(d.time_ms)
    );
    let _ = write!(
        out,
        r#"<rect x="0.5" y="0.5" width="{}" height="{}" rx="10" fill="{}" stroke="{}"/>"#,
        num(w - 1.0),
        num(d.height - 1.0),
        p.surface,
        p.border
    );
    let fx = num;
    // Every other lane is striped, so lanes read apart.
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
    for t in &d.ticks {
        let _ = write!(
            out,
            r#"<line x1="{x}" x2="{x}" y1="0" y2="{}" stroke="{}"/><text x="{x}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>"#,
            num(axis_y),
            p.border,
            num(axis_y + 20.0),
            p.muted,
            xml(&t.text),
            x = fx(t.x),
        );
    }
    let _ = write!(
        out,
        r#"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}"/>"#,
        fx(d.layout.plot_x0),
        fx(d.layout.plot_x1),
        p.muted,
        y = num(axis_y),
    );
    for lane in &d.lanes {
        let mid = lane.y + LANE_H / 2.0;
        let colour = match lane.phase {
            PodPhase::Failed => p.fail,
            PodPhase::Succeeded => p.ok,
            _ => p.text,
        };
        let _ = write!(
            out,
            r#"<text x="6" y="{}" font-family="{MONO}" font-size="12" fill="{colour}">{}</text>"#,
            num(mid + 4.0),
            xml(&lane.text)
        );
        for s in &lane.segments {
            let (fill, opacity) = seg_fill(s.class, p);
            let _ = write!(
                out,
                r#"<rect x="{}" y="{}" width="{}" height="{}" rx="3" fill="{fill}"{}/>"#,
                fx(s.x),
                num(lane.y + 7.0),
                fx(s.w),
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
                    fx(s.x + 4.0),
                    num(mid + 4.0),
                    xml(s.shown_text())
                );
            }
        }
        for m in &lane.markers {
            let (mx, cy) = (m.x, lane.y + 7.0);
            let (stroke, shape) = match m.kind {
                MarkerKind::Exit { code: 0 } => (
                    p.ok,
                    format!(r#"<circle cx="{}" cy="{}" r="8""#, num(mx), num(cy)),
                ),
                MarkerKind::Exit { .. } => (
                    p.fail,
                    format!(
                        r#"<rect x="{}" y="{}" width="15" height="15" rx="1.5""#,
                        num(mx - 7.5),
                        num(cy - 7.5)
                    ),
                ),
                MarkerKind::Restart => (
                    p.wait,
                    format!(r#"<circle cx="{}" cy="{}" r="8""#, num(mx), num(cy)),
                ),
                MarkerKind::Evicted => (
                    p.term,
                    format!(
                        r#"<polygon points="{x},{} {},{cy} {x},{} {},{cy}""#,
                        num(cy - 9.0),
                        num(mx + 9.0),
                        num(cy + 9.0),
                        num(mx - 9.0),
                        x = num(mx),
                        cy = num(cy),
                    ),
                ),
            };
            let _ = write!(
                out,
                r#"{shape} fill="{}" stroke="{stroke}" stroke-width="2"/>"#,
                p.surface
            );
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
            fx(g.x),
            fx(g.x + g.w),
            p.wait,
            fx(g.x + g.w / 2.0),
            num(mid - 4.0),
            p.wait,
            xml(&g.text),
            m = num(mid),
        );
    }
    let _ = write!(
        out,
        r#"<line x1="{x}" x2="{x}" y1="0" y2="{}" stroke="{}" stroke-width="2"/></g>"#,
        num(axis_y),
        p.accent,
        x = fx(d.now_x),
    );
}

/// Reads the moments of a strip from text such as `0:00, 0:12, 1:30` (`m:ss`) or `0 12 90`
/// (seconds), separated by commas or spaces: sorted, without repeats, each at most `end_ms` (a
/// later one is the end). An error says which entry it could not read.
pub fn parse_moments(text: &str, end_ms: Millis) -> Result<Vec<Millis>, String> {
    let mut out = Vec::new();
    for entry in text
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|e| !e.is_empty())
    {
        let seconds = match entry.split_once(':') {
            Some((m, s)) if s.len() == 2 => m
                .parse::<u64>()
                .ok()
                .zip(s.parse::<u64>().ok().filter(|s| *s < 60))
                .map(|(m, s)| m.saturating_mul(60).saturating_add(s)),
            Some(_) => None,
            None => entry.strip_suffix('s').unwrap_or(entry).parse::<u64>().ok(),
        };
        let Some(seconds) = seconds else {
            return Err(format!(
                "\u{201c}{}\u{201d} is not a time: write m:ss, such as 1:05, or whole seconds.",
                entry.chars().take(20).collect::<String>()
            ));
        };
        out.push(seconds.saturating_mul(1000).min(end_ms));
        if out.len() > MAX_MOMENTS * 4 {
            break;
        }
    }
    out.sort_unstable();
    out.dedup();
    if out.is_empty() {
        return Err("Name at least one moment, such as 0:00, 0:10.".to_string());
    }
    if out.len() > MAX_MOMENTS {
        return Err(format!(
            "A strip holds at most {MAX_MOMENTS} moments; {} were named.",
            out.len()
        ));
    }
    Ok(out)
}

/// `count` moments spread evenly from the start to `end_ms` in whole seconds, as `m:ss` text for
/// the strip's field: the default strip.
pub fn default_moments(end_ms: Millis, count: u64) -> String {
    let count = count.max(2);
    let end_s = end_ms / 1000;
    let mut times: Vec<Millis> = (0..count).map(|i| end_s * i / (count - 1) * 1000).collect();
    times.dedup();
    times
        .iter()
        .map(|&t| fmt_time(t))
        .collect::<Vec<_>>()
        .join(", ")
}

/// The file name of a picture, without its extension: `joblab-failure-0m12s-dark` for one moment,
/// `joblab-failure-strip-dark` for several.
pub fn file_stem(slug: &str, moments: &[Millis], theme: Theme) -> String {
    let when = match moments {
        [t] => {
            let s = t / 1000;
            format!("{}m{:02}s", s / 60, s % 60)
        }
        _ => "strip".to_string(),
    };
    let slug: String = slug
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .take(60)
        .collect();
    format!("joblab-{slug}-{when}-{}", theme.as_str())
}
