//! Joblab's kubectl views of CronJob simulations against the committed answers of `oracle
//! kubectl` (oracle/vectors/kubectl-cronjob.jsonl), with no Go needed. Each vector is a CronJob,
//! a scenario, an instant and kubectl's output of every view at that instant (`get cronjobs`,
//! `describe cronjob`, `get jobs` listing the CronJob's Jobs, `describe job` of each, the Pods'
//! listings and descriptions, `get events`); the test simulates the case again, builds the API
//! objects and renders every view, so both the objects and the renderers are held to kubectl's
//! bytes. Regenerate them with `bash scripts/oracle-diff.sh --kubectl --cronjobs --cases 120
//! --seed 20261206 --write-vectors oracle/vectors/kubectl-cronjob.jsonl` after a change of the
//! simulation, the objects or the Kubernetes version.

use std::path::Path;

use oracle_diff::kubectl::{compare, read_view_vectors, sample_at};

#[test]
fn every_cronjob_view_matches_the_committed_kubectl_output() {
    let path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/kubectl-cronjob.jsonl");
    let vectors = read_view_vectors(&path).expect("the committed vectors");
    assert!(
        vectors.len() >= 100,
        "{} vectors; the differential commits at least 100 CronJob snapshots",
        vectors.len()
    );
    let mut views = 0;
    let mut kinds = std::collections::BTreeSet::new();
    let mut failures = Vec::new();
    for v in &vectors {
        assert!(v.case.is_cronjob(), "{}: not a CronJob case", v.answer.id);
        let Some(sample) = sample_at(&v.case, v.at_ms) else {
            failures.push(format!("{}: the case no longer simulates", v.answer.id));
            continue;
        };
        for d in compare(&sample, &v.answer) {
            views += 1;
            kinds.insert(d.kind.clone());
            if let Some(diff) = d.diff {
                failures.push(format!(
                    "{} ({}), `{}`:\n{diff}",
                    v.answer.id, v.case.origin, d.command
                ));
            }
        }
    }
    for kind in [
        "get cronjobs",
        "get cronjobs -o wide",
        "describe cronjob",
        "get jobs",
    ] {
        assert!(kinds.contains(kind), "no vector has `kubectl {kind}`");
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
