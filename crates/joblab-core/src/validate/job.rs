//! `ValidateJob` and `validateJobSpec` (k/k `pkg/apis/batch/validation/validation.go`).

use std::collections::{BTreeMap, BTreeSet};

use super::meta::{
    go_selector, validate_label_selector, validate_managed_fields, validate_object_meta, Selector,
};
use super::names::{is_dns1123_label, is_domain_prefixed_path, is_qualified_name};
use super::quote::go_json_string;
use super::{go_map, pod, Errs, Path, Val};
use crate::api::api::batch::v1::{
    Job, JobSpec, PodFailurePolicyOnExitCodesRequirement, PodFailurePolicyRule, SuccessPolicy,
};
use crate::indexes::{count, parse_intervals};

const MAX_PARALLELISM_FOR_INDEXED_JOB: i32 = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB: i32 = 100_000;
const COMPLETIONS_SOFT_LIMIT: i32 = 100_000;
const PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS: i32 = 10_000;
const MAX_POD_FAILURE_POLICY_RULES: usize = 20;
const MAX_ON_EXIT_CODES_VALUES: usize = 255;
const MAX_ON_POD_CONDITIONS_PATTERNS: usize = 20;
const MAX_MANAGED_BY_LENGTH: usize = 63;
const MAX_SUCCEEDED_INDEXES_LENGTH: usize = 64 * 1024;
const MAX_SUCCESS_POLICY_RULES: usize = 20;

const LEGACY_CONTROLLER_UID: &str = "controller-uid";
const LEGACY_JOB_NAME: &str = "job-name";
const CONTROLLER_UID: &str = "batch.kubernetes.io/controller-uid";
const JOB_NAME: &str = "batch.kubernetes.io/job-name";

/// `ValidateJob`.
pub(super) fn validate_job(job: &Job, errs: &mut Errs) {
    if labels_copied_from_generated_template(job) {
        let mut meta = job.metadata.clone();
        meta.labels = None;
        validate_object_meta(&meta, &Path::new("metadata"), errs);
    } else {
        validate_object_meta(&job.metadata, &Path::new("metadata"), errs);
    }
    if let Some(entries) = job
        .written
        .as_deref()
        .and_then(|w| w.pointer("/metadata/managedFields"))
        .and_then(serde_json::Value::as_array)
    {
        validate_managed_fields(entries, &Path::new("metadata").child("managedFields"), errs);
    }
    let default_spec = JobSpec::default();
    let spec = job.spec.as_ref().unwrap_or(&default_spec);
    validate_generated_selector(job, spec, errs);
    // Go tells an empty label map (`labels: {}`, printed `{}`) from none (`null`); the typed
    // model drops empty maps, the manifest as written keeps the difference.
    let template_labels_written = job
        .written
        .as_deref()
        .and_then(|w| w.pointer("/spec/template/metadata/labels"))
        .is_some_and(serde_json::Value::is_object);
    validate_job_spec_outer(spec, &Path::new("spec"), template_labels_written, errs);
    pod::validate_pod_template_json(job, &Path::new("spec"), errs);
    // The controller names Indexed pods' hostnames `<job name>-<index>`; the largest must be a
    // DNS label or pods could never be created.
    if spec.completion_mode.as_deref() == Some("Indexed") {
        if let Some(completions) = spec.completions.filter(|&c| c > 0) {
            let name = job.metadata.name.as_deref().unwrap_or("");
            let hostname = format!("{name}-{}", i64::from(completions) - 1);
            if !is_dns1123_label(&hostname).is_empty() {
                errs.invalid(
                    &Path::new("metadata").child("name"),
                    Val::Str(name),
                    &format!("will not able to create pod with invalid DNS label: {hostname}"),
                );
            }
        }
    }
}

/// Whether the Job's labels, as the effective Job shows them, are the template's generated labels
/// copied when the Job is read back rather than labels the server validated.
///
/// `SetDefaults_Job` makes a label-less Job's labels the very map of its template's labels, but
/// only when the template has labels (a non-nil map) at decode time; `generateSelector` then
/// fills that shared map. A template without labels gets a new map, so the Job's labels stay
/// empty during validation, and only the decode after storage copies them. The manifest as
/// written says whether the template had labels; without it (a Job built in code), a template
/// whose labels are exactly the four generated ones is taken to have had none.
fn labels_copied_from_generated_template(job: &Job) -> bool {
    let spec = match job.spec.as_ref() {
        Some(s) if s.manual_selector != Some(true) => s,
        _ => return false,
    };
    let Some(template) = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref())
    else {
        return false;
    };
    if job.metadata.labels.as_ref() != Some(template) {
        return false;
    }
    // The manifest as written tells whether the template had labels (`labels: {}` included).
    if let Some(written) = job.written.as_deref() {
        return written.pointer("/spec/template/metadata/labels").is_none();
    }
    let uid = job.metadata.uid.as_deref().unwrap_or("");
    let name = job.metadata.name.as_deref().unwrap_or("");
    let generated: BTreeMap<String, String> = [
        (CONTROLLER_UID, uid),
        (JOB_NAME, name),
        (LEGACY_CONTROLLER_UID, uid),
        (LEGACY_JOB_NAME, name),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    *template == generated
}

/// `ValidateHasLabel`.
fn validate_has_label(
    labels: Option<&BTreeMap<String, String>>,
    key: &str,
    expected: &str,
    errs: &mut Errs,
) {
    let path = Path::new("spec")
        .child("template")
        .child("metadata")
        .child("labels")
        .key(key);
    match labels.and_then(|l| l.get(key)) {
        None => errs.required(&path, &format!("must be '{expected}'")),
        Some(actual) if actual != expected => errs.invalid(
            &path,
            Val::Raw(go_map(labels)),
            &format!("must be '{expected}'"),
        ),
        Some(_) => {}
    }
}

/// `validateGeneratedSelector` (with RequirePrefixedLabels, always on in current servers).
fn validate_generated_selector(job: &Job, spec: &JobSpec, errs: &mut Errs) {
    if spec.manual_selector == Some(true) {
        return;
    }
    let Some(selector) = spec.selector.as_ref() else {
        return;
    };
    let uid = job.metadata.uid.as_deref().unwrap_or("");
    let name = job.metadata.name.as_deref().unwrap_or("");
    if uid.is_empty() {
        errs.required(&Path::new("metadata").child("uid"), "");
    }
    let labels = spec
        .template
        .metadata
        .as_ref()
        .and_then(|m| m.labels.as_ref());
    validate_has_label(labels, LEGACY_CONTROLLER_UID, uid, errs);
    validate_has_label(labels, LEGACY_JOB_NAME, name, errs);
    validate_has_label(labels, CONTROLLER_UID, uid, errs);
    validate_has_label(labels, JOB_NAME, name, errs);
    let expected: BTreeMap<String, String> = [
        (CONTROLLER_UID, uid),
        (JOB_NAME, name),
        (LEGACY_CONTROLLER_UID, uid),
        (LEGACY_JOB_NAME, name),
    ]
    .into_iter()
    .map(|(k, v)| (k.to_owned(), v.to_owned()))
    .collect();
    if let Some(sel) = Selector::from(Some(selector)) {
        if !sel.matches(&expected) {
            errs.invalid(
                &Path::new("spec").child("selector"),
                Val::Raw(go_selector(selector)),
                "`selector` not auto-generated",
            );
        }
    }
}

/// `ValidateJobSpec`: the spec rules, then the selector and its match with the template.
fn validate_job_spec_outer(
    spec: &JobSpec,
    path: &Path,
    template_labels_written: bool,
    errs: &mut Errs,
) {
    validate_job_spec(spec, path, errs);
    match spec.selector.as_ref() {
        None => errs.required(&path.child("selector"), ""),
        Some(selector) => validate_label_selector(selector, &path.child("selector"), errs),
    }
    if let Some(sel) = Selector::from(spec.selector.as_ref()) {
        let labels = spec
            .template
            .metadata
            .as_ref()
            .and_then(|m| m.labels.as_ref());
        let empty = BTreeMap::new();
        if !sel.matches(labels.unwrap_or(&empty)) {
            let shown = match labels {
                None if template_labels_written => go_map(Some(&empty)),
                _ => go_map(labels),
            };
            errs.invalid(
                &path.child("template").child("metadata").child("labels"),
                Val::Raw(shown),
                "`selector` does not match template `labels`",
            );
        }
    }
}

/// `ValidateJobTemplateSpec`, for the Job `template` a CronJob's `spec.jobTemplate` describes
/// (defaulted as a CronJob's template is, with no Job defaults and no generated selector): the
/// spec rules at `path` (`spec.jobTemplate.spec`), and no selector of the user's.
pub(super) fn validate_job_template_spec(template: &Job, path: &Path, errs: &mut Errs) {
    let default_spec = JobSpec::default();
    let spec = template.spec.as_ref().unwrap_or(&default_spec);
    validate_job_spec(spec, path, errs);
    pod::validate_pod_template_json(template, path, errs);
    // The CronJob controller always generates the selector of the Jobs it creates.
    if let Some(selector) = spec.selector.as_ref() {
        errs.invalid(
            &path.child("selector"),
            Val::Raw(go_selector(selector)),
            "`selector` will be auto-generated",
        );
    }
    if spec.manual_selector == Some(true) {
        // A `*bool`: its bad value prints as JSON.
        errs.not_supported_val(
            &path.child("manualSelector"),
            Val::Raw("true".to_owned()),
            &["nil", "false"],
        );
    }
}

/// `validateJobSpec`.
fn validate_job_spec(spec: &JobSpec, path: &Path, errs: &mut Errs) {
    let opt = |v: Option<i32>| v.map(i64::from);
    for (field, value) in [
        ("parallelism", opt(spec.parallelism)),
        ("completions", opt(spec.completions)),
        ("activeDeadlineSeconds", spec.active_deadline_seconds),
        ("backoffLimit", opt(spec.backoff_limit)),
        (
            "ttlSecondsAfterFinished",
            opt(spec.ttl_seconds_after_finished),
        ),
        ("backoffLimitPerIndex", opt(spec.backoff_limit_per_index)),
    ] {
        if let Some(v) = value {
            errs.non_negative(&path.child(field), v);
        }
    }
    if let Some(max_failed) = spec.max_failed_indexes {
        errs.non_negative(&path.child("maxFailedIndexes"), i64::from(max_failed));
        if spec.backoff_limit_per_index.is_none() {
            errs.required(
                &path.child("backoffLimitPerIndex"),
                "when maxFailedIndexes is specified",
            );
        }
    }
    if let Some(managed_by) = spec.managed_by.as_deref() {
        let p = path.child("managedBy");
        if managed_by.is_empty() {
            errs.required(&p, "");
        } else {
            for (value, msg) in is_domain_prefixed_path(managed_by) {
                errs.invalid(&p, Val::Str(&value), &msg);
            }
        }
        if managed_by.len() > MAX_MANAGED_BY_LENGTH {
            errs.too_long(&p, MAX_MANAGED_BY_LENGTH);
        }
    }
    let indexed = spec.completion_mode.as_deref() == Some("Indexed");
    if let Some(mode) = spec.completion_mode.as_deref() {
        if mode != "NonIndexed" && mode != "Indexed" {
            // `spec.CompletionMode` is passed as a pointer to a named type: printed as JSON.
            errs.not_supported_val(
                &path.child("completionMode"),
                Val::Typed(mode),
                &["NonIndexed", "Indexed"],
            );
        }
        if indexed {
            validate_indexed(spec, path, errs);
        }
    }
    if spec.completion_mode.is_none() || spec.completion_mode.as_deref() == Some("NonIndexed") {
        if let Some(v) = spec.backoff_limit_per_index {
            errs.invalid(
                &path.child("backoffLimitPerIndex"),
                Val::Int(v.into()),
                "requires indexed completion mode",
            );
        }
        if let Some(v) = spec.max_failed_indexes {
            errs.invalid(
                &path.child("maxFailedIndexes"),
                Val::Int(v.into()),
                "requires indexed completion mode",
            );
        }
    }
    if let Some(policy) = spec.pod_failure_policy.as_ref() {
        let p = path.child("podFailurePolicy");
        let rules_path = p.child("rules");
        if policy.rules.len() > MAX_POD_FAILURE_POLICY_RULES {
            errs.too_many(
                &rules_path,
                policy.rules.len(),
                MAX_POD_FAILURE_POLICY_RULES,
            );
        }
        let pod_spec = spec.template.spec.as_ref();
        let names: BTreeSet<&str> = pod_spec
            .into_iter()
            .flat_map(|s| {
                s.containers
                    .iter()
                    .chain(s.init_containers.iter().flatten())
            })
            .map(|c| c.name.as_str())
            .collect();
        for (i, rule) in policy.rules.iter().enumerate() {
            validate_pod_failure_policy_rule(spec, rule, &rules_path.index(i), &names, errs);
        }
    }
    if let Some(policy) = spec.success_policy.as_ref() {
        let p = path.child("successPolicy");
        if !indexed {
            errs.invalid(
                &p,
                Val::Raw(success_policy_json(policy)),
                "requires indexed completion mode",
            );
        } else {
            validate_success_policy(spec, &p, errs);
        }
    }
    if let Some(policy) = spec.pod_replacement_policy.as_deref() {
        let p = path.child("podReplacementPolicy");
        if spec.pod_failure_policy.is_some() {
            if policy != "Failed" {
                errs.not_supported_val(&p, Val::Typed(policy), &["Failed"]);
            }
        } else if policy != "Failed" && policy != "TerminatingOrFailed" {
            errs.not_supported_val(&p, Val::Typed(policy), &["Failed", "TerminatingOrFailed"]);
        }
    }
    pod::validate_pod_template_spec(&spec.template, &path.child("template"), errs);

    // restartPolicy is defaulted to Always when absent, so both Always and empty mean the user
    // did not choose one of the two policies a Job allows.
    let restart = spec
        .template
        .spec
        .as_ref()
        .and_then(|s| s.restart_policy.as_deref())
        .unwrap_or("");
    let rp = path.child("template").child("spec").child("restartPolicy");
    if restart == "Always" || restart.is_empty() {
        errs.required(&rp, "valid values: \"OnFailure\", \"Never\"");
    } else if restart != "OnFailure" && restart != "Never" {
        errs.not_supported_val(&rp, Val::Typed(restart), &["OnFailure", "Never"]);
    } else if spec.pod_failure_policy.is_some() && restart != "Never" {
        errs.invalid(
            &rp,
            Val::Typed(restart),
            "only \"Never\" is supported when podFailurePolicy is specified",
        );
    }
}

fn validate_indexed(spec: &JobSpec, path: &Path, errs: &mut Errs) {
    if spec.completions.is_none() {
        errs.required(
            &path.child("completions"),
            "when completion mode is Indexed",
        );
    }
    if let Some(p) = spec
        .parallelism
        .filter(|&p| p > MAX_PARALLELISM_FOR_INDEXED_JOB)
    {
        errs.invalid(
            &path.child("parallelism"),
            Val::Int(p.into()),
            &format!("must be less than or equal to {MAX_PARALLELISM_FOR_INDEXED_JOB} when completion mode is Indexed"),
        );
    }
    if let (Some(c), Some(m)) = (spec.completions, spec.max_failed_indexes) {
        if m > c {
            errs.invalid(
                &path.child("maxFailedIndexes"),
                Val::Int(m.into()),
                "must be less than or equal to completions",
            );
        }
    }
    if let Some(m) = spec
        .max_failed_indexes
        .filter(|&m| m > MAX_FAILED_INDEXES_FOR_INDEXED_JOB)
    {
        errs.invalid(
            &path.child("maxFailedIndexes"),
            Val::Int(m.into()),
            &format!("must be less than or equal to {MAX_FAILED_INDEXES_FOR_INDEXED_JOB}"),
        );
    }
    let high = spec.completions.is_some_and(|c| c > COMPLETIONS_SOFT_LIMIT)
        && spec.backoff_limit_per_index.is_some();
    if high {
        if spec.max_failed_indexes.is_none() {
            errs.required(
                &path.child("maxFailedIndexes"),
                &format!("must be specified when completions is above {COMPLETIONS_SOFT_LIMIT}"),
            );
        }
        let tail = format!("when completions are above {COMPLETIONS_SOFT_LIMIT} and used with backoff limit per index");
        if let Some(p) = spec
            .parallelism
            .filter(|&p| p > PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS)
        {
            errs.invalid(
                &path.child("parallelism"),
                Val::Int(p.into()),
                &format!(
                    "must be less than or equal to {PARALLELISM_LIMIT_FOR_HIGH_COMPLETIONS} {tail}"
                ),
            );
        }
        if let Some(m) = spec
            .max_failed_indexes
            .filter(|&m| m > MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS)
        {
            errs.invalid(
                &path.child("maxFailedIndexes"),
                Val::Int(m.into()),
                &format!("must be less than or equal to {MAX_FAILED_INDEXES_LIMIT_FOR_HIGH_COMPLETIONS} {tail}"),
            );
        }
    }
}

fn validate_pod_failure_policy_rule(
    spec: &JobSpec,
    rule: &PodFailurePolicyRule,
    path: &Path,
    container_names: &BTreeSet<&str>,
    errs: &mut Errs,
) {
    const ACTIONS: [&str; 4] = ["Count", "FailIndex", "FailJob", "Ignore"];
    let action_path = path.child("action");
    match rule.action.as_str() {
        "" => errs.required(
            &action_path,
            "valid values: [\"Count\" \"FailIndex\" \"FailJob\" \"Ignore\"]",
        ),
        "FailIndex" if spec.backoff_limit_per_index.is_none() => {
            errs.invalid(
                &action_path,
                Val::Typed("FailIndex"),
                "requires the backoffLimitPerIndex to be set",
            );
        }
        "FailIndex" => {}
        a if !ACTIONS.contains(&a) => errs.not_supported_val(&action_path, Val::Typed(a), &ACTIONS),
        _ => {}
    }
    if let Some(on_exit) = rule.on_exit_codes.as_ref() {
        validate_on_exit_codes(on_exit, &path.child("onExitCodes"), container_names, errs);
    }
    let conditions = rule.on_pod_conditions.as_deref().unwrap_or(&[]);
    if !conditions.is_empty() {
        let p = path.child("onPodConditions");
        if conditions.len() > MAX_ON_POD_CONDITIONS_PATTERNS {
            errs.too_many(&p, conditions.len(), MAX_ON_POD_CONDITIONS_PATTERNS);
        }
        for (j, pattern) in conditions.iter().enumerate() {
            let pp = p.index(j);
            for msg in is_qualified_name(&pattern.type_) {
                errs.invalid(&pp.child("type"), Val::Str(&pattern.type_), &msg);
            }
            match pattern.status.as_deref().unwrap_or("") {
                "" => errs.required(
                    &pp.child("status"),
                    "valid values: [\"False\" \"True\" \"Unknown\"]",
                ),
                "True" | "False" | "Unknown" => {}
                s => errs.not_supported_val(
                    &pp.child("status"),
                    Val::Typed(s),
                    &["False", "True", "Unknown"],
                ),
            }
        }
    }
    if rule.on_exit_codes.is_some() && !conditions.is_empty() {
        errs.invalid_omit(
            path,
            "specifying both OnExitCodes and OnPodConditions is not supported",
        );
    }
    if rule.on_exit_codes.is_none() && conditions.is_empty() {
        errs.invalid_omit(
            path,
            "specifying one of OnExitCodes and OnPodConditions is required",
        );
    }
}

/// Go's JSON of a `[]int32`. A nil and an empty list decode to the same model here; the empty
/// one (`[]`) is the common case, so both print that way (the server prints `null` for nil).
fn go_int32s(values: &[i32]) -> String {
    let items: Vec<String> = values.iter().map(i32::to_string).collect();
    format!("[{}]", items.join(","))
}

/// Go's JSON of the internal `batch.SuccessPolicy`, which has no JSON tags: Go field names, nil
/// pointers and an absent (nil) `rules` as `null`.
fn success_policy_json(policy: &SuccessPolicy) -> String {
    let Some(rules) = policy.rules.as_ref() else {
        return "{\"Rules\":null}".to_owned();
    };
    let rules: Vec<String> = rules
        .iter()
        .map(|r| {
            let indexes = r
                .succeeded_indexes
                .as_deref()
                .map_or_else(|| "null".to_owned(), go_json_string);
            let count = r
                .succeeded_count
                .map_or_else(|| "null".to_owned(), |c| c.to_string());
            format!("{{\"SucceededIndexes\":{indexes},\"SucceededCount\":{count}}}")
        })
        .collect();
    format!("{{\"Rules\":[{}]}}", rules.join(","))
}

fn validate_on_exit_codes(
    req: &PodFailurePolicyOnExitCodesRequirement,
    path: &Path,
    container_names: &BTreeSet<&str>,
    errs: &mut Errs,
) {
    let op_path = path.child("operator");
    match req.operator.as_str() {
        "" => errs.required(&op_path, "valid values: [\"In\" \"NotIn\"]"),
        "In" | "NotIn" => {}
        op => errs.not_supported_val(&op_path, Val::Typed(op), &["In", "NotIn"]),
    }
    if let Some(name) = req.container_name.as_deref() {
        if !container_names.contains(name) {
            errs.invalid(
                &path.child("containerName"),
                Val::Str(name),
                "must be one of the container or initContainer names in the pod template",
            );
        }
    }
    let values_path = path.child("values");
    let values = req.values.as_deref().unwrap_or_default();
    if values.is_empty() {
        // `field.Invalid` prints a slice as its JSON (k/k `apimachinery/pkg/util/validation/
        // field/errors.go`): a nil slice (absent or `null`) is `null`, an empty one `[]`.
        let shown = if req.values.is_none() { "null" } else { "[]" };
        errs.invalid(
            &values_path,
            Val::Raw(shown.to_owned()),
            "at least one value is required",
        );
    } else if values.len() > MAX_ON_EXIT_CODES_VALUES {
        errs.too_many(&values_path, values.len(), MAX_ON_EXIT_CODES_VALUES);
    }
    let mut ordered = true;
    let mut seen = BTreeSet::new();
    for (j, &value) in values.iter().enumerate() {
        let vp = values_path.index(j);
        if req.operator == "In" && value == 0 {
            errs.invalid(&vp, Val::Int(0), "must not be 0 for the In operator");
        }
        if !seen.insert(value) {
            errs.duplicate(&vp, Val::Int(value.into()));
        }
        if j > 0 && values.get(j - 1).is_some_and(|&prev| prev > value) {
            ordered = false;
        }
    }
    if !ordered {
        errs.invalid(&values_path, Val::Raw(go_int32s(values)), "must be ordered");
    }
}

fn validate_success_policy(spec: &JobSpec, path: &Path, errs: &mut Errs) {
    let Some(policy) = spec.success_policy.as_ref() else {
        return;
    };
    let rules_path = path.child("rules");
    let rules = policy.rules.as_deref().unwrap_or_default();
    if rules.is_empty() {
        errs.required(
            &rules_path,
            "at least one rules must be specified when the successPolicy is specified",
        );
    }
    if rules.len() > MAX_SUCCESS_POLICY_RULES {
        errs.too_many(&rules_path, rules.len(), MAX_SUCCESS_POLICY_RULES);
    }
    for (i, rule) in rules.iter().enumerate() {
        let rp = rules_path.index(i);
        if rule.succeeded_count.is_none() && rule.succeeded_indexes.is_none() {
            errs.required(
                &rp,
                "at least one of succeededCount or succeededIndexes must be specified",
            );
        }
        // An Indexed Job without completions already has a Required error; for a rule with
        // indexes or a count the server dereferences the nil pointer (and answers 500), so
        // those checks are skipped instead.
        let Some(completions) = spec.completions else {
            continue;
        };
        let mut total: i64 = 0;
        if let Some(indexes) = rule.succeeded_indexes.as_deref() {
            let ip = rp.child("succeededIndexes");
            if indexes.len() > MAX_SUCCEEDED_INDEXES_LENGTH {
                errs.too_long(&ip, MAX_SUCCEEDED_INDEXES_LENGTH);
            }
            match parse_intervals(indexes, completions) {
                Ok(intervals) => total = count(&intervals),
                Err(e) => errs.invalid(
                    &ip,
                    Val::Str(indexes),
                    &format!("error parsing succeededIndexes: {e}"),
                ),
            }
        }
        if let Some(c) = rule.succeeded_count {
            let cp = rp.child("succeededCount");
            errs.non_negative(&cp, c.into());
            if c > completions {
                errs.invalid(
                    &cp,
                    Val::Int(c.into()),
                    &format!("must be less than or equal to {completions} (the number of specified completions)"),
                );
            }
            if rule.succeeded_indexes.is_some() && i64::from(c) > total {
                errs.invalid(
                    &cp,
                    Val::Int(c.into()),
                    &format!("must be less than or equal to {total} (the number of indexes in the specified succeededIndexes field)"),
                );
            }
        }
    }
}
