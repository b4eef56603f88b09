//! Joblab's browser app: a thin Leptos layer over `joblab-core`.
//!
//! The app owns no Kubernetes logic. It keeps the user's inputs in signals, asks the core for
//! diagnostics and simulation snapshots, and draws what the core returns. `route` and `theme`
//! hold the little state the shell needs; `views` holds one module per route.

use leptos::prelude::*;

pub mod component;
pub mod diagram;
pub mod embed;
pub mod events;
#[cfg(not(feature = "split"))]
pub mod lab;
pub mod panic;
pub mod route;
pub mod scorm;
pub mod theme;
pub mod views;
pub mod workbench;

use route::{Route, NAV};

/// The current location fragment (`#/flow`), or empty when there is none or no window; a SCORM
/// package's launch page without one opens on Practice (src/scorm.rs).
pub(crate) fn current_fragment() -> String {
    let fragment = web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .unwrap_or_default();
    if fragment.is_empty() && scorm::launched() {
        return "#/practice".to_string();
    }
    fragment
}

/// The whole application: header with navigation and theme switch, then the routed view.
#[component]
pub fn App() -> impl IntoView {
    let (route, set_route) = signal(Route::parse(&current_fragment()));
    // Links are plain `<a href="#/...">`, so the browser's history does back and forward; we only
    // follow the fragment. The handle lives as long as the app.
    let listener = window_event_listener(leptos::ev::hashchange, move |_| {
        let fragment = current_fragment();
        // An embed URL needs the chrome-less page shell, which is chosen at start: reload into it.
        if route::Embed::parse(&fragment).is_some() {
            if let Some(w) = web_sys::window() {
                let _ = w.location().reload();
            }
            return;
        }
        set_route.set(Route::parse(&fragment));
    });
    on_cleanup(move || listener.remove());
    // Move focus to the new view's heading for keyboard and screen-reader users, and name the tab.
    Effect::new(move |previous: Option<Route>| {
        let now = route.get();
        if let Some(doc) = web_sys::window().and_then(|w| w.document()) {
            doc.set_title(&format!("{} · Joblab", views::title(&now)));
            if previous.is_some_and(|p| p != now) {
                if let Ok(Some(h)) = doc.query_selector("#main h2") {
                    let h: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(h);
                    let _ = h.focus();
                }
            }
        }
        now
    });

    view! {
        <a class="skip-link" href="#main" on:click=|ev| {
            ev.prevent_default();
            if let Some(m) = web_sys::window().and_then(|w| w.document()).and_then(|d| d.get_element_by_id("main")) {
                let m: web_sys::HtmlElement = wasm_bindgen::JsCast::unchecked_into(m);
                let _ = m.focus();
            }
        }>"Skip to content"</a>
        <header class="site-header">
            <div class="brand-row">
                <a class="brand-link" href="#/concept">
                    <svg class="brand-mark" viewBox="0 0 32 32" aria-hidden="true">
                        <rect x="3" y="6" width="26" height="5" rx="2.5" class="mark-done"></rect>
                        <rect x="3" y="14" width="18" height="5" rx="2.5" class="mark-run"></rect>
                        <rect x="3" y="22" width="10" height="5" rx="2.5" class="mark-wait"></rect>
                    </svg>
                    <h1 class="brand">"Joblab"</h1>
                </a>
                <p class="tagline">"The interactive visual guide to Kubernetes Jobs"</p>
                <theme::ThemeToggle/>
            </div>
            <nav class="site-nav" aria-label="Sections">
                <ul>
                    {NAV.into_iter().map(|(label, href)| {
                        let current = move || (route.get().section() == Some(label)).then_some("page");
                        view! { <li><a href=href aria-current=current>{label}</a></li> }
                    }).collect_view()}
                </ul>
            </nav>
        </header>
        <main id="main" tabindex="-1">
            {move || views::render(route.get())}
        </main>
        <footer class="site-footer">
            <p>"Joblab simulates the Kubernetes Job controller in your browser. Nothing you type leaves this page."</p>
        </footer>
    }
}

/// Mounts [`App`] on the document body, or the chrome-less [`embed::EmbedApp`] when the URL is an
/// embed route (`#/embed/...`). Called once from `main`.
pub fn start() {
    panic::install();
    if let Some(embed) = route::Embed::parse(&current_fragment()) {
        leptos::mount::mount_to_body(move || view! { <embed::EmbedApp embed=embed/> });
        return;
    }
    theme::apply_saved_theme();
    leptos::mount::mount_to_body(App);
}
