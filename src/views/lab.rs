//! The Lab view: the YAML lab under the section heading.

use leptos::prelude::*;

/// The Lab view.
#[component]
pub fn LabView() -> impl IntoView {
    view! {
        <section class="view lab-view" aria-labelledby="lab-title">
            <p class="eyebrow">"Lab"</p>
            <h2 id="lab-title" tabindex="-1">"The YAML lab"</h2>
            <p class="lede">
                "Write a Job and see at once what the API server would say. Once it is valid it runs on the "
                "simulated cluster below; change what its containers do in the scenario, and type kubectl "
                "commands against it at the player's time. Your work is saved in this browser as you type."
            </p>
            <crate::lab::Lab/>
        </section>
    }
}
