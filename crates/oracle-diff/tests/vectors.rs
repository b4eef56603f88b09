//! Joblab against the Kubernetes oracle's committed answers (oracle/vectors/check.jsonl for
//! generated Jobs, oracle/vectors/cronjob-check.jsonl for generated CronJobs), with no Go needed. Every vector must agree, or differ only in a way docs/fidelity.md accepts (and the
//! comparison checks that it is exactly that way). Regenerate them with
//! `bash scripts/oracle-vectors.sh` (and `--cronjobs`) after a change of the generator or of the
//! Kubernetes version.

use std::path::Path;

use oracle_diff::compare::compare_case;
use oracle_diff::report::Tally;
use oracle_diff::vectors::read_vectors;

#[test]
fn joblab_agrees_with_every_committed_oracle_answer() {
    agrees_with_every_vector_of("check.jsonl", 2000, "Job");
}

#[test]
fn joblab_agrees_with_every_committed_oracle_answer_on_cronjobs() {
    agrees_with_every_vector_of("cronjob-check.jsonl", 1000, "CronJob");
}

/// Compares Joblab with every answer of `oracle/vectors/FILE`, which holds at least `min`
/// vectors, most of them answers about objects of `kind`.
fn agrees_with_every_vector_of(file: &str, min: usize, kind: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../oracle/vectors")
        .join(file);
    let vectors = read_vectors(&path).expect("the committed vectors");
    assert!(
        vectors.len() >= min,
        "{} vectors; the differential commits at least {min}",
        vectors.len()
    );
    let of_kind = vectors
        .iter()
        .filter(|v| v.answer.documents.iter().any(|d| d.kind == kind))
        .count();
    assert!(
        of_kind * 10 >= vectors.len() * 9,
        "only {of_kind} of {} vectors are about a {kind}",
        vectors.len()
    );
    let mut tally = Tally::default();
    let mut failures = Vec::new();
    for v in &vectors {
        let comparison = compare_case(&v.yaml, &v.answer);
        tally.add(&v.answer, &comparison);
        if comparison.disagrees() && failures.len() < 5 {
            failures.push(format!(
                "case {} (from {}; {}):\n{}input:\n{}",
                v.id,
                v.origin,
                v.mutations.join("; "),
                comparison.explain(),
                v.yaml
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{}\n{} of {} vectors disagree; the first:\n\n{}",
        tally.render(),
        tally.disagreeing_cases,
        tally.cases,
        failures.join("\n")
    );
}
