//! The CronJobs view: a button per CronJob pattern, its explanation, the live CronJob diagram,
//! and a link to the schedule explainer.

use leptos::prelude::*;

use crate::diagram::cronjob::CronLiveDiagram;
use crate::route::CronPattern;

/// The CronJobs view for `pattern`.
#[component]
pub fn CronJobs(pattern: CronPattern) -> impl IntoView {
    view! {
        <section class="view diagrams" aria-labelledby="cronjobs-title">
            <p class="eyebrow">"CronJobs"</p>
            <h2 id="cronjobs-title" tabindex="-1">{pattern.label()}</h2>
            <p class="lede">
                "A CronJob creates a Job at each time of its schedule; each Job runs its Pods as in the "
                <a href="#/diagrams/simple">"Job diagrams"</a>". These diagrams run the CronJob controller's own "
                "rules (cronjob_controllerv2.go) on one time axis, in UTC, with each Job and its Pods under it. "
                "To read a schedule of your own in your time zone, use the "
                <a href="#/schedule">"schedule explainer"</a>"."
            </p>
            <div class="pattern-buttons" role="group" aria-label="CronJob patterns">
                {CronPattern::ALL.into_iter().map(|p| view! {
                    <button
                        type="button"
                        aria-pressed=if p == pattern { "true" } else { "false" }
                        on:click=move |_| {
                            // Through the hash, so back and forward move between patterns.
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_hash(&format!("/cronjobs/{}", p.slug()));
                            }
                        }
                    >{p.label()}</button>
                }).collect_view()}
            </div>
            <p class="lede pattern-explanation">{pattern.explanation()}</p>
            <CronLiveDiagram preset=pattern/>
        </section>
    }
}
