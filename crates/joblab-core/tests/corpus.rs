//! Real manifests: the shared corpus of Jobs in the wild (read from `../shared`, never copied
//! into this repository) and the Kubernetes documentation's example Jobs (in `tests/data`).

use std::path::{Path, PathBuf};

use joblab_core::check::{check_source, CheckReport};
use joblab_core::diag::{ErrorType, Severity};

/// `<repository root>/../shared/corpus/jobs-in-the-wild`.
fn corpus_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/jobs-in-the-wild")
}

fn errors(report: &CheckReport) -> Vec<String> {
    report
        .documents
        .iter()
        .flat_map(|d| &d.diagnostics)
        .filter(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| {
            format!(
                "{}:{}: {}",
                d.start.line,
                d.start.column,
                d.diagnostic.message()
            )
        })
        .collect()
}

#[test]
fn jobs_in_the_wild_are_accepted_except_the_three_invalid_ones() {
    let dir = corpus_dir();
    let Ok(entries) = std::fs::read_dir(&dir) else {
        eprintln!(
            "SKIPPED: the shared corpus is not at {} (it lives outside this repository)",
            dir.display()
        );
        return;
    };
    let mut files: Vec<PathBuf> = entries
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml" || e == "yml"))
        .collect();
    files.sort();
    assert_eq!(files.len(), 30, "SOURCES.md lists 30 files");
    for file in files {
        let name = file
            .file_name()
            .and_then(|n| n.to_str())
            .unwrap_or_default()
            .to_owned();
        let text = std::fs::read_to_string(&file).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = check_source(&text);
        let errs = errors(&report);
        let jobs = report
            .documents
            .iter()
            .filter(|d| d.kind.as_deref() == Some("Job"))
            .count();
        if name.starts_with("005-") {
            // A tab indents line 24: kubectl rejects the file before any API validation.
            assert_eq!(errs.len(), 1, "{name}: {errs:#?}");
            let d = &report.documents[0].diagnostics[0];
            assert_eq!(d.diagnostic.error_type, ErrorType::SyntaxError, "{name}");
            assert!(
                d.diagnostic.detail.contains("tab character"),
                "{name}: {errs:#?}"
            );
            assert_eq!(d.start.line, 24, "{name}");
        } else if name.starts_with("009-") {
            // The restartPolicy line is commented out, so it defaults to Always, which a Job
            // rejects (semantics reference §3.9 T-11). This needs the real validation.
            assert!(jobs >= 1, "{name}");
            let restart: Vec<_> = report.documents[0]
                .diagnostics
                .iter()
                .filter(|d| d.diagnostic.path == "spec.template.spec.restartPolicy")
                .collect();
            assert!(
                restart
                    .iter()
                    .any(|d| d.diagnostic.error_type == ErrorType::Required),
                "{name}: expected spec.template.spec.restartPolicy: Required value; got {errs:#?}"
            );
            assert!(
                restart
                    .iter()
                    .all(|d| d.diagnostic.severity == Severity::Error),
                "{name}"
            );
        } else if name.starts_with("024-") {
            // A privileged container: the API server's default `--allow-privileged=false` (the
            // oracle's) rejects it, though most distributions turn the flag on.
            assert_eq!(errs.len(), 1, "{name}: {errs:#?}");
            assert!(
                errs[0].contains(
                    "spec.template.spec.containers[0].securityContext.privileged: Forbidden: disallowed by cluster policy"
                ),
                "{name}: {errs:#?}"
            );
        } else {
            assert!(jobs >= 1, "{name}: no Job document found");
            assert!(errs.is_empty(), "{name} must be accepted:\n{errs:#?}");
            for doc in report
                .documents
                .iter()
                .filter(|d| d.kind.as_deref() == Some("Job"))
            {
                assert!(
                    doc.effective.is_some(),
                    "{name}: document {} has no effective Job",
                    doc.index
                );
            }
        }
        // Non-Job documents are skipped with exactly one note each.
        for doc in report
            .documents
            .iter()
            .filter(|d| d.kind.is_some() && d.kind.as_deref() != Some("Job"))
        {
            assert_eq!(doc.diagnostics.len(), 1, "{name}: document {}", doc.index);
            assert_eq!(
                doc.diagnostics[0].diagnostic.severity,
                Severity::Note,
                "{name}"
            );
        }
    }
}

#[test]
fn documentation_example_jobs_are_accepted() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let files = [
        "pi.yaml",
        "indexed-job.yaml",
        "job-pod-failure-policy-example.yaml",
        "job-success-policy.yaml",
        "job-backoff-limit-per-index-example.yaml",
        "job-sidecar.yaml",
        "job-tmpl.yaml",
        "job-ttl.yaml",
        "big-job.yaml",
    ];
    for name in files {
        let text =
            std::fs::read_to_string(dir.join(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = check_source(&text);
        assert_eq!(report.documents.len(), 1, "{name}");
        assert_eq!(report.documents[0].kind.as_deref(), Some("Job"), "{name}");
        assert!(errors(&report).is_empty(), "{name}: {:#?}", errors(&report));
        assert!(report.documents[0].effective.is_some(), "{name}");
    }
}

#[test]
fn non_job_documents_get_one_note() {
    let cases = [
        (
            "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\nspec: {bogus: 1}\n",
            "an apps/v1 Deployment",
            2,
        ),
        (
            "apiVersion: v1\nkind: Pod\nmetadata: {name: p}\n",
            "a v1 Pod",
            2,
        ),
        (
            "apiVersion: batch/v2alpha1\nkind: Job\nmetadata: {name: j}\n",
            "not a served version of Job",
            1,
        ),
        (
            "apiVersion: jobset.x-k8s.io/v1alpha2\nkind: Job\nmetadata: {name: j}\n",
            "API group jobset.x-k8s.io",
            1,
        ),
    ];
    for (text, words, line) in cases {
        let report = check_source(text);
        let doc = &report.documents[0];
        assert!(doc.valid, "{text}");
        assert_eq!(doc.diagnostics.len(), 1, "{text}: {:#?}", doc.diagnostics);
        let d = &doc.diagnostics[0];
        assert_eq!(d.diagnostic.severity, Severity::Note);
        assert!(
            d.diagnostic.detail.contains(words),
            "{text}: {}",
            d.diagnostic.detail
        );
        assert_eq!(d.start.line, line, "{text}");
    }
}

/// A CronJob is checked as the API server checks it on create, its jobTemplate with the Job
/// rules; the report carries the Job its controller creates.
#[test]
fn cronjobs_are_checked_through_their_job_template() {
    let template = "    spec:\n      template:\n        spec:\n          containers: [{name: c, image: \"busybox:1.36\"}]\n          restartPolicy: Never\n";
    let head = "apiVersion: batch/v1\nkind: CronJob\nmetadata: {name: nightly, namespace: ops}\n";
    let valid = format!("{head}spec:\n  schedule: \"0 3 * * *\"\n  jobTemplate:\n{template}");
    // (text, the first diagnostic's `LINE:COL path: type: detail`, or None for none).
    let cases: Vec<(String, Option<&str>)> = vec![
        (valid.clone(), None),
        // No spec is the zero spec: no schedule, and a template without containers.
        (head.to_owned(), Some("1:1 spec.schedule: Required value")),
        (
            format!("{head}spec:\n  schedule: \"0 3 * * *\"\n"),
            Some("4:1 spec.jobTemplate.spec.template.spec.restartPolicy: Required value"),
        ),
        (
            format!("{head}spec:\n  jobTemplate: 3\n"),
            Some("5:16 spec.jobTemplate: Type error"),
        ),
        (
            valid.replace("    spec:\n", "    kind: Job\n    spec:\n"),
            Some("7:5 spec.jobTemplate.kind: Unknown field"),
        ),
        (
            valid.replace("restartPolicy: Never", "restartPolicy: Always"),
            Some("11:26 spec.jobTemplate.spec.template.spec.restartPolicy: Required value"),
        ),
        (
            valid.replace("      template:", "      completions: x\n      template:"),
            Some("8:20 spec.jobTemplate.spec.completions: Type error"),
        ),
    ];
    for (text, want) in cases {
        let report = check_source(&text);
        let doc = &report.documents[0];
        assert_eq!(doc.kind.as_deref(), Some("CronJob"));
        let first = doc
            .diagnostics
            .iter()
            .find(|d| d.diagnostic.severity == Severity::Error)
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d.start.line,
                    d.start.column,
                    d.diagnostic.message()
                )
            });
        match (want, first) {
            (None, None) => {
                let job = doc.effective.as_ref().expect("the Job it creates");
                // Named as the CronJob controller names it, in the CronJob's namespace, with no
                // TTL advice (history limits clean CronJobs' Jobs up).
                assert_eq!(job.metadata.name.as_deref(), Some("nightly-28928160"));
                assert_eq!(job.metadata.namespace.as_deref(), Some("ops"));
                assert!(doc
                    .diagnostics
                    .iter()
                    .all(|d| !d.diagnostic.path.ends_with("ttlSecondsAfterFinished")));
            }
            (Some(want), Some(got)) => assert!(got.starts_with(want), "{text}\n{got}"),
            (want, got) => panic!("{text}\nwanted {want:?}, got {got:?}"),
        }
    }
}

#[test]
fn whole_stream_messages() {
    // (input, number of reports, words in the first diagnostic)
    let cases = [
        ("", "no YAML document"),
        ("# only a comment\n", "no YAML document"),
        ("just a string\n", "got the text \"just a string\""),
        ("- a\n- b\n", "got a list"),
        ("apiVersion: batch/v1\nmetadata: {}\n", "needs a kind"),
    ];
    for (text, words) in cases {
        let report = check_source(text);
        assert!(report.has_errors(), "{text:?}");
        let d = &report.documents[0].diagnostics[0];
        assert!(
            d.diagnostic.detail.contains(words),
            "{text:?}: {}",
            d.diagnostic.detail
        );
    }
    // A trailing `---` adds no report; a multi-document file reports each document.
    let report =
        check_source("apiVersion: v1\nkind: Service\n---\napiVersion: v1\nkind: ConfigMap\n---\n");
    assert_eq!(report.documents.len(), 2);
    assert_eq!(report.documents[1].index, 1);
    assert_eq!(report.documents[1].diagnostics[0].start.line, 5);
}
