//! Strict decoding: unknown and duplicate fields, type errors, all with path, type and position.

use joblab_core::check::{check_source, LocatedDiagnostic};
use joblab_core::diag::{ErrorType, Severity};

const HEAD: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\n";

/// The decode diagnostics (unknown, duplicate, type) of a one-document check.
fn decode_diagnostics(text: &str) -> Vec<LocatedDiagnostic> {
    let report = check_source(text);
    assert_eq!(report.documents.len(), 1, "{text}");
    report.documents[0]
        .diagnostics
        .iter()
        .filter(|d| {
            matches!(
                d.diagnostic.error_type,
                ErrorType::UnknownField | ErrorType::DuplicateField | ErrorType::TypeError
            )
        })
        .cloned()
        .collect()
}

#[test]
fn decode_problems_table() {
    // (body after HEAD, [(path, type, words in the detail, line, column)])
    type Want = (&'static str, ErrorType, &'static str, usize, usize);
    let cases: &[(&str, &[Want])] = &[
        (
            "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        comand: [x]\n",
            &[("spec.template.spec.containers[0].comand", ErrorType::UnknownField, "did you mean \"command\"?", 10, 9)],
        ),
        (
            "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n      - name: b\n        Image: x\n",
            &[("spec.template.spec.containers[1].Image", ErrorType::UnknownField, "did you mean \"image\"?", 11, 9)],
        ),
        ("spec:\n  completion: 3\n", &[("spec.completion", ErrorType::UnknownField, "did you mean \"completions\"?", 6, 3)]),
        ("spec:\n  frobnicate: 3\n", &[("spec.frobnicate", ErrorType::UnknownField, "not a field of JobSpec", 6, 3)]),
        ("metadata2: {}\n", &[("metadata2", ErrorType::UnknownField, "did you mean \"metadata\"?", 5, 1)]),
        (
            "spec:\n  backoffLimit: 1\n  backoffLimit: 2\n",
            &[("spec.backoffLimit", ErrorType::DuplicateField, "more than once", 7, 3)],
        ),
        (
            "spec:\n  template:\n    metadata:\n      labels: {a: '1', b: '2', a: '3'}\n",
            &[("spec.template.metadata.labels[a]", ErrorType::DuplicateField, "more than once", 8, 32)],
        ),
        ("spec:\n  completions: \"six\"\n", &[("spec.completions", ErrorType::TypeError, "expected an integer, got the string \"six\"", 6, 16)]),
        ("spec:\n  completions: 99999999999\n", &[("spec.completions", ErrorType::TypeError, "must fit in a 32-bit integer", 6, 16)]),
        ("spec:\n  completions: 2.5\n", &[("spec.completions", ErrorType::TypeError, "fraction", 6, 16)]),
        ("spec:\n  suspend: \"true\"\n", &[("spec.suspend", ErrorType::TypeError, "expected a boolean", 6, 12)]),
        ("spec:\n  template: [a]\n", &[("spec.template", ErrorType::TypeError, "expected a mapping (a PodTemplateSpec object), got a list", 6, 13)]),
        (
            "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        env:\n        - {name: X, value: yes}\n",
            &[("spec.template.spec.containers[0].env[0].value", ErrorType::TypeError, "put it in quotes to make it a string: \"yes\"", 11, 28)],
        ),
        (
            "spec:\n  template:\n    spec:\n      containers:\n      - name: 5\n        args: [1, on]\n",
            &[
                ("spec.template.spec.containers[0].name", ErrorType::TypeError, "got the number 5", 9, 15),
                ("spec.template.spec.containers[0].args[0]", ErrorType::TypeError, "\"1\"", 10, 16),
                ("spec.template.spec.containers[0].args[1]", ErrorType::TypeError, "unquoted on", 10, 19),
            ],
        ),
        // Several type errors in one document are all reported, with unknown fields alongside.
        (
            "spec:\n  parallelism: x\n  completions: why\n  bogus: 1\n  ttlSecondsAfterFinished: []\n",
            &[
                ("spec.parallelism", ErrorType::TypeError, "got the string \"x\"", 6, 16),
                ("spec.completions", ErrorType::TypeError, "got the string \"why\"", 7, 16),
                ("spec.bogus", ErrorType::UnknownField, "JobSpec", 8, 3),
                ("spec.ttlSecondsAfterFinished", ErrorType::TypeError, "got a list", 9, 28),
            ],
        ),
        // A timestamp rejected by the model's own parser is reported and decoding goes on.
        (
            "  creationTimestamp: yesterday\nspec:\n  completions: z\n",
            &[
                ("metadata.creationTimestamp", ErrorType::TypeError, "", 5, 22),
                ("spec.completions", ErrorType::TypeError, "got the string \"z\"", 7, 16),
            ],
        ),
    ];
    for (body, wants) in cases {
        let text = format!("{HEAD}{body}");
        let got = decode_diagnostics(&text);
        let summary: Vec<String> = got
            .iter()
            .map(|d| {
                format!(
                    "{}:{} {}",
                    d.start.line,
                    d.start.column,
                    d.diagnostic.message()
                )
            })
            .collect();
        assert_eq!(got.len(), wants.len(), "{text}\n{summary:#?}");
        for (d, (path, error_type, words, line, column)) in got.iter().zip(wants.iter()) {
            assert_eq!(d.diagnostic.path, *path, "{text}\n{summary:#?}");
            assert_eq!(d.diagnostic.error_type, *error_type, "{text}\n{summary:#?}");
            assert!(d.diagnostic.detail.contains(words), "{text}\n{summary:#?}");
            assert_eq!(
                (d.start.line, d.start.column),
                (*line, *column),
                "{text}\n{summary:#?}"
            );
            assert_eq!(d.diagnostic.severity, Severity::Error);
        }
    }
}

#[test]
fn accepted_forms_that_look_odd() {
    // Each of these decodes without any diagnostic: integral floats as integers, numbers as
    // quantities, strings or numbers for int-or-string ports, nulls for unset fields, merges.
    let bodies = [
        "spec:\n  completions: 3.0\n  parallelism: 0x2\n",
        "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: b\n        resources: {requests: {cpu: 1, memory: 1.5}}\n",
        "spec:\n  template:\n    spec:\n      containers:\n      - name: a\n        image: b\n        readinessProbe: {httpGet: {port: http}}\n        livenessProbe: {httpGet: {port: 8080}}\n",
        "  creationTimestamp: null\n  labels: ~\nspec:\n  selector:\n  suspend: null\n",
        "  labels: &l {app: x}\nspec:\n  template:\n    metadata:\n      labels:\n        <<: *l\n        tier: web\n",
    ];
    for body in bodies {
        let text = format!("{HEAD}{body}");
        let got = decode_diagnostics(&text);
        assert!(got.is_empty(), "{text}\n{got:#?}");
    }
}

#[test]
fn type_errors_skip_validation_but_keep_the_job() {
    let text = format!("{HEAD}spec:\n  completions: six\n");
    let report = check_source(&text);
    let doc = &report.documents[0];
    assert!(!doc.valid);
    assert!(doc.job.is_some(), "the decoded Job is kept");
    assert!(
        doc.effective.is_none(),
        "no defaulting without a decodable Job"
    );
    let ok = check_source(&format!("{HEAD}spec:\n  completions: 6\n"));
    assert!(ok.documents[0].effective.is_some());
}

/// A malformed quantity fails the server's decoding (`Quantity.UnmarshalJSON`), as the oracle
/// shows: a type error at the value, and no validation of a Job the server cannot read.
#[test]
fn malformed_quantities_are_decode_errors() {
    let body = "spec:\n  completions: -1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: b\n        resources:\n          limits: {memory: 1Gb, cpu: ' 2 '}\n          requests: {cpu: 1K}\n";
    let text = format!("{HEAD}{body}");
    let report = check_source(&text);
    let errors: Vec<(String, ErrorType)> = report.documents[0]
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| (d.diagnostic.path.clone(), d.diagnostic.error_type))
        .collect();
    assert_eq!(
        errors,
        vec![
            (
                "spec.template.spec.containers[0].resources.limits[memory]".to_owned(),
                ErrorType::TypeError
            ),
            (
                "spec.template.spec.containers[0].resources.requests[cpu]".to_owned(),
                ErrorType::TypeError
            ),
        ],
        "{text}"
    );
    let details: Vec<&str> = report.documents[0]
        .diagnostics
        .iter()
        .map(|d| d.diagnostic.detail.as_str())
        .collect();
    assert!(details.iter().any(|d| d.ends_with(
        ": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
    )));
    assert!(details
        .iter()
        .any(|d| d.ends_with(": unable to parse quantity's suffix")));
}

/// Of a key given twice only the last value reaches the server (kubectl's YAML-to-JSON keeps
/// it), so a mistyped earlier value is no type error.
#[test]
fn an_overridden_duplicate_value_is_not_type_checked() {
    let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: 1\n  name: ok\n";
    let diags = decode_diagnostics(text);
    let kinds: Vec<(&str, ErrorType)> = diags
        .iter()
        .map(|d| (d.diagnostic.path.as_str(), d.diagnostic.error_type))
        .collect();
    assert_eq!(kinds, vec![("metadata.name", ErrorType::DuplicateField)]);
}

/// A `null` quantity in a resource list is the zero quantity, as `Quantity.UnmarshalJSON` reads
/// it: no type error, and the effective Job holds `"0"` (the oracle stores exactly that). A
/// `null` `sizeLimit` is a nil pointer instead: the field is simply unset.
#[test]
fn null_quantities_are_zero() {
    let pod = "spec:\n  template:\n    spec:\n      restartPolicy: Never\n";
    let ctr = "      containers:\n      - name: a\n        image: b\n";
    // (the Pod spec's lines after restartPolicy, JSON pointer in the effective Job, value there)
    let cases: &[(&str, &str, Option<&str>)] = &[
        (
            "        resources: {requests: {memory: null}}\n",
            "/spec/template/spec/containers/0/resources/requests/memory",
            Some("0"),
        ),
        (
            "        resources: {limits: {cpu: ~}}\n",
            "/spec/template/spec/containers/0/resources/limits/cpu",
            Some("0"),
        ),
        (
            "      overhead: {memory: null}\n",
            "/spec/template/spec/overhead/memory",
            Some("0"),
        ),
        (
            "      resources: {requests: {cpu: null}}\n",
            "/spec/template/spec/resources/requests/cpu",
            Some("0"),
        ),
        (
            "      volumes: [{name: v, emptyDir: {sizeLimit: null}}]\n",
            "/spec/template/spec/volumes/0/emptyDir/sizeLimit",
            None,
        ),
    ];
    for (lines, pointer, want) in cases {
        // Container-level lines go after the container, Pod-level ones before the containers.
        let text = if lines.starts_with("        ") {
            format!("{HEAD}{pod}{ctr}{lines}")
        } else {
            format!("{HEAD}{pod}{lines}{ctr}")
        };
        let report = check_source(&text);
        let doc = &report.documents[0];
        let errors: Vec<_> = doc
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == Severity::Error)
            .collect();
        assert!(errors.is_empty(), "{text}\n{errors:#?}");
        let effective =
            serde_json::to_value(doc.effective.as_ref().expect("an effective Job")).expect("JSON");
        assert_eq!(
            effective.pointer(pointer).and_then(|v| v.as_str()),
            *want,
            "{text}\n{effective:#}"
        );
    }
}
