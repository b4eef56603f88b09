//! No control or invisible formatting character of the input survives into text output: every
//! diagnostic of a fuzzed manifest or scenario (path, detail, message, document name and kind),
//! and every kubectl view and the timeline of a fuzzed valid Job's simulation, as the CLI, the lab
//! and the terminal print them.
#![no_main]

use joblab_core::check::check_source;
use joblab_core::escape::needs_escaping;
use joblab_core::kubectl;
use joblab_core::scenario::Scenario;
use joblab_core::sim::Simulation;
use libfuzzer_sys::fuzz_target;

fn assert_clean(what: &str, text: &str) {
    assert!(!needs_escaping(text), "{what} carries a control character: {text:?}");
}

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let report = check_source(&text);
    for doc in &report.documents {
        for d in &doc.diagnostics {
            assert_clean("a path", &d.diagnostic.path);
            assert_clean("a detail", &d.diagnostic.detail);
            assert_clean("a message", &d.diagnostic.message());
            assert!(!d.diagnostic.message().contains('\n'), "a message spans lines");
        }
        for s in [&doc.name, &doc.kind, &doc.api_version].into_iter().flatten() {
            assert_clean("a document's name or kind", s);
        }
        if let Some(job) = doc.effective.clone().filter(|_| doc.valid) {
            let mut sim = Simulation::new(job, Scenario::default());
            sim.set_limits(2_000, 50);
            sim.advance_to(600_000);
            let snap = sim.snapshot();
            for (view, out) in [
                ("get jobs", kubectl::get_jobs(&snap)),
                ("get pods", kubectl::get_pods(&snap)),
                ("get events", kubectl::get_events(&snap)),
                ("describe job", kubectl::describe_job(&snap)),
                ("the timeline", kubectl::timeline(&snap)),
            ] {
                assert_clean(view, &out);
            }
        }
    }
    if let Err(diags) = Scenario::from_yaml(&text) {
        for d in diags {
            assert_clean("a scenario message", &d.message());
        }
    }
});
