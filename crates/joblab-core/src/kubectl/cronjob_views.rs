//! kubectl's views of a CronJob: `kubectl get cronjobs [-o wide]` (k/k
//! `pkg/printers/internalversion/printers.go` `printCronJob`, the server's table) and `kubectl
//! describe cronjob` (k8s.io/kubectl `pkg/describe/describe.go` `describeCronJob`,
//! `describeJobTemplate`, `printActiveJobs`). `oracle kubectl` runs that code on the same objects
//! and the views differential holds these to its bytes.

use serde_json::Value;

use super::objects::{at, str_at, ApiSnapshot};
use super::views::{
    annotations_multiline, arr, container_cells, describe_events, describe_pod_template,
    format_label_selector, get_output, labels_multiline, not_found, obj, print_table, rfc1123z,
    selector_string, since, tabbed, Column, Prefix, ViewOutput,
};

/// `printBoolPtr`: `True`, `False` or `<unset>`.
fn bool_ptr(v: Option<&Value>) -> &'static str {
    match v.and_then(Value::as_bool) {
        Some(true) => "True",
        Some(false) => "False",
        None => "<unset>",
    }
}

/// `kubectl get cronjobs [-o wide]`, or `kubectl get cronjob NAME` with `name`.
pub fn get_cronjobs(snap: &ApiSnapshot, name: Option<&str>, wide: bool) -> ViewOutput {
    const COLUMNS: &[Column] = &[
        ("Name", false),
        ("Schedule", false),
        ("Timezone", false),
        ("Suspend", false),
        ("Active", false),
        ("Last Schedule", false),
        ("Age", false),
        ("Containers", true),
        ("Images", true),
        ("Selector", true),
    ];
    if let Some(n) = name {
        if snap.cronjob(n).is_none() {
            return not_found("cronjobs.batch", n);
        }
    }
    let rows: Vec<Vec<String>> = snap
        .cronjobs
        .iter()
        .filter(|c| name.is_none_or(|n| str_at(c, &["metadata", "name"]) == n))
        .map(|c| {
            let last = match at(c, &["status", "lastScheduleTime"]).filter(|v| !v.is_null()) {
                Some(t) => since(snap, Some(t)),
                None => "<none>".into(),
            };
            let zone = at(c, &["spec", "timeZone"])
                .and_then(Value::as_str)
                .unwrap_or("<none>");
            let template = at(c, &["spec", "jobTemplate", "spec"]).unwrap_or(&Value::Null);
            let (names, images) =
                container_cells(at(template, &["template", "spec"]).unwrap_or(&Value::Null));
            vec![
                str_at(c, &["metadata", "name"]).to_owned(),
                str_at(c, &["spec", "schedule"]).to_owned(),
                zone.to_owned(),
                bool_ptr(at(c, &["spec", "suspend"])).to_owned(),
                arr(c, &["status", "active"]).len().to_string(),
                last,
                since(snap, at(c, &["metadata", "creationTimestamp"])),
                names,
                images,
                format_label_selector(at(template, &["selector"])),
            ]
        })
        .collect();
    get_output(snap, print_table(COLUMNS, &rows, wide))
}

/// `kubectl describe cronjob NAME`.
pub fn describe_cronjob(snap: &ApiSnapshot, name: &str) -> ViewOutput {
    let Some(c) = snap.cronjob(name) else {
        return not_found("cronjobs.batch", name);
    };
    let mut w = Prefix(String::new());
    let spec = at(c, &["spec"]).unwrap_or(&Value::Null);
    w.w(0, &format!("Name:\t{}\n", str_at(c, &["metadata", "name"])));
    w.w(
        0,
        &format!("Namespace:\t{}\n", str_at(c, &["metadata", "namespace"])),
    );
    labels_multiline(&mut w, "Labels", obj(c, &["metadata", "labels"]));
    annotations_multiline(&mut w, "Annotations", obj(c, &["metadata", "annotations"]));
    w.w(0, &format!("Schedule:\t{}\n", str_at(spec, &["schedule"])));
    w.w(
        0,
        &format!(
            "Concurrency Policy:\t{}\n",
            str_at(spec, &["concurrencyPolicy"])
        ),
    );
    w.w(
        0,
        &format!("Suspend:\t{}\n", bool_ptr(at(spec, &["suspend"]))),
    );
    let int_or_unset = |key: &str, suffix: &str| match at(spec, &[key]).and_then(Value::as_i64) {
        Some(n) => format!("{n}{suffix}"),
        None => "<unset>".into(),
    };
    match at(spec, &["timeZone"]).and_then(Value::as_str) {
        Some(z) => w.w(0, &format!("Time Zone:\t{z}\n")),
        None => w.w(0, "Time Zone:\t<unset>\n"),
    }
    w.w(
        0,
        &format!(
            "Successful Job History Limit:\t{}\n",
            int_or_unset("successfulJobsHistoryLimit", "")
        ),
    );
    w.w(
        0,
        &format!(
            "Failed Job History Limit:\t{}\n",
            int_or_unset("failedJobsHistoryLimit", "")
        ),
    );
    w.w(
        0,
        &format!(
            "Starting Deadline Seconds:\t{}\n",
            int_or_unset("startingDeadlineSeconds", "s")
        ),
    );
    // describeJobTemplate
    let template = at(spec, &["jobTemplate", "spec"]).unwrap_or(&Value::Null);
    match at(template, &["selector"]).filter(|v| !v.is_null()) {
        Some(sel) => w.w(0, &format!("Selector:\t{}\n", selector_string(Some(sel)))),
        None => w.w(0, "Selector:\t<unset>\n"),
    }
    for (key, title) in [
        ("parallelism", "Parallelism"),
        ("completions", "Completions"),
    ] {
        match at(template, &[key]).and_then(Value::as_i64) {
            Some(n) => w.w(0, &format!("{title}:\t{n}\n")),
            None => w.w(0, &format!("{title}:\t<unset>\n")),
        }
    }
    if let Some(a) = at(template, &["activeDeadlineSeconds"]).and_then(Value::as_i64) {
        w.w(0, &format!("Active Deadline Seconds:\t{a}s\n"));
    }
    describe_pod_template(&mut w, at(template, &["template"]).unwrap_or(&Value::Null));
    match at(c, &["status", "lastScheduleTime"]).filter(|v| !v.is_null()) {
        Some(t) => w.w(0, &format!("Last Schedule Time:\t{}\n", rfc1123z(Some(t)))),
        None => w.w(0, "Last Schedule Time:\t<unset>\n"),
    }
    // printActiveJobs
    let active: Vec<&str> = arr(c, &["status", "active"])
        .iter()
        .map(|j| str_at(j, &["name"]))
        .collect();
    if active.is_empty() {
        w.w(0, "Active Jobs:\t<none>\n");
    } else {
        w.w(0, &format!("Active Jobs:\t{}\n", active.join(", ")));
    }
    describe_events(&mut w, snap, c, Some("CronJob"));
    ViewOutput::out(tabbed(w))
}

/// The views `oracle kubectl` renders for a CronJob snapshot, in its order, as (command,
/// output): the CronJob's listing and description, the Jobs' listings and a description of
/// each, the Pods' listings, a description of each Pod, and the Events.
pub fn all_cronjob_views(snap: &ApiSnapshot) -> Vec<(String, ViewOutput)> {
    let name = snap.job_name.clone();
    let mut out = vec![
        (
            "kubectl get cronjobs".to_string(),
            get_cronjobs(snap, None, false),
        ),
        (
            "kubectl get cronjobs -o wide".into(),
            get_cronjobs(snap, None, true),
        ),
        (
            format!("kubectl describe cronjob {name}"),
            describe_cronjob(snap, &name),
        ),
        (
            "kubectl get jobs".into(),
            super::views::get_jobs(snap, false),
        ),
        (
            "kubectl get jobs -o wide".into(),
            super::views::get_jobs(snap, true),
        ),
    ];
    for j in &snap.jobs {
        let jn = str_at(j, &["metadata", "name"]).to_string();
        out.push((
            format!("kubectl describe job {jn}"),
            super::views::describe_job(snap, &jn),
        ));
    }
    let pods = |wide: bool| {
        super::views::get_pods(snap, None, wide)
            .unwrap_or_else(|| ViewOutput::err("error: no selector\n".into()))
    };
    out.push(("kubectl get pods".into(), pods(false)));
    out.push(("kubectl get pods -o wide".into(), pods(true)));
    for p in &snap.pods {
        let pn = str_at(p, &["metadata", "name"]).to_string();
        out.push((
            format!("kubectl describe pod {pn}"),
            super::views::describe_pod(snap, &pn),
        ));
    }
    out.push(("kubectl get events".into(), super::views::get_events(snap)));
    out
}
