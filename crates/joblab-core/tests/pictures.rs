//! The standalone SVG pictures (`draw::export`): well-formed, self-contained (every colour a
//! literal, no stylesheet, no CSS variable), painted with the page's own theme tokens and segment
//! fills (read from style/*.css, so the two cannot drift), deterministic, and pinned by goldens.
//! Rewrite the goldens with `UPDATE_GOLDEN=1 cargo test -p joblab-core --test pictures`.
//! Whether Chromium and librsvg render them alike is e2e/pictures.spec.mjs's question.

use std::collections::HashMap;
use std::path::PathBuf;

use joblab_core::draw::cronjob::{cron_drawing, CronDrawing};
use joblab_core::draw::export::{self, Theme};
use joblab_core::draw::{drawing_in, Drawing, JobShape};
use joblab_core::patterns::cronjob::{
    record, CronKnobs, CronPreset, CronReplay, START_UNIX_SECONDS,
};
use joblab_core::patterns::{build, Knobs, Preset, RUN_LIMIT_MS};
use joblab_core::sim::{Millis, Replay, Simulation};

const MAIN_CSS: &str = include_str!("../../../style/main.css");
const DIAGRAM_CSS: &str = include_str!("../../../style/diagram.css");

struct Run {
    replay: Replay,
    shape: JobShape,
    end_ms: Millis,
}

fn run(p: Preset) -> Run {
    let (job, scenario) = build(p, &Knobs::default_for(p));
    let shape = JobShape::of(&job);
    let replay = Replay::record(Simulation::new(job, scenario), RUN_LIMIT_MS);
    let end_ms = replay.end().now();
    Run {
        replay,
        shape,
        end_ms,
    }
}

impl Run {
    fn frame(&self, t: Millis) -> Drawing {
        drawing_in(
            &self.replay.snapshot_at(t.min(self.end_ms)),
            self.end_ms,
            &self.shape,
            export::layout(),
        )
    }
}

fn cron_run(p: CronPreset) -> CronReplay {
    record(p, &CronKnobs::default_for(p)).unwrap_or_else(|e| panic!("{p:?}: {e}"))
}

fn cron_frame(r: &CronReplay, t: Millis) -> CronDrawing {
    cron_drawing(&r.at(t), false, r.span_ms(), export::layout())
}

/// The custom properties set in the CSS block that starts at `selector`.
fn tokens(selector: &str) -> HashMap<String, String> {
    let start = MAIN_CSS
        .find(selector)
        .unwrap_or_else(|| panic!("{selector} not in main.css"));
    let block = &MAIN_CSS[start..];
    let block = &block[..block.find('}').unwrap_or(block.len())];
    block
        .lines()
        .filter_map(|l| {
            let l = l.trim();
            let (name, value) = l.strip_prefix("--")?.split_once(':')?;
            let value = value.split(';').next()?.trim();
            Some((name.to_string(), value.to_string()))
        })
        .collect()
}

#[test]
fn palettes_are_the_stylesheet_tokens() {
    for (theme, selector) in [
        (Theme::Light, ":root {"),
        (Theme::Dark, ":root[data-theme=\"dark\"] {"),
    ] {
        let css = tokens(selector);
        let p = theme.palette();
        for (name, value) in [
            ("bg", p.bg),
            ("surface", p.surface),
            ("surface-2", p.surface_2),
            ("text", p.text),
            ("muted", p.muted),
            ("border", p.border),
            ("accent", p.accent),
            ("ok", p.ok),
            ("fail", p.fail),
            ("run", p.run),
            ("wait", p.wait),
            ("term", p.term),
        ] {
            assert_eq!(
                css.get(name).map(String::as_str),
                Some(value),
                "{theme:?} --{name}"
            );
        }
    }
}

/// The segment fills of style/diagram.css: class → (token, opacity).
fn css_segment_fills() -> HashMap<String, (String, String)> {
    DIAGRAM_CSS
        .lines()
        .filter_map(|l| {
            let rest = l.split(".seg-").nth(1)?;
            let (class, rule) = rest.split_once(" rect {")?;
            let token = rule.split("fill: var(--").nth(1)?.split(')').next()?;
            let opacity = rule
                .split("opacity: ")
                .nth(1)
                .and_then(|o| o.split(';').next())
                .unwrap_or("1");
            Some((class.to_string(), (token.to_string(), opacity.to_string())))
        })
        .collect()
}

#[test]
fn segments_and_legend_are_painted_as_the_page_paints_them() {
    let fills = css_segment_fills();
    assert_eq!(fills.len(), 6, "{fills:?}");
    // The legend's swatches are the segment fills; read them back from the picture, per theme.
    for theme in Theme::ALL {
        let css = tokens(match theme {
            Theme::Light => ":root {",
            Theme::Dark => ":root[data-theme=\"dark\"] {",
        });
        let svg = export::svg("Legend", &[], theme);
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
        for (class, word) in [
            ("pending", "Pending"),
            ("running", "Running"),
            ("succeeded", "Succeeded"),
            ("failed", "Failed"),
            ("crashloop", "Restart back-off"),
            ("terminating", "Terminating"),
        ] {
            let text = doc
                .descendants()
                .find(|n| n.has_tag_name("text") && n.text() == Some(word))
                .unwrap_or_else(|| panic!("no legend entry {word}"));
            let swatch = text
                .prev_sibling_element()
                .unwrap_or_else(|| panic!("{word}: no swatch"));
            let (token, opacity) = &fills[class];
            assert_eq!(swatch.attribute("fill"), css.get(token).map(String::as_str));
            assert_eq!(
                swatch.attribute("opacity").unwrap_or("1"),
                opacity,
                "{word}"
            );
        }
    }
}

/// The theme tokens of `theme`.
fn theme_tokens(theme: Theme) -> HashMap<String, String> {
    tokens(match theme {
        Theme::Light => ":root {",
        Theme::Dark => ":root[data-theme=\"dark\"] {",
    })
}

/// The paint of `.diagram-svg .<class> <element> { <property>: var(--token); [opacity: o;] }` in
/// style/diagram.css: (element, token, opacity).
fn css_rule(class: &str, property: &str) -> (String, String, String) {
    let line = DIAGRAM_CSS
        .lines()
        .find(|l| {
            l.contains(&format!(".diagram-svg .{class} "))
                && l.contains(&format!("{{ {property}: var(--"))
        })
        .unwrap_or_else(|| panic!("no {property} rule for .{class} in diagram.css"));
    let rest = line.split(&format!(".{class} ")).nth(1).unwrap_or("");
    let element = rest.split(' ').next().unwrap_or("").to_string();
    let token = rest
        .split(&format!("{property}: var(--"))
        .nth(1)
        .and_then(|t| t.split(')').next())
        .unwrap_or("")
        .to_string();
    let opacity = rest
        .split("opacity: ")
        .nth(1)
        .and_then(|o| o.split(';').next())
        .unwrap_or("1")
        .to_string();
    (element, token, opacity)
}

#[test]
fn cronjob_markers_bands_and_legend_are_painted_as_the_page_paints_them() {
    let fills = css_segment_fills();
    let r = cron_run(CronPreset::Missed);
    let end = cron_frame(&r, r.span_ms());
    for theme in Theme::ALL {
        let css = theme_tokens(theme);
        let colour = |token: &str| css.get(token).cloned().unwrap_or_default();
        let svg = export::cronjob::svg(
            "Missed",
            START_UNIX_SECONDS,
            std::slice::from_ref(&end),
            theme,
        );
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
        let swatch_of = |word: &str| {
            doc.descendants()
                .find(|n| n.has_tag_name("text") && n.text() == Some(word))
                .and_then(|t| t.prev_sibling_element())
                .unwrap_or_else(|| panic!("no legend entry {word}"))
        };
        // The markers: the shape the page draws for the class, outlined in its token.
        for (class, word) in [
            ("cron-started", "run: created on time"),
            ("cron-late", "late: created later"),
            ("cron-skipped", "skip: Forbid waited"),
            ("cron-missed", "miss: no Job for that time"),
            ("cron-deleted", "Job deleted"),
        ] {
            let (element, token, _) = css_rule(class, "stroke");
            let swatch = swatch_of(word);
            assert_eq!(swatch.tag_name().name(), element, "{theme:?} {word}");
            assert_eq!(
                swatch.attribute("stroke"),
                Some(colour(&token).as_str()),
                "{theme:?} {word}"
            );
            assert_eq!(
                swatch.attribute("fill"),
                Some(colour("surface").as_str()),
                "{theme:?} {word}"
            );
        }
        // The fills: the segment kinds of the page's key.
        for (class, word) in [
            ("running", "Job active / Pod running"),
            ("succeeded", "Complete, kept"),
            ("failed", "Failed, kept"),
            ("pending", "Pending / suspended"),
            ("terminating", "Terminating / controller down"),
        ] {
            let (token, opacity) = &fills[class];
            let swatch = swatch_of(word);
            assert_eq!(
                swatch.attribute("fill"),
                Some(colour(token).as_str()),
                "{word}"
            );
            assert_eq!(
                swatch.attribute("opacity").unwrap_or("1"),
                opacity,
                "{word}"
            );
        }
        // The bands of this run (the CronJob suspended, then its controller down).
        for class in ["band-suspended", "band-down"] {
            let (element, token, opacity) = css_rule(class, "fill");
            let found = doc.descendants().any(|n| {
                n.tag_name().name() == element
                    && n.attribute("fill") == Some(colour(&token).as_str())
                    && n.attribute("opacity") == Some(opacity.as_str())
            });
            assert!(
                found,
                "{theme:?}: no {class} band painted {token} at {opacity}"
            );
        }
    }
}

/// Checks what every picture must be: well-formed, sized, self-contained, accessible.
fn assert_standalone(svg: &str, frames: usize, what: &str) {
    let doc = roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("{what}: {e}"));
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "svg", "{what}");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2000/svg")
    );
    let w: f64 = root.attribute("width").unwrap_or("").parse().unwrap_or(0.0);
    let h: f64 = root
        .attribute("height")
        .unwrap_or("")
        .parse()
        .unwrap_or(0.0);
    assert!(w > 0.0 && h > 0.0, "{what}: {w}x{h}");
    assert_eq!(
        root.attribute("viewBox"),
        Some(format!("0 0 {w} {h}").as_str())
    );
    assert_eq!(root.attribute("role"), Some("img"));
    assert!(root
        .attribute("font-family")
        .is_some_and(|f| f.starts_with("'DejaVu Sans'")));
    for n in doc.descendants().filter(|n| n.is_element()) {
        assert!(
            !matches!(
                n.tag_name().name(),
                "style" | "link" | "image" | "use" | "foreignObject" | "script"
            ),
            "{what}: <{}>",
            n.tag_name().name()
        );
        for a in n.attributes() {
            assert!(
                !matches!(a.name(), "class" | "style" | "href"),
                "{what}: {}",
                a.name()
            );
            assert!(!a.value().contains("var("), "{what}: {}", a.value());
            if matches!(a.name(), "fill" | "stroke") {
                let v = a.value();
                assert!(
                    v.len() == 7
                        && v.starts_with('#')
                        && v[1..].chars().all(|c| c.is_ascii_hexdigit()),
                    "{what}: {}={v}",
                    a.name()
                );
            }
        }
    }
    let moments = doc
        .descendants()
        .filter(|n| n.attribute("data-moment").is_some())
        .count();
    assert_eq!(moments, frames, "{what}");
    let title = doc.descendants().find(|n| n.has_tag_name("title"));
    assert!(title.and_then(|t| t.text()).is_some_and(|t| !t.is_empty()));
}

#[test]
fn every_pattern_in_both_themes_at_the_end_and_as_a_strip() {
    for p in Preset::ALL {
        let r = run(p);
        let end = r.frame(r.end_ms);
        let strip: Vec<Drawing> = [0, r.end_ms / 3, r.end_ms]
            .into_iter()
            .map(|t| r.frame(t))
            .collect();
        for theme in Theme::ALL {
            let what = format!("{p:?} {theme:?}");
            let one = export::svg(p.label(), std::slice::from_ref(&end), theme);
            assert_standalone(&one, 1, &what);
            // Every lane's label and the caption are in the picture.
            for lane in &end.lanes {
                assert!(
                    one.contains(&format!(">{}</text>", lane.text)),
                    "{what}: {}",
                    lane.text
                );
            }
            assert!(one.contains(&export::caption(&end)), "{what}");
            // The same input gives the same bytes.
            assert_eq!(one, export::svg(p.label(), &[r.frame(r.end_ms)], theme));
            let three = export::svg(p.label(), &strip, theme);
            assert_standalone(&three, 3, &what);
            for d in &strip {
                assert!(three.contains(&export::caption(d)), "{what}");
            }
        }
    }
}

#[test]
fn text_is_escaped_and_long_captions_wrap() {
    let r = run(Preset::Failure);
    let mut d = r.frame(r.end_ms);
    d.status = format!("{} <b>&\"x\"\u{1b}[2J", "word ".repeat(60));
    let svg = export::svg("A <title> & \"quotes\"", &[d], Theme::Dark);
    assert_standalone(&svg, 1, "escaped");
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    let title = doc.descendants().find(|n| n.has_tag_name("title"));
    assert_eq!(title.and_then(|t| t.text()), Some("A <title> & \"quotes\""));
    // The caption took several lines, none wider than the picture allows.
    let caption: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("text") && n.attribute("font-weight") == Some("600"))
        .filter_map(|n| n.text())
        .filter(|t| t.starts_with("At ") || t.starts_with("word"))
        .collect();
    assert!(caption.len() >= 3, "{caption:?}");
    assert!(
        caption.iter().all(|l| l.chars().count() <= 96),
        "{caption:?}"
    );
    assert!(svg.contains("\u{fffd}[2J"));
}

#[test]
fn moments_parse_from_text() {
    let end = 95_500;
    let ok: &[(&str, &[Millis])] = &[
        ("0:00, 0:10, 1:30", &[0, 10_000, 90_000]),
        ("0 12 90", &[0, 12_000, 90_000]),
        ("12s,3", &[3_000, 12_000]),
        ("1:30 0:05 1:30", &[5_000, 90_000]),
        ("  5:00 ", &[95_500]),
        ("0:59", &[59_000]),
    ];
    for (text, want) in ok {
        assert_eq!(
            export::parse_moments(text, end).as_deref(),
            Ok(*want),
            "{text}"
        );
    }
    let bad: &[(&str, &str)] = &[
        ("", "Name at least one moment"),
        (" , ", "Name at least one moment"),
        ("0:60", "“0:60” is not a time"),
        ("1:5", "“1:5” is not a time"),
        ("-3", "“-3” is not a time"),
        ("soon", "“soon” is not a time"),
        (
            "0 1 2 3 4 5 6 7 8 9 10 11 12",
            "A strip holds at most 12 moments; 13 were named.",
        ),
    ];
    for (text, want) in bad {
        let got = export::parse_moments(text, 200_000);
        assert!(
            got.as_ref().is_err_and(|e| e.starts_with(want)),
            "{text}: {got:?}"
        );
    }
    assert_eq!(export::default_moments(31_400, 4), "0:00, 0:10, 0:20, 0:31");
    assert_eq!(export::default_moments(1_000, 4), "0:00, 0:01");
    assert_eq!(
        export::file_stem("failure", &[72_000], Theme::Dark),
        "joblab-failure-1m12s-dark"
    );
    assert_eq!(
        export::file_stem("Mein Job", &[0, 5_000], Theme::Light),
        "joblab-mein-job-strip-light"
    );
}

fn golden(name: &str, got: &str) {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/golden/pictures")
        .join(format!("{name}.svg"));
    if std::env::var_os("UPDATE_GOLDEN").is_some() {
        std::fs::write(&path, got).unwrap_or_else(|e| panic!("{e}"));
        return;
    }
    let want = std::fs::read_to_string(&path)
        .unwrap_or_else(|e| panic!("{}: {e} (run with UPDATE_GOLDEN=1)", path.display()));
    assert!(want == got, "{name} differs from {}", path.display());
}

#[test]
fn goldens() {
    let r = run(Preset::Failure);
    golden(
        "failure-end-light",
        &export::svg("Failure Handling", &[r.frame(r.end_ms)], Theme::Light),
    );
    let r = run(Preset::PodFailurePolicy);
    let strip: Vec<Drawing> = export::parse_moments("0:00, 0:05, 0:20, 1:00", r.end_ms)
        .unwrap_or_default()
        .into_iter()
        .map(|t| r.frame(t))
        .collect();
    golden(
        "pod-failure-policy-strip-dark",
        &export::svg("Pod failure policy", &strip, Theme::Dark),
    );
    let r = cron_run(CronPreset::Forbid);
    golden(
        "cronjob-forbid-end-light",
        &export::cronjob::svg(
            CronPreset::Forbid.label(),
            START_UNIX_SECONDS,
            &[cron_frame(&r, r.span_ms())],
            Theme::Light,
        ),
    );
    let r = cron_run(CronPreset::Missed);
    let clock = export::Clock::Wall {
        start_unix_seconds: START_UNIX_SECONDS,
    };
    let strip: Vec<CronDrawing> = clock
        .parse_moments("00:10, 00:20, 00:31, 00:50", r.span_ms())
        .unwrap_or_default()
        .into_iter()
        .map(|t| cron_frame(&r, t))
        .collect();
    assert_eq!(strip.len(), 4);
    golden(
        "cronjob-missed-runs-strip-dark",
        &export::cronjob::svg(
            CronPreset::Missed.label(),
            START_UNIX_SECONDS,
            &strip,
            Theme::Dark,
        ),
    );
}
