//! The lab's CronJob run: the CronJob controller simulation of the editor's CronJob
//! (`joblab_core::sim::cronjob`), recorded once ([`CronJobReplay`]) to the lab's horizon and
//! drawn by the guide's CronJob diagram ([`CronRunDiagram`]): the same drawing model, player,
//! canvas, tooltips, keys and accessible names, with no knobs (the YAML is the knob).

use std::sync::Arc;

use joblab_core::patterns::cronjob::{CronKnobs, CronPreset};
use joblab_core::scenario::Scenario;
use joblab_core::sim::cronjob::replay::{horizon_ms, CronJobReplay};
use joblab_core::sim::cronjob::CronJobSimulation;
use joblab_core::sim::Millis;
use joblab_core::terminal::cronjob::CronJobCluster;
use leptos::prelude::*;

use super::model::CronJobInput;
use crate::diagram::cronjob::{self, CronRecording, CronRunDiagram};

/// One recorded run of the editor's CronJob.
#[derive(Clone, Debug)]
pub struct CronRun {
    /// The recording.
    pub replay: Arc<CronJobReplay>,
    /// The CronJob's stored form, for the terminal's objects.
    pub stored: Arc<serde_json::Value>,
    /// The end of the run.
    pub end_ms: Millis,
    /// The same recording as the diagram plays it.
    diagram: cronjob::CronRun,
}

impl PartialEq for CronRun {
    fn eq(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.replay, &other.replay)
    }
}

impl CronRun {
    /// The terminal's cluster at `t`.
    pub fn cluster_at(&self, t: Millis) -> CronJobCluster {
        CronJobCluster::of(&self.replay.at(t), &self.stored)
    }
}

/// The diagram plays the lab's recording, which the terminal reads too.
impl CronRecording for Arc<CronJobReplay> {
    fn at(&self, t: Millis) -> CronJobSimulation {
        CronJobReplay::at(self, t)
    }

    fn end(&self) -> &CronJobSimulation {
        CronJobReplay::end(self)
    }
}

/// Simulates the CronJob under `scenario` to the lab's horizon; `Err` when the scenario asks for
/// something a CronJob scenario cannot do (the message says what).
pub fn simulate_cronjob(input: &CronJobInput, scenario: Scenario) -> Result<CronRun, String> {
    let sim = CronJobSimulation::from_manifest(&input.stored, input.template.clone(), scenario)?;
    let end_ms = horizon_ms(&sim);
    let initially_suspended = sim.spec().suspend;
    let replay = Arc::new(CronJobReplay::record(sim, end_ms));
    Ok(CronRun {
        diagram: cronjob::CronRun::recorded(Box::new(replay.clone()), end_ms, initially_suspended),
        stored: Arc::new(input.stored.clone()),
        replay,
        end_ms,
    })
}

/// The CronJob's diagram and player. Mounted only once there is a run.
#[component]
pub fn CronDiagram(
    run: Memo<Option<CronRun>>,
    time: RwSignal<Millis>,
    playing: RwSignal<bool>,
) -> impl IntoView {
    // The last run stays drawn while there is none (the component is unmounted then anyway).
    let drawn = Memo::new(move |prev: Option<&cronjob::CronRun>| {
        run.with(|r| r.as_ref().map(|r| r.diagram.clone()))
            .or_else(|| prev.cloned())
            .unwrap_or_else(|| {
                cronjob::CronRun::new(
                    CronPreset::History,
                    CronKnobs::default_for(CronPreset::History),
                )
            })
    });
    view! {
        <div class="lab-cron" role="group" aria-labelledby="lab-cron-title">
            <h4 id="lab-cron-title">"The CronJob's Jobs over time"</h4>
            <CronRunDiagram run=drawn time=time playing=playing class="live-diagram lab-diagram cron-diagram" ids="lab-cron"/>
        </div>
    }
}
