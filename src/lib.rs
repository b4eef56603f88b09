//! Joblab's browser app: a thin Leptos layer over `joblab-core`.
//!
//! The app owns no Kubernetes logic. It keeps the user's inputs in signals, asks the core for
//! diagnostics and simulation snapshots, and draws what the core returns.

use leptos::prelude::*;

pub mod route;

/// The whole application.
#[component]
pub fn App() -> impl IntoView {
    view! {
        <header class="site-header">
            <h1 class="brand">"Joblab"</h1>
            <p class="tagline">"The interactive visual guide to Kubernetes Jobs"</p>
        </header>
        <main id="main"></main>
    }
}

/// Mounts [`App`] on the document body. Called once from `main`.
pub fn start() {
    leptos::mount::mount_to_body(App);
}
