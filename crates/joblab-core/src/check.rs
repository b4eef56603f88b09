//! The whole check of a manifest file: YAML, strict decoding, warnings, defaulting, validation,
//! and a source position for every diagnostic. Pure, so the browser and the CLI share it.
//!
//! For each document of the stream:
//!
//! 1. parse (a syntax error or exceeded limit ends the stream);
//! 2. a document that is not a `batch/v1` Job gets one note and nothing else;
//! 3. decode strictly into the Job model (unknown, duplicate and mistyped fields);
//! 4. unless a value had the wrong type (the API server could not have decoded the document):
//!    warnings on the Job as written ([`crate::warnings::job_warnings`]), then defaulting of a copy
//!    ([`crate::defaults::apply_defaults`]) and validation of that effective Job
//!    ([`crate::validate::validate_job`]), as the API server validates after defaulting;
//! 5. every field error is located in the source ([`crate::decode::locate`]).

use crate::api::api::batch::v1::Job;
use crate::decode::{decode_job, locate};
use crate::diag::{Diagnostic, ErrorType, LineCol, LineIndex, Severity, Span};
use crate::yaml::{parse_stream, Node, Value};

/// A diagnostic with its 1-based start and end positions.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LocatedDiagnostic {
    /// The diagnostic.
    pub diagnostic: Diagnostic,
    /// Line and column of the first character.
    pub start: LineCol,
    /// Line and column just past the last character.
    pub end: LineCol,
}

/// The outcome for one document of the stream.
#[derive(Clone, Debug)]
pub struct DocumentReport {
    /// 0-based position of the document in the stream (empty documents count too).
    pub index: usize,
    /// The document's `kind`, when it has one.
    pub kind: Option<String>,
    /// The document's `apiVersion`, when it has one.
    pub api_version: Option<String>,
    /// `metadata.name`, or else `metadata.generateName`.
    pub name: Option<String>,
    /// Where the document is in the source.
    pub span: Span,
    /// No diagnostic of this document is an error.
    pub valid: bool,
    /// Every diagnostic, sorted by position (stable, so the server's order holds within one).
    pub diagnostics: Vec<LocatedDiagnostic>,
    /// The Job as decoded (before defaulting), for `batch/v1` Job documents.
    pub job: Option<Job>,
    /// The Job after API-server defaulting, when the document decoded without type errors.
    pub effective: Option<Job>,
}

/// The outcome for a whole stream.
#[derive(Clone, Debug, Default)]
pub struct CheckReport {
    /// One report per non-empty document, in order.
    pub documents: Vec<DocumentReport>,
}

impl CheckReport {
    /// How many diagnostics of severity `severity` the stream has.
    pub fn count(&self, severity: Severity) -> usize {
        self.documents
            .iter()
            .flat_map(|d| &d.diagnostics)
            .filter(|d| d.diagnostic.severity == severity)
            .count()
    }

    /// Whether any document has an error.
    pub fn has_errors(&self) -> bool {
        self.documents.iter().any(|d| !d.valid)
    }
}

/// The UID Joblab gives a Job for defaulting. The API server makes a random UUID; Joblab must be
/// deterministic, so it derives a UUID-shaped value from the name with 128-bit FNV-1a: the same
/// name always gets the same UID, and so the same generated selector and labels.
pub fn fake_uid(name: &str) -> String {
    let mut hash: u128 = 0x6c62_272e_07bb_0142_62b8_2175_6295_c58d;
    for byte in name.bytes() {
        hash ^= u128::from(byte);
        hash = hash.wrapping_mul(0x0000_0000_0100_0000_0000_0000_0000_013b);
    }
    let hex = format!("{hash:032x}");
    // Shaped like a version-4 UUID, as the server's are.
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}

/// Checks a file's bytes, as the CLI reads them: input that is too large or not UTF-8 text gets
/// its one diagnostic ([`crate::limits::text_from_bytes`]), located in the valid text before
/// it; anything else goes through [`check_source`]. Never panics.
pub fn check_bytes(bytes: &[u8]) -> CheckReport {
    match crate::limits::text_from_bytes(bytes) {
        Ok(text) => check_source(text),
        Err(diagnostic) => {
            let valid = bytes.get(..diagnostic.span.start).unwrap_or_default();
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let lines = LineIndex::new(prefix);
            let mut report = DocumentReport {
                index: 0,
                kind: None,
                api_version: None,
                name: None,
                span: Span::new(0, prefix.len()),
                valid: false,
                diagnostics: Vec::new(),
                job: None,
                effective: None,
            };
            finish(prefix, &lines, &mut report, vec![diagnostic]);
            CheckReport {
                documents: vec![report],
            }
        }
    }
}

/// Checks a whole manifest stream. Never panics.
pub fn check_source(text: &str) -> CheckReport {
    let lines = LineIndex::new(text);
    let stream = parse_stream(text);
    let mut documents = Vec::new();
    for doc in &stream.documents {
        let mut report = DocumentReport {
            index: doc.index,
            kind: None,
            api_version: None,
            name: None,
            span: doc.span,
            valid: true,
            diagnostics: Vec::new(),
            job: None,
            effective: None,
        };
        let mut diagnostics = Vec::new();
        if let Some(error) = &doc.error {
            diagnostics.push(error.clone());
        } else {
            match &doc.root {
                None => continue,
                Some(root) if root.value == Value::Null => continue,
                Some(root) => check_document(text, root, &mut report, &mut diagnostics),
            }
        }
        finish(text, &lines, &mut report, diagnostics);
        documents.push(report);
    }
    if documents.is_empty() {
        let mut report = DocumentReport {
            index: 0,
            kind: None,
            api_version: None,
            name: None,
            span: Span::new(0, text.len()),
            valid: true,
            diagnostics: Vec::new(),
            job: None,
            effective: None,
        };
        let diagnostic = Diagnostic::error(
            "",
            ErrorType::Required,
            "the input holds no YAML document (it is empty or only comments); expected a batch/v1 Job manifest",
            Span::new(0, 0),
        );
        finish(text, &lines, &mut report, vec![diagnostic]);
        documents.push(report);
    }
    CheckReport { documents }
}

fn finish(
    text: &str,
    lines: &LineIndex,
    report: &mut DocumentReport,
    mut diagnostics: Vec<Diagnostic>,
) {
    diagnostics.sort_by_key(|d| d.span.start);
    report.valid = !diagnostics.iter().any(|d| d.severity == Severity::Error);
    report.diagnostics = diagnostics
        .into_iter()
        .map(|diagnostic| LocatedDiagnostic {
            start: lines.line_col(text, diagnostic.span.start),
            end: lines.line_col(text, diagnostic.span.end),
            diagnostic: diagnostic.escaped(),
        })
        .collect();
}

fn article(word: &str) -> &'static str {
    if word.starts_with(['a', 'e', 'i', 'o', 'u', 'A', 'E', 'I', 'O', 'U']) {
        "an"
    } else {
        "a"
    }
}

/// The first infinite or NaN value of the tree, in document order, with its span. Keys do not
/// count: `sigs.k8s.io/yaml` turns a key `.inf` into the string `"+Inf"`.
fn first_non_finite(node: &Node) -> Option<(f64, crate::diag::Span)> {
    match &node.value {
        Value::Float(f) if !f.is_finite() => Some((*f, node.span)),
        Value::Sequence(items) => items.iter().find_map(first_non_finite),
        Value::Mapping(entries) => entries.iter().find_map(|(_, v)| first_non_finite(v)),
        _ => None,
    }
}

fn check_document(
    text: &str,
    root: &Node,
    report: &mut DocumentReport,
    diagnostics: &mut Vec<Diagnostic>,
) {
    if root.as_mapping().is_none() {
        let given = match &root.value {
            Value::Sequence(_) => {
                "a list; write each object as its own document, separated by ---".to_owned()
            }
            Value::String(s) => format!("the text {s:?}"),
            _ => format!(
                "the value {}",
                text.get(root.span.start..root.span.end).unwrap_or("")
            ),
        };
        diagnostics.push(Diagnostic::error(
            "",
            ErrorType::TypeError,
            format!("expected a Kubernetes object (a mapping with apiVersion, kind, metadata and spec), got {given}"),
            root.span,
        ));
        return;
    }
    // An empty kind or apiVersion is no kind at all: kubectl's decoder says `Object 'Kind' is
    // missing` for `kind: ""` as for no kind.
    let string_at = |key: &str| {
        root.get(key)
            .and_then(Node::as_str)
            .filter(|s| !s.is_empty())
            .map(|s| crate::escape::line(s).into_owned())
    };
    report.kind = string_at("kind");
    report.api_version = string_at("apiVersion");
    let metadata = root.get("metadata");
    report.name = metadata
        .and_then(|m| {
            m.get("name")
                .and_then(Node::as_str)
                .or_else(|| m.get("generateName").and_then(Node::as_str))
        })
        .map(|s| crate::escape::line(s).into_owned());

    let kind_span = root
        .get("kind")
        .map_or_else(|| locate(root, ""), |n| n.span);
    // kubectl turns every document into JSON before it looks at its kind, and JSON has no
    // infinity or NaN (`error converting YAML to JSON: json: unsupported value: +Inf`), so such a
    // document is never sent, whatever it is. A Job's decoder reports these numbers at their
    // field; any other document would otherwise pass as merely skipped.
    let is_job =
        report.api_version.as_deref() == Some("batch/v1") && report.kind.as_deref() == Some("Job");
    if !is_job {
        if let Some((f, span)) = first_non_finite(root) {
            let shown = crate::yaml::format_float(f);
            diagnostics.push(Diagnostic::error(
                "",
                ErrorType::TypeError,
                format!("kubectl cannot send this document: {shown} has no JSON form (error converting YAML to JSON: json: unsupported value: {shown})"),
                span,
            ));
            return;
        }
    }
    match (report.api_version.as_deref(), report.kind.as_deref()) {
        (Some("batch/v1"), Some("Job")) => {}
        (api_version, None) => {
            let (detail, span) = if root.get("kind").is_some() {
                ("kind must be a string such as Job".to_owned(), kind_span)
            } else {
                (
                    "every Kubernetes object needs a kind; for a Job write `kind: Job`".to_owned(),
                    locate(root, ""),
                )
            };
            diagnostics.push(Diagnostic::error("kind", ErrorType::Required, detail, span));
            if api_version.is_none() {
                diagnostics.push(Diagnostic::error(
                    "apiVersion",
                    ErrorType::Required,
                    "every Kubernetes object needs an apiVersion; for a Job write `apiVersion: batch/v1`",
                    locate(root, ""),
                ));
            }
            return;
        }
        (None, Some(kind)) => {
            let detail = if kind == "Job" {
                "every Kubernetes object needs an apiVersion; for a Job write `apiVersion: batch/v1`".to_owned()
            } else {
                format!(
                    "every Kubernetes object needs an apiVersion (this document is {} {kind})",
                    article(kind)
                )
            };
            diagnostics.push(Diagnostic::error(
                "apiVersion",
                ErrorType::Required,
                detail,
                kind_span,
            ));
            return;
        }
        (Some(api_version), Some("Job")) => {
            let group = api_version.split_once('/').map_or("", |(g, _)| g);
            let detail = if group == "batch" {
                format!("skipped: {api_version} is not a served version of Job; Joblab checks batch/v1 Jobs (write `apiVersion: batch/v1`)")
            } else {
                let group = if group.is_empty() { "core" } else { group };
                format!("skipped: this document is a Job of the API group {group} ({api_version}), not a batch/v1 Job")
            };
            diagnostics.push(note(
                "apiVersion",
                detail,
                root.get("apiVersion").map_or(kind_span, |n| n.span),
            ));
            return;
        }
        (Some(api_version), Some(kind)) => {
            diagnostics.push(note(
                "",
                format!(
                    "skipped: this document is {} {api_version} {kind}, not a batch/v1 Job",
                    article(api_version)
                ),
                kind_span,
            ));
            return;
        }
    }

    let decoded = decode_job(text, root);
    diagnostics.extend(decoded.diagnostics);
    let Some(job) = decoded.value else {
        return;
    };
    if !decoded.has_type_errors {
        for warning in crate::warnings::job_warnings(&job) {
            let span = locate(root, &warning.path);
            diagnostics.push(Diagnostic::warning(warning.path, warning.detail, span));
        }
        let mut effective = job.clone();
        let uid = fake_uid(report.name.as_deref().unwrap_or(""));
        crate::defaults::apply_defaults(&mut effective, &uid);
        for error in crate::validate::validate_job(&effective) {
            let span = locate(root, &error.path);
            let severity = if error.error_type == ErrorType::Advice {
                Severity::Warning
            } else {
                Severity::Error
            };
            diagnostics.push(Diagnostic {
                severity,
                path: error.path,
                error_type: error.error_type,
                detail: error.detail,
                span,
            });
        }
        report.effective = Some(effective);
    }
    report.job = Some(job);
}

fn note(path: &str, detail: String, span: Span) -> Diagnostic {
    Diagnostic {
        severity: Severity::Note,
        path: path.to_owned(),
        error_type: ErrorType::Advice,
        detail,
        span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fake_uid_is_deterministic_and_uuid_shaped() {
        let a = fake_uid("pi");
        assert_eq!(a, fake_uid("pi"));
        assert_ne!(a, fake_uid("pj"));
        assert_eq!(a.len(), 36);
        assert_eq!(a.as_bytes()[14], b'4');
        assert_eq!(a.matches('-').count(), 4);
    }
}
