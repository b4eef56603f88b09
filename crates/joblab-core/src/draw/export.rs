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
//! It is written from drawing models, never from the live page, so it is deterministic and tested
//! natively: the same run, moments and theme give the same bytes. This module holds what every
//! picture shares (the theme's palette, text and number helpers, the title, captions and strip
//! stacking, the legend grid, marker shapes, and how moments are read and named); `job` draws a
//! Job's [`Drawing`](super::Drawing) (its functions are this module's [`svg`], [`picture`] and
//! [`caption`]) and [`cronjob`] a CronJob's [`CronDrawing`](super::cronjob::CronDrawing).

use std::fmt::Write as _;

use super::{Layout, SegClass, Tick};

/// Pictures of the CronJob diagrams.
pub mod cronjob;
mod job;
mod moments;

pub use job::{caption, picture, svg};
pub use moments::{default_moments, file_stem, parse_moments, Clock};

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

/// A segment's fill colour and opacity, as style/diagram.css paints it (the Job's Pods and the
/// CronJob's Jobs and Pods alike).
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

/// ` opacity="…"` for a fill drawn translucent, nothing for an opaque one.
fn opacity_attr(opacity: f64) -> String {
    if opacity < 1.0 {
        format!(r#" opacity="{}""#, num(opacity))
    } else {
        String::new()
    }
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

/// One moment of a picture: a drawing model that can say what it shows and paint itself.
trait Frame {
    /// The layout's width.
    fn width(&self) -> f64;
    /// The drawing's height.
    fn height(&self) -> f64;
    /// The caption above its box (`At 0:12: …`), which the picture's description repeats.
    fn caption(&self) -> String;
    /// The moment as the player writes it, for the box's `data-moment`.
    fn moment(&self) -> String;
    /// Everything inside the box, in the box's coordinates.
    fn paint(&self, out: &mut String, p: &Palette);
}

/// The shapes markers take, so that none differs from another by colour alone.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Shape {
    /// A circle of radius `r`.
    Circle,
    /// A square of side `2r - 1`, slightly rounded.
    Square,
    /// A diamond reaching `r + 1` from its centre.
    Diamond,
}

/// The opening of a marker's element (without its paint and its end) centred on (`cx`, `cy`),
/// `r` its size as [`Shape`] says.
fn shape_at(shape: Shape, cx: f64, cy: f64, r: f64) -> String {
    match shape {
        Shape::Circle => format!(
            r#"<circle cx="{}" cy="{}" r="{}""#,
            num(cx),
            num(cy),
            num(r)
        ),
        Shape::Square => {
            let h = r - 0.5;
            format!(
                r#"<rect x="{}" y="{}" width="{s}" height="{s}" rx="1.5""#,
                num(cx - h),
                num(cy - h),
                s = num(2.0 * h),
            )
        }
        Shape::Diamond => {
            let d = r + 1.0;
            format!(
                r#"<polygon points="{x},{} {},{cy} {x},{} {},{cy}""#,
                num(cy - d),
                num(cx + d),
                num(cy + d),
                num(cx - d),
                x = num(cx),
                cy = num(cy),
            )
        }
    }
}

/// A marker's shape, painted as style/diagram.css paints `.marker`: the box's colour inside, a
/// 2 px outline in `stroke`, dashed for a marker the page dashes; `r` is its size as [`Shape`]
/// says.
fn marker(
    out: &mut String,
    (shape, r): (Shape, f64),
    (cx, cy): (f64, f64),
    stroke: &str,
    dashed: bool,
    p: &Palette,
) {
    let _ = write!(
        out,
        r#"{} fill="{}" stroke="{stroke}" stroke-width="2"{}/>"#,
        shape_at(shape, cx, cy, r),
        p.surface,
        if dashed {
            r#" stroke-dasharray="3 2""#
        } else {
            ""
        }
    );
}

/// The time axis of a box whose axis line is at `axis_y`: a grid line and a label per tick, then
/// the axis line under the plot.
fn axis(out: &mut String, ticks: &[Tick], layout: &Layout, axis_y: f64, p: &Palette) {
    for t in ticks {
        let _ = write!(
            out,
            r#"<line x1="{x}" x2="{x}" y1="0" y2="{}" stroke="{}"/><text x="{x}" y="{}" text-anchor="middle" font-size="11" fill="{}">{}</text>"#,
            num(axis_y),
            p.border,
            num(axis_y + 20.0),
            p.muted,
            xml(&t.text),
            x = num(t.x),
        );
    }
    let _ = write!(
        out,
        r#"<line x1="{}" x2="{}" y1="{y}" y2="{y}" stroke="{}"/>"#,
        num(layout.plot_x0),
        num(layout.plot_x1),
        p.muted,
        y = num(axis_y),
    );
}

/// The "now" line at `x`, from the top of the box to the axis.
fn now_line(out: &mut String, x: f64, axis_y: f64, p: &Palette) {
    let _ = write!(
        out,
        r#"<line x1="{x}" x2="{x}" y1="0" y2="{}" stroke="{}" stroke-width="2"/>"#,
        num(axis_y),
        p.accent,
        x = num(x),
    );
}

/// A palette colour a marker is painted in, named before a theme is chosen.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tone {
    /// `--text`.
    Text,
    /// `--ok`.
    Ok,
    /// `--fail`.
    Fail,
    /// `--wait`.
    Wait,
    /// `--term`.
    Term,
}

impl Tone {
    /// Its colour in `p`.
    const fn of(self, p: &Palette) -> &'static str {
        match self {
            Tone::Text => p.text,
            Tone::Ok => p.ok,
            Tone::Fail => p.fail,
            Tone::Wait => p.wait,
            Tone::Term => p.term,
        }
    }
}

/// What a legend entry shows before its word.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Swatch {
    /// A filled stretch, as the segments of that kind are painted.
    Fill(SegClass),
    /// A marker: its shape, its outline's colour and whether it is dashed.
    Mark(Shape, Tone, bool),
}

/// The legend, in a grid from `y` so no item's width has to be measured; returns its height.
fn legend(
    out: &mut String,
    items: &[(Swatch, &str)],
    inner_w: f64,
    width: f64,
    y: f64,
    p: &Palette,
) -> f64 {
    let columns = if width < super::NARROW_BELOW { 2 } else { 3 };
    let cell = inner_w / columns as f64;
    for (i, (swatch, word)) in items.iter().enumerate() {
        let x = PAD + (i % columns) as f64 * cell;
        let row_y = y + (i / columns) as f64 * LEGEND_H;
        match *swatch {
            Swatch::Fill(class) => {
                let (fill, opacity) = seg_fill(class, p);
                let _ = write!(
                    out,
                    r#"<rect x="{}" y="{}" width="16" height="11" rx="2" fill="{fill}"{}/>"#,
                    num(x),
                    num(row_y + 3.0),
                    opacity_attr(opacity),
                );
            }
            Swatch::Mark(shape, stroke, dashed) => {
                marker(
                    out,
                    (shape, 5.0),
                    (x + 8.0, row_y + 8.5),
                    stroke.of(p),
                    dashed,
                    p,
                );
            }
        }
        let _ = write!(
            out,
            r#"<text x="{}" y="{}" font-size="12" fill="{}">{word}</text>"#,
            num(x + 22.0),
            num(row_y + 13.0),
            p.muted,
        );
    }
    items.len().div_ceil(columns) as f64 * LEGEND_H
}

/// The standalone SVG document of `frames` (one per moment, top to bottom, all drawn in the same
/// layout), headed by `title`, each moment under its caption, then `items` as the legend.
fn document<F: Frame>(
    title: &str,
    frames: &[F],
    theme: Theme,
    items: &[(Swatch, &str)],
) -> Picture {
    let p = theme.palette();
    let inner_w = frames.first().map_or(layout().width, Frame::width);
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
        for line in &wrap(&d.caption(), caption_chars) {
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
        let _ = write!(
            body,
            r#"<g transform="translate({},{})" data-moment="{}"><rect x="0.5" y="0.5" width="{}" height="{}" rx="10" fill="{}" stroke="{}"/>"#,
            num(PAD),
            num(y),
            xml(&d.moment()),
            num(d.width() - 1.0),
            num(d.height() - 1.0),
            p.surface,
            p.border
        );
        d.paint(&mut body, p);
        body.push_str("</g>");
        y += d.height() + FRAME_GAP;
    }
    let height = y + legend(&mut body, items, inner_w, width, y, p) - 6.0 + PAD;
    let desc = frames
        .iter()
        .map(Frame::caption)
        .collect::<Vec<_>>()
        .join(". ");
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
