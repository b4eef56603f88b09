//! Table tests for `job_warnings`: each pitfall fires on its case and not on its fixed form.

mod support;
use joblab_core::api::api::batch::v1::Job;
use joblab_core::diag::ErrorType;
use joblab_core::warnings::job_warnings;
use serde_json::{json, Value};
use support::merge;

fn job(patch: Value) -> Job {
    let mut doc = json!({
        "metadata": {"name": "pi"},
        "spec": {"ttlSecondsAfterFinished": 100, "template": {"spec": {
            "restartPolicy": "Never",
            "containers": [{"name": "pi", "image": "perl:5.34.0", "resources": {"requests": {"cpu": "100m"}}}]
        }}}
    });
    merge(&mut doc, &patch);
    serde_json::from_value(doc).expect("decodes")
}

fn ctr(patch: Value) -> Value {
    let mut c =
        json!({"name": "pi", "image": "perl:5.34.0", "resources": {"requests": {"cpu": "100m"}}});
    merge(&mut c, &patch);
    json!({"spec": {"template": {"spec": {"containers": [c]}}}})
}

#[test]
fn a_careful_job_has_no_warnings() {
    assert_eq!(job_warnings(&job(json!({}))), vec![]);
}

#[test]
fn each_pitfall_fires() {
    let c0 = "spec.template.spec.containers[0]";
    let cases: Vec<(&str, Value, String, &str)> = vec![
        ("name not a DNS label", json!({"metadata": {"name": "pi.v1"}}), "metadata.name".into(), "this is used in Pod names and hostnames, which can result in surprising behavior; a DNS label is recommended: [must not contain dots]"),
        ("no TTL", json!({"spec": {"ttlSecondsAfterFinished": null}}), "spec.ttlSecondsAfterFinished".into(), "not set"),
        ("untagged image", ctr(json!({"image": "perl"})), format!("{c0}.image"), "no tag"),
        ("latest image", ctr(json!({"image": "perl:latest"})), format!("{c0}.image"), "the `latest` tag moves"),
        ("image with whitespace", ctr(json!({"image": "perl:5.34.0 "})), format!("{c0}.image"), "leading or trailing whitespace"),
        ("no requests", ctr(json!({"resources": null})), format!("{c0}.resources"), "no resource requests"),
        ("OnFailure with per-index", json!({"spec": {"completionMode": "Indexed", "completions": 2, "backoffLimitPerIndex": 1, "template": {"spec": {"restartPolicy": "OnFailure"}}}}), "spec.template.spec.restartPolicy".into(), "backoffLimitPerIndex is documented to need restartPolicy Never"),
        ("deprecated serviceAccount", json!({"spec": {"template": {"spec": {"serviceAccount": "x"}}}}), "spec.template.spec.serviceAccount".into(), "deprecated"),
        ("critical-pod annotation", json!({"spec": {"template": {"metadata": {"annotations": {"scheduler.alpha.kubernetes.io/critical-pod": ""}}}}}), "spec.template.metadata.annotations[scheduler.alpha.kubernetes.io/critical-pod]".into(), "non-functional"),
    ];
    for (name, patch, path, prefix) in cases {
        let warnings = job_warnings(&job(patch));
        assert!(
            warnings.iter().any(|w| w.path == path
                && w.error_type == ErrorType::Advice
                && w.detail.starts_with(prefix)),
            "{name}: want {path}: {prefix}...; got {warnings:#?}"
        );
    }
}

#[test]
fn fixed_forms_do_not_warn() {
    let cases = [
        (
            "digest image",
            ctr(
                json!({"image": "perl@sha256:0000000000000000000000000000000000000000000000000000000000000000"}),
            ),
        ),
        (
            "registry port without tag is not a tag",
            ctr(json!({"image": "reg:5000/perl:5.34"})),
        ),
        (
            "limits only",
            ctr(json!({"resources": {"requests": null, "limits": {"cpu": "1"}}})),
        ),
        ("DNS-label name", json!({"metadata": {"name": "pi-v1"}})),
    ];
    for (name, patch) in cases {
        assert_eq!(job_warnings(&job(patch)), vec![], "{name}");
    }
}
