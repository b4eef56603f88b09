//! Golden tests for `apply_defaults`: the defaulted Job, as JSON, equals what the API server
//! stores (and `kubectl get job -o yaml` shows, minus creationTimestamp and status).

use joblab_core::api::api::batch::v1::Job;
use joblab_core::defaults::apply_defaults;
use joblab_core::validate::validate_job;
use serde_json::{json, Value};

fn defaulted(input: Value, uid: &str) -> Value {
    let mut job: Job = serde_json::from_value(input).expect("decodes");
    apply_defaults(&mut job, uid);
    assert_eq!(
        validate_job(&job),
        vec![],
        "the defaulted golden Job is valid"
    );
    serde_json::to_value(&job).expect("encodes")
}

#[test]
fn pi_job() {
    let input = json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "pi"},
        "spec": {"backoffLimit": 4, "template": {"spec": {
            "containers": [{"name": "pi", "image": "perl:5.34.0", "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"]}],
            "restartPolicy": "Never"}}}
    });
    let uid = "0c5a3f4e-1111-2222-3333-444455556666";
    let labels = json!({
        "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "pi",
        "controller-uid": uid, "job-name": "pi"
    });
    let want = json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "pi", "namespace": "default", "uid": uid, "generation": 1, "labels": labels},
        "spec": {
            "backoffLimit": 4, "completionMode": "NonIndexed", "completions": 1, "manualSelector": false,
            "parallelism": 1, "podReplacementPolicy": "TerminatingOrFailed",
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}},
            "suspend": false,
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "containers": [{
                        "name": "pi", "image": "perl:5.34.0",
                        "command": ["perl", "-Mbignum=bpi", "-wle", "print bpi(2000)"],
                        "imagePullPolicy": "IfNotPresent", "resources": {},
                        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                    }],
                    "dnsPolicy": "ClusterFirst", "restartPolicy": "Never", "schedulerName": "default-scheduler",
                    "securityContext": {}, "terminationGracePeriodSeconds": 30
                }
            }
        }
    });
    assert_eq!(defaulted(input, uid), want);
}

#[test]
fn indexed_job_with_per_index_limit_and_policy() {
    let input = json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "work", "namespace": "batch", "labels": {"team": "a"}},
        "spec": {
            "completions": 4, "parallelism": 2, "completionMode": "Indexed", "backoffLimitPerIndex": 1,
            "podFailurePolicy": {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]},
            "template": {
                "metadata": {"labels": {"app": "work"}},
                "spec": {
                    "restartPolicy": "Never",
                    "volumes": [{"name": "scratch"}, {"name": "cfg", "configMap": {"name": "cfg"}}],
                    "containers": [{
                        "name": "w", "image": "busybox",
                        "ports": [{"containerPort": 8080}],
                        "readinessProbe": {"httpGet": {"port": 8080}},
                        "env": [{"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name"}}}]
                    }]
                }
            }
        }
    });
    let uid = "uid-7";
    let tpl_labels = json!({
        "app": "work",
        "batch.kubernetes.io/controller-uid": uid, "batch.kubernetes.io/job-name": "work",
        "controller-uid": uid, "job-name": "work"
    });
    let want = json!({
        "apiVersion": "batch/v1", "kind": "Job",
        "metadata": {"name": "work", "namespace": "batch", "uid": uid, "generation": 1, "labels": {"team": "a"}},
        "spec": {
            "backoffLimit": 2147483647, "backoffLimitPerIndex": 1, "completionMode": "Indexed", "completions": 4,
            "manualSelector": false, "parallelism": 2,
            "podFailurePolicy": {"rules": [{"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget", "status": "True"}]}]},
            "podReplacementPolicy": "Failed",
            "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": uid}},
            "suspend": false,
            "template": {
                "metadata": {"labels": tpl_labels},
                "spec": {
                    "containers": [{
                        "name": "w", "image": "busybox", "imagePullPolicy": "Always",
                        "ports": [{"containerPort": 8080, "protocol": "TCP"}],
                        "readinessProbe": {
                            "httpGet": {"port": 8080, "path": "/", "scheme": "HTTP"},
                            "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3
                        },
                        "env": [{"name": "POD", "valueFrom": {"fieldRef": {"fieldPath": "metadata.name", "apiVersion": "v1"}}}],
                        "resources": {},
                        "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File"
                    }],
                    "volumes": [{"name": "scratch", "emptyDir": {}}, {"name": "cfg", "configMap": {"name": "cfg", "defaultMode": 420}}],
                    "dnsPolicy": "ClusterFirst", "restartPolicy": "Never", "schedulerName": "default-scheduler",
                    "securityContext": {}, "terminationGracePeriodSeconds": 30
                }
            }
        }
    });
    assert_eq!(defaulted(input, uid), want);
}

#[test]
fn completions_and_parallelism_defaults() {
    // (completions, parallelism) as written -> as defaulted
    let cases = [
        (None, None, Some(1), Some(1)),
        (Some(5), None, Some(5), Some(1)),
        (None, Some(3), None, Some(3)),
        (Some(0), Some(0), Some(0), Some(0)),
    ];
    for (c, p, want_c, want_p) in cases {
        let mut spec = json!({"template": {"spec": {"containers": [{"name": "a", "image": "a:1"}], "restartPolicy": "Never"}}});
        if let Some(c) = c {
            spec["completions"] = json!(c);
        }
        if let Some(p) = p {
            spec["parallelism"] = json!(p);
        }
        let mut job: Job = serde_json::from_value(json!({"metadata": {"name": "a"}, "spec": spec}))
            .expect("decodes");
        apply_defaults(&mut job, "u");
        let s = job.spec.expect("spec");
        assert_eq!(
            (s.completions, s.parallelism),
            (want_c, want_p),
            "{c:?} {p:?}"
        );
    }
}

#[test]
fn labels_and_selector_are_not_overwritten() {
    let mut job: Job = serde_json::from_value(json!({
        "metadata": {"name": "a"},
        "spec": {"manualSelector": true, "selector": {"matchLabels": {"x": "y"}},
                 "template": {"metadata": {"labels": {"x": "y"}}, "spec": {"containers": [{"name": "a", "image": "a:1"}], "restartPolicy": "Never"}}}
    }))
    .expect("decodes");
    apply_defaults(&mut job, "u");
    let spec = job.spec.as_ref().expect("spec");
    assert_eq!(
        serde_json::to_value(&spec.selector).ok(),
        Some(json!({"matchLabels": {"x": "y"}})),
        "manual selector kept"
    );
    assert_eq!(
        serde_json::to_value(&spec.template.metadata).ok(),
        Some(json!({"labels": {"x": "y"}})),
        "no generated labels with manualSelector"
    );
    assert_eq!(
        serde_json::to_value(&job.metadata.labels).ok(),
        Some(json!({"x": "y"})),
        "Job labels from template"
    );
}

#[test]
fn generate_name_gets_a_deterministic_suffix() {
    let mut job: Job = serde_json::from_value(json!({
        "metadata": {"generateName": "pi-"},
        "spec": {"template": {"spec": {"containers": [{"name": "a", "image": "a:1"}], "restartPolicy": "Never"}}}
    }))
    .expect("decodes");
    apply_defaults(&mut job, "abc123");
    let name = job.metadata.name.clone().unwrap_or_default();
    assert!(name.starts_with("pi-") && name.len() == 8, "{name}");
    assert_eq!(validate_job(&job), vec![]);
}
