//! Messages, metadata rules, defaults and warnings outside the Pod spec, each as the Kubernetes
//! 1.37 oracle answers it (`target/oracle/oracle check FILE`); the expected texts are the
//! oracle's.

use joblab_core::check::check_source;
use joblab_core::diag::Severity;
use joblab_core::warnings::server_warnings;

/// A Job with `meta` under `metadata:` (after `name: x`), `spec` under `spec:` and a valid
/// Pod template.
fn manifest(meta: &str, spec: &str, pod: &str) -> String {
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\n{meta}spec:\n{spec}  template:\n    spec:\n      restartPolicy: Never\n      containers: [{{name: a, image: 'b:1'}}]\n{pod}"
    )
}

/// Every error as `path: Type: detail`.
fn errors(text: &str) -> Vec<String> {
    let report = check_source(text);
    report.documents[0]
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| {
            format!(
                "{}: {}: {}",
                d.diagnostic.path, d.diagnostic.error_type, d.diagnostic.detail
            )
        })
        .collect()
}

fn assert_has(text: &str, want: &str) {
    let errs = errors(text);
    assert!(
        errs.iter().any(|e| e == want),
        "missing {want}\nin {errs:#?}\n{text}"
    );
}

#[test]
fn bad_values_print_as_json() {
    let cases = [
        (
            manifest("", "  successPolicy:\n    rules: [{}]\n", ""),
            "spec.successPolicy: Invalid value: {\"Rules\":[{\"SucceededIndexes\":null,\"SucceededCount\":null}]}: requires indexed completion mode",
        ),
        (
            manifest("", "  successPolicy: {}\n", ""),
            "spec.successPolicy: Invalid value: {\"Rules\":null}: requires indexed completion mode",
        ),
        // A written empty label map is `{}` to Go; an absent one is `null`.
        (
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  manualSelector: true\n  selector: {matchLabels: {app: x}}\n  template:\n    metadata:\n      labels: {}\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: 'b:1'}]\n".to_owned(),
            "spec.template.metadata.labels: Invalid value: {}: `selector` does not match template `labels`",
        ),
        (
            "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: x\nspec:\n  manualSelector: true\n  selector: {matchLabels: {app: x}}\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: 'b:1'}]\n".to_owned(),
            "spec.template.metadata.labels: Invalid value: null: `selector` does not match template `labels`",
        ),
        (
            manifest("", "  completionMode: Odd\n", ""),
            "spec.completionMode: Unsupported value: \"Odd\": supported values: \"NonIndexed\", \"Indexed\"",
        ),
        (
            manifest(
                "",
                "  podFailurePolicy:\n    rules:\n    - action: Count\n      onExitCodes: {operator: In, values: [3, 1]}\n",
                "",
            ),
            "spec.podFailurePolicy.rules[0].onExitCodes.values: Invalid value: [3,1]: must be ordered",
        ),
        (
            manifest("", "  podReplacementPolicy: \"a<b\"\n", ""),
            "spec.podReplacementPolicy: Unsupported value: \"a\\u003cb\": supported values: \"Failed\", \"TerminatingOrFailed\"",
        ),
    ];
    for (text, want) in cases {
        assert_has(&text, want);
    }
}

#[test]
fn label_lengths_are_counted_in_bytes() {
    let long = "a".repeat(64);
    let text = manifest(&format!("  labels: {{k: {long}}}\n"), "", "");
    assert_has(
        &text,
        &format!("metadata.labels: Invalid value: \"{long}\": must be no more than 63 bytes"),
    );
}

#[test]
fn owner_references_and_finalizers_are_validated() {
    let meta = "  ownerReferences:\n  - {apiVersion: a/b/c, kind: '', name: nn, uid: uu}\n  finalizers: [orphan, foregroundDeletion, bad]\n";
    let text = manifest(meta, "", "");
    for want in [
        "metadata.ownerReferences[0].apiVersion: Invalid value: \"a/b/c\": must be <group>/<version> or <version>",
        "metadata.ownerReferences[0].kind: Required value: must not be empty",
        "metadata.finalizers: Invalid value: [\"orphan\",\"foregroundDeletion\",\"bad\"]: finalizer orphan and foregroundDeletion cannot be both set",
        "metadata.finalizers[2]: Invalid value: \"bad\": name is neither a standard finalizer name nor is it fully qualified",
    ] {
        assert_has(&text, want);
    }
}

#[test]
fn managed_fields_are_validated() {
    let text = manifest(
        "  managedFields:\n  - {operation: Bad, fieldsType: x}\n",
        "",
        "",
    );
    assert_has(
        &text,
        "metadata.managedFields[0].operation: Unsupported value: \"Bad\": supported values: \"Apply\", \"Update\"",
    );
    assert_has(
        &text,
        "metadata.managedFields[0].fieldsType: Invalid value: \"x\": must be `FieldsV1`",
    );
}

/// `SetDefaults_Job` shares the template's labels map with a label-less Job only when the
/// template has one at decode time; the generated labels then reach the Job's too.
#[test]
fn job_labels_alias_the_template_labels_only_when_it_has_some() {
    let bad = "metadata.labels: Invalid value: \"-lead\": a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
    let without = manifest("", "", "").replace("name: x", "name: -lead");
    assert!(!errors(&without).iter().any(|e| e == bad));
    let with = without.replace(
        "  template:\n",
        "  template:\n    metadata:\n      labels: {}\n",
    );
    assert_has(&with, bad);
}

#[test]
fn a_success_policy_rule_without_completions_is_still_checked() {
    let text = manifest(
        "",
        "  completionMode: Indexed\n  parallelism: 3\n  successPolicy:\n    rules: [{}]\n",
        "",
    );
    assert_has(
        &text,
        "spec.successPolicy.rules[0]: Required value: at least one of succeededCount or succeededIndexes must be specified",
    );
}

#[test]
fn system_fields_and_gated_fields_are_dropped_on_create() {
    let meta = "  selfLink: /x\n  deletionGracePeriodSeconds: 30\n  deletionTimestamp: '2025-01-01T00:00:00Z'\n  resourceVersion: ''\n  annotations: {}\n";
    let spec = "  manualSelector: true\n  selector: {}\n  scheduling:\n    schedulingPolicy:\n      basic: {}\n";
    let text = manifest(meta, spec, "");
    let report = check_source(&text);
    let effective = report.documents[0]
        .effective
        .as_ref()
        .expect("effective Job");
    let json = serde_json::to_value(effective).expect("serializes");
    let meta = &json["metadata"];
    for key in [
        "selfLink",
        "deletionGracePeriodSeconds",
        "deletionTimestamp",
        "resourceVersion",
        "annotations",
    ] {
        assert!(meta.get(key).is_none(), "{key}: {meta}");
    }
    assert!(json["spec"].get("scheduling").is_none(), "{json}");
    // The template's metadata is a struct: always there, even empty.
    assert_eq!(json["spec"]["template"]["metadata"], serde_json::json!({}));
}

#[test]
fn the_scheduling_empty_structs_have_no_fields() {
    let text = manifest(
        "",
        "  scheduling:\n    schedulingPolicy:\n      basic: {backofLimit: 1}\n",
        "",
    );
    assert_has(
        &text,
        "spec.scheduling.schedulingPolicy.basic.backofLimit: Unknown field: \"backofLimit\" is not a field of WorkloadPodGroupBasicSchedulingPolicy",
    );
}

#[test]
fn pod_template_server_warnings() {
    let pod = "      terminationGracePeriodSeconds: -1\n      imagePullSecrets: [{name: ''}, {name: a}, {name: a}]\n      overhead: {memory: 500m}\n      hostAliases: [{ip: \"2001:db8:0:0::1\"}]\n";
    let text = manifest("", "", pod).replace(
        "containers: [{name: a, image: 'b:1'}]",
        "containers: [{name: a, image: 'b:1', ports: [{name: m, containerPort: 80}]}, {name: c, image: 'b:1', ports: [{name: m, containerPort: 81}]}]",
    );
    let report = check_source(&text);
    let job = report.documents[0].job.as_ref().expect("Job");
    let got: Vec<String> = server_warnings(job)
        .into_iter()
        .map(|w| format!("{}: {}", w.path, w.detail))
        .collect();
    for want in [
        "spec.template.spec.terminationGracePeriodSeconds: must be >= 0; negative values are invalid and will be treated as 1",
        "spec.template.spec.imagePullSecrets[0].name: invalid empty name \"\"",
        "spec.template.spec.imagePullSecrets[2].name: duplicate name \"a\"",
        "spec.template.spec.overhead[memory]: fractional byte value \"500m\" is invalid, must be an integer",
        "spec.template.spec.hostAliases[0].ip: IPv6 address \"2001:db8:0:0::1\" should be in RFC 5952 canonical format (\"2001:db8::1\")",
        "spec.template.spec.containers[1].ports[0]: duplicate port name \"m\" with spec.template.spec.containers[0].ports[0], services and probes that select ports by name will use spec.template.spec.containers[0].ports[0]",
    ] {
        assert!(got.iter().any(|g| g == want), "missing {want}\nin {got:#?}");
    }
}

#[test]
fn kubectl_cannot_send_an_infinity_in_any_document() {
    // `oracle check` says `error converting YAML to JSON: json: unsupported value: +Inf` for
    // each; a key `.inf` is only a string to sigs.k8s.io/yaml.
    let cases = [
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: .inf}\n",
            Some("+Inf"),
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: [1, -.inf]}\n",
            Some("-Inf"),
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {a: .nan}\n",
            Some("NaN"),
        ),
        (
            "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\ndata: {.inf: a}\n",
            None,
        ),
    ];
    for (text, want) in cases {
        let errs = errors(text);
        match want {
            Some(v) => assert_eq!(
                errs,
                vec![format!(": Type error: kubectl cannot send this document: {v} has no JSON form (error converting YAML to JSON: json: unsupported value: {v})")],
                "{text}"
            ),
            None => assert!(errs.is_empty(), "{text}: {errs:?}"),
        }
    }
}

#[test]
fn pod_level_resources_cover_the_containers_aggregate() {
    // Each case's errors are the oracle's (`oracle check`), in any order (the server ranges over
    // a Go map). The sidecar adds to the regular containers; the init container needs its own
    // requests plus the sidecars before it; the Pod needs the larger.
    let pod = |pod: &str, init: &str, containers: &str| {
        format!("apiVersion: batch/v1\nkind: Job\nmetadata: {{name: x}}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      resources: {pod}\n      initContainers: {init}\n      containers: {containers}\n")
    };
    let cases = [
        (
            pod(
                "{requests: {cpu: 500m, memory: 1Gi}, limits: {cpu: '1', memory: 1Gi, hugepages-2Mi: 2Mi}}",
                "[{name: s, image: b, restartPolicy: Always, resources: {requests: {cpu: 200m}}}, {name: i, image: b, resources: {requests: {cpu: 400m, memory: 2Gi}}}]",
                "[{name: a, image: b, resources: {requests: {cpu: 200m, memory: 512Mi}, limits: {cpu: '2', hugepages-2Mi: 4Mi, memory: 512Mi}}}, {name: c, image: b, resources: {requests: {cpu: 0.15}}}]",
            ),
            vec![
                "spec.template.spec.resources.requests[cpu]: Invalid value: \"500m\": must be greater than or equal to aggregate container requests of 600m",
                "spec.template.spec.resources.requests[memory]: Invalid value: \"1Gi\": must be greater than or equal to aggregate container requests of 2Gi",
                "spec.template.spec.resources.limits[hugepages-2Mi]: Invalid value: \"2Mi\": must be greater than or equal to aggregate container limits of 4Mi",
                "spec.template.spec.resources.containers[0][cpu].limits: Invalid value: \"2\": must be less than or equal to pod limits of 1",
                "spec.template.spec.resources.containers[0][hugepages-2Mi].limits: Invalid value: \"4Mi\": must be less than or equal to pod limits of 2Mi",
            ],
        ),
        (
            pod("{requests: {cpu: 100m}}", "[]", "[{name: a, image: b, resources: {requests: {cpu: 60m}}}, {name: c, image: b, resources: {requests: {cpu: 0.05}}}]"),
            vec!["spec.template.spec.resources.requests[cpu]: Invalid value: \"100m\": must be greater than or equal to aggregate container requests of 110m"],
        ),
        (
            pod("{requests: {cpu: 110m}}", "[{name: i, image: b, resources: {requests: {cpu: 110m}}}]", "[{name: a, image: b, resources: {requests: {cpu: 60m}}}, {name: c, image: b, resources: {requests: {cpu: 0.05}}}]"),
            vec![],
        ),
    ];
    for (text, want) in cases {
        let mut got = errors(&text);
        got.sort();
        let mut want: Vec<String> = want.into_iter().map(str::to_owned).collect();
        want.sort();
        assert_eq!(got, want, "{text}");
    }
}

#[test]
fn a_claim_template_takes_only_labels_and_annotations() {
    // The oracle's answer: a pointer field is set when non-null, even at zero; `generation: 0`
    // and `uid: ""` are Go's zero values, so they pass.
    let text = "apiVersion: batch/v1\nkind: Job\nmetadata: {name: x}\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: b}]\n      volumes:\n      - name: v\n        ephemeral:\n          volumeClaimTemplate:\n            metadata: {deletionGracePeriodSeconds: 0, generation: 0, deletionTimestamp: '2025-01-01T00:00:00Z', uid: '', name: claim}\n            spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}\n";
    let mut got = errors(text);
    got.sort();
    let meta = "spec.template.spec.volumes[0].ephemeral.volumeClaimTemplate.metadata";
    let want: Vec<String> = ["deletionGracePeriodSeconds", "deletionTimestamp", "name"]
        .iter()
        .map(|f| format!("{meta}.{f}: Forbidden: cannot be set"))
        .collect();
    assert_eq!(got, want);
}
