//! The last line of defence: if anything in the app panics, show a plain error panel instead of
//! a dead page.
//!
//! The release build aborts on panic, so by the time the hook returns the WebAssembly instance has
//! trapped and Leptos no longer runs. The panel is therefore built in the hook itself, with plain
//! DOM calls and text nodes only (never `innerHTML`: the panic message may quote user text), and
//! its buttons do as little as possible: reload the page (the lab autosaves to localStorage, so a
//! reload keeps the YAML) and copy the details. The details are also shown as selectable text, in
//! case the clipboard is unavailable. Every DOM call may fail; failures are ignored, since a
//! panic inside the panic hook would lose even this.

use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use web_sys::{Document, Element};

/// The panel's element id; a second panic while it is shown does not add another.
const PANEL_ID: &str = "panic-panel";

/// The sessionStorage key under which the hook keeps the lab editor's text; the lab takes it back
/// after the reload (`lab::storage::take_rescued`).
pub const RESCUE_KEY: &str = "joblab.lab.rescue";

/// Installs the hook. Called once, first thing in [`crate::start`] (and in the workbench module's
/// `mount`).
pub fn install() {
    std::panic::set_hook(Box::new(|info| {
        let details = format!("Joblab {}: {info}", env!("CARGO_PKG_VERSION"));
        rescue_editor_text();
        show_panel(&details);
        web_sys::console::error_1(&details.into());
    }));
}

/// Keeps whatever the lab's editor holds, so that "Reload, keeping my YAML" keeps it even when the
/// panic came before the autosave's debounce had run. sessionStorage, because only this tab's
/// reload should see it.
fn rescue_editor_text() {
    let Some(window) = web_sys::window() else {
        return;
    };
    let editor = window
        .document()
        .and_then(|d| {
            d.query_selector("textarea[aria-label=\"Job YAML\"]")
                .ok()
                .flatten()
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlTextAreaElement>().ok());
    if let (Some(editor), Ok(Some(storage))) = (editor, window.session_storage()) {
        let _ = storage.set_item(RESCUE_KEY, &editor.value());
    }
}

/// Builds and shows the panel; does nothing when there is no document or it is already shown.
/// Public so that the browser tests can check the panel without killing the test page.
pub fn show_panel(details: &str) {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    if document.get_element_by_id(PANEL_ID).is_some() {
        return;
    }
    let Some(panel) = element(&document, "section") else {
        return;
    };
    panel.set_id(PANEL_ID);
    let _ = panel.set_attribute("class", "panic-panel");
    let _ = panel.set_attribute("role", "alertdialog");
    let _ = panel.set_attribute("aria-labelledby", "panic-panel-title");
    let _ = panel.set_attribute("aria-describedby", "panic-panel-what");

    let title = text_element(&document, "h2", "Joblab stopped working");
    if let Some(t) = &title {
        t.set_id("panic-panel-title");
    }
    let what = text_element(
        &document,
        "p",
        "Something went wrong inside Joblab (a bug, not your input's fault), and this page can no \
         longer respond. Your Job YAML is saved in this browser: reload the page to pick up \
         where you left off.",
    );
    if let Some(w) = &what {
        w.set_id("panic-panel-what");
    }
    let reload = button(&document, "Reload, keeping my YAML", |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.location().reload();
        }
    });
    let owned = details.to_owned();
    let copy = button(&document, "Copy details", move |_| {
        if let Some(w) = web_sys::window() {
            let _ = w.navigator().clipboard().write_text(&owned);
        }
    });
    let pre = text_element(&document, "pre", details);
    for child in [title, what, reload, copy, pre].into_iter().flatten() {
        let _ = panel.append_child(&child);
    }
    if let Some(body) = document.body() {
        let _ = body.append_child(&panel);
    }
    if let Some(b) = document
        .get_element_by_id(PANEL_ID)
        .and_then(|p| p.query_selector("button").ok().flatten())
    {
        if let Ok(b) = b.dyn_into::<web_sys::HtmlElement>() {
            let _ = b.focus();
        }
    }
}

fn element(document: &Document, tag: &str) -> Option<Element> {
    document.create_element(tag).ok()
}

/// An element holding `text` as a text node.
fn text_element(document: &Document, tag: &str, text: &str) -> Option<Element> {
    let el = element(document, tag)?;
    let _ = el.append_child(&document.create_text_node(text));
    Some(el)
}

/// A `<button type="button">` labelled `label` that runs `on_click`. The closure is leaked on
/// purpose: the panel lives until the page is reloaded.
fn button(
    document: &Document,
    label: &str,
    on_click: impl FnMut(web_sys::Event) + 'static,
) -> Option<Element> {
    let el = text_element(document, "button", label)?;
    let _ = el.set_attribute("type", "button");
    let closure = Closure::<dyn FnMut(web_sys::Event)>::new(on_click);
    let _ = el.add_event_listener_with_callback("click", closure.as_ref().unchecked_ref());
    closure.forget();
    Some(el)
}
