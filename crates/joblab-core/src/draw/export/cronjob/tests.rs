use super::*;
use crate::draw::cronjob::cron_drawing;
use crate::draw::export::{layout, Clock};
use crate::patterns::cronjob::{record, CronKnobs, CronPreset, CronReplay, START_UNIX_SECONDS};
use crate::sim::Millis;

fn run(p: CronPreset) -> CronReplay {
    record(p, &CronKnobs::default_for(p)).unwrap_or_else(|e| panic!("{p:?}: {e}"))
}

fn frame(r: &CronReplay, t: Millis) -> CronDrawing {
    cron_drawing(&r.at(t), false, r.span_ms(), layout())
}

/// Checks what every picture must be: well-formed XML, sized, self-contained (no stylesheet, no
/// class, no link, no CSS variable, every colour a literal), one box per moment, titled.
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
        Some(format!("0 0 {w} {h}").as_str()),
        "{what}"
    );
    assert!(root
        .attribute("font-family")
        .is_some_and(|f| f.starts_with("'DejaVu Sans'")));
    assert!(!svg.contains("var("), "{what}: an unresolved CSS variable");
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
    for p in CronPreset::ALL {
        let r = run(p);
        let end = frame(&r, r.span_ms());
        let times = [0, r.span_ms() / 3, r.span_ms()];
        let strip: Vec<CronDrawing> = times.iter().map(|&t| frame(&r, t)).collect();
        for theme in Theme::ALL {
            let what = format!("{p:?} {theme:?}");
            let one = picture(
                p.label(),
                START_UNIX_SECONDS,
                std::slice::from_ref(&end),
                theme,
            );
            assert_standalone(&one.svg, 1, &what);
            assert!(one.svg.contains(&format!(r#"width="{}""#, one.width)));
            assert!(one.svg.contains(&format!(r#"height="{}""#, one.height)));
            // Every row's label, every marker's word and the caption are in the picture.
            for row in &end.rows {
                assert!(
                    one.svg.contains(&format!(">{}</text>", xml(&row.text))),
                    "{what}: {}",
                    row.text
                );
                for m in &row.markers {
                    assert!(one.svg.contains(&format!(">{}</text>", m.text)), "{what}");
                }
            }
            assert!(
                one.svg.contains(&xml(&caption(&end, START_UNIX_SECONDS))),
                "{what}"
            );
            // The same input gives the same bytes.
            assert_eq!(
                one.svg,
                svg(
                    p.label(),
                    START_UNIX_SECONDS,
                    &[frame(&r, r.span_ms())],
                    theme
                ),
                "{what}"
            );
            let three = svg(p.label(), START_UNIX_SECONDS, &strip, theme);
            assert_standalone(&three, 3, &what);
            for (d, t) in strip.iter().zip(times) {
                assert!(
                    three.contains(&xml(&caption(d, START_UNIX_SECONDS))),
                    "{what}"
                );
                let moment = Clock::Wall {
                    start_unix_seconds: START_UNIX_SECONDS,
                }
                .text(t);
                assert!(
                    three.contains(&format!(r#"data-moment="{moment}""#)),
                    "{what}: {moment}"
                );
            }
        }
    }
}

/// What each pattern's picture shows at the end of its span: the words on its markers and
/// bands, each of which the page draws too.
#[test]
fn each_pattern_shows_its_story() {
    let table: &[(CronPreset, &[&str], &[&str])] = &[
        (
            CronPreset::History,
            &["run", "deleted", "0", "1"],
            &["late", "skip"],
        ),
        (CronPreset::Forbid, &["run", "skip", "late"], &["deleted"]),
        (
            CronPreset::Replace,
            &["run", "deleted", "143"],
            &["skip", "late"],
        ),
        (
            CronPreset::Missed,
            &["run", "miss", "late", "suspended"],
            &["skip"],
        ),
    ];
    for (p, present, absent) in table {
        let r = run(*p);
        let svg = svg(
            p.label(),
            START_UNIX_SECONDS,
            &[frame(&r, r.span_ms())],
            Theme::Light,
        );
        for word in *present {
            assert!(svg.contains(&format!(">{word}</text>")), "{p:?}: {word}");
        }
        for word in *absent {
            assert!(!svg.contains(&format!(">{word}</text>")), "{p:?}: {word}");
        }
    }
}

#[test]
fn deleted_jobs_are_struck_and_faded_as_on_the_page() {
    let r = run(CronPreset::History);
    let d = frame(&r, r.span_ms());
    let deleted = d.rows.iter().filter(|row| row.deleted).count();
    assert!(deleted >= 2, "{deleted}");
    let svg = svg(
        "History",
        START_UNIX_SECONDS,
        std::slice::from_ref(&d),
        Theme::Dark,
    );
    let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{e}"));
    let faded = doc
        .descendants()
        .filter(|n| n.has_tag_name("g") && n.attribute("opacity") == Some("0.55"))
        .count();
    let struck = doc
        .descendants()
        .filter(|n| {
            n.has_tag_name("line")
                && n.prev_sibling_element()
                    .is_some_and(|t| t.attribute("font-family") == Some(MONO))
        })
        .count();
    assert_eq!(faded, deleted);
    assert_eq!(struck, deleted);
    // A Job's label is bold, a Pod's is indented under it.
    let job = d.rows.iter().find(|row| row.kind == RowKind::Job);
    let label = job.map(|row| {
        format!(
            r#"font-size="12" font-weight="600" fill="{}">{}<"#,
            Theme::Dark.palette().text,
            row.text
        )
    });
    assert!(label.is_some_and(|l| svg.contains(&l)));
}

#[test]
fn the_legend_names_every_kind_and_marker() {
    let svg = svg("Legend", START_UNIX_SECONDS, &[], Theme::Light);
    assert_standalone(&svg, 0, "legend");
    for (_, word) in LEGEND {
        assert!(svg.contains(&format!(">{word}</text>")), "{word}");
    }
    // The late marker is dashed, as on the page.
    assert_eq!(svg.matches(r#"stroke-dasharray="3 2""#).count(), 1);
}

#[test]
fn wall_clock_moments_read_name_and_spread() {
    let midnight = Clock::Wall {
        start_unix_seconds: START_UNIX_SECONDS,
    };
    // A run created at 23:00: 00:10 is the next day's.
    let late = Clock::Wall {
        start_unix_seconds: START_UNIX_SECONDS + 23 * 3600,
    };
    let end = 3_000_000;
    let ok: &[(Clock, &str, &[Millis])] = &[
        (midnight, "00:05, 00:10:30", &[300_000, 630_000]),
        (midnight, "0:05 00:05:00", &[300_000]),
        (midnight, "00:45,00:00:00", &[0, 2_700_000]),
        (midnight, "12:00", &[3_000_000]),
        (late, "23:30, 00:10", &[1_800_000, 3_000_000]),
        (late, "23:00:01", &[1_000]),
    ];
    for (clock, text, want) in ok {
        assert_eq!(
            clock.parse_moments(text, end).as_deref(),
            Ok(*want),
            "{text}"
        );
    }
    let bad: &[(&str, &str)] = &[
        ("", "Name at least one moment, such as 00:00:00, 00:10:00."),
        ("00:60", "“00:60” is not a time: write HH:MM:SS or HH:MM"),
        ("24:00", "“24:00” is not a time"),
        ("300", "“300” is not a time"),
        ("00:05:00:00", "“00:05:00:00” is not a time"),
        ("000:05", "“000:05” is not a time"),
        ("00:5", "“00:5” is not a time"),
        ("soon", "“soon” is not a time"),
    ];
    for (text, want) in bad {
        let got = midnight.parse_moments(text, end);
        assert!(
            got.as_ref().is_err_and(|e| e.starts_with(want)),
            "{text}: {got:?}"
        );
    }
    assert_eq!(
        midnight.default_moments(1_800_000, 4),
        "00:00:00, 00:10:00, 00:20:00, 00:30:00"
    );
    assert_eq!(
        late.default_moments(120_500, 3),
        "23:00:00, 23:01:00, 23:02:00"
    );
    assert_eq!(
        midnight.file_stem("cronjobs/forbid", &[1_800_000], Theme::Dark),
        "joblab-cronjobs-forbid-00h30m00s-dark"
    );
    assert_eq!(
        late.file_stem("cronjobs/missed-runs", &[61_000], Theme::Light),
        "joblab-cronjobs-missed-runs-23h01m01s-light"
    );
    assert_eq!(
        midnight.file_stem("cronjobs/forbid", &[0, 60_000], Theme::Light),
        "joblab-cronjobs-forbid-strip-light"
    );
    assert_eq!(midnight.format(), "HH:MM:SS");
    assert_eq!(Clock::Elapsed.format(), "m:ss");
}
