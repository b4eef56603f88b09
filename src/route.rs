//! Hash routes. Views live in the URL fragment (`#/flow`, `#/diagrams/parallel`) so that any
//! static host serves every view from one `index.html` without rewrite rules, and back, forward
//! and reload keep the view. Parsing is pure so it is tested natively.

use std::fmt;

/// One of the diagram patterns the guide shows, each a preset Job and scenario for the simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Pattern {
    /// One Pod runs to completion.
    Simple,
    /// completions 6, parallelism 3.
    Parallel,
    /// backoffLimit 2 under restartPolicy Never, every run fails.
    Failure,
    /// completionMode Indexed.
    Indexed,
    /// podFailurePolicy: FailJob on an exit code, Ignore on disruption.
    PodFailurePolicy,
    /// backoffLimitPerIndex and maxFailedIndexes.
    BackoffPerIndex,
    /// successPolicy on an Indexed Job.
    SuccessPolicy,
    /// activeDeadlineSeconds.
    Deadline,
    /// suspend and resume.
    SuspendResume,
    /// completions unset: a work queue.
    WorkQueue,
    /// restartPolicy OnFailure: containers restart in place.
    OnFailure,
}

impl Pattern {
    /// Every pattern, in the order the guide lists them.
    pub const ALL: [Pattern; 11] = [
        Pattern::Simple,
        Pattern::Parallel,
        Pattern::Failure,
        Pattern::Indexed,
        Pattern::PodFailurePolicy,
        Pattern::BackoffPerIndex,
        Pattern::SuccessPolicy,
        Pattern::Deadline,
        Pattern::SuspendResume,
        Pattern::WorkQueue,
        Pattern::OnFailure,
    ];

    /// The URL segment, e.g. `pod-failure-policy`. Part of the route contract: never rename.
    pub const fn slug(self) -> &'static str {
        match self {
            Pattern::Simple => "simple",
            Pattern::Parallel => "parallel",
            Pattern::Failure => "failure",
            Pattern::Indexed => "indexed",
            Pattern::PodFailurePolicy => "pod-failure-policy",
            Pattern::BackoffPerIndex => "backoff-per-index",
            Pattern::SuccessPolicy => "success-policy",
            Pattern::Deadline => "deadline",
            Pattern::SuspendResume => "suspend-resume",
            Pattern::WorkQueue => "work-queue",
            Pattern::OnFailure => "on-failure",
        }
    }

    /// The button label, e.g. "Failure Handling". Part of the accessible-name contract.
    pub const fn label(self) -> &'static str {
        match self {
            Pattern::Simple => "Simple Job",
            Pattern::Parallel => "Parallel Execution",
            Pattern::Failure => "Failure Handling",
            Pattern::Indexed => "Indexed",
            Pattern::PodFailurePolicy => "Pod failure policy",
            Pattern::BackoffPerIndex => "Backoff per index",
            Pattern::SuccessPolicy => "Success policy",
            Pattern::Deadline => "Deadline",
            Pattern::SuspendResume => "Suspend and resume",
            Pattern::WorkQueue => "Work queue",
            Pattern::OnFailure => "OnFailure restarts",
        }
    }

    /// The pattern with this slug, if any.
    pub fn from_slug(slug: &str) -> Option<Pattern> {
        Pattern::ALL.into_iter().find(|p| p.slug() == slug)
    }
}

/// The views of the app.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Route {
    /// `#/concept` (also the empty fragment): the core model.
    Concept,
    /// `#/flow`: the controller's lifecycle.
    Flow,
    /// `#/diagrams/<pattern>`; `#/diagrams` alone opens the first pattern.
    Diagrams(Pattern),
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
pub const NAV: [(&str, &str); 7] = [
    ("Concept", "#/concept"),
    ("Flow", "#/flow"),
    ("Diagrams", "#/diagrams/simple"),
    ("Examples", "#/examples"),
    ("Compare", "#/compare"),
    ("Practice", "#/practice"),
    ("Lab", "#/lab"),
];

impl Route {
    /// Parses a location fragment, with or without the leading `#`. A query after `?` is ignored
    /// here (views that take parameters read it themselves).
    pub fn parse(fragment: &str) -> Route {
        let fragment = fragment.strip_prefix('#').unwrap_or(fragment);
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
            Route::Examples => f.write_str("#/examples"),
            Route::Compare => f.write_str("#/compare"),
            Route::Practice => f.write_str("#/practice"),
            Route::Lab => f.write_str("#/lab"),
            Route::NotFound(path) => write!(f, "#{path}"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn every_nav_entry_names_its_own_section() {
        for (label, href) in NAV {
            assert_eq!(Route::parse(href).section(), Some(label), "{href}");
        }
    }
}
