//! Embed mode and the Embed button.
//!
//! `#/embed/<pattern>?completions=6&parallelism=3&theme=dark` (or `#/embed/lab`) mounts
//! [`EmbedApp`] instead of the site: only that diagram with its player and knobs (or the lab), no
//! header, navigation or footer. The page tells its parent window how tall it is, so the `<iframe>`
//! can fit it without a scrollbar:
//!
//! ```text
//! window.parent.postMessage({ type: "joblab:height", height: <CSS pixels, integer> }, "*")
//! ```
//!
//! sent once the content has laid out and again after every change of its height (a
//! ResizeObserver). The target origin is `"*"` because the app cannot know which course site embeds
//! it, and the message carries nothing but a number the parent could measure anyway; the parent
//! side checks the message's origin and source (see [`snippet`] and docs/embed.md).
//!
//! The embed also tells its parent what the reader does (ready, play, pause, step, finished,
//! answers), as the host events of src/events.rs.
//!
//! [`EmbedButton`] sits beside a diagram and offers a ready `<iframe>` snippet for its current knob
//! settings, with the few lines of parent-side script that resize the frame.

use joblab_core::patterns::cronjob::{CronKnobs, CronPreset};
use joblab_core::patterns::{Knob, Knobs, Preset};
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::diagram::{knobs, LiveDiagram, ResizeObserver};
use crate::route::{Embed, EmbedTarget, Pattern, Route};
use crate::theme::{self, Theme};
use crate::views;

/// The `type` of the height message (part of the embed contract in docs/embed.md).
pub const HEIGHT_MESSAGE: &str = "joblab:height";

/// The query key for each knob: the Job field's own name where there is one, so a URL reads like
/// the spec it sets. Part of the embed contract (docs/embed.md).
pub const fn knob_key(k: Knob) -> &'static str {
    match k {
        Knob::Completions => "completions",
        Knob::Parallelism => "parallelism",
        Knob::BackoffLimit => "backoffLimit",
        Knob::FailingRuns => "failingRuns",
        Knob::ExitCode => "exitCode",
        Knob::RunSeconds => "runSeconds",
        Knob::DeadlineSeconds => "activeDeadlineSeconds",
    }
}

/// The knob values an embed URL asks for: the pattern's presets, overridden by every query key of a
/// knob the pattern offers; values are clamped to the knob's range, unparsable ones ignored.
pub fn knobs_from_query(preset: Preset, embed: &Embed) -> Knobs {
    preset
        .knobs()
        .iter()
        .fold(Knobs::default_for(preset), |ks, &k| {
            match embed
                .get(knob_key(k))
                .and_then(|v| v.trim().parse::<i64>().ok())
            {
                Some(v) => ks.with(k, v),
                None => ks,
            }
        })
}

/// The embed route for `pattern` with `knobs` (only the knobs it offers) and `theme`.
pub fn embed_for(pattern: Pattern, knobs: &Knobs, theme: Theme) -> Embed {
    let mut query: Vec<(String, String)> = pattern
        .knobs()
        .iter()
        .map(|&k| (knob_key(k).to_string(), knobs.get(k).to_string()))
        .collect();
    query.push(("theme".into(), theme.as_str().into()));
    Embed {
        target: EmbedTarget::Pattern(pattern),
        query,
    }
}

/// The knob values a CronJob embed URL asks for: the pattern's presets, overridden by every
/// query key of a knob it offers ([`joblab_core::patterns::cronjob::CronKnob::key`]); values are
/// clamped to the knob's range, unparsable ones ignored.
pub fn cron_knobs_from_query(preset: CronPreset, embed: &Embed) -> CronKnobs {
    preset
        .knobs()
        .iter()
        .fold(CronKnobs::default_for(preset), |ks, &k| {
            match embed
                .get(k.key())
                .and_then(|v| v.trim().parse::<i64>().ok())
            {
                Some(v) => ks.with(k, v),
                None => ks,
            }
        })
}

/// The embed route for CronJob pattern `pattern` with `knobs` (only the knobs it offers) and
/// `theme`.
pub fn cron_embed_for(pattern: CronPreset, knobs: &CronKnobs, theme: Theme) -> Embed {
    let mut query: Vec<(String, String)> = pattern
        .knobs()
        .iter()
        .map(|&k| (k.key().to_string(), knobs.get(k).to_string()))
        .collect();
    query.push(("theme".into(), theme.as_str().into()));
    Embed {
        target: EmbedTarget::CronPattern(pattern),
        query,
    }
}

/// Escapes text for an HTML attribute value in double quotes.
fn attr(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('"', "&quot;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// The HTML a course author pastes: the frame, and a listener that sets its height from the
/// messages of that frame only. `app_url` is the app's address without a fragment; `origin` is its
/// origin, which the listener checks. Plain ES5 so that old LMS editors accept it.
pub fn snippet(app_url: &str, origin: &str, embed: &Embed, title: &str) -> String {
    let src = format!("{app_url}{embed}");
    format!(
        r#"<iframe src="{src}" title="{title}" width="100%" height="600" loading="lazy" style="border: 0" data-joblab-embed></iframe>
<script>
/* Joblab: fit the frame to its content. The frame posts {{type: "{HEIGHT_MESSAGE}", height: <px>}}. */
window.addEventListener("message", function (e) {{
  var d = e.data;
  if (e.origin !== "{origin}" || !d || d.type !== "{HEIGHT_MESSAGE}" || typeof d.height !== "number") return;
  var frames = document.querySelectorAll("iframe[data-joblab-embed]");
  for (var i = 0; i < frames.length; i++) {{
    if (frames[i].contentWindow === e.source) frames[i].height = String(Math.ceil(d.height));
  }}
}});
</script>"#,
        src = attr(&src),
        title = attr(title),
        origin = origin.replace(['"', '\\', '<'], ""),
    )
}

// Small bindings to browser APIs that the web-sys features this crate enables do not cover, so no
// Cargo.toml change is needed (and the other branches' feature lists are not touched).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn parse(text: &str) -> Result<JsValue, JsValue>;

    /// A promise, only to attach handlers.
    type Thenable;
    #[wasm_bindgen(js_namespace = ["navigator", "clipboard"], js_name = writeText, catch)]
    fn clipboard_write_text(text: &str) -> Result<Thenable, JsValue>;
    #[wasm_bindgen(method)]
    fn then(this: &Thenable, ok: &JsValue, err: &JsValue) -> Thenable;
}

/// The messages that tell a parent window this page's size, one per resize protocol a course
/// host speaks (docs/embed.md, "Resizing"): ours; Canvas's and Sakai's `lti.frameResize`; the IMS
/// spelling Brightspace listens for; open-iframe-resizer's `iframe-resized` (its
/// packages/core/src/child.ts); and WordPress's embed message when the frame's URL carries
/// WordPress's `#?secret=` (wp-includes/js/wp-embed.js). Each is JSON text, parsed into a plain
/// object before posting.
pub fn size_messages(height: i32, width: i32, secret: Option<&str>) -> Vec<String> {
    let mut out = vec![
        format!(r#"{{"type":"{HEIGHT_MESSAGE}","height":{height}}}"#),
        format!(r#"{{"subject":"lti.frameResize","height":{height}}}"#),
        format!(r#"{{"subject":"org.imsglobal.lti.frameResize","height":{height}}}"#),
        format!(r#"{{"type":"iframe-resized","width":{width},"height":{height}}}"#),
    ];
    // `wordpress_secret` admits letters and digits only, so the secret needs no JSON escaping.
    if let Some(secret) = secret {
        out.push(format!(
            r#"{{"secret":"{secret}","message":"height","value":{height}}}"#
        ));
    }
    out
}

/// Posts this page's size to the parent window in every form [`size_messages`] lists, if this
/// page is in a frame.
fn post_height(height: i32) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent == w {
        return;
    }
    let width = w
        .document()
        .and_then(|d| d.document_element())
        .map_or(0, |e| e.scroll_width());
    let fragment = crate::current_fragment();
    for text in size_messages(height, width, crate::route::wordpress_secret(&fragment)) {
        // Built as JSON so no js-sys dependency is needed; each is a plain object.
        if let Ok(msg) = parse(&text) {
            // "*": see the module docs; the messages carry only sizes (and the host's own secret).
            let _ = parent.post_message(&msg, "*");
        }
    }
}

/// Applies an embed's `theme` query (default auto). Not saved: a course page's choice must not
/// change how the reader's own visits to Joblab look.
fn apply_theme(embed: &Embed) {
    theme::apply(Theme::parse(embed.get("theme")));
}

/// Marks the document as embedded (`<html data-embed>`) for the stylesheet.
fn mark_embedded(on: bool) {
    if let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    {
        let _ = if on {
            root.set_attribute("data-embed", "")
        } else {
            root.remove_attribute("data-embed")
        };
    }
}

/// The embed page: the target only, plus the height messages to the parent window.
#[component]
pub fn EmbedApp(embed: Embed) -> impl IntoView {
    apply_theme(&embed);
    mark_embedded(true);
    let (current, set_current) = signal(embed);
    // Inside the frame the fragment may change (a test, or a course page updating the src). Another
    // embed re-renders; a site route means the reader left the embed, so load the full site.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = crate::current_fragment();
        match Embed::parse(&fragment) {
            Some(e) => {
                apply_theme(&e);
                set_current.set(e);
            }
            None => {
                if let Some(w) = web_sys::window() {
                    let _ = w.location().reload();
                }
            }
        }
    });
    on_cleanup(move || listener.remove());

    let root = NodeRef::<leptos::html::Div>::new();
    // Report the root's height whenever it changes. The observer also fires once right after
    // `observe`, which gives the initial message once the content has laid out.
    Effect::new(move |_| {
        let Some(el) = root.get() else { return };
        let el: web_sys::HtmlElement = el.unchecked_into();
        let target: web_sys::Element = el.clone().unchecked_into();
        let last = std::cell::Cell::new(-1);
        let callback = Closure::<dyn FnMut()>::new(move || {
            let h = el.offset_height();
            if h != last.replace(h) {
                post_height(h);
            }
        });
        let observer = ResizeObserver::new(&callback);
        observer.observe(&target);
        // The observer and its callback live as long as the page; embed pages are never unmounted.
        callback.forget();
        std::mem::forget(observer);
        // A diagram says it is ready itself, with its run's end (diagram::LiveDiagram); the lab
        // and the practice questions are ready once their shell is.
        if !matches!(current.get_untracked().target, EmbedTarget::Pattern(_)) {
            crate::events::Sink::current().emit(&crate::events::HostEvent::Ready { end_ms: None });
        }
    });

    let open_full = move || {
        current.with(|e| match e.target {
            EmbedTarget::Pattern(p) => Route::Diagrams(p).to_string(),
            EmbedTarget::CronPattern(p) => Route::CronJobs(p).to_string(),
            EmbedTarget::Lab => Route::Lab.to_string(),
            EmbedTarget::Practice => Route::Practice.to_string(),
        })
    };
    view! {
        <div class="embed-root" node_ref=root>
            <main id="main" class="embed-main" tabindex="-1">
                // The page's own level-one heading, which the site's header gives every other page;
                // visually hidden because the course page around the frame already titles it.
                <h1 class="visually-hidden">{move || current.with(|e| match e.target {
                    EmbedTarget::Pattern(p) => format!("Joblab: {} diagram", p.label()),
                    EmbedTarget::CronPattern(p) => format!("Joblab: {} diagram", p.label()),
                    EmbedTarget::Lab => "Joblab: the YAML lab".to_string(),
                    EmbedTarget::Practice => "Joblab: practice questions".to_string(),
                })}</h1>
                {move || {
                    let e = current.get();
                    match e.target {
                        EmbedTarget::Pattern(p) => {
                            let knobs = knobs_from_query(p, &e);
                            view! { <EmbedDiagram pattern=p knobs=knobs/> }.into_any()
                        }
                        EmbedTarget::CronPattern(p) => {
                            let knobs = cron_knobs_from_query(p, &e);
                            view! { <EmbedCronDiagram pattern=p knobs=knobs/> }.into_any()
                        }
                        EmbedTarget::Lab => views::render(Route::Lab),
                        EmbedTarget::Practice => views::render(Route::Practice),
                    }
                }}
                // Inside the main landmark, so no content of the page lies outside a landmark; not
                // a footer, because an embed has none of the site's chrome.
                <p class="embed-credit">
                    <a href=move || format!("./{}", open_full()) target="_blank" rel="noopener">
                        "Open in Joblab, the interactive guide to Kubernetes Jobs"
                    </a>
                </p>
            </main>
        </div>
    }
}

/// One diagram with its knobs and player, starting from `knobs` and showing the end of that run.
#[component]
pub fn EmbedDiagram(pattern: Pattern, knobs: Knobs) -> impl IntoView {
    view! {
        <section class="view diagrams embed-diagram" aria-labelledby="embed-title">
            <h2 id="embed-title" tabindex="-1">{pattern.label()}</h2>
            <LiveDiagram preset=pattern initial=knobs/>
        </section>
    }
}

/// One CronJob diagram with its knobs and player, starting from `knobs`, as [`EmbedDiagram`] is
/// for a Job pattern (the iframe embed and the web component both show it).
#[component]
pub fn EmbedCronDiagram(pattern: CronPreset, knobs: CronKnobs) -> impl IntoView {
    view! {
        <section class="view diagrams embed-diagram" aria-labelledby="embed-title">
            <h2 id="embed-title" tabindex="-1">{pattern.label()}</h2>
            <crate::diagram::cronjob::CronLiveDiagram preset=pattern initial=knobs/>
        </section>
    }
}

/// The knob values currently in the inputs of the page's diagram (presets for any input not found
/// or not a number). The Embed button sits beside the diagram, outside it, so it reads the inputs
/// the knob panel renders rather than the diagram's signals.
fn knobs_in_page(preset: Preset) -> Knobs {
    let doc = web_sys::window().and_then(|w| w.document());
    preset
        .knobs()
        .iter()
        .fold(Knobs::default_for(preset), |ks, &k| {
            let value = doc
                .as_ref()
                .and_then(|d| d.get_element_by_id(&knobs::input_id(k)))
                .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value())
                .and_then(|v| v.trim().parse::<i64>().ok());
            match value {
                Some(v) => ks.with(k, v),
                None => ks,
            }
        })
}

/// The CronJob knob values currently in the inputs of the page's CronJob diagram (presets for any
/// input not found or not a number), as [`knobs_in_page`] reads the Job knobs.
fn cron_knobs_in_page(preset: CronPreset) -> CronKnobs {
    let doc = web_sys::window().and_then(|w| w.document());
    preset
        .knobs()
        .iter()
        .fold(CronKnobs::default_for(preset), |ks, &k| {
            let value = doc
                .as_ref()
                .and_then(|d| d.get_element_by_id(&crate::diagram::cronjob::input_id(k)))
                .map(|e| e.unchecked_into::<web_sys::HtmlInputElement>().value())
                .and_then(|v| v.trim().parse::<i64>().ok());
            match value {
                Some(v) => ks.with(k, v),
                None => ks,
            }
        })
}

/// The embed route of the diagram of `target` on this page, with the knob values in its inputs.
fn embed_in_page(target: EmbedTarget, theme: Theme) -> Embed {
    match target {
        EmbedTarget::Pattern(p) => embed_for(p, &knobs_in_page(p), theme),
        EmbedTarget::CronPattern(p) => cron_embed_for(p, &cron_knobs_in_page(p), theme),
        EmbedTarget::Lab | EmbedTarget::Practice => Embed {
            target,
            query: vec![("theme".into(), theme.as_str().into())],
        },
    }
}

/// The app's own address without the fragment, and its origin.
fn app_location() -> (String, String) {
    let Some(loc) = web_sys::window().map(|w| w.location()) else {
        return (String::new(), String::new());
    };
    let origin = loc.origin().unwrap_or_default();
    let path = loc.pathname().unwrap_or_default();
    (format!("{origin}{path}"), origin)
}

/// An "Embed" button for the diagram of `target` (a Job or a CronJob pattern) on this page; it
/// opens a dialog with the iframe snippet for the knob values the reader has set, and a Copy
/// button.
#[component]
pub fn EmbedButton(target: EmbedTarget) -> impl IntoView {
    let label = match target {
        EmbedTarget::Pattern(p) => p.label(),
        EmbedTarget::CronPattern(p) => p.label(),
        EmbedTarget::Lab => "The YAML lab",
        EmbedTarget::Practice => "The practice questions",
    };
    let dialog = NodeRef::<leptos::html::Dialog>::new();
    let code = RwSignal::new(String::new());
    let theme = RwSignal::new(Theme::Auto);
    let status = RwSignal::new("");
    let title = format!("Joblab: {label} diagram");
    let refresh = {
        let title = title.clone();
        move || {
            let (url, origin) = app_location();
            code.set(snippet(
                &url,
                &origin,
                &embed_in_page(target, theme.get_untracked()),
                &title,
            ));
        }
    };
    let open = {
        let refresh = refresh.clone();
        move |_| {
            refresh();
            status.set("");
            if let Some(d) = dialog.get() {
                let _ = d.show_modal();
            }
        }
    };
    let copy = move |_| {
        let text = code.get_untracked();
        let ok = Closure::once_into_js(move |_: JsValue| status.set("Copied to the clipboard."));
        let err = Closure::once_into_js(move |_: JsValue| {
            status.set("Copying was refused: select the code and copy it yourself.")
        });
        match clipboard_write_text(&text) {
            Ok(p) => {
                let _ = p.then(&ok, &err);
            }
            Err(_) => status.set("No clipboard here: select the code and copy it yourself."),
        }
    };
    view! {
        <div class="embed-bar">
            <button type="button" class="embed-open" aria-haspopup="dialog" on:click=open>"Embed"</button>
            <dialog class="embed-dialog" node_ref=dialog aria-labelledby="embed-dialog-title">
                <h3 id="embed-dialog-title">"Embed this diagram"</h3>
                <p>"Paste this into a course page (HTML source view). It shows "<strong>{label}</strong>
                   " with the knob values set here; the script lets the frame fit its content."</p>
                <label class="embed-theme">"Theme "
                    <select on:change=move |ev| {
                        theme.set(Theme::parse(Some(event_target_value(&ev).as_str())));
                        refresh();
                    }>
                        <option value="auto">"auto (follows the reader's system)"</option>
                        <option value="light">"light"</option>
                        <option value="dark">"dark"</option>
                    </select>
                </label>
                <textarea class="embed-code" readonly rows="12" aria-label="Embed code"
                    prop:value=move || code.get()></textarea>
                <p class="embed-status" role="status">{move || status.get()}</p>
                <div class="embed-actions">
                    <button type="button" on:click=copy>"Copy"</button>
                    <button type="button" on:click=move |_| {
                        if let Some(d) = dialog.get() { d.close(); }
                    }>"Close"</button>
                </div>
            </dialog>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each resize protocol gets its own message, in the shape its host reads, and WordPress's
    /// only with a secret.
    #[test]
    fn every_resize_protocol_gets_its_message() {
        let parse = |t: &String| serde_json::from_str::<serde_json::Value>(t).expect("JSON");
        let plain: Vec<_> = size_messages(480, 640, None).iter().map(parse).collect();
        assert_eq!(
            plain,
            vec![
                serde_json::json!({"type": "joblab:height", "height": 480}),
                serde_json::json!({"subject": "lti.frameResize", "height": 480}),
                serde_json::json!({"subject": "org.imsglobal.lti.frameResize", "height": 480}),
                serde_json::json!({"type": "iframe-resized", "width": 640, "height": 480}),
            ]
        );
        let wp: Vec<_> = size_messages(480, 640, Some("Ab12"))
            .iter()
            .map(parse)
            .collect();
        assert_eq!(wp.len(), 5);
        assert_eq!(
            wp.last(),
            Some(&serde_json::json!({"secret": "Ab12", "message": "height", "value": 480}))
        );
    }

    #[test]
    fn query_sets_only_the_patterns_knobs_clamped() {
        let e = Embed::parse(
            "#/embed/parallel?completions=12&parallelism=99&backoffLimit=1&runSeconds=x",
        )
        .unwrap();
        let k = knobs_from_query(Preset::Parallel, &e);
        assert_eq!(k.completions, 12);
        assert_eq!(k.parallelism, 10, "clamped to the knob's range");
        assert_eq!(
            k.backoff_limit,
            Knobs::default_for(Preset::Parallel).backoff_limit,
            "not a knob of this pattern"
        );
        assert_eq!(
            k.run_seconds,
            Knobs::default_for(Preset::Parallel).run_seconds,
            "unparsable"
        );
    }

    #[test]
    fn embed_for_round_trips_through_the_url() {
        for p in Pattern::ALL {
            let mut knobs = Knobs::default_for(p);
            for &k in p.knobs() {
                knobs = knobs.with(k, k.range().0 + 1);
            }
            let e = embed_for(p, &knobs, Theme::Dark);
            let back = Embed::parse(&e.to_string()).unwrap();
            assert_eq!(back.target, EmbedTarget::Pattern(p));
            assert_eq!(back.get("theme"), Some("dark"));
            assert_eq!(knobs_from_query(p, &back), knobs, "{p:?}");
        }
    }

    #[test]
    fn cron_embed_for_round_trips_through_the_url() {
        for p in CronPreset::ALL {
            let mut knobs = CronKnobs::default_for(p);
            for &k in p.knobs() {
                knobs = knobs.with(k, k.range().0 + 1);
            }
            let e = cron_embed_for(p, &knobs, Theme::Light);
            let back = Embed::parse(&e.to_string()).unwrap();
            assert_eq!(back.target, EmbedTarget::CronPattern(p));
            assert_eq!(cron_knobs_from_query(p, &back), knobs, "{p:?}");
        }
        let e =
            Embed::parse("#/embed/cronjobs/missed-runs?startingDeadlineSeconds=99999&runSeconds=x")
                .unwrap();
        let k = cron_knobs_from_query(CronPreset::Missed, &e);
        assert_eq!(
            k.starting_deadline_seconds, 3600,
            "clamped to the knob's range"
        );
        assert_eq!(
            k.run_seconds,
            CronKnobs::default_for(CronPreset::Missed).run_seconds
        );
    }

    #[test]
    fn snippet_has_the_frame_and_a_listener_bound_to_the_origin() {
        let e = embed_for(
            Pattern::Parallel,
            &Knobs::default_for(Preset::Parallel),
            Theme::Auto,
        );
        let s = snippet(
            "https://example.org/courses/joblab/",
            "https://example.org",
            &e,
            "Joblab: \"Parallel\" diagram",
        );
        assert!(s.starts_with(r#"<iframe src="https://example.org/courses/joblab/#/embed/parallel?completions=6&amp;parallelism=3"#));
        assert!(s.contains(r#"title="Joblab: &quot;Parallel&quot; diagram""#));
        assert!(s.contains(r#"width="100%""#) && s.contains(r#"loading="lazy""#));
        assert!(s.contains(r#"e.origin !== "https://example.org""#));
        assert!(s.contains(r#"d.type !== "joblab:height""#));
    }
}
