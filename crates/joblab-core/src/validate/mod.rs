//! The API server's create-time validation of a `batch/v1` Job (after defaulting).
//!
//! Sources: k/k `pkg/apis/batch/validation/validation.go` (`ValidateJob`) and, for metadata and
//! the Pod template, `pkg/apis/core/validation/validation.go` and apimachinery's
//! `pkg/api/validation/objectmeta.go`, `pkg/apis/meta/v1/validation`. Errors are appended in the
//! server's order and none stops the others. Where the server iterates a Go map (labels,
//! resources) the order is random; here it is the keys' sorted order.

pub mod cronjob;
mod job;
mod meta;
pub mod names;
mod pod;
mod podjson;
pub mod quantity;
pub mod quote;

pub(crate) use pod::prepare_container;

use crate::api::api::batch::v1::Job;
use crate::diag::ErrorType;
use quote::{go_json_string, go_quote};

/// One validation error, before it is located in the source.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// The field path in API form: `spec.template.spec.containers[0].name`; map keys in brackets:
    /// `spec.template.metadata.labels[job-name]`.
    pub path: String,
    /// The error type.
    pub error_type: ErrorType,
    /// The detail in the server's wording; for invalid, unsupported and duplicate values it starts
    /// with the value as the server prints it (`-1: must be ...`, `"Always": supported values: ...`).
    pub detail: String,
}

/// Validates a defaulted Job the way the API server does on create. Returns every error found.
///
/// Identical messages are reported once, as the server's `ErrorList.ToAggregate` does when it
/// builds the response text (e.g. the two `job-name` label values of a too-long name).
pub fn validate_job(job: &Job) -> Vec<FieldError> {
    let mut errs = Errs::default();
    job::validate_job(job, &mut errs);
    errs.deduplicated()
}

/// Validates a defaulted CronJob ([`crate::defaults::apply_cronjob_defaults`]) the way the API
/// server does on create (`ValidateCronJobCreate`), its `spec.jobTemplate` as
/// `ValidateJobTemplateSpec` validates it. Identical messages are reported once, as for Jobs.
pub fn validate_cronjob(cronjob: &crate::api::api::batch::v1::CronJob) -> Vec<FieldError> {
    let mut errs = Errs::default();
    cronjob::validate_cronjob(cronjob, &mut errs);
    errs.deduplicated()
}

/// A field path being built, printed like `field.Path.String()`.
#[derive(Clone, Debug)]
pub(crate) struct Path(String);

impl Path {
    pub(crate) fn new(root: &str) -> Self {
        Path(root.to_owned())
    }
    pub(crate) fn child(&self, name: &str) -> Self {
        if self.0.is_empty() {
            return Path(name.to_owned());
        }
        Path(format!("{}.{name}", self.0))
    }
    pub(crate) fn index(&self, i: usize) -> Self {
        Path(format!("{}[{i}]", self.0))
    }
    pub(crate) fn key(&self, k: &str) -> Self {
        Path(format!("{}[{k}]", self.0))
    }
}

/// A value as the server prints it after `Invalid value: `.
pub(crate) enum Val<'a> {
    /// A Go string: printed with `%q`.
    Str(&'a str),
    /// An integer.
    Int(i64),
    /// A value of a named string type (`batch.CompletionMode`, `core.RestartPolicy`) or a
    /// `*string`: not a plain `string`, so 1.37's `ErrorBody` prints it as JSON.
    Typed(&'a str),
    /// Anything else, already formatted (Go's JSON of a struct, slice or map).
    Raw(String),
}

impl Val<'_> {
    fn render(&self) -> String {
        match self {
            Val::Str(s) => go_quote(s),
            Val::Int(n) => n.to_string(),
            Val::Typed(s) => go_json_string(s),
            Val::Raw(s) => s.clone(),
        }
    }
}

fn with_value(value: &Val<'_>, detail: &str) -> String {
    if detail.is_empty() {
        value.render()
    } else {
        format!("{}: {detail}", value.render())
    }
}

/// The error list being appended to, with the `field.*` constructors.
#[derive(Default)]
pub(crate) struct Errs(pub(crate) Vec<FieldError>);

impl Errs {
    /// The errors, each identical one once, as `ErrorList.ToAggregate` reports them.
    fn deduplicated(self) -> Vec<FieldError> {
        let mut out: Vec<FieldError> = Vec::with_capacity(self.0.len());
        for e in self.0 {
            if !out.contains(&e) {
                out.push(e);
            }
        }
        out
    }

    fn push(&mut self, path: &Path, error_type: ErrorType, detail: String) {
        self.0.push(FieldError {
            path: path.0.clone(),
            error_type,
            detail,
        });
    }
    pub(crate) fn required(&mut self, path: &Path, detail: &str) {
        self.push(path, ErrorType::Required, detail.to_owned());
    }
    pub(crate) fn invalid(&mut self, path: &Path, value: Val<'_>, detail: &str) {
        self.push(path, ErrorType::Invalid, with_value(&value, detail));
    }
    /// `field.Invalid` with `field.OmitValueType{}`: no value printed.
    pub(crate) fn invalid_omit(&mut self, path: &Path, detail: &str) {
        self.push(path, ErrorType::Invalid, detail.to_owned());
    }
    pub(crate) fn not_supported(&mut self, path: &Path, value: &str, valid: &[&str]) {
        self.not_supported_val(path, Val::Str(value), valid);
    }
    /// `field.NotSupported` for a value printed as `value` prints (the supported values always
    /// with `%q`).
    pub(crate) fn not_supported_val(&mut self, path: &Path, value: Val<'_>, valid: &[&str]) {
        let list: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
        let detail = format!("supported values: {}", list.join(", "));
        self.push(path, ErrorType::NotSupported, with_value(&value, &detail));
    }
    pub(crate) fn duplicate(&mut self, path: &Path, value: Val<'_>) {
        self.push(path, ErrorType::Duplicate, value.render());
    }
    pub(crate) fn forbidden(&mut self, path: &Path, detail: &str) {
        self.push(path, ErrorType::Forbidden, detail.to_owned());
    }
    pub(crate) fn not_found(&mut self, path: &Path, value: Val<'_>) {
        self.push(path, ErrorType::NotFound, value.render());
    }
    /// `field.TooLong`: the value is never printed.
    pub(crate) fn too_long(&mut self, path: &Path, max: usize) {
        let unit = if max == 1 { "byte" } else { "bytes" };
        self.push(
            path,
            ErrorType::TooLong,
            format!("may not be more than {max} {unit}"),
        );
    }
    pub(crate) fn too_many(&mut self, path: &Path, actual: usize, max: usize) {
        let unit = if max == 1 { "item" } else { "items" };
        self.push(
            path,
            ErrorType::TooMany,
            format!("{actual}: must have at most {max} {unit}"),
        );
    }
    /// `ValidateNonnegativeField`.
    pub(crate) fn non_negative(&mut self, path: &Path, value: i64) {
        if value < 0 {
            self.invalid(path, Val::Int(value), "must be greater than or equal to 0");
        }
    }
}

/// Go's `encoding/json` of a `map[string]string`, as 1.37 prints a map bad value: `null` for a
/// nil map, keys sorted.
pub(crate) fn go_map(map: Option<&std::collections::BTreeMap<String, String>>) -> String {
    match map {
        None => "null".to_owned(),
        Some(m) => {
            let items: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", go_json_string(k), go_json_string(v)))
                .collect();
            format!("{{{}}}", items.join(","))
        }
    }
}
