//! The Diagrams view: a button per pattern, its explanation, and the live diagram.

use joblab_core::patterns::Preset;
use leptos::prelude::*;

use crate::diagram::LiveDiagram;
use crate::route::Pattern;

/// The Diagrams view for pattern `pattern`.
#[component]
pub fn Diagrams(pattern: Pattern) -> impl IntoView {
    // `Pattern` is the core's `Preset` under its route name.
    let preset: Preset = pattern;
    view! {
        <section class="view diagrams" aria-labelledby="diagrams-title">
            <p class="eyebrow">"Diagrams"</p>
            <h2 id="diagrams-title" tabindex="-1">{pattern.label()}</h2>
            <div class="pattern-buttons" role="group" aria-label="Patterns">
                {Pattern::ALL.into_iter().map(|p| view! {
                    <button
                        type="button"
                        aria-pressed=if p == pattern { "true" } else { "false" }
                        on:click=move |_| {
                            // Through the hash, so back and forward move between patterns.
                            if let Some(w) = web_sys::window() {
                                let _ = w.location().set_hash(&format!("/diagrams/{}", p.slug()));
                            }
                        }
                    >{p.label()}</button>
                }).collect_view()}
            </div>
            <p class="lede pattern-explanation">{preset.explanation()}</p>
            <LiveDiagram preset=preset/>
        </section>
    }
}
