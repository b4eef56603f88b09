//! Container validation against answers recorded from the Kubernetes oracle
//! (`target/oracle/oracle check FILE`, v1.37.2): for each `tests/data/containers/NAME.yaml`,
//! `NAME.expected` lists the server's errors as `path: ErrorBody`, one a line, and Joblab must
//! report exactly that set.

use std::collections::BTreeSet;
use std::path::Path;

use joblab_core::check::check_source;
use joblab_core::diag::Severity;

fn errors_of(text: &str) -> BTreeSet<String> {
    check_source(text)
        .documents
        .iter()
        .flat_map(|d| &d.diagnostics)
        .filter(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| {
            let diag = &d.diagnostic;
            if diag.detail.is_empty() {
                format!("{}: {}", diag.path, diag.error_type.as_str())
            } else {
                format!(
                    "{}: {}: {}",
                    diag.path,
                    diag.error_type.as_str(),
                    diag.detail
                )
            }
        })
        .collect()
}

#[test]
fn container_errors_match_the_oracle() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/containers");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("tests/data/containers exists")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
        .collect();
    files.sort();
    assert!(files.len() >= 3, "fixtures missing in {}", dir.display());
    for file in files {
        let text = std::fs::read_to_string(&file).expect("fixture reads");
        let expected_text =
            std::fs::read_to_string(file.with_extension("expected")).expect("answer reads");
        let expected: BTreeSet<String> = expected_text.lines().map(str::to_owned).collect();
        let got = errors_of(&text);
        let missing: Vec<_> = expected.difference(&got).collect();
        let extra: Vec<_> = got.difference(&expected).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{}:\nmissing (the oracle has them):\n{missing:#?}\nextra (only Joblab):\n{extra:#?}",
            file.display()
        );
    }
}
