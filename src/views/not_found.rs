//! What an unknown route shows: what was asked for, and where to go instead.

use leptos::prelude::*;

use crate::route::NAV;

/// The not-found view for the fragment `path`.
#[component]
pub fn NotFound(path: String) -> impl IntoView {
    view! {
        <section class="view not-found" aria-labelledby="nf-title">
            <h2 id="nf-title" tabindex="-1">"There is no page here"</h2>
            <p>"Joblab has no view at " <code>{format!("#{path}")}</code> ". The link may be mistyped, or from a newer version of Joblab."</p>
            <p>"Try one of these:"</p>
            <ul class="link-list">
                {NAV.into_iter().map(|(label, href)| view! { <li><a href=href>{label}</a></li> }).collect_view()}
            </ul>
        </section>
    }
}
