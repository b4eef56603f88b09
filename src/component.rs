//! The web component: `<joblab-diagram pattern="failure" backoff-limit="2" theme="dark">`.
//!
//! A docs page loads `joblab-embed.js` as a module script (written by scripts/postbuild.py from
//! public/joblab-embed.js) and writes the element. The script defines the custom element; each
//! element opens a shadow root, adopts the app's stylesheets there, and calls this module's
//! [`mount`] (exported by src/bin/component.rs) to render the diagram and its player inside it,
//! with no iframe. The shadow root keeps the styles apart both ways: the host page's rules never
//! reach the diagram, and ours never leave it.
//!
//! The attributes are the iframe embed's query keys (src/embed.rs, [`knob_key`] and
//! [`CronKnob::key`]) written the HTML way, in kebab case ([`attribute_name`]): `backoff-limit`
//! is `backoffLimit`. `pattern` is what follows `#/embed/` in the iframe embed's route: a Job
//! pattern's slug (`failure`) or `cronjobs/` and a CronJob pattern's slug (`cronjobs/forbid`), the
//! same text the host events carry as their `source`. `theme` is `light`, `dark` or `auto`. They
//! are reactive: the element tells [`Mounted::set`] of every change, a knob change redraws the
//! diagram, and `theme` is read by the stylesheet alone (`:host([theme="dark"])`).
//!
//! What the reader does is dispatched on the element as DOM events (src/events.rs).

use joblab_core::patterns::cronjob::CronKnob;
use joblab_core::patterns::Knob;
use leptos::context::Provider;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::embed::{
    cron_knobs_from_query, knob_key, knobs_from_query, EmbedCronDiagram, EmbedDiagram,
};
use crate::events::Sink;
use crate::route::{CronPattern, Embed, EmbedTarget, Pattern, Route};

/// The element's tag name.
pub const TAG: &str = "joblab-diagram";

/// The attribute naming the pattern: the `<pattern>` of `#/embed/<pattern>`, a Job pattern's slug
/// or [`CRON_PREFIX`] and a CronJob pattern's slug.
pub const PATTERN_ATTRIBUTE: &str = "pattern";

/// What a CronJob pattern's `pattern` starts with, as its embed route does
/// (`#/embed/cronjobs/forbid`).
pub const CRON_PREFIX: &str = "cronjobs/";

/// The attribute choosing the theme, read by the stylesheet.
pub const THEME_ATTRIBUTE: &str = "theme";

/// The attribute of a Job knob: its embed query key in kebab case (`backoffLimit` →
/// `backoff-limit`), since HTML folds attribute names to lower case.
pub fn attribute_name(k: Knob) -> String {
    kebab(knob_key(k))
}

/// The attribute of a CronJob knob, the same way (`startingDeadlineSeconds` →
/// `starting-deadline-seconds`).
pub fn cron_attribute_name(k: CronKnob) -> String {
    kebab(k.key())
}

/// A query key in kebab case.
fn kebab(key: &str) -> String {
    let mut out = String::new();
    for c in key.chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// Every query key an element's attributes can carry: the Job knobs', then the CronJob knobs'
/// not already among them (`runSeconds` is both).
fn query_keys() -> Vec<&'static str> {
    let mut keys: Vec<&'static str> = Knob::ALL_KNOBS.into_iter().map(knob_key).collect();
    for k in CronKnob::ALL_KNOBS {
        if !keys.contains(&k.key()) {
            keys.push(k.key());
        }
    }
    keys
}

/// The attributes the element observes, in a stable order: `pattern`, `theme`, the Job knobs,
/// then the CronJob knobs a Job pattern does not have.
pub fn observed_attributes() -> Vec<String> {
    [PATTERN_ATTRIBUTE.to_string(), THEME_ATTRIBUTE.to_string()]
        .into_iter()
        .chain(query_keys().into_iter().map(kebab))
        .collect()
}

/// The embed target `pattern` names: a Job pattern's slug, or [`CRON_PREFIX`] and a CronJob
/// pattern's slug. The lab and the practice questions are not diagrams, so they are not offered.
fn target_from_pattern(pattern: &str) -> Option<EmbedTarget> {
    match pattern.strip_prefix(CRON_PREFIX) {
        Some(slug) => CronPattern::from_slug(slug).map(EmbedTarget::CronPattern),
        None => Pattern::from_slug(pattern).map(EmbedTarget::Pattern),
    }
}

/// The embed an element's attributes ask for: the pattern, and the knob attributes as the
/// iframe embed's query pairs (clamped and filtered later by [`knobs_from_query`], as for a URL).
/// The theme is not part of it (the stylesheet reads it). An error says what is wrong, for the
/// element to show.
pub fn embed_from_attributes(attributes: &[(String, String)]) -> Result<Embed, String> {
    let get = |name: &str| {
        attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };
    let slug = get(PATTERN_ATTRIBUTE).unwrap_or("").trim();
    let target = target_from_pattern(slug).ok_or_else(|| {
        let known: Vec<String> = Pattern::ALL
            .iter()
            .map(|p| p.slug().to_string())
            .chain(
                CronPattern::ALL
                    .iter()
                    .map(|p| format!("{CRON_PREFIX}{}", p.slug())),
            )
            .collect();
        format!(
            "Joblab: pattern=\"{slug}\" is not a diagram; use one of {}.",
            known.join(", ")
        )
    })?;
    // Every knob attribute is passed on; the pattern's own knobs pick theirs, as from a URL.
    let query = query_keys()
        .into_iter()
        .filter_map(|key| get(&kebab(key)).map(|v| (key.to_string(), v.to_string())))
        .collect();
    Ok(Embed { target, query })
}

/// A mounted element: its attributes, which drive the view, and the handle that unmounts it.
pub struct Mounted {
    attributes: RwSignal<Vec<(String, String)>>,
    handle: Option<Box<dyn std::any::Any>>,
}

impl Mounted {
    /// Records a changed attribute (`None`: removed); the view follows.
    pub fn set(&self, name: &str, value: Option<String>) {
        self.attributes.update(|attrs| {
            attrs.retain(|(k, _)| k != name);
            if let Some(v) = value {
                attrs.push((name.to_string(), v));
            }
        });
    }
}

impl Drop for Mounted {
    fn drop(&mut self) {
        // Unmount first: the view's cleanups may still read the attributes.
        drop(self.handle.take());
        self.attributes.dispose();
    }
}

/// Renders the element `host` into `root` (a node of its shadow root). `app_url` is the address
/// of the Joblab site the script came from, for the "Open in Joblab" link.
pub fn mount(host: web_sys::HtmlElement, root: web_sys::HtmlElement, app_url: String) -> Mounted {
    // This module may share the page with others, so a panic only logs; it never takes over the
    // host page the way the app's own panel does (src/panic.rs).
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(|| {
        std::panic::set_hook(Box::new(|info| {
            let details = format!("Joblab {}: {info}", env!("CARGO_PKG_VERSION"));
            web_sys::console::error_1(&details.into());
        }))
    });
    let initial = observed_attributes()
        .into_iter()
        .filter_map(|name| host.get_attribute(&name).map(|v| (name, v)))
        .collect();
    let attributes = RwSignal::new(initial);
    let host = SendWrapper::new(host);
    let handle = leptos::mount::mount_to(root, move || {
        view! { <DiagramElement host=host attributes=attributes app_url=app_url/> }
    });
    Mounted {
        attributes,
        handle: Some(Box::new(handle)),
    }
}

/// The element's content: the diagram the attributes ask for, or what is wrong with them.
#[component]
fn DiagramElement(
    host: SendWrapper<web_sys::HtmlElement>,
    attributes: RwSignal<Vec<(String, String)>>,
    app_url: String,
) -> impl IntoView {
    let embed = Memo::new(move |_| attributes.with(|a| embed_from_attributes(a)));
    // A page may hold several elements, each with a "Job controller" (or "CronJob controller")
    // region: naming each region after its diagram as well ("Job controller, Failure Handling")
    // keeps the page's landmarks distinct (axe's landmark-unique). The region's own heading stays
    // first, whatever its id. Redone whenever the attributes give a new diagram.
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        embed.track();
        let Some(el) = root.get() else { return };
        if let Ok(Some(section)) = el.query_selector("section.controller") {
            let own = section.get_attribute("aria-labelledby").unwrap_or_default();
            let first = own.split_whitespace().next().unwrap_or("controller-title");
            let _ = section.set_attribute("aria-labelledby", &format!("{first} embed-title"));
        }
    });
    view! {
        <div class="embed-root component-root" node_ref=root>
            {move || match embed.get() {
                Ok(e) => {
                    // The events' `source` is the embed route's, as the iframe embed's is.
                    let sink = Sink::Element { host: host.clone(), source: e.target.path() };
                    let full = match e.target {
                        EmbedTarget::Pattern(p) => Route::Diagrams(p),
                        EmbedTarget::CronPattern(p) => Route::CronJobs(p),
                        // embed_from_attributes gives diagrams only.
                        EmbedTarget::Lab | EmbedTarget::Practice => return ().into_any(),
                    };
                    let full = format!("{app_url}{full}");
                    // Built inside the Provider, so the diagram finds the sink in its context.
                    let diagram = move || match e.target {
                        EmbedTarget::Pattern(p) => {
                            let knobs = knobs_from_query(p, &e);
                            view! { <EmbedDiagram pattern=p knobs=knobs/> }.into_any()
                        }
                        EmbedTarget::CronPattern(p) => {
                            let knobs = cron_knobs_from_query(p, &e);
                            view! { <EmbedCronDiagram pattern=p knobs=knobs/> }.into_any()
                        }
                        EmbedTarget::Lab | EmbedTarget::Practice => ().into_any(),
                    };
                    view! {
                        <Provider value=sink>
                            {diagram()}
                        </Provider>
                        <p class="embed-credit">
                            <a href=full target="_blank" rel="noopener">
                                "Open in Joblab, the interactive guide to Kubernetes Jobs"
                            </a>
                        </p>
                    }
                    .into_any()
                }
                Err(why) => view! { <p class="component-error" role="alert">{why}</p> }.into_any(),
            }}
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The attribute of each knob is its iframe query key in kebab case; the list is the
    /// documented one (docs/embed.md, "Attributes").
    #[test]
    fn attributes_are_the_embed_query_keys_in_kebab_case() {
        assert_eq!(
            observed_attributes(),
            [
                "pattern",
                "theme",
                "completions",
                "parallelism",
                "backoff-limit",
                "failing-runs",
                "exit-code",
                "run-seconds",
                "active-deadline-seconds",
                "successful-jobs-history-limit",
                "failed-jobs-history-limit",
                "fail-every",
                "starting-deadline-seconds",
            ]
        );
        let names = Knob::ALL_KNOBS
            .into_iter()
            .map(|k| (attribute_name(k), knob_key(k)))
            .chain(
                CronKnob::ALL_KNOBS
                    .into_iter()
                    .map(|k| (cron_attribute_name(k), k.key())),
            );
        for (name, key) in names {
            assert!(observed_attributes().contains(&name), "{name}");
            let camel: String = name
                .split('-')
                .enumerate()
                .map(|(i, w)| {
                    if i == 0 {
                        w.to_string()
                    } else {
                        w[..1].to_uppercase() + &w[1..]
                    }
                })
                .collect();
            assert_eq!(camel, key);
        }
    }

    #[test]
    fn attributes_set_the_same_knobs_as_the_iframe_query() {
        use joblab_core::patterns::{Knobs, Preset};
        let attrs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        let e = embed_from_attributes(&attrs(&[
            ("pattern", "failure"),
            ("backoff-limit", "2"),
            ("theme", "dark"),
            ("exit-code", "x"),
        ]))
        .unwrap();
        let by_url = Embed::parse("#/embed/failure?backoffLimit=2&exitCode=x").unwrap();
        assert_eq!(e, by_url);
        let k = knobs_from_query(Preset::Failure, &e);
        assert_eq!(k.backoff_limit, 2);
        assert_eq!(
            k.exit_code,
            Knobs::default_for(Preset::Failure).exit_code,
            "unparsable, as in a URL"
        );
        let wrong = embed_from_attributes(&attrs(&[("pattern", "nope")])).unwrap_err();
        assert!(
            wrong.contains("pattern=\"nope\"") && wrong.contains("failure"),
            "{wrong}"
        );
        assert!(embed_from_attributes(&[]).is_err());
    }

    /// `pattern` is what follows `#/embed/` in the iframe embed's route, so a CronJob pattern is
    /// `cronjobs/<slug>`, and its knob attributes set what the URL's query keys set.
    #[test]
    fn cronjob_patterns_are_named_as_their_embed_route() {
        use joblab_core::patterns::cronjob::CronKnobs;
        let attrs = |pairs: &[(&str, &str)]| -> Vec<(String, String)> {
            pairs
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect()
        };
        for p in CronPattern::ALL {
            let e =
                embed_from_attributes(&attrs(&[("pattern", &format!("cronjobs/{}", p.slug()))]))
                    .unwrap();
            assert_eq!(e.target, EmbedTarget::CronPattern(p));
            assert_eq!(
                e.target.path(),
                format!("cronjobs/{}", p.slug()),
                "the events' source"
            );
            assert_eq!(cron_knobs_from_query(p, &e), CronKnobs::default_for(p));
        }
        let e = embed_from_attributes(&attrs(&[
            ("pattern", "cronjobs/missed-runs"),
            ("starting-deadline-seconds", "99999"),
            ("run-seconds", "x"),
            ("backoff-limit", "3"),
            ("theme", "dark"),
        ]))
        .unwrap();
        let by_url = Embed::parse(
            "#/embed/cronjobs/missed-runs?backoffLimit=3&runSeconds=x&startingDeadlineSeconds=99999",
        )
        .unwrap();
        assert_eq!(
            cron_knobs_from_query(CronPattern::Missed, &e),
            cron_knobs_from_query(CronPattern::Missed, &by_url)
        );
        let k = cron_knobs_from_query(CronPattern::Missed, &e);
        let (_, hi) = CronKnob::StartingDeadlineSeconds.range();
        assert_eq!(
            k.get(CronKnob::StartingDeadlineSeconds),
            hi,
            "clamped, as in a URL"
        );
        assert_eq!(
            k.get(CronKnob::RunSeconds),
            CronKnobs::default_for(CronPattern::Missed).get(CronKnob::RunSeconds),
            "unparsable, as in a URL"
        );
        // A bare CronJob slug is not a Job pattern, and a Job slug is not a CronJob pattern; the
        // lab and the practice questions are not diagrams.
        for wrong in [
            "forbid",
            "cronjobs/failure",
            "cronjobs/",
            "lab",
            "practice",
            "cronjobs/lab",
        ] {
            let why = embed_from_attributes(&attrs(&[("pattern", wrong)])).unwrap_err();
            assert!(
                why.contains(&format!("pattern=\"{wrong}\"")) && why.contains("cronjobs/forbid"),
                "{why}"
            );
        }
    }
}
