//! One module per route. `render` picks the view for a route; `title` names it for the tab.

use leptos::prelude::*;

use crate::route::Route;

pub mod compare;
pub mod concept;
pub mod diagrams;
pub mod flow;
pub mod lab;
pub mod not_found;

/// The view for `route`.
pub fn render(route: Route) -> AnyView {
    match route {
        Route::Concept => concept::Concept().into_any(),
        Route::Flow => flow::Flow().into_any(),
        Route::Compare => compare::Compare().into_any(),
        Route::Diagrams(p) => view! { <diagrams::Diagrams pattern=p/> }.into_any(),
        Route::Lab => lab::LabView().into_any(),
        Route::NotFound(path) => view! { <not_found::NotFound path=path/> }.into_any(),
        other => view! { <not_found::Pending route=other/> }.into_any(),
    }
}

/// The document title part for `route`.
pub fn title(route: &Route) -> String {
    match route {
        Route::Diagrams(p) => format!("{} diagram", p.label()),
        Route::NotFound(_) => "Not found".to_string(),
        other => other.section().unwrap_or("Joblab").to_string(),
    }
}
