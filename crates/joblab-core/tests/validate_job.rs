//! Table tests for `validate_job`: for each rule, its valid edge (no error at that path) and its
//! invalid case (path, type and detail or detail prefix). Each case patches a valid base Job
//! (JSON merge-patch style), defaults it like the server, then validates it.

mod support;
use joblab_core::api::api::batch::v1::Job;
use joblab_core::check::check_source;
use joblab_core::decode::{parse_path, PathSegment};
use joblab_core::defaults::apply_defaults;
use joblab_core::diag::ErrorType::{self, *};
use joblab_core::validate::{validate_job, FieldError};
use joblab_core::yaml::emit::to_yaml;
use serde_json::{json, Value};
use support::merge;

fn base() -> Value {
    json!({
        "apiVersion": "batch/v1",
        "kind": "Job",
        "metadata": {"name": "pi"},
        "spec": {
            "backoffLimit": 4,
            "template": {"spec": {
                "containers": [{"name": "pi", "image": "perl:5.34.0", "command": ["perl", "-e", "print 1"]}],
                "restartPolicy": "Never"
            }}
        }
    })
}

fn indexed() -> Value {
    json!({"spec": {"completionMode": "Indexed", "completions": 5, "parallelism": 2}})
}

fn errors_for(patches: &[&Value]) -> Vec<FieldError> {
    let mut doc = base();
    for p in patches {
        merge(&mut doc, p);
    }
    let mut job: Job = serde_json::from_value(doc).expect("test Job decodes");
    apply_defaults(&mut job, "uid-1");
    validate_job(&job)
}

fn show(errs: &[FieldError]) -> String {
    errs.iter()
        .map(|e| format!("  {}: {}: {}\n", e.path, e.error_type, e.detail))
        .collect()
}

/// (name, patches, expected path, type, detail prefix)
type Invalid = (
    &'static str,
    Vec<Value>,
    &'static str,
    ErrorType,
    &'static str,
);
/// (name, patches, path that must have no error)
type Valid = (&'static str, Vec<Value>, &'static str);

fn check_invalid(cases: Vec<Invalid>) {
    for (name, patches, path, ty, detail) in cases {
        let refs: Vec<&Value> = patches.iter().collect();
        let errs = errors_for(&refs);
        assert!(
            errs.iter()
                .any(|e| e.path == path && e.error_type == ty && e.detail.starts_with(detail)),
            "{name}: expected {path}: {ty}: {detail}...\ngot:\n{}",
            show(&errs)
        );
        assert_located(name, &refs, path, ty);
    }
}

/// The same case through the whole pipeline, from YAML text: the error must carry the same path
/// and type, and its line must be the line of the deepest part of the path that the source has
/// (a missing field points at its nearest existing parent).
fn assert_located(name: &str, patches: &[&Value], path: &str, ty: ErrorType) {
    let mut doc = base();
    for p in patches {
        merge(&mut doc, p);
    }
    let yaml = to_yaml(&doc);
    let report = check_source(&yaml);
    let Some(found) = report.documents[0]
        .diagnostics
        .iter()
        .find(|d| d.diagnostic.path == path && d.diagnostic.error_type == ty)
    else {
        panic!("{name}: check_source did not report {path}: {ty}\n{yaml}");
    };
    let line = yaml
        .lines()
        .nth(found.start.line - 1)
        .unwrap_or("")
        .trim_start();
    let expected = deepest_present(&doc, path);
    let ok = match &expected {
        Present::Key(key) => {
            line.starts_with(&format!("{key}:")) || line.starts_with(&format!("- {key}:"))
        }
        Present::Item => line.starts_with("- ") || line == "-",
    };
    assert!(
        ok,
        "{name}: {path} reported on line {} `{line}`, expected the line of {expected:?}\n{yaml}",
        found.start.line
    );
}

#[derive(Debug)]
enum Present {
    /// The key of a mapping entry.
    Key(String),
    /// An item of a list.
    Item,
}

/// Walks `path` through `doc` and returns the deepest segment that exists in it.
fn deepest_present(doc: &Value, path: &str) -> Present {
    // The server reports template label values at `spec.template.labels`.
    let path = path.replacen("spec.template.labels", "spec.template.metadata.labels", 1);
    let mut node = doc;
    let mut deepest = Present::Key("apiVersion".into());
    for seg in parse_path(&path) {
        let next = match &seg {
            PathSegment::Field(f) | PathSegment::Key(f) => {
                node.get(f.as_str()).map(|v| (v, Present::Key(f.clone())))
            }
            PathSegment::Index(i) => node.get(*i).map(|v| (v, Present::Item)),
        };
        match next {
            Some((v, p)) => {
                node = v;
                deepest = p;
            }
            None => break,
        }
    }
    deepest
}

fn check_valid(cases: Vec<Valid>) {
    for (name, patches, path) in cases {
        let refs: Vec<&Value> = patches.iter().collect();
        let errs = errors_for(&refs);
        assert!(
            !errs.iter().any(|e| e.path == path),
            "{name}: unexpected error at {path}:\n{}",
            show(&errs)
        );
    }
}

#[test]
fn base_jobs_are_valid() {
    assert_eq!(errors_for(&[]), vec![], "the pi Job");
    let errs = errors_for(&[&indexed()]);
    assert_eq!(errs, vec![], "an Indexed Job:\n{}", show(&errs));
}

#[test]
fn t11_missing_restart_policy_is_required_not_unsupported() {
    let errs = errors_for(&[&json!({"spec": {"template": {"spec": {"restartPolicy": null}}}})]);
    assert_eq!(
        errs,
        vec![FieldError {
            path: "spec.template.spec.restartPolicy".into(),
            error_type: Required,
            detail: "valid values: \"OnFailure\", \"Never\"".into()
        }]
    );
}

/// An empty `restartPolicy` or `dnsPolicy` is what the server's defaulting makes Always or
/// ClusterFirst, as an absent one is: the Pod rule never sees `""`, and only the Job's own
/// restartPolicy rule speaks (the oracle answers exactly that one error).
#[test]
fn empty_pod_policies_are_read_as_their_defaults() {
    let required = || FieldError {
        path: "spec.template.spec.restartPolicy".into(),
        error_type: Required,
        detail: "valid values: \"OnFailure\", \"Never\"".into(),
    };
    let cases: Vec<(&str, Value, Vec<FieldError>)> = vec![
        (
            "restartPolicy empty",
            json!({"restartPolicy": ""}),
            vec![required()],
        ),
        (
            "restartPolicy absent",
            json!({"restartPolicy": null}),
            vec![required()],
        ),
        (
            "restartPolicy Always",
            json!({"restartPolicy": "Always"}),
            vec![required()],
        ),
        ("dnsPolicy empty", json!({"dnsPolicy": ""}), vec![]),
        ("dnsPolicy absent", json!({"dnsPolicy": null}), vec![]),
    ];
    for (name, patch, want) in cases {
        let errs = errors_for(&[&json!({"spec": {"template": {"spec": patch}}})]);
        assert_eq!(errs, want, "{name}:\n{}", show(&errs));
    }
}

#[test]
fn t12_unknown_restart_policy_is_reported_twice_in_order() {
    let errs =
        errors_for(&[&json!({"spec": {"template": {"spec": {"restartPolicy": "Sometimes"}}}})]);
    let details: Vec<&str> = errs.iter().map(|e| e.detail.as_str()).collect();
    assert_eq!(
        details,
        vec![
            "\"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
            "\"Sometimes\": supported values: \"OnFailure\", \"Never\""
        ]
    );
}

#[test]
fn errors_are_collected_in_server_order() {
    let errs = errors_for(&[
        &json!({"spec": {"parallelism": -1, "completions": -2, "template": {"spec": {"restartPolicy": "Always"}}}}),
    ]);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec![
            "spec.parallelism",
            "spec.completions",
            "spec.template.spec.restartPolicy"
        ]
    );
    assert_eq!(
        errs.first().map(|e| e.detail.as_str()),
        Some("-1: must be greater than or equal to 0")
    );
}

#[test]
fn metadata_rules() {
    let long64 = "a".repeat(64);
    let long254 = "a".repeat(254);
    check_valid(vec![
        (
            "name of 63 chars",
            vec![json!({"metadata": {"name": "a".repeat(63)}})],
            "metadata.name",
        ),
        (
            "subdomain name with dots",
            vec![json!({"metadata": {"name": "a.b"}})],
            "metadata.name",
        ),
        (
            "generateName only",
            vec![json!({"metadata": {"name": null, "generateName": "pi-"}})],
            "metadata.name",
        ),
        (
            "qualified label key",
            vec![json!({"metadata": {"labels": {"example.com/app": "x"}}})],
            "metadata.labels",
        ),
        (
            "empty label value",
            vec![json!({"metadata": {"labels": {"app": ""}}})],
            "metadata.labels",
        ),
        (
            "annotation with any value",
            vec![json!({"metadata": {"annotations": {"Example.com/Note": "any text!"}}})],
            "metadata.annotations",
        ),
    ]);
    check_invalid(vec![
        ("no name", vec![json!({"metadata": {"name": null}})], "metadata.name", Required, "name or generateName is required"),
        ("uppercase", vec![json!({"metadata": {"name": "Pi"}})], "metadata.name", Invalid, "\"Pi\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
        ("underscore", vec![json!({"metadata": {"name": "my_job"}})], "metadata.name", Invalid, "\"my_job\": a lowercase RFC 1123 subdomain"),
        ("254 chars", vec![json!({"metadata": {"name": long254}})], "metadata.name", Invalid, "\"aaaa"),
        ("64 chars: label value too long", vec![json!({"metadata": {"name": long64}})], "spec.template.labels", Invalid, &*format!("\"{}\": must be no more than 63 bytes", "a".repeat(64)).leak()),
        ("bad generateName", vec![json!({"metadata": {"name": null, "generateName": "Pi-"}})], "metadata.generateName", Invalid, "\"Pi-\": a lowercase RFC 1123 subdomain"),
        ("bad namespace", vec![json!({"metadata": {"namespace": "my.ns"}})], "metadata.namespace", Invalid, "\"my.ns\": must not contain dots"),
        ("bad label key", vec![json!({"metadata": {"labels": {"a/b/c": "x"}}})], "metadata.labels", Invalid, "\"a/b/c\": a valid label key must consist of alphanumeric characters"),
        ("bad label value", vec![json!({"metadata": {"labels": {"app": "-x"}}})], "metadata.labels", Invalid, "\"-x\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"),
        ("empty label prefix", vec![json!({"metadata": {"labels": {"/app": "x"}}})], "metadata.labels", Invalid, "\"/app\": prefix part must be non-empty"),
        ("bad annotation key", vec![json!({"metadata": {"annotations": {"bad key": "x"}}})], "metadata.annotations", Invalid, "\"bad key\": name part must consist of"),
        ("annotations over 256 KiB", vec![json!({"metadata": {"annotations": {"a": "x".repeat(256 * 1024)}}})], "metadata.annotations", TooLong, "may not be more than 262144 bytes"),
        ("indexed hostname too long", vec![indexed(), json!({"metadata": {"name": "a".repeat(62)}})], "metadata.name", Invalid, &*format!("\"{0}\": will not able to create pod with invalid DNS label: {0}-4", "a".repeat(62)).leak()),
        ("indexed name with dot", vec![indexed(), json!({"metadata": {"name": "a.b"}})], "metadata.name", Invalid, "\"a.b\": will not able to create pod with invalid DNS label: a.b-4"),
    ]);
}

#[test]
fn selector_and_label_rules() {
    let manual = json!({"spec": {"manualSelector": true, "selector": {"matchLabels": {"app": "x"}}, "template": {"metadata": {"labels": {"app": "x"}}}}});
    check_valid(vec![
        (
            "manual selector matching the template",
            vec![manual.clone()],
            "spec.selector",
        ),
        (
            "user label on template",
            vec![json!({"spec": {"template": {"metadata": {"labels": {"app": "x"}}}}})],
            "spec.template.metadata.labels",
        ),
        (
            "selector with expressions",
            vec![
                manual.clone(),
                json!({"spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["x"]}]}}}),
            ],
            "spec.selector",
        ),
    ]);
    check_invalid(vec![
        ("selector without manualSelector", vec![json!({"spec": {"selector": {"matchLabels": {"app": "x"}}, "template": {"metadata": {"labels": {"app": "x"}}}}})], "spec.selector", Invalid, "{\"matchLabels\":{\"app\":\"x\",\"batch.kubernetes.io/controller-uid\":\"uid-1\"}}: `selector` not auto-generated"),
        ("wrong job-name label", vec![json!({"spec": {"template": {"metadata": {"labels": {"job-name": "other"}}}}})], "spec.template.metadata.labels[job-name]", Invalid, "{"),
        ("wrong job-name label detail", vec![json!({"spec": {"template": {"metadata": {"labels": {"batch.kubernetes.io/job-name": "other"}}}}})], "spec.template.metadata.labels[batch.kubernetes.io/job-name]", Invalid, "{\"batch.kubernetes.io/controller-uid\":\"uid-1\",\"batch.kubernetes.io/job-name\":\"other\",\"controller-uid\":\"uid-1\",\"job-name\":\"pi\"}: must be 'pi'"),
        ("manual without selector", vec![json!({"spec": {"manualSelector": true}})], "spec.selector", Required, ""),
        ("manual without selector matches nothing", vec![json!({"spec": {"manualSelector": true}})], "spec.template.metadata.labels", Invalid, "null: `selector` does not match template `labels`"),
        ("manual selector not matching", vec![manual.clone(), json!({"spec": {"selector": {"matchLabels": {"app": "y"}}}})], "spec.template.metadata.labels", Invalid, "{\"app\":\"x\"}: `selector` does not match template `labels`"),
        ("selector In without values", vec![manual.clone(), json!({"spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "In"}]}}})], "spec.selector.matchExpressions[0].values", Required, "must be specified when `operator` is 'In' or 'NotIn'"),
        ("selector Exists with values", vec![manual.clone(), json!({"spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "Exists", "values": ["x"]}]}}})], "spec.selector.matchExpressions[0].values", Forbidden, "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        ("selector bad operator", vec![manual.clone(), json!({"spec": {"selector": {"matchExpressions": [{"key": "app", "operator": "Equals", "values": ["x"]}]}}})], "spec.selector.matchExpressions[0].operator", Invalid, "\"Equals\": not a valid selector operator"),
        ("selector bad label value", vec![manual, json!({"spec": {"selector": {"matchLabels": {"app": "x y"}}}})], "spec.selector.matchLabels", Invalid, "\"x y\": a valid label must be"),
    ]);
}

#[test]
fn scalar_rules() {
    check_valid(vec![
        (
            "zeros",
            vec![
                json!({"spec": {"parallelism": 0, "completions": 0, "activeDeadlineSeconds": 0, "backoffLimit": 0, "ttlSecondsAfterFinished": 0}}),
            ],
            "spec.parallelism",
        ),
        (
            "activeDeadlineSeconds 0 is accepted",
            vec![json!({"spec": {"activeDeadlineSeconds": 0}})],
            "spec.activeDeadlineSeconds",
        ),
        (
            "managedBy",
            vec![json!({"spec": {"managedBy": "example.com/my-controller"}})],
            "spec.managedBy",
        ),
        (
            "per-index limits together",
            vec![
                indexed(),
                json!({"spec": {"backoffLimitPerIndex": 0, "maxFailedIndexes": 5}}),
            ],
            "spec.maxFailedIndexes",
        ),
    ]);
    check_invalid(vec![
        ("parallelism", vec![json!({"spec": {"parallelism": -1}})], "spec.parallelism", Invalid, "-1: must be greater than or equal to 0"),
        ("completions", vec![json!({"spec": {"completions": -1}})], "spec.completions", Invalid, "-1: must be"),
        ("activeDeadlineSeconds", vec![json!({"spec": {"activeDeadlineSeconds": -5}})], "spec.activeDeadlineSeconds", Invalid, "-5: must be"),
        ("backoffLimit", vec![json!({"spec": {"backoffLimit": -1}})], "spec.backoffLimit", Invalid, "-1: must be"),
        ("ttl", vec![json!({"spec": {"ttlSecondsAfterFinished": -1}})], "spec.ttlSecondsAfterFinished", Invalid, "-1: must be"),
        ("backoffLimitPerIndex", vec![indexed(), json!({"spec": {"backoffLimitPerIndex": -1}})], "spec.backoffLimitPerIndex", Invalid, "-1: must be"),
        ("maxFailedIndexes", vec![indexed(), json!({"spec": {"backoffLimitPerIndex": 1, "maxFailedIndexes": -1}})], "spec.maxFailedIndexes", Invalid, "-1: must be"),
        ("maxFailedIndexes alone", vec![indexed(), json!({"spec": {"maxFailedIndexes": 1}})], "spec.backoffLimitPerIndex", Required, "when maxFailedIndexes is specified"),
        ("managedBy no slash", vec![json!({"spec": {"managedBy": "controller"}})], "spec.managedBy", Invalid, "\"controller\": must be a domain-prefixed path (such as \"acme.io/foo\")"),
        ("managedBy bad host", vec![json!({"spec": {"managedBy": "Example.com/x"}})], "spec.managedBy", Invalid, "\"Example.com\": a lowercase RFC 1123 subdomain"),
        ("managedBy bad path", vec![json!({"spec": {"managedBy": "example.com/a b"}})], "spec.managedBy", Invalid, "\"a b\": Invalid path (regex used for validation is '[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+')"),
        ("managedBy too long", vec![json!({"spec": {"managedBy": format!("example.com/{}", "a".repeat(60))}})], "spec.managedBy", TooLong, "may not be more than 63 bytes"),
        ("completionMode", vec![json!({"spec": {"completionMode": "Ordered"}})], "spec.completionMode", NotSupported, "\"Ordered\": supported values: \"NonIndexed\", \"Indexed\""),
    ]);
}

#[test]
fn indexed_and_non_indexed_rules() {
    check_valid(vec![
        (
            "parallelism 100000",
            vec![indexed(), json!({"spec": {"parallelism": 100000}})],
            "spec.parallelism",
        ),
        (
            "indexed with only parallelism unset gets completions",
            vec![json!({"spec": {"completionMode": "Indexed"}})],
            "spec.completions",
        ),
        (
            "unlimited completions",
            vec![
                indexed(),
                json!({"spec": {"completions": 1000000000, "parallelism": 10000, "backoffLimitPerIndex": 1, "maxFailedIndexes": 10000}}),
            ],
            "spec.maxFailedIndexes",
        ),
    ]);
    check_invalid(vec![
        ("indexed without completions", vec![indexed(), json!({"spec": {"completions": null}})], "spec.completions", Required, "when completion mode is Indexed"),
        ("parallelism over 100000", vec![indexed(), json!({"spec": {"parallelism": 100001}})], "spec.parallelism", Invalid, "100001: must be less than or equal to 100000 when completion mode is Indexed"),
        ("maxFailedIndexes over completions", vec![indexed(), json!({"spec": {"backoffLimitPerIndex": 1, "maxFailedIndexes": 6}})], "spec.maxFailedIndexes", Invalid, "6: must be less than or equal to completions"),
        ("maxFailedIndexes over 100000", vec![indexed(), json!({"spec": {"completions": 200000, "backoffLimitPerIndex": 1, "maxFailedIndexes": 100001}})], "spec.maxFailedIndexes", Invalid, "100001: must be less than or equal to 100000"),
        ("high completions need maxFailedIndexes", vec![indexed(), json!({"spec": {"completions": 100001, "backoffLimitPerIndex": 1}})], "spec.maxFailedIndexes", Required, "must be specified when completions is above 100000"),
        ("high completions parallelism", vec![indexed(), json!({"spec": {"completions": 100001, "parallelism": 10001, "backoffLimitPerIndex": 1, "maxFailedIndexes": 1}})], "spec.parallelism", Invalid, "10001: must be less than or equal to 10000 when completions are above 100000 and used with backoff limit per index"),
        ("high completions maxFailedIndexes", vec![indexed(), json!({"spec": {"completions": 100001, "backoffLimitPerIndex": 1, "maxFailedIndexes": 10001}})], "spec.maxFailedIndexes", Invalid, "10001: must be less than or equal to 10000 when completions are above 100000"),
        ("backoffLimitPerIndex needs Indexed", vec![json!({"spec": {"backoffLimitPerIndex": 1}})], "spec.backoffLimitPerIndex", Invalid, "1: requires indexed completion mode"),
        ("maxFailedIndexes needs Indexed", vec![json!({"spec": {"maxFailedIndexes": 1}})], "spec.maxFailedIndexes", Invalid, "1: requires indexed completion mode"),
    ]);
    // V-8 comes before V-20 for a NonIndexed Job with only maxFailedIndexes.
    let errs = errors_for(&[&json!({"spec": {"maxFailedIndexes": 1}})]);
    let paths: Vec<&str> = errs.iter().map(|e| e.path.as_str()).collect();
    assert_eq!(
        paths,
        vec!["spec.backoffLimitPerIndex", "spec.maxFailedIndexes"]
    );
}

fn pfp(rules: Value) -> Value {
    json!({"spec": {"podFailurePolicy": {"rules": rules}}})
}

#[test]
fn pod_failure_policy_rules() {
    let ok_rule = json!({"action": "FailJob", "onExitCodes": {"operator": "In", "values": [1, 2]}});
    check_valid(vec![
        (
            "valid rule",
            vec![pfp(json!([ok_rule.clone()]))],
            "spec.podFailurePolicy.rules[0]",
        ),
        (
            "20 rules",
            vec![pfp(Value::Array(vec![ok_rule.clone(); 20]))],
            "spec.podFailurePolicy.rules",
        ),
        (
            "NotIn with 0",
            vec![pfp(
                json!([{"action": "Ignore", "onExitCodes": {"operator": "NotIn", "values": [0]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values[0]",
        ),
        (
            "named container",
            vec![pfp(
                json!([{"action": "Count", "onExitCodes": {"containerName": "pi", "operator": "In", "values": [3]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.containerName",
        ),
        (
            "condition status defaults to True",
            vec![pfp(
                json!([{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]),
            )],
            "spec.podFailurePolicy.rules[0].onPodConditions[0].status",
        ),
        (
            "FailIndex with backoffLimitPerIndex",
            vec![
                indexed(),
                json!({"spec": {"backoffLimitPerIndex": 1}}),
                pfp(
                    json!([{"action": "FailIndex", "onExitCodes": {"operator": "In", "values": [1]}}]),
                ),
            ],
            "spec.podFailurePolicy.rules[0].action",
        ),
    ]);
    check_invalid(vec![
        (
            "21 rules",
            vec![pfp(Value::Array(vec![ok_rule.clone(); 21]))],
            "spec.podFailurePolicy.rules",
            TooMany,
            "21: must have at most 20 items",
        ),
        (
            "empty action",
            vec![pfp(
                json!([{"action": "", "onExitCodes": {"operator": "In", "values": [1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].action",
            Required,
            "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
        ),
        (
            "FailIndex without per-index",
            vec![pfp(
                json!([{"action": "FailIndex", "onExitCodes": {"operator": "In", "values": [1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].action",
            Invalid,
            "\"FailIndex\": requires the backoffLimitPerIndex to be set",
        ),
        (
            "unknown action",
            vec![pfp(
                json!([{"action": "Retry", "onExitCodes": {"operator": "In", "values": [1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].action",
            NotSupported,
            "\"Retry\": supported values: \"Count\", \"FailIndex\", \"FailJob\", \"Ignore\"",
        ),
        (
            "empty operator",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "", "values": [1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.operator",
            Required,
            "valid values: [\"In\" \"NotIn\"]",
        ),
        (
            "unknown operator",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "Is", "values": [1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.operator",
            NotSupported,
            "\"Is\": supported values: \"In\", \"NotIn\"",
        ),
        (
            "unknown container",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.containerName",
            Invalid,
            "\"main\": must be one of the container or initContainer names in the pod template",
        ),
        (
            "no values",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "In", "values": []}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values",
            Invalid,
            "[]: at least one value is required",
        ),
        // An absent or null list is a nil Go slice, which the server prints as `null`.
        (
            "values absent",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "In"}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values",
            Invalid,
            "null: at least one value is required",
        ),
        (
            "values null",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "In", "values": null}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values",
            Invalid,
            "null: at least one value is required",
        ),
        (
            "256 values",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "NotIn", "values": (1..=256).collect::<Vec<i32>>()}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values",
            TooMany,
            "256: must have at most 255 items",
        ),
        (
            "0 with In",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [0, 1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values[0]",
            Invalid,
            "0: must not be 0 for the In operator",
        ),
        (
            "duplicate value",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [1, 1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values[1]",
            Duplicate,
            "1",
        ),
        (
            "unordered",
            vec![pfp(
                json!([{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [2, 1]}}]),
            )],
            "spec.podFailurePolicy.rules[0].onExitCodes.values",
            Invalid,
            "[2,1]: must be ordered",
        ),
        (
            "21 patterns",
            vec![pfp(
                json!([{"action": "Ignore", "onPodConditions": vec![json!({"type": "DisruptionTarget"}); 21]}]),
            )],
            "spec.podFailurePolicy.rules[0].onPodConditions",
            TooMany,
            "21: must have at most 20 items",
        ),
        (
            "bad pattern type",
            vec![pfp(
                json!([{"action": "Ignore", "onPodConditions": [{"type": "Disruption Target"}]}]),
            )],
            "spec.podFailurePolicy.rules[0].onPodConditions[0].type",
            Invalid,
            "\"Disruption Target\": name part must consist of",
        ),
        (
            "bad pattern status",
            vec![pfp(
                json!([{"action": "Ignore", "onPodConditions": [{"type": "Ready", "status": "Yes"}]}]),
            )],
            "spec.podFailurePolicy.rules[0].onPodConditions[0].status",
            NotSupported,
            "\"Yes\": supported values: \"False\", \"True\", \"Unknown\"",
        ),
        (
            "both requirements",
            vec![pfp(
                json!([{"action": "Ignore", "onExitCodes": {"operator": "In", "values": [1]}, "onPodConditions": [{"type": "Ready"}]}]),
            )],
            "spec.podFailurePolicy.rules[0]",
            Invalid,
            "specifying both OnExitCodes and OnPodConditions is not supported",
        ),
        (
            "no requirement",
            vec![pfp(json!([{"action": "Ignore"}]))],
            "spec.podFailurePolicy.rules[0]",
            Invalid,
            "specifying one of OnExitCodes and OnPodConditions is required",
        ),
        (
            "OnFailure with policy",
            vec![
                pfp(json!([ok_rule])),
                json!({"spec": {"template": {"spec": {"restartPolicy": "OnFailure"}}}}),
            ],
            "spec.template.spec.restartPolicy",
            Invalid,
            "\"OnFailure\": only \"Never\" is supported when podFailurePolicy is specified",
        ),
    ]);
}

fn sp(rules: Value) -> Value {
    json!({"spec": {"successPolicy": {"rules": rules}}})
}

#[test]
fn success_policy_rules() {
    check_valid(vec![
        (
            "indexes and count",
            vec![
                indexed(),
                sp(json!([{"succeededIndexes": "0-2,4", "succeededCount": 4}])),
            ],
            "spec.successPolicy.rules[0].succeededCount",
        ),
        (
            "count equal to completions",
            vec![indexed(), sp(json!([{"succeededCount": 5}]))],
            "spec.successPolicy.rules[0].succeededCount",
        ),
        (
            "empty indexes string",
            vec![indexed(), sp(json!([{"succeededIndexes": ""}]))],
            "spec.successPolicy.rules[0].succeededIndexes",
        ),
    ]);
    check_invalid(vec![
        // Go prints a nil `Rules` as null; only a written `rules: []` is `[]`.
        ("non-indexed, no rules", vec![json!({"spec": {"successPolicy": {}}})], "spec.successPolicy", Invalid, "{\"Rules\":null}: requires indexed completion mode"),
        ("non-indexed, empty rules", vec![json!({"spec": {"successPolicy": {"rules": []}}})], "spec.successPolicy", Invalid, "{\"Rules\":[]}: requires indexed completion mode"),
        ("non-indexed", vec![sp(json!([{"succeededCount": 1}]))], "spec.successPolicy", Invalid, "{\"Rules\":[{\"SucceededIndexes\":null,\"SucceededCount\":1}]}: requires indexed completion mode"),
        ("no rules", vec![indexed(), sp(json!([]))], "spec.successPolicy.rules", Required, "at least one rules must be specified when the successPolicy is specified"),
        ("21 rules", vec![indexed(), sp(Value::Array(vec![json!({"succeededCount": 1}); 21]))], "spec.successPolicy.rules", TooMany, "21: must have at most 20 items"),
        ("empty rule", vec![indexed(), sp(json!([{}]))], "spec.successPolicy.rules[0]", Required, "at least one of succeededCount or succeededIndexes must be specified"),
        ("indexes too long", vec![indexed(), json!({"spec": {"completions": 100000}}), sp(json!([{"succeededIndexes": "1,".repeat(40000)}]))], "spec.successPolicy.rules[0].succeededIndexes", TooLong, "may not be more than 65536 bytes"),
        ("malformed indexes", vec![indexed(), sp(json!([{"succeededIndexes": "1-2-3"}]))], "spec.successPolicy.rules[0].succeededIndexes", Invalid, "\"1-2-3\": error parsing succeededIndexes: the fragment \"1-2-3\" violates the requirement that an index interval can have at most two parts separated by '-'"),
        ("index too large", vec![indexed(), sp(json!([{"succeededIndexes": "5"}]))], "spec.successPolicy.rules[0].succeededIndexes", Invalid, "\"5\": error parsing succeededIndexes: too large index: \"5\""),
        ("negative count", vec![indexed(), sp(json!([{"succeededCount": -1}]))], "spec.successPolicy.rules[0].succeededCount", Invalid, "-1: must be greater than or equal to 0"),
        ("count over completions", vec![indexed(), sp(json!([{"succeededCount": 6}]))], "spec.successPolicy.rules[0].succeededCount", Invalid, "6: must be less than or equal to 5 (the number of specified completions)"),
        ("count over indexes", vec![indexed(), sp(json!([{"succeededIndexes": "0,1", "succeededCount": 3}]))], "spec.successPolicy.rules[0].succeededCount", Invalid, "3: must be less than or equal to 2 (the number of indexes in the specified succeededIndexes field)"),
    ]);
}

#[test]
fn pod_replacement_policy_rules() {
    let rule = json!([{"action": "FailJob", "onExitCodes": {"operator": "In", "values": [1]}}]);
    check_valid(vec![
        (
            "Failed",
            vec![json!({"spec": {"podReplacementPolicy": "Failed"}})],
            "spec.podReplacementPolicy",
        ),
        (
            "TerminatingOrFailed",
            vec![json!({"spec": {"podReplacementPolicy": "TerminatingOrFailed"}})],
            "spec.podReplacementPolicy",
        ),
        (
            "defaulted with pfp",
            vec![pfp(rule.clone())],
            "spec.podReplacementPolicy",
        ),
    ]);
    check_invalid(vec![
        (
            "with pfp",
            vec![
                pfp(rule),
                json!({"spec": {"podReplacementPolicy": "TerminatingOrFailed"}}),
            ],
            "spec.podReplacementPolicy",
            NotSupported,
            "\"TerminatingOrFailed\": supported values: \"Failed\"",
        ),
        (
            "unknown",
            vec![json!({"spec": {"podReplacementPolicy": "Never"}})],
            "spec.podReplacementPolicy",
            NotSupported,
            "\"Never\": supported values: \"Failed\", \"TerminatingOrFailed\"",
        ),
        (
            "empty",
            vec![json!({"spec": {"podReplacementPolicy": ""}})],
            "spec.podReplacementPolicy",
            NotSupported,
            "\"\": supported values: \"Failed\", \"TerminatingOrFailed\"",
        ),
    ]);
}

fn ctr(patch: Value) -> Value {
    let mut c = json!({"name": "pi", "image": "perl:5.34.0"});
    merge(&mut c, &patch);
    json!({"spec": {"template": {"spec": {"containers": [c]}}}})
}

fn pod(patch: Value) -> Value {
    json!({"spec": {"template": {"spec": patch}}})
}

#[test]
fn pod_template_rules() {
    let c0 = "spec.template.spec.containers[0]";
    check_valid(vec![
        // The API server accepts a negative grace period in a Pod template (the oracle says so;
        // only the Pod registry turns it into 1 when a Pod is created).
        (
            "negative grace period",
            vec![pod(json!({"terminationGracePeriodSeconds": -1}))],
            "spec.template.spec.terminationGracePeriodSeconds",
        ),
        (
            "sidecar init container",
            vec![pod(
                json!({"initContainers": [{"name": "side", "image": "busybox:1.36", "restartPolicy": "Always", "readinessProbe": {"exec": {"command": ["true"]}}}]}),
            )],
            "spec.template.spec.initContainers[0].restartPolicy",
        ),
        (
            "port 65535 named",
            vec![ctr(
                json!({"ports": [{"containerPort": 65535, "name": "metrics-http123"}]}),
            )],
            "spec.template.spec.containers[0].ports[0].containerPort",
        ),
        (
            "relaxed env name",
            vec![ctr(json!({"env": [{"name": "my.var-1:x", "value": "v"}]}))],
            "spec.template.spec.containers[0].env[0].name",
        ),
        (
            "mount of a volume",
            vec![pod(
                json!({"volumes": [{"name": "data", "emptyDir": {}}], "containers": [{"name": "pi", "image": "perl", "volumeMounts": [{"name": "data", "mountPath": "/data"}]}]}),
            )],
            "spec.template.spec.containers[0].volumeMounts[0].name",
        ),
        (
            "requests equal to limits",
            vec![ctr(
                json!({"resources": {"requests": {"memory": "1Gi", "cpu": "500m"}, "limits": {"memory": "1024Mi", "cpu": "0.5"}}}),
            )],
            "spec.template.spec.containers[0].resources.requests",
        ),
        (
            "pod activeDeadlineSeconds 1",
            vec![pod(json!({"activeDeadlineSeconds": 1}))],
            "spec.template.spec.activeDeadlineSeconds",
        ),
        (
            "digest image",
            vec![ctr(
                json!({"image": "busybox@sha256:0000000000000000000000000000000000000000000000000000000000000000"}),
            )],
            "spec.template.spec.containers[0].image",
        ),
    ]);
    let label_msg = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
    check_invalid(vec![
        ("template label value", vec![json!({"spec": {"template": {"metadata": {"labels": {"app": "a b"}}}}})], "spec.template.labels", Invalid, "\"a b\": a valid label must be"),
        ("no containers", vec![pod(json!({"containers": []}))], "spec.template.spec.containers", Required, ""),
        ("container name empty", vec![ctr(json!({"name": ""}))], &*format!("{c0}.name").leak(), Required, ""),
        ("container name uppercase", vec![ctr(json!({"name": "Main"}))], &*format!("{c0}.name").leak(), Invalid, &*format!("\"Main\": {label_msg}").leak()),
        ("container name with dot", vec![ctr(json!({"name": "a.b"}))], &*format!("{c0}.name").leak(), Invalid, "\"a.b\": must not contain dots"),
        ("duplicate container", vec![pod(json!({"containers": [{"name": "a", "image": "x:1"}, {"name": "a", "image": "x:1"}]}))], "spec.template.spec.containers[1].name", Duplicate, "\"a\""),
        ("init container named like a container", vec![pod(json!({"initContainers": [{"name": "pi", "image": "x:1"}]}))], "spec.template.spec.initContainers[0].name", Duplicate, "\"pi\""),
        ("image missing", vec![ctr(json!({"image": null}))], &*format!("{c0}.image").leak(), Required, ""),
        ("pull policy", vec![ctr(json!({"imagePullPolicy": "Sometimes"}))], &*format!("{c0}.imagePullPolicy").leak(), NotSupported, "\"Sometimes\": supported values: \"Always\", \"IfNotPresent\", \"Never\""),
        ("container port 0", vec![ctr(json!({"ports": [{"containerPort": 0}]}))], &*format!("{c0}.ports[0].containerPort").leak(), Required, ""),
        ("container port 65536", vec![ctr(json!({"ports": [{"containerPort": 65536}]}))], &*format!("{c0}.ports[0].containerPort").leak(), Invalid, "65536: must be between 1 and 65535, inclusive"),
        ("host port", vec![ctr(json!({"ports": [{"containerPort": 80, "hostPort": -1}]}))], &*format!("{c0}.ports[0].hostPort").leak(), Invalid, "-1: must be between 1 and 65535, inclusive"),
        ("port name too long", vec![ctr(json!({"ports": [{"containerPort": 80, "name": "a-very-long-port-name"}]}))], &*format!("{c0}.ports[0].name").leak(), Invalid, "\"a-very-long-port-name\": must be no more than 15 characters"),
        ("port name digits", vec![ctr(json!({"ports": [{"containerPort": 80, "name": "8080"}]}))], &*format!("{c0}.ports[0].name").leak(), Invalid, "\"8080\": must contain at least one letter (a-z)"),
        ("duplicate port name", vec![ctr(json!({"ports": [{"containerPort": 80, "name": "http"}, {"containerPort": 81, "name": "http"}]}))], &*format!("{c0}.ports[1].name").leak(), Duplicate, "\"http\""),
        ("protocol", vec![ctr(json!({"ports": [{"containerPort": 80, "protocol": "tcp"}]}))], &*format!("{c0}.ports[0].protocol").leak(), NotSupported, "\"tcp\": supported values: \"SCTP\", \"TCP\", \"UDP\""),
        ("duplicate host port", vec![ctr(json!({"ports": [{"containerPort": 80, "hostPort": 8080}, {"containerPort": 81, "hostPort": 8080}]}))], &*format!("{c0}.ports[1].hostPort").leak(), Duplicate, "\"TCP//8080\""),
        ("env name with =", vec![ctr(json!({"env": [{"name": "A=B", "value": "x"}]}))], &*format!("{c0}.env[0].name").leak(), Invalid, "\"A=B\": a valid environment variable name must consist only of printable ASCII characters other than '='"),
        ("env name empty", vec![ctr(json!({"env": [{"name": "", "value": "x"}]}))], &*format!("{c0}.env[0].name").leak(), Required, ""),
        ("env value and valueFrom", vec![ctr(json!({"env": [{"name": "A", "value": "x", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]}))], &*format!("{c0}.env[0].valueFrom").leak(), Invalid, "\"\": may not be specified when `value` is not empty"),
        ("mount of a missing volume", vec![ctr(json!({"volumeMounts": [{"name": "data", "mountPath": "/data"}]}))], &*format!("{c0}.volumeMounts[0].name").leak(), NotFound, "\"data\""),
        ("mountPath empty", vec![pod(json!({"volumes": [{"name": "data", "emptyDir": {}}], "containers": [{"name": "pi", "image": "perl", "volumeMounts": [{"name": "data", "mountPath": ""}]}]}))], &*format!("{c0}.volumeMounts[0].mountPath").leak(), Required, ""),
        ("volume name", vec![pod(json!({"volumes": [{"name": "Data", "emptyDir": {}}]}))], "spec.template.spec.volumes[0].name", Invalid, "\"Data\": a lowercase RFC 1123 label"),
        ("duplicate volume", vec![pod(json!({"volumes": [{"name": "d", "emptyDir": {}}, {"name": "d", "emptyDir": {}}]}))], "spec.template.spec.volumes[1].name", Duplicate, "\"d\""),
        ("two volume sources", vec![pod(json!({"volumes": [{"name": "d", "emptyDir": {}, "configMap": {"name": "cm"}}]}))], "spec.template.spec.volumes[0].configMap", Forbidden, "may not specify more than 1 volume type"),
        ("secret without name", vec![pod(json!({"volumes": [{"name": "d", "secret": {}}]}))], "spec.template.spec.volumes[0].secret.secretName", Required, ""),
        ("negative quantity", vec![ctr(json!({"resources": {"requests": {"cpu": "-1"}}}))], &*format!("{c0}.resources.requests[cpu]").leak(), Invalid, "\"-1\": must be greater than or equal to 0"),
        ("unknown resource", vec![ctr(json!({"resources": {"requests": {"gpu": "1"}}}))], &*format!("{c0}.resources.requests[gpu]").leak(), Invalid, "\"gpu\": must be a standard resource for containers"),
        ("request above limit", vec![ctr(json!({"resources": {"requests": {"memory": "1.5Gi"}, "limits": {"memory": "1Gi"}}}))], &*format!("{c0}.resources.requests").leak(), Invalid, "\"1536Mi\": must be less than or equal to memory limit of 1Gi"),
        ("cpu request above limit", vec![ctr(json!({"resources": {"requests": {"cpu": "1.5"}, "limits": {"cpu": "1000m"}}}))], &*format!("{c0}.resources.requests").leak(), Invalid, "\"1500m\": must be less than or equal to cpu limit of 1"),
        ("extended resource without limit", vec![ctr(json!({"resources": {"requests": {"nvidia.com/gpu": "1"}}}))], &*format!("{c0}.resources.limits").leak(), Required, "Limit must be set for non overcommitable resources"),
        // With ContainerRestartRules (on in 1.37) an init container may also say Never or
        // OnFailure; only other values are rejected.
        ("init restartPolicy", vec![pod(json!({"initContainers": [{"name": "init", "image": "x:1", "restartPolicy": "Sometimes"}]}))], "spec.template.spec.initContainers[0].restartPolicy", NotSupported, "\"Sometimes\": supported values: \"Always\", \"Never\", \"OnFailure\""),
        ("probe on plain init container", vec![pod(json!({"initContainers": [{"name": "init", "image": "x:1", "readinessProbe": {"exec": {"command": ["true"]}}}]}))], "spec.template.spec.initContainers[0].readinessProbe", Forbidden, "may not be set for init containers without restartPolicy=Always"),
        ("probe without handler", vec![ctr(json!({"livenessProbe": {"periodSeconds": 5}}))], &*format!("{c0}.livenessProbe").leak(), Required, "must specify a handler type"),
        ("liveness successThreshold", vec![ctr(json!({"livenessProbe": {"exec": {"command": ["true"]}, "successThreshold": 2}}))], &*format!("{c0}.livenessProbe.successThreshold").leak(), Invalid, "2: must be 1"),
        ("pod activeDeadlineSeconds 0", vec![pod(json!({"activeDeadlineSeconds": 0}))], "spec.template.spec.activeDeadlineSeconds", Invalid, "0: must be between 1 and 2147483647, inclusive"),
        ("ephemeral containers", vec![pod(json!({"ephemeralContainers": [{"name": "debug", "image": "busybox:1.36"}]}))], "spec.template.spec.ephemeralContainers", Forbidden, "ephemeral containers not allowed in pod template"),
        ("dnsPolicy", vec![pod(json!({"dnsPolicy": "Cluster"}))], "spec.template.spec.dnsPolicy", NotSupported, "\"Cluster\": supported values: \"ClusterFirstWithHostNet\", \"ClusterFirst\", \"Default\", \"None\""),
    ]);
}

#[test]
fn no_panic_on_odd_values() {
    for patch in [
        json!({"metadata": {"name": "ü"}}),
        json!({"spec": {"completionMode": "Indexed", "completions": i32::MAX, "parallelism": i32::MIN}}),
        json!({"spec": {"completionMode": "Indexed", "completions": null, "parallelism": 1, "successPolicy": {"rules": [{"succeededIndexes": "x"}]}}}),
        json!({"spec": {"template": {"spec": {"containers": [{"name": "", "image": "", "resources": {"limits": {"": "+", "a/b/c": ".", "cpu": "99999999999999999999999999999999999999999999E"}}}]}}}}),
    ] {
        let _ = errors_for(&[&patch]);
    }
}

/// Through the whole pipeline from YAML: the decoder keeps an absent list absent (it does not
/// write k8s-openapi's `[]` for a required list), so the message tells nil from empty as the
/// server's does.
#[test]
fn on_exit_codes_values_nil_or_empty_from_yaml() {
    let cases = [
        ("", "null: at least one value is required"),
        (", values: null", "null: at least one value is required"),
        (", values: []", "[]: at least one value is required"),
    ];
    for (values, want) in cases {
        let text = format!(
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n  podFailurePolicy:\n    rules:\n    - action: FailJob\n      onExitCodes: {{operator: In{values}}}\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: a, image: b}}]\n"
        );
        let report = check_source(&text);
        let details: Vec<&str> = report.documents[0]
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.path == "spec.podFailurePolicy.rules[0].onExitCodes.values")
            .map(|d| d.diagnostic.detail.as_str())
            .collect();
        assert_eq!(details, vec![want], "{text}");
    }
}
