//! The lab's simulation on the guide's diagram: [`crate::diagram::RunDiagram`], the component
//! that also draws the guide's patterns, fed by a run of the learner's Job instead of a pattern
//! preset, with no knobs (the learner edits the Job itself).

use std::sync::Arc;

use joblab_core::api::api::batch::v1::Job;
use joblab_core::patterns::{Knobs, Preset};
use joblab_core::scenario::Scenario;
use joblab_core::sim::Millis;
use leptos::prelude::*;

use crate::diagram::{Run, RunDiagram};

/// Simulates `job` under `scenario` to its end (at most the guide's run limit).
pub fn simulate(job: Job, scenario: Scenario) -> Run {
    // `Run` compares by knobs; the lab compares runs by recording instead (`run_changed`).
    Run::record(job, scenario, Knobs::default_for(Preset::Simple))
}

/// Whether two runs differ: a new recording is a new run (`Run`'s own `PartialEq` compares knobs,
/// which the lab does not use).
pub fn run_changed(a: Option<&Option<Run>>, b: Option<&Option<Run>>) -> bool {
    let id = |r: Option<&Option<Run>>| {
        r.and_then(Option::as_ref)
            .map(|r| Arc::as_ptr(&r.replay) as usize)
    };
    a.is_none() || id(a) != id(b)
}

/// The diagram of the lab's current run. Mounted only once there is a run.
#[component]
pub fn LabDiagram(
    source: Memo<Option<Run>>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    let run: Memo<Run> = Memo::new_with_compare(
        move |prev: Option<&Run>| {
            source
                .get()
                .or_else(|| prev.cloned())
                .unwrap_or_else(|| Run::new(Preset::Simple, Knobs::default_for(Preset::Simple)))
        },
        |a, b| match (a, b) {
            (Some(a), Some(b)) => !Arc::ptr_eq(&a.replay, &b.replay),
            _ => true,
        },
    );
    // The lab's own class and heading id, unchanged: the end-to-end tests find the lab's diagram
    // by `.lab-diagram`.
    view! {
        <RunDiagram
            run=run
            time=time
            playing=playing
            class="live-diagram lab-diagram"
            controller_title_id="lab-controller-title"
        />
    }
}
