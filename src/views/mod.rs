//! One module per route. `render` picks the view for a route; `title` names it for the tab.

use leptos::prelude::*;

use crate::route::Route;
use crate::workbench::{self, Part};

pub mod compare;
pub mod concept;
pub mod cronjobs;
pub mod diagrams;
// The workbench bodies (src/workbench.rs) are not part of the split build's main module.
#[cfg(not(feature = "split"))]
pub mod examples;
pub mod flow;
pub mod not_found;
#[cfg(not(feature = "split"))]
pub mod practice;
#[cfg(not(feature = "split"))]
pub mod schedule;

/// The view for `route`.
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Concept => concept::Concept().into_any(),
        Route::Flow => flow::Flow().into_any(),
        Route::Compare => compare::Compare().into_any(),
        Route::Examples => workbench::section(Part::Examples),
        Route::Practice => workbench::section(Part::Practice),
        // The Embed button (src/embed.rs) follows the diagram; it reads the knobs from the page.
        Route::Diagrams(p) => view! {
            <diagrams::Diagrams pattern=p/>
            <crate::embed::EmbedButton target=crate::route::EmbedTarget::Pattern(p)/>
        }
        .into_any(),
        Route::CronJobs(p) => view! {
            <cronjobs::CronJobs pattern=p/>
            <crate::embed::EmbedButton target=crate::route::EmbedTarget::CronPattern(p)/>
        }
        .into_any(),
        Route::Schedule => workbench::section(Part::Schedule),
        Route::Lab => workbench::section(Part::Lab),
        Route::NotFound(path) => view! { <not_found::NotFound path=path/> }.into_any(),
    }
}

/// The document title part for `route`.
pub fn title(route: &Route) -> String {
    match route {
        Route::Diagrams(p) => format!("{} diagram", p.label()),
        Route::CronJobs(p) => format!("{} CronJob diagram", p.label()),
        Route::Schedule => "Schedule explainer".to_string(),
        Route::NotFound(_) => "Not found".to_string(),
        other => other.section().unwrap_or("Joblab").to_string(),
    }
}
