//! `check_stream_bytes`: a stream beyond the one-shot limits is checked in chunks of whole
//! documents, yet every document, line and column is reported as in the whole stream.

use joblab_core::check::{check_bytes, check_stream_bytes, CheckReport};

/// A Job whose `completions` is `value`, named `job-n`: 9 lines, the value on line 6, column 16.
fn job(n: usize, value: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: job-{n}\nspec:\n  completions: {value}\n  template:\n    spec: {{restartPolicy: Never, containers: [{{name: c, image: \"busybox:1.36\"}}]}}\n  ttlSecondsAfterFinished: 60\n"
    )
}

/// (document index, line, column, message) of every error.
fn errors(report: &CheckReport) -> Vec<(usize, usize, usize, String)> {
    report
        .documents
        .iter()
        .flat_map(|doc| {
            doc.diagnostics
                .iter()
                .filter(|d| d.diagnostic.severity == joblab_core::diag::Severity::Error)
                .map(move |d| {
                    (
                        doc.index,
                        d.start.line,
                        d.start.column,
                        d.diagnostic.message(),
                    )
                })
        })
        .collect()
}

#[test]
fn a_long_stream_reports_positions_of_the_whole_stream() {
    // 2 500 documents (over the 1 000 one check takes), every 7th with an invalid completions;
    // a comment and an empty document on the way shift lines and document numbers.
    let mut text = String::from("# generated\n");
    let mut want = Vec::new();
    let mut line = 2;
    let mut index = 0;
    for n in 0..2_500 {
        text.push_str("---\n");
        line += 1;
        if n == 1_234 {
            // An empty document still counts in the numbering.
            text.push_str("---\n");
            line += 1;
            index += 1;
        }
        let bad = n % 7 == 0;
        text.push_str(&job(n, if bad { "-1" } else { "2" }));
        if bad {
            want.push((
                index,
                line + 5,
                16,
                "spec.completions: Invalid value: -1: must be greater than or equal to 0"
                    .to_owned(),
            ));
        }
        line += 9;
        index += 1;
    }
    let report = check_stream_bytes(text.as_bytes());
    assert_eq!(report.documents.len(), 2_500);
    assert_eq!(errors(&report), want);
    let names: Vec<_> = report.documents.iter().map(|d| d.name.clone()).collect();
    let want_names: Vec<_> = (0..2_500).map(|n| Some(format!("job-{n}"))).collect();
    assert_eq!(names, want_names);
}

#[test]
fn a_short_stream_is_checked_as_one() {
    let cases = [
        format!("{}---\n{}", job(0, "-1"), job(1, "x")),
        "a: [1,\n".to_owned(),
        String::new(),
        "%YAML 1.1\n---\napiVersion: v1\nkind: ConfigMap\n".to_owned(),
    ];
    for text in cases {
        let (whole, chunked) = (
            check_bytes(text.as_bytes()),
            check_stream_bytes(text.as_bytes()),
        );
        assert_eq!(errors(&chunked), errors(&whole), "{text}");
        assert_eq!(chunked.documents.len(), whole.documents.len(), "{text}");
    }
}

#[test]
fn directives_and_oversized_documents_in_a_long_stream() {
    // A %YAML directive just before a cut belongs to the document after it, so the cut moves
    // above it: no document gets a syntax error for it.
    let mut text = String::new();
    for n in 0..1_200 {
        if n == 500 || n == 501 {
            text.push_str("%YAML 1.1\n");
        }
        text.push_str("---\n");
        text.push_str(&job(n, "2"));
    }
    let report = check_stream_bytes(text.as_bytes());
    assert_eq!(report.documents.len(), 1_200);
    assert_eq!(errors(&report), vec![]);
    // One document over the size limit gets the limit's error, and the others are checked.
    let huge = format!(
        "{}---\n{}big: \"{}\"\n---\n{}",
        job(0, "2"),
        job(1, "2").replace("ttlSecondsAfterFinished: 60\n", ""),
        "x".repeat(1_100_000),
        job(2, "-1")
    );
    let report = check_stream_bytes(huge.as_bytes());
    let found: Vec<String> = errors(&report)
        .into_iter()
        .map(|e| format!("{}:{}:{} {}", e.0, e.1, e.2, e.3))
        .collect();
    assert_eq!(found.len(), 2, "{found:?}");
    assert_eq!(
        report.documents[0].name.as_deref(),
        Some("job-0"),
        "the document before is checked"
    );
    assert!(
        found[0].starts_with("1:10:1 Limit exceeded: the input is 1 100"),
        "{found:?}"
    );
    assert!(
        found[1].starts_with("2:26:16 spec.completions: Invalid value: -1"),
        "{found:?}"
    );
}
