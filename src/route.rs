//! Hash routes. Views live in the URL fragment (`#/flow`, `#/diagrams/parallel`) so that any
//! static host serves every view from one `index.html` without rewrite rules, and back, forward
//! and reload keep the view. Parsing is pure so it is tested natively.

use std::fmt;

/// One of the diagram patterns the guide shows: the core's
/// [`Preset`](joblab_core::patterns::Preset), under the name the routes and views use. The core's
/// list is the only one, so a new preset gets its route, button and embed with no second list to
/// update; this module only parses and formats its URLs.
pub use joblab_core::patterns::Preset as Pattern;

/// One of the guide's CronJob patterns: the core's
/// [`CronPreset`](joblab_core::patterns::cronjob::CronPreset), under the name the routes use.
pub use joblab_core::patterns::cronjob::CronPreset as CronPattern;

/// The views of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `#/concept` (also the empty fragment): the core model.
    Concept,
    /// `#/flow`: the controller's lifecycle.
    Flow,
    /// `#/diagrams/<pattern>`; `#/diagrams` alone opens the first pattern.
    Diagrams(Pattern),
    /// `#/cronjobs/<pattern>`; `#/cronjobs` alone opens the first CronJob pattern.
    CronJobs(CronPattern),
    /// `#/schedule`: the schedule explainer (its body is in the workbench module, with the time
    /// zone database). Its query (`?schedule=...&timeZone=...`) is read by the view.
    Schedule,
    /// `#/examples`: YAML and commands.
    Examples,
    /// `#/compare`: Job against Deployment and CronJob.
    Compare,
    /// `#/practice`: use cases and self-checks.
    Practice,
    /// `#/lab`: the YAML lab.
    Lab,
    /// Anything else; keeps what was asked for so the not-found view can say it.
    NotFound(String),
}

/// The top-level navigation: (label, route), in order. The labels are part of the contract.
pub const NAV: [(&str, &str); 8] = [
    ("Concept", "#/concept"),
    ("Flow", "#/flow"),
    ("Diagrams", "#/diagrams/simple"),
    ("CronJobs", "#/cronjobs/schedule-history"),
    ("Examples", "#/examples"),
    ("Compare", "#/compare"),
    ("Practice", "#/practice"),
    ("Lab", "#/lab"),
];

/// The part of a location fragment that is ours: without the leading `#`, and without anything a
/// host appended after a second `#`. WordPress appends `#?secret=<random>` to an embed's `src`
/// (wp-includes/js/wp-embed.js), which leaves `#/embed/failure?backoffLimit=2#?secret=abc`; the
/// host's part must never change a route, a share link or a knob.
pub fn own_part(fragment: &str) -> &str {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment.split('#').next().unwrap_or("")
}

/// The WordPress embed secret in a location fragment (`secret=` in the host's `#?secret=…`, or in
/// our own query), if it is one WordPress accepts: letters and digits only (wp-embed.js drops a
/// message whose secret has anything else).
pub fn wordpress_secret(fragment: &str) -> Option<&str> {
    let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
    fragment
        .split(['#', '?', '&'])
        .filter_map(|pair| pair.strip_prefix("secret="))
        .find(|v| !v.is_empty() && v.chars().all(|c| c.is_ascii_alphanumeric()))
}

impl Route {
    /// Parses a location fragment, with or without the leading `#`. A query after `?` is ignored
    /// here (views that take parameters read it themselves), and so is what a host appended after
    /// a second `#` ([`own_part`]).
    pub fn parse(fragment: &str) -> Route {
        let fragment = own_part(fragment);
        let path = fragment.split('?').next().unwrap_or("");
        let path = path.strip_prefix('/').unwrap_or(path).trim_end_matches('/');
        let mut parts = path.split('/');
        let first = parts.next().unwrap_or("");
        let second = parts.next();
        let rest = parts.next();
        match (first, second, rest) {
            ("" | "concept", None, None) => Route::Concept,
            ("flow", None, None) => Route::Flow,
            ("diagrams", None, None) => Route::Diagrams(Pattern::Simple),
            ("diagrams", Some(slug), None) => match Pattern::from_slug(slug) {
                Some(p) => Route::Diagrams(p),
                None => Route::NotFound(fragment.to_string()),
            },
            ("cronjobs", None, None) => Route::CronJobs(CronPattern::ALL[0]),
            ("cronjobs", Some(slug), None) => match CronPattern::from_slug(slug) {
                Some(p) => Route::CronJobs(p),
                None => Route::NotFound(fragment.to_string()),
            },
            ("schedule", None, None) => Route::Schedule,
            ("examples", None, None) => Route::Examples,
            ("compare", None, None) => Route::Compare,
            ("practice", None, None) => Route::Practice,
            ("lab", None, None) => Route::Lab,
            _ => Route::NotFound(fragment.to_string()),
        }
    }

    /// The navigation section this route belongs to (its `NAV` label), if any.
    pub fn section(&self) -> Option<&'static str> {
        Some(match self {
            Route::Concept => "Concept",
            Route::Flow => "Flow",
            Route::Diagrams(_) => "Diagrams",
            Route::CronJobs(_) | Route::Schedule => "CronJobs",
            Route::Examples => "Examples",
            Route::Compare => "Compare",
            Route::Practice => "Practice",
            Route::Lab => "Lab",
            Route::NotFound(_) => return None,
        })
    }
}

impl fmt::Display for Route {
    /// The canonical fragment, e.g. `#/diagrams/parallel`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Route::Concept => f.write_str("#/concept"),
            Route::Flow => f.write_str("#/flow"),
            Route::Diagrams(p) => write!(f, "#/diagrams/{}", p.slug()),
            Route::CronJobs(p) => write!(f, "#/cronjobs/{}", p.slug()),
            Route::Schedule => f.write_str("#/schedule"),
            Route::Examples => f.write_str("#/examples"),
            Route::Compare => f.write_str("#/compare"),
            Route::Practice => f.write_str("#/practice"),
            Route::Lab => f.write_str("#/lab"),
            Route::NotFound(path) => write!(f, "#{path}"),
        }
    }
}

/// What an embed page shows: one diagram pattern, or the lab.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EmbedTarget {
    /// `#/embed/<pattern slug>`: that diagram with its player and knobs.
    Pattern(Pattern),
    /// `#/embed/cronjobs/<CronJob pattern slug>`: that CronJob diagram with its player and knobs.
    CronPattern(CronPattern),
    /// `#/embed/lab`: the YAML lab.
    Lab,
    /// `#/embed/practice`: the Practice questions, which report each checked answer to the host
    /// page (src/events.rs).
    Practice,
}

impl EmbedTarget {
    /// The URL path after `#/embed/`.
    pub fn path(self) -> String {
        match self {
            EmbedTarget::Pattern(p) => p.slug().to_string(),
            EmbedTarget::CronPattern(p) => format!("cronjobs/{}", p.slug()),
            EmbedTarget::Lab => "lab".to_string(),
            EmbedTarget::Practice => "practice".to_string(),
        }
    }
}

/// An embed route, `#/embed/<target>?key=value&...`: the page shows only the target, without the
/// site's header, navigation and footer, for an `<iframe>` in a course page. A separate type from
/// [`Route`] because it selects a different page shell, not a view inside the usual one. The query
/// keys are documented in docs/embed.md; unknown keys are kept and ignored by the views.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Embed {
    /// What to show.
    pub target: EmbedTarget,
    /// The query pairs in order, percent-decoded.
    pub query: Vec<(String, String)>,
}

impl Embed {
    /// Parses a location fragment; `None` when it is not an embed route (then [`Route::parse`]
    /// applies) or names no known target.
    pub fn parse(fragment: &str) -> Option<Embed> {
        let fragment = own_part(fragment);
        let (path, query) = fragment.split_once('?').unwrap_or((fragment, ""));
        let path = path.strip_prefix('/').unwrap_or(path).trim_end_matches('/');
        let slug = path.strip_prefix("embed/")?;
        let target = match slug {
            "lab" => EmbedTarget::Lab,
            "practice" => EmbedTarget::Practice,
            other => match other.strip_prefix("cronjobs/") {
                Some(cron) => EmbedTarget::CronPattern(CronPattern::from_slug(cron)?),
                None => EmbedTarget::Pattern(Pattern::from_slug(other)?),
            },
        };
        let query = query
            .split('&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
                (percent_decode(k), percent_decode(v))
            })
            .collect();
        Some(Embed { target, query })
    }

    /// The last value given for `key`, if any.
    pub fn get(&self, key: &str) -> Option<&str> {
        self.query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.as_str())
    }
}

impl fmt::Display for Embed {
    /// The canonical fragment, e.g. `#/embed/parallel?completions=6&parallelism=3`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "#/embed/{}", self.target.path())?;
        for (i, (k, v)) in self.query.iter().enumerate() {
            let sep = if i == 0 { '?' } else { '&' };
            write!(f, "{sep}{}={}", percent_encode(k), percent_encode(v))?;
        }
        Ok(())
    }
}

/// The query pairs of a location fragment's own part (after `?`), percent-decoded, in order:
/// how a view with parameters (`#/schedule?schedule=0+3+*+*+*&timeZone=Europe/Berlin`) reads them.
pub fn query_pairs(fragment: &str) -> Vec<(String, String)> {
    let own = own_part(fragment);
    let query = own.split_once('?').map_or("", |(_, q)| q);
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(k), percent_decode(v))
        })
        .collect()
}

/// Decodes `%XX` escapes and `+` as space; a malformed escape is kept as written.
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' => match (
                bytes.get(i + 1).and_then(hex),
                bytes.get(i + 2).and_then(hex),
            ) {
                (Some(hi), Some(lo)) => {
                    out.push(hi * 16 + lo);
                    i += 2;
                }
                _ => out.push(b'%'),
            },
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The value of one hexadecimal digit (works on bytes, so non-ASCII input cannot split a char).
fn hex(b: &u8) -> Option<u8> {
    char::from(*b)
        .to_digit(16)
        .and_then(|d| u8::try_from(d).ok())
}

/// Escapes everything but unreserved characters (RFC 3986), so values survive any host page.
fn percent_encode(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What a host appends to the fragment (WordPress's `#?secret=`, or any other extra after a
    /// second `#`) changes no route, embed knob or share code.
    #[test]
    fn host_extras_in_the_fragment_change_nothing() {
        let cases = [
            ("#/diagrams/failure#?secret=Ab12", "#/diagrams/failure"),
            ("#/lab#?secret=Ab12", "#/lab"),
            ("#/flow#anything?at=all", "#/flow"),
            ("#?secret=Ab12", "#/concept"),
        ];
        for (fragment, want) in cases {
            assert_eq!(Route::parse(fragment).to_string(), want, "{fragment}");
        }
        let e = Embed::parse("#/embed/failure?backoffLimit=2&theme=dark#?secret=Ab12");
        assert_eq!(e.as_ref().and_then(|e| e.get("backoffLimit")), Some("2"));
        assert_eq!(e.as_ref().and_then(|e| e.get("theme")), Some("dark"));
        assert_eq!(
            e.map(|e| e.to_string()).as_deref(),
            Some("#/embed/failure?backoffLimit=2&theme=dark")
        );
        assert_eq!(
            crate::lab::storage::code_of_fragment("#/lab?s=abc#?secret=Ab12").as_deref(),
            Some("abc")
        );
    }

    #[test]
    fn the_wordpress_secret_is_read_only_when_wordpress_would_accept_it() {
        let cases = [
            ("#/embed/failure#?secret=Ab12", Some("Ab12")),
            ("#/embed/failure?secret=Xy9", Some("Xy9")),
            (
                "#/embed/failure?backoffLimit=2#?secret=Ab12&other=1",
                Some("Ab12"),
            ),
            ("#/embed/failure#?secret=a%22b", None),
            ("#/embed/failure#?secret=", None),
            ("#/embed/failure", None),
        ];
        for (fragment, want) in cases {
            assert_eq!(wordpress_secret(fragment), want, "{fragment}");
        }
    }

    #[test]
    fn parses_every_route_and_round_trips() {
        let cases: &[(&str, Route)] = &[
            ("", Route::Concept),
            ("#", Route::Concept),
            ("#/", Route::Concept),
            ("#/concept", Route::Concept),
            ("#/flow/", Route::Flow),
            ("#/diagrams", Route::Diagrams(Pattern::Simple)),
            ("#/diagrams/failure", Route::Diagrams(Pattern::Failure)),
            (
                "#/diagrams/pod-failure-policy?completions=3",
                Route::Diagrams(Pattern::PodFailurePolicy),
            ),
            ("#/examples", Route::Examples),
            ("#/compare", Route::Compare),
            ("#/practice", Route::Practice),
            ("#/lab", Route::Lab),
            ("#/nowhere", Route::NotFound("/nowhere".into())),
            ("#/diagrams/nope", Route::NotFound("/diagrams/nope".into())),
            ("#/lab/extra", Route::NotFound("/lab/extra".into())),
            ("#/cronjobs", Route::CronJobs(CronPattern::History)),
            ("#/cronjobs/forbid", Route::CronJobs(CronPattern::Forbid)),
            ("#/cronjobs/nope", Route::NotFound("/cronjobs/nope".into())),
            ("#/schedule?schedule=0+3+*+*+*", Route::Schedule),
            ("#/schedule/x", Route::NotFound("/schedule/x".into())),
        ];
        for (fragment, want) in cases {
            assert_eq!(&Route::parse(fragment), want, "{fragment}");
            if !matches!(want, Route::NotFound(_)) {
                assert_eq!(
                    &Route::parse(&want.to_string()),
                    want,
                    "round trip of {want}"
                );
            }
        }
    }

    #[test]
    fn every_pattern_slug_parses_back() {
        for p in Pattern::ALL {
            assert_eq!(
                Route::parse(&format!("#/diagrams/{}", p.slug())),
                Route::Diagrams(p)
            );
        }
    }

    #[test]
    fn pattern_urls_are_the_contract() {
        // Bookmarks, share links and course pages hold these URLs; the core's slugs make them.
        let want = [
            "simple",
            "parallel",
            "failure",
            "indexed",
            "pod-failure-policy",
            "backoff-per-index",
            "success-policy",
            "deadline",
            "suspend-resume",
            "work-queue",
            "on-failure",
        ];
        for (p, slug) in Pattern::ALL.into_iter().zip(want) {
            assert_eq!(Route::Diagrams(p).to_string(), format!("#/diagrams/{slug}"));
            let embed = Embed {
                target: EmbedTarget::Pattern(p),
                query: Vec::new(),
            };
            assert_eq!(embed.to_string(), format!("#/embed/{slug}"));
        }
        assert_eq!(Pattern::ALL.len(), want.len());
    }

    #[test]
    fn cronjob_pattern_urls_are_the_contract() {
        // Like the Job patterns' URLs: course pages embed these, so a change must be deliberate.
        let want = ["schedule-history", "forbid", "replace", "missed-runs"];
        for (p, slug) in CronPattern::ALL.into_iter().zip(want) {
            assert_eq!(Route::CronJobs(p).to_string(), format!("#/cronjobs/{slug}"));
            assert_eq!(
                Route::parse(&format!("#/cronjobs/{slug}")),
                Route::CronJobs(p)
            );
            let embed = Embed {
                target: EmbedTarget::CronPattern(p),
                query: Vec::new(),
            };
            assert_eq!(embed.to_string(), format!("#/embed/cronjobs/{slug}"));
            assert_eq!(Embed::parse(&embed.to_string()), Some(embed));
        }
        assert_eq!(CronPattern::ALL.len(), want.len());
        assert_eq!(Route::Schedule.to_string(), "#/schedule");
        // A CronJob slug is not a Job pattern's, and the reverse.
        assert_eq!(Embed::parse("#/embed/forbid"), None);
        assert_eq!(Embed::parse("#/embed/cronjobs/simple"), None);
    }

    #[test]
    fn every_nav_entry_names_its_own_section() {
        for (label, href) in NAV {
            assert_eq!(Route::parse(href).section(), Some(label), "{href}");
        }
    }
}

#[cfg(test)]
mod embed_tests {
    use super::*;

    #[test]
    fn parses_embed_routes_with_their_query() {
        let e = Embed::parse("#/embed/parallel?completions=6&parallelism=3&theme=dark").unwrap();
        assert_eq!(e.target, EmbedTarget::Pattern(Pattern::Parallel));
        assert_eq!(e.get("completions"), Some("6"));
        assert_eq!(e.get("theme"), Some("dark"));
        assert_eq!(e.get("backoffLimit"), None);
        assert_eq!(
            Embed::parse("#/embed/lab").unwrap().target,
            EmbedTarget::Lab
        );
        assert_eq!(
            Embed::parse("/embed/lab/").unwrap().target,
            EmbedTarget::Lab
        );
        assert_eq!(
            Embed::parse("#/embed/practice#?secret=Ab1").unwrap().target,
            EmbedTarget::Practice
        );
        for p in Pattern::ALL {
            let e = Embed::parse(&format!("#/embed/{}", p.slug())).unwrap();
            assert_eq!(e.target, EmbedTarget::Pattern(p));
        }
    }

    #[test]
    fn non_embed_and_unknown_targets_are_not_embeds() {
        for f in [
            "",
            "#/concept",
            "#/diagrams/parallel",
            "#/embed",
            "#/embed/",
            "#/embed/nope",
            "#/embed/lab/x",
        ] {
            assert_eq!(Embed::parse(f), None, "{f}");
        }
        // The site's routes do not change because embeds exist.
        assert_eq!(
            Route::parse("#/embed/parallel"),
            Route::NotFound("/embed/parallel".into())
        );
    }

    #[test]
    fn query_decoding_and_round_trip() {
        let e = Embed::parse("#/embed/failure?a=1&a=2&x=%41%2&flag&s=a+b%20c").unwrap();
        assert_eq!(e.get("a"), Some("2"));
        assert_eq!(e.get("x"), Some("A%2"));
        assert_eq!(e.get("flag"), Some(""));
        assert_eq!(e.get("s"), Some("a b c"));
        assert_eq!(Embed::parse(&e.to_string()), Some(e));
        let e = Embed {
            target: EmbedTarget::Pattern(Pattern::Parallel),
            query: vec![
                ("completions".into(), "6".into()),
                ("theme".into(), "light".into()),
            ],
        };
        assert_eq!(e.to_string(), "#/embed/parallel?completions=6&theme=light");
    }
}
