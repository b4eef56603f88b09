//! The web component: `<joblab-diagram pattern="failure" backoff-limit="2" theme="dark">`.
//!
//! A docs page loads `joblab-embed.js` as a module script (written by scripts/postbuild.py from
//! public/joblab-embed.js) and writes the element. The script defines the custom element; each
//! element opens a shadow root, adopts the app's stylesheets there, and calls this module's
//! [`mount`] (exported by src/bin/component.rs) to render the diagram and its player inside it,
//! with no iframe. The shadow root keeps the styles apart both ways: the host page's rules never
//! reach the diagram, and ours never leave it.
//!
//! The attributes are the iframe embed's query keys (src/embed.rs, [`knob_key`]) written the
//! HTML way, in kebab case ([`attribute_name`]): `backoff-limit` is `backoffLimit`. `pattern` is
//! the embed route's slug and `theme` is `light`, `dark` or `auto`. They are reactive: the element
//! tells [`Mounted::set`] of every change, a knob change redraws the diagram, and `theme` is read
//! by the stylesheet alone (`:host([theme="dark"])`).
//!
//! What the reader does is dispatched on the element as DOM events (src/events.rs).

use joblab_core::patterns::Knob;
use leptos::context::Provider;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

use crate::embed::{knob_key, knobs_from_query, EmbedDiagram};
use crate::events::Sink;
use crate::route::{Embed, EmbedTarget, Pattern, Route};

/// The element's tag name.
pub const TAG: &str = "joblab-diagram";

/// The attribute naming the pattern: the slug of `#/embed/<pattern>`.
pub const PATTERN_ATTRIBUTE: &str = "pattern";

/// The attribute choosing the theme, read by the stylesheet.
pub const THEME_ATTRIBUTE: &str = "theme";

/// Every knob, for the attribute list.
const KNOBS: [Knob; 7] = [
    Knob::Completions,
    Knob::Parallelism,
    Knob::BackoffLimit,
    Knob::FailingRuns,
    Knob::ExitCode,
    Knob::RunSeconds,
    Knob::DeadlineSeconds,
];

/// The attribute of a knob: its embed query key in kebab case (`backoffLimit` →
/// `backoff-limit`), since HTML folds attribute names to lower case.
pub fn attribute_name(k: Knob) -> String {
    let mut out = String::new();
    for c in knob_key(k).chars() {
        if c.is_ascii_uppercase() {
            out.push('-');
            out.push(c.to_ascii_lowercase());
        } else {
            out.push(c);
        }
    }
    out
}

/// The attributes the element observes, in a stable order: `pattern`, `theme`, then the knobs.
pub fn observed_attributes() -> Vec<String> {
    [PATTERN_ATTRIBUTE.to_string(), THEME_ATTRIBUTE.to_string()]
        .into_iter()
        .chain(KNOBS.into_iter().map(attribute_name))
        .collect()
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
    let pattern = Pattern::from_slug(slug).ok_or_else(|| {
        let known: Vec<&str> = Pattern::ALL.iter().map(|p| p.slug()).collect();
        format!(
            "Joblab: pattern=\"{slug}\" is not a diagram; use one of {}.",
            known.join(", ")
        )
    })?;
    let query = KNOBS
        .into_iter()
        .filter_map(|k| get(&attribute_name(k)).map(|v| (knob_key(k).to_string(), v.to_string())))
        .collect();
    Ok(Embed {
        target: EmbedTarget::Pattern(pattern),
        query,
    })
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
    // A page may hold several elements, each with a "Job controller" region: naming each region
    // after its diagram as well ("Job controller, Failure Handling") keeps the page's landmarks
    // distinct (axe's landmark-unique). Redone whenever the attributes give a new diagram.
    let root = NodeRef::<leptos::html::Div>::new();
    Effect::new(move |_| {
        embed.track();
        let Some(el) = root.get() else { return };
        if let Ok(Some(section)) = el.query_selector("section.controller") {
            let _ = section.set_attribute("aria-labelledby", "controller-title embed-title");
        }
    });
    view! {
        <div class="embed-root component-root" node_ref=root>
            {move || match embed.get() {
                Ok(e) => {
                    let EmbedTarget::Pattern(p) = e.target else { return ().into_any() };
                    let sink = Sink::Element { host: host.clone(), source: p.slug().to_string() };
                    let knobs = knobs_from_query(p, &e);
                    let full = format!("{app_url}{}", Route::Diagrams(p));
                    view! {
                        <Provider value=sink>
                            <EmbedDiagram pattern=p knobs=knobs/>
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
            ]
        );
        for k in KNOBS {
            let camel: String = attribute_name(k)
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
            assert_eq!(camel, knob_key(k));
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
}
