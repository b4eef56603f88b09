//! The effective Job against what the API server (k/k v1.37.2, default feature gates) stores:
//! every row below was checked with the oracle (`target/oracle/oracle check`). Each test goes
//! through `check_source`, so the manifest as written is what the defaults are laid over, and
//! also through a Job built in code (no manifest), where a row allows it.

use joblab_core::api::api::batch::v1::Job;
use joblab_core::check::check_source;
use joblab_core::defaults::{apply_defaults, image_pulls_always};
use serde_json::{json, Value};

/// A Job whose Pod spec is `restartPolicy: Never` and one container `a` (busybox:1.36), with
/// `pod_spec` (YAML, indented under `spec:`) added.
fn manifest(pod_spec: &str) -> String {
    let indented: String = pod_spec.lines().map(|l| format!("      {l}\n")).collect();
    format!(
        "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\nspec:\n  template:\n    spec:\n      restartPolicy: Never\n{indented}"
    )
}

/// The effective Job of `source` as JSON, and its diagnostics' paths with their details.
fn effective(source: &str) -> (Value, Vec<String>) {
    let report = check_source(source);
    let doc = report.documents.first().expect("one document");
    let job = doc.effective.as_ref().expect("an effective Job");
    let diagnostics = doc
        .diagnostics
        .iter()
        .filter(|d| d.diagnostic.severity == joblab_core::diag::Severity::Error)
        .map(|d| format!("{}: {}", d.diagnostic.path, d.diagnostic.detail))
        .collect();
    (serde_json::to_value(job).expect("encodes"), diagnostics)
}

/// The value at `pointer` under `spec.template.spec` of `job`.
fn at<'a>(job: &'a Value, pointer: &str) -> Option<&'a Value> {
    job.pointer(&format!("/spec/template/spec{pointer}"))
}

const CONTAINER: &str = "containers:\n- name: a\n  image: busybox:1.36\n";

#[test]
fn image_pull_policy_follows_the_reference_grammar() {
    let mut cases: Vec<(String, bool)> = [
        ("busybox", true),
        ("busybox:latest", true),
        ("busybox:1.36", false),
        ("registry:5000/team/busybox", true),
        ("registry:5000/team/busybox:v1", false),
        ("busybox@sha256:abcd", false),
        ("busybox:latest@sha256:abcd", false),
        ("busybox:latest@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", true),
        ("busybox@sha256:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false),
        ("busybox@sha512:0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false),
        ("busybox@md5:0123456789abcdef0123456789abcdef", false),
        ("busybox@sha256:0123456789ABCDEF0123456789abcdef0123456789abcdef0123456789abcdef", false),
        ("Never", false),
        ("Busybox:latest", false),
        ("<image-name>", false),
        (" busybox", false),
        ("busybox:", false),
        (":latest", false),
        ("busybox:Latest", false),
        ("busybox:latest:x", false),
        ("Registry.Example.com/team/app", true),
        ("Registry.Example.com/team/app:latest", true),
        ("UPPER/app", true),
        ("localhost/app", true),
        ("localhost:5000/app:latest", true),
        ("[::1]:5000/app", true),
        ("index.docker.io/app", true),
        ("docker.io/library/app:latest", true),
        ("a..b", false),
        ("a__b", true),
        ("a___b", false),
        ("a-_b", false),
        ("a--b", true),
        ("-ab", false),
        ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef", false),
        ("0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcdef:latest", true),
        ("ex_ample.com/app", true),
        ("host:abc/app", false),
        ("", false),
    ]
    .into_iter()
    .map(|(i, a)| (i.to_owned(), a))
    .collect();
    // The repository path (after the registry, `library/` included) is at most 255 bytes.
    cases.push(("a".repeat(256), false));
    cases.push((format!("r.io/{}", "a".repeat(255)), true));
    cases.push((format!("r.io/{}", "a".repeat(256)), false));
    for (image, always) in &cases {
        assert_eq!(image_pulls_always(image), *always, "{image:?}");
    }
    // The same through the whole pipeline, for an init container too.
    let (job, _) = effective(&manifest(
        "containers:\n- name: a\n  image: Never\ninitContainers:\n- name: b\n  image: busybox\n",
    ));
    assert_eq!(
        at(&job, "/containers/0/imagePullPolicy"),
        Some(&json!("IfNotPresent"))
    );
    assert_eq!(
        at(&job, "/initContainers/0/imagePullPolicy"),
        Some(&json!("Always"))
    );
}

#[test]
fn an_empty_string_is_defaulted_like_an_absent_field() {
    // (what the Pod spec adds, where, the stored value)
    let cases = [
        ("schedulerName: \"\"\n", "/schedulerName", json!("default-scheduler")),
        ("dnsPolicy: \"\"\n", "/dnsPolicy", json!("ClusterFirst")),
        (
            "containers:\n- {name: a, image: busybox:1.36, terminationMessagePath: \"\"}\n",
            "/containers/0/terminationMessagePath",
            json!("/dev/termination-log"),
        ),
        (
            "containers:\n- {name: a, image: busybox:1.36, terminationMessagePolicy: \"\"}\n",
            "/containers/0/terminationMessagePolicy",
            json!("File"),
        ),
        (
            "containers:\n- {name: a, image: busybox:1.36, imagePullPolicy: \"\"}\n",
            "/containers/0/imagePullPolicy",
            json!("IfNotPresent"),
        ),
        (
            "initContainers:\n- {name: i, image: busybox:1.36, terminationMessagePath: \"\"}\n",
            "/initContainers/0/terminationMessagePath",
            json!("/dev/termination-log"),
        ),
        (
            "containers:\n- {name: a, image: busybox:1.36, ports: [{containerPort: 80, protocol: \"\"}]}\n",
            "/containers/0/ports/0/protocol",
            json!("TCP"),
        ),
        (
            "containers:\n- {name: a, image: busybox:1.36, readinessProbe: {httpGet: {port: 80, path: \"\", scheme: \"\"}}}\n",
            "/containers/0/readinessProbe/httpGet",
            json!({"port": 80, "path": "/", "scheme": "HTTP"}),
        ),
        (
            "containers:\n- {name: a, image: busybox:1.36, livenessProbe: {timeoutSeconds: 0, exec: {command: [x]}}}\n",
            "/containers/0/livenessProbe/timeoutSeconds",
            json!(1),
        ),
        (
            "containers:\n- {name: a, image: busybox:1.36, env: [{name: X, valueFrom: {fieldRef: {fieldPath: metadata.name, apiVersion: \"\"}}}]}\n",
            "/containers/0/env/0/valueFrom/fieldRef/apiVersion",
            json!("v1"),
        ),
    ];
    for (pod_spec, pointer, want) in cases {
        let pod_spec = if pod_spec.contains("containers:") {
            pod_spec.to_owned()
        } else {
            format!("{CONTAINER}{pod_spec}")
        };
        let (job, errors) = effective(&manifest(&pod_spec));
        assert_eq!(at(&job, pointer), Some(&want), "{pod_spec}");
        assert_eq!(errors, Vec::<String>::new(), "{pod_spec}");
    }
}

#[test]
fn host_network_does_not_default_host_ports_in_a_template() {
    // `defaultHostNetworkPorts` is in `SetDefaults_Pod`, which a Pod template does not get.
    let (job, _) = effective(&manifest(
        "hostNetwork: true\ncontainers:\n- {name: a, image: busybox:1.36, ports: [{containerPort: 80}]}\n",
    ));
    assert_eq!(
        at(&job, "/containers/0/ports/0"),
        Some(&json!({"containerPort": 80, "protocol": "TCP"}))
    );
}

/// `serviceAccount` and `serviceAccountName` as written, the value both have once stored, and
/// the paths of the errors.
type ServiceAccountRow = (
    Option<&'static str>,
    Option<&'static str>,
    Option<&'static str>,
    &'static [&'static str],
);

#[test]
fn the_deprecated_service_account_mirrors_the_name() {
    // (serviceAccount, serviceAccountName) as written -> both as stored, and the errors.
    let cases: [ServiceAccountRow; 6] = [
        (Some("dep"), None, Some("dep"), &[]),
        (None, Some("sa"), Some("sa"), &[]),
        (Some("dep"), Some("sa"), Some("sa"), &[]),
        (Some("dep"), Some(""), Some("dep"), &[]),
        (None, None, None, &[]),
        (
            Some("Bad_Name"),
            None,
            Some("Bad_Name"),
            &["spec.template.spec.serviceAccountName"],
        ),
    ];
    for (deprecated, name, want, error_paths) in cases {
        let mut pod_spec = String::from(CONTAINER);
        if let Some(d) = deprecated {
            pod_spec.push_str(&format!("serviceAccount: \"{d}\"\n"));
        }
        if let Some(n) = name {
            pod_spec.push_str(&format!("serviceAccountName: \"{n}\"\n"));
        }
        let report = check_source(&manifest(&pod_spec));
        let doc = &report.documents[0];
        let job = doc.effective.as_ref().expect("effective");
        let spec = job
            .spec
            .as_ref()
            .and_then(|s| s.template.spec.as_ref())
            .expect("pod spec");
        let stored = |v: &Option<String>| v.clone().filter(|s| !s.is_empty());
        let want = want.map(str::to_owned);
        assert_eq!(stored(&spec.service_account_name), want, "{pod_spec}");
        assert_eq!(stored(&spec.service_account), want, "{pod_spec}");
        let paths: Vec<&str> = doc
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == joblab_core::diag::Severity::Error)
            .map(|d| d.diagnostic.path.as_str())
            .collect();
        assert_eq!(paths, error_paths, "{pod_spec}");
    }
}

#[test]
fn volume_sources_get_their_generated_defaults() {
    // (the volume, where under it, the stored value)
    let cases = [
        (
            "{name: d, downwardAPI: {items: [{path: p, fieldRef: {fieldPath: metadata.name}}]}}",
            "/downwardAPI/items/0/fieldRef/apiVersion",
            json!("v1"),
        ),
        (
            "{name: p, projected: {sources: [{downwardAPI: {items: [{path: p, fieldRef: {fieldPath: metadata.name}}]}}]}}",
            "/projected/sources/0/downwardAPI/items/0/fieldRef/apiVersion",
            json!("v1"),
        ),
        (
            "{name: p, projected: {sources: [{serviceAccountToken: {path: t}}]}}",
            "/projected/sources/0/serviceAccountToken/expirationSeconds",
            json!(3600),
        ),
        (
            "{name: i, iscsi: {targetPortal: \"1.2.3.4:3260\", iqn: \"iqn.2001-04.com.example:storage\", lun: 0, iscsiInterface: \"\"}}",
            "/iscsi/iscsiInterface",
            json!("default"),
        ),
        (
            "{name: r, rbd: {monitors: [\"1.2.3.4\"], image: foo}}",
            "/rbd",
            json!({"monitors": ["1.2.3.4"], "image": "foo", "pool": "rbd", "user": "admin", "keyring": "/etc/ceph/keyring"}),
        ),
        (
            "{name: az, azureDisk: {diskName: d, diskURI: \"https://a.blob.core.windows.net/c/d.vhd\"}}",
            "/azureDisk",
            json!({"diskName": "d", "diskURI": "https://a.blob.core.windows.net/c/d.vhd", "cachingMode": "ReadWrite", "fsType": "ext4", "readOnly": false, "kind": "Shared"}),
        ),
        (
            "{name: s, scaleIO: {gateway: g, system: s, volumeName: v, secretRef: {name: x}}}",
            "/scaleIO",
            json!({"gateway": "g", "system": "s", "volumeName": "v", "secretRef": {"name": "x"}, "storageMode": "ThinProvisioned", "fsType": "xfs"}),
        ),
        (
            "{name: h, hostPath: {path: /x}}",
            "/hostPath",
            json!({"path": "/x", "type": ""}),
        ),
        (
            "{name: im, image: {reference: busybox}}",
            "/image/pullPolicy",
            json!("Always"),
        ),
        (
            "{name: im, image: {reference: \"busybox:1.36\", pullPolicy: \"\"}}",
            "/image/pullPolicy",
            json!("IfNotPresent"),
        ),
    ];
    for (volume, pointer, want) in cases {
        let pod_spec = format!("{CONTAINER}volumes:\n- {volume}\n");
        let (job, _) = effective(&manifest(&pod_spec));
        assert_eq!(
            at(&job, &format!("/volumes/0{pointer}")),
            Some(&want),
            "{volume}"
        );
    }
}

#[test]
fn fields_behind_gates_that_are_off_are_dropped_before_validation() {
    // (what the Pod spec adds, where, the stored value or None when it is gone)
    let cases = [
        ("schedulingGroup: {podGroupName: \"Invalid Value!\"}\n", "/schedulingGroup", None),
        ("evictionResponders: [{name: Bad_Name, priority: -1}]\n", "/evictionResponders", None),
        (
            "volumes:\n- {name: e, emptyDir: {mode: 0}}\n",
            "/volumes/0/emptyDir",
            Some(json!({})),
        ),
        (
            "volumes:\n- {name: c, configMap: {name: c, defaultUser: 5, items: [{key: k, path: p, user: 5}]}}\n",
            "/volumes/0/configMap",
            Some(json!({"name": "c", "defaultMode": 420, "items": [{"key": "k", "path": "p"}]})),
        ),
        (
            "volumes:\n- {name: p, projected: {sources: [{downwardAPI: {items: [{path: p, user: 1, fieldRef: {fieldPath: metadata.name}}]}}]}}\n",
            "/volumes/0/projected/sources/0/downwardAPI/items/0",
            Some(json!({"path": "p", "fieldRef": {"fieldPath": "metadata.name", "apiVersion": "v1"}})),
        ),
    ];
    for (extra, pointer, want) in cases {
        let (job, errors) = effective(&manifest(&format!("{CONTAINER}{extra}")));
        assert_eq!(at(&job, pointer), want.as_ref(), "{extra}");
        assert_eq!(errors, Vec::<String>::new(), "{extra}");
    }
    // A container's `lifecycle` goes with its `stopSignal` when nothing else is in it.
    let (job, errors) = effective(&manifest(
        "containers:\n- {name: a, image: busybox:1.36, lifecycle: {stopSignal: SIGTERM}}\n- {name: b, image: busybox:1.36, lifecycle: {stopSignal: x, preStop: {httpGet: {port: 80, protocol: HTTP}}}}\ninitContainers:\n- {name: i, image: busybox:1.36, lifecycle: {stopSignal: ok-value}}\n",
    ));
    assert_eq!(at(&job, "/containers/0/lifecycle"), None);
    assert_eq!(
        at(&job, "/containers/1/lifecycle"),
        Some(&json!({"preStop": {"httpGet": {"port": 80, "path": "/", "scheme": "HTTP"}}}))
    );
    assert_eq!(at(&job, "/initContainers/0/lifecycle"), None);
    assert_eq!(errors, Vec::<String>::new());
    // The template's legacy init-container annotations go; the Job's stay.
    let source = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: a\n  annotations: {pod.beta.kubernetes.io/init-containers: x}\nspec:\n  template:\n    metadata:\n      annotations: {pod.beta.kubernetes.io/init-containers: x, keep: kept}\n    spec:\n      restartPolicy: Never\n      containers: [{name: a, image: busybox:1.36}]\n";
    let (job, _) = effective(source);
    assert_eq!(
        job.pointer("/spec/template/metadata/annotations"),
        Some(&json!({"keep": "kept"}))
    );
    assert_eq!(
        job.pointer("/metadata/annotations"),
        Some(&json!({"pod.beta.kubernetes.io/init-containers": "x"}))
    );
}

#[test]
fn a_job_built_in_code_gets_the_same_defaults() {
    let mut job: Job = serde_json::from_value(json!({
        "metadata": {"name": "a"},
        "spec": {"template": {"spec": {
            "restartPolicy": "Never", "schedulerName": "", "serviceAccount": "dep",
            "containers": [{"name": "a", "image": "Never", "lifecycle": {"stopSignal": "SIGTERM"},
                            "readinessProbe": {"grpc": {"port": 80, "mode": "x"}}}],
            "volumes": [{"name": "i", "iscsi": {"targetPortal": "t", "iqn": "q", "lun": 0}}]
        }}}
    }))
    .expect("decodes");
    apply_defaults(&mut job, "u");
    let job = serde_json::to_value(&job).expect("encodes");
    assert_eq!(
        at(&job, "/schedulerName"),
        Some(&json!("default-scheduler"))
    );
    assert_eq!(at(&job, "/serviceAccountName"), Some(&json!("dep")));
    assert_eq!(
        at(&job, "/containers/0/imagePullPolicy"),
        Some(&json!("IfNotPresent"))
    );
    assert_eq!(at(&job, "/containers/0/lifecycle"), None);
    assert_eq!(
        at(&job, "/containers/0/readinessProbe/grpc"),
        Some(&json!({"port": 80, "service": ""}))
    );
    assert_eq!(
        at(&job, "/volumes/0/iscsi/iscsiInterface"),
        Some(&json!("default"))
    );
}
