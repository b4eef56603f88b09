//! Joblab's kubectl views against the committed answers of `oracle kubectl`
//! (oracle/vectors/kubectl.jsonl), with no Go needed. Each vector is a Job, a scenario, an instant
//! and kubectl's output of every view at that instant; the test simulates the case again, builds
//! the snapshot's API objects and renders every view, so both the objects and the renderers are
//! held to kubectl's bytes. Regenerate them with `bash scripts/oracle-diff.sh --kubectl
//! --write-vectors oracle/vectors/kubectl.jsonl` after a change of the simulation, the objects or
//! the Kubernetes version.

use std::path::Path;

use oracle_diff::kubectl::{compare, read_view_vectors, sample_at};

#[test]
fn every_view_matches_the_committed_kubectl_output() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/kubectl.jsonl");
    let vectors = read_view_vectors(&path).expect("the committed vectors");
    assert!(
        vectors.len() >= 100,
        "{} vectors; the differential commits at least 100 snapshots",
        vectors.len()
    );
    let mut views = 0;
    let mut failures = Vec::new();
    for v in &vectors {
        let Some(sample) = sample_at(&v.case, v.at_ms) else {
            failures.push(format!("{}: the case no longer simulates", v.answer.id));
            continue;
        };
        for d in compare(&sample, &v.answer) {
            views += 1;
            if let Some(diff) = d.diff {
                failures.push(format!(
                    "{} ({}), `{}`:\n{diff}",
                    v.answer.id, v.case.origin, d.command
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {views} views differ from kubectl's; the first:\n\n{}",
        failures.len(),
        failures
            .iter()
            .take(5)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n\n")
    );
}

/// The front ends' `get jobs` and `get pods` (the CLI's text output, the lab's terminal) build
/// lighter objects for a listing of many Pods; they must print what kubectl prints too.
#[test]
fn the_front_ends_listings_match_the_committed_kubectl_output() {
    use joblab_core::kubectl;
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/kubectl.jsonl");
    let vectors = read_view_vectors(&path).expect("the committed vectors");
    let mut failures = Vec::new();
    for v in &vectors {
        let Some(snap) = oracle_diff::kubectl::snapshot_at(&v.case, v.at_ms) else {
            failures.push(format!("{}: the case no longer simulates", v.answer.id));
            continue;
        };
        let ours: [(&str, String); 4] = [
            ("kubectl get jobs", kubectl::get_jobs(&snap)),
            ("kubectl get jobs -o wide", kubectl::get_jobs_wide(&snap)),
            ("kubectl get pods", kubectl::get_pods(&snap)),
            ("kubectl get pods -o wide", kubectl::get_pods_wide(&snap)),
        ];
        for (command, text) in ours {
            let theirs = v.answer.views.iter().find(|x| x.command == command);
            if theirs.map(|x| x.output.as_str()) != Some(text.as_str()) {
                failures.push(format!(
                    "{} `{command}`:\nJoblab:\n{text}\nkubectl:\n{}",
                    v.answer.id,
                    theirs.map_or("<no such view>", |x| x.output.as_str())
                ));
            }
        }
    }
    assert!(
        failures.is_empty(),
        "{} listings differ; the first:\n\n{}",
        failures.len(),
        failures.first().cloned().unwrap_or_default()
    );
}
