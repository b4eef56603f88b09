//! The whole check of a manifest file: YAML, strict decoding, warnings, defaulting, validation,
//! and a source position for every diagnostic. Pure, so the browser and the CLI share it.
//!
//! For each document of the stream:
//!
//! 1. parse (a syntax error or exceeded limit ends the stream);
//! 2. a document that is not a `batch/v1` Job or CronJob gets one note and nothing else (a
//!    CronJob goes through the same steps with its own rules, [`cronjob`]);
//! 3. decode strictly into the Job model (unknown, duplicate and mistyped fields);
//! 4. unless a value had the wrong type (the API server could not have decoded the document):
//!    warnings on the Job as written ([`crate::warnings::job_warnings`]), then defaulting of a copy
//!    ([`crate::defaults::apply_defaults`]) and validation of that effective Job
//!    ([`crate::validate::validate_job`]), as the API server validates after defaulting;
//! 5. every field error is located in the source ([`crate::decode::locate`]).

mod cronjob;

use crate::api::api::batch::v1::{CronJob, Job};
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
    /// The Job as decoded (before defaulting), for `batch/v1` Job documents; for a CronJob, the
    /// Job its controller creates from `spec.jobTemplate` (named as the controller names it).
    pub job: Option<Job>,
    /// The Job after API-server defaulting, when the document decoded without type errors. For a
    /// CronJob, the Job its controller would create from `spec.jobTemplate`.
    pub effective: Option<Job>,
    /// The CronJob as decoded (before defaulting), for `batch/v1` CronJob documents.
    pub cronjob: Option<CronJob>,
    /// The CronJob after API-server defaulting, when it decoded without type errors.
    pub effective_cronjob: Option<CronJob>,
    /// For an object inside a `kind: List` document, its 0-based position in `items`.
    pub item: Option<usize>,
    /// The chart file that `helm template` names in the document's `# Source:` comment.
    pub source: Option<String>,
    /// The document is of a kind Joblab does not check (its one diagnostic is a note that says
    /// so); front ends may reject such documents instead.
    pub skipped: bool,
}

impl DocumentReport {
    /// An empty report for the document at `index`, spanning `span`.
    fn new(index: usize, span: Span) -> DocumentReport {
        DocumentReport {
            index,
            kind: None,
            api_version: None,
            name: None,
            span,
            valid: true,
            diagnostics: Vec::new(),
            job: None,
            effective: None,
            cronjob: None,
            effective_cronjob: None,
            item: None,
            source: None,
            skipped: false,
        }
    }
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
            let mut report = DocumentReport::new(0, Span::new(0, prefix.len()));
            finish(prefix, &lines, &mut report, vec![diagnostic]);
            CheckReport {
                documents: vec![report],
            }
        }
    }
}

/// Checks a whole manifest stream. Never panics.
pub fn check_source(text: &str) -> CheckReport {
    let (mut report, _) = check_part(text);
    if report.documents.is_empty() {
        report.documents.push(no_document(text));
    }
    report
}

/// The report of a stream without any document: one error that says so.
fn no_document(text: &str) -> DocumentReport {
    let lines = LineIndex::new(text);
    let mut report = DocumentReport::new(0, Span::new(0, text.len()));
    let diagnostic = Diagnostic::error(
        "",
        ErrorType::Required,
        "the input holds no YAML document (it is empty or only comments); expected a batch/v1 Job manifest",
        Span::new(0, 0),
    );
    finish(text, &lines, &mut report, vec![diagnostic]);
    report
}

/// Checks every document of `text` (a document that is a `kind: List` gives one report per
/// item), without the empty-stream error, and says how many documents the stream had, empty
/// ones included, so a chunked check can number documents as the whole stream does.
fn check_part(text: &str) -> (CheckReport, usize) {
    let lines = LineIndex::new(text);
    let stream = parse_stream(text);
    let mut documents = Vec::new();
    let mut previous_end = 0;
    for doc in &stream.documents {
        // `helm template` writes `# Source: <chart file>` between a document's `---` and its
        // content, so the comment lies after the previous document and before this one's root.
        let content_start = doc.root.as_ref().map_or(doc.span.end, |r| r.span.start);
        let source = helm_source(text.get(previous_end..content_start).unwrap_or(""));
        previous_end = previous_end.max(doc.span.end);
        let mut report = DocumentReport::new(doc.index, doc.span);
        report.source.clone_from(&source);
        if let Some(error) = &doc.error {
            finish(text, &lines, &mut report, vec![error.clone()]);
            documents.push(report);
            continue;
        }
        let root = match &doc.root {
            None => continue,
            Some(root) if root.value == Value::Null => continue,
            Some(root) => root,
        };
        match list_items(root) {
            None => {
                let mut diagnostics = Vec::new();
                check_document(text, root, &mut report, &mut diagnostics);
                finish(text, &lines, &mut report, diagnostics);
                documents.push(report);
            }
            Some(Err(diagnostic)) => {
                report.kind = list_kind(root);
                finish(text, &lines, &mut report, vec![diagnostic]);
                documents.push(report);
            }
            Some(Ok(items)) => {
                if items.is_empty() {
                    // Nothing to check is not an error: kubectl applies an empty List happily.
                    report.kind = list_kind(root);
                    report.skipped = true;
                    let span = root.get("kind").map_or(root.span, |n| n.span);
                    let detail = "skipped: this List has no items".to_owned();
                    finish(text, &lines, &mut report, vec![note("items", detail, span)]);
                    documents.push(report);
                }
                for (i, item) in items.iter().enumerate() {
                    let mut report = DocumentReport::new(doc.index, item.span);
                    report.item = Some(i);
                    report.source.clone_from(&source);
                    let mut diagnostics = Vec::new();
                    check_document(text, item, &mut report, &mut diagnostics);
                    finish(text, &lines, &mut report, diagnostics);
                    documents.push(report);
                }
            }
        }
    }
    (CheckReport { documents }, stream.documents.len())
}

/// The chart file of the last `# Source: <path>` comment line in `between` (the text between
/// two documents), as `helm template` writes them.
fn helm_source(between: &str) -> Option<String> {
    between
        .lines()
        .filter_map(|line| line.trim().strip_prefix("# Source:"))
        .map(str::trim)
        .rfind(|path| !path.is_empty())
        .map(|path| crate::escape::line(path).into_owned())
}

/// A list document's `kind`, escaped for one line like every kind in reports.
fn list_kind(root: &Node) -> Option<String> {
    root.get("kind")
        .and_then(Node::as_str)
        .map(|k| crate::escape::line(k).into_owned())
}

/// The items of a list object (`kind: List`, or any kind ending in `List` that has `items`, as
/// kubectl's `meta.IsListType` reads them): `None` when `root` is not a list, an error when its
/// `items` is not a sequence.
fn list_items(root: &Node) -> Option<Result<&[Node], Diagnostic>> {
    let kind = root.get("kind").and_then(Node::as_str)?;
    let items = root.get("items");
    if kind != "List" && !(kind.ends_with("List") && items.is_some()) {
        return None;
    }
    Some(match items {
        None => Ok(&[]),
        Some(node) if node.value == Value::Null => Ok(&[]),
        Some(node) => node.as_sequence().ok_or_else(|| {
            Diagnostic::error(
                "items",
                ErrorType::TypeError,
                format!("expected a list of objects in the items of a {kind}"),
                node.span,
            )
        }),
    })
}

/// The most documents one chunk of a long stream holds in [`check_stream_bytes`], well below
/// [`crate::limits::MAX_DOCUMENTS`].
const CHUNK_DOCUMENTS: usize = crate::limits::MAX_DOCUMENTS / 2;

/// The size after which [`check_stream_bytes`] starts a new chunk at the next document,
/// half of [`crate::limits::MAX_INPUT_BYTES`].
const CHUNK_BYTES: usize = crate::limits::MAX_INPUT_BYTES / 2;

/// Checks a stream of any length, as CI pipelines pipe whole `helm template` or `kustomize
/// build` outputs: the stream is cut at document markers (`---` at the start of a line, which
/// YAML forbids inside any value, so the cut never changes a document) into chunks within the
/// limits of [`check_bytes`], and each chunk is checked on its own. Every limit then holds per
/// chunk, so a long stream costs time in proportion to its length; one document larger than
/// [`crate::limits::MAX_INPUT_BYTES`] still gets that limit's error. Positions, document numbers
/// and spans are those of the whole stream. A stream within the limits is checked by
/// [`check_bytes`] unchanged. Never panics.
pub fn check_stream_bytes(bytes: &[u8]) -> CheckReport {
    let (cuts, markers) = chunk_starts(bytes);
    if bytes.len() <= crate::limits::MAX_INPUT_BYTES && markers < crate::limits::MAX_DOCUMENTS {
        return check_bytes(bytes);
    }
    let mut documents = Vec::new();
    let (mut document_offset, mut line_offset, mut counted_to) = (0, 0, 0);
    for (n, &start) in cuts.iter().enumerate() {
        let end = cuts.get(n + 1).copied().unwrap_or(bytes.len());
        let chunk = bytes.get(start..end).unwrap_or_default();
        line_offset += bytes
            .get(counted_to..start)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        counted_to = start;
        let (part, count) = match crate::limits::text_from_bytes(chunk) {
            Ok(text) => check_part(text),
            Err(_) => (check_bytes(chunk), 1),
        };
        for mut report in part.documents {
            report.index += document_offset;
            report.span = shift(report.span, start);
            for d in &mut report.diagnostics {
                d.diagnostic.span = shift(d.diagnostic.span, start);
                d.start.line += line_offset;
                d.end.line += line_offset;
            }
            documents.push(report);
        }
        document_offset += count;
    }
    if documents.is_empty() {
        documents.push(no_document(""));
    }
    CheckReport { documents }
}

fn shift(span: Span, by: usize) -> Span {
    Span::new(span.start + by, span.end + by)
}

/// Where the chunks of [`check_stream_bytes`] start: always 0, then at document marker lines,
/// grouping whole documents so that a chunk holds at most [`CHUNK_DOCUMENTS`] markers and, unless
/// one document alone is larger, at most [`CHUNK_BYTES`] bytes; a document larger than that gets
/// a chunk of its own, so its limit error spares its neighbours. A cut moves back over directive
/// lines (`%YAML`), which belong to the document after them. Also returns how many marker lines
/// the stream has.
fn chunk_starts(bytes: &[u8]) -> (Vec<usize>, usize) {
    // Where each document (after the first) starts: its marker line, or the directives above it.
    let mut document_starts = Vec::new();
    let mut directives_from: Option<usize> = None;
    let mut line_start = 0;
    while line_start < bytes.len() {
        let rest = bytes.get(line_start..).unwrap_or_default();
        let line_len = rest
            .iter()
            .position(|&b| b == b'\n')
            .map_or(rest.len(), |p| p + 1);
        let is_marker = rest.starts_with(b"---")
            && rest
                .get(3)
                .is_none_or(|b| matches!(b, b' ' | b'\t' | b'\r' | b'\n'));
        if is_marker {
            document_starts.push(directives_from.unwrap_or(line_start));
        }
        directives_from = if rest.starts_with(b"%") {
            directives_from.or(Some(line_start))
        } else {
            None
        };
        line_start += line_len;
    }
    let markers = document_starts.len();
    let mut starts = vec![0];
    let mut in_chunk = 0;
    for (n, &start) in document_starts.iter().enumerate() {
        let chunk_start = starts.last().copied().unwrap_or(0);
        let next = document_starts.get(n + 1).copied().unwrap_or(bytes.len());
        let full = in_chunk >= CHUNK_DOCUMENTS || next - chunk_start > CHUNK_BYTES;
        if start > chunk_start && full {
            starts.push(start);
            in_chunk = 0;
        }
        in_chunk += 1;
    }
    (starts, markers)
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
    let is_job = report.api_version.as_deref() == Some("batch/v1")
        && matches!(report.kind.as_deref(), Some("Job" | "CronJob"));
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
        (Some("batch/v1"), Some("CronJob")) => {
            cronjob::check_cronjob(text, root, report, diagnostics);
            return;
        }
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
            report.skipped = true;
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
            report.skipped = true;
            return;
        }
    }

    check_job(text, root, report, diagnostics);
}

/// Decodes, warns, defaults and validates the Job document at `node`, filling `report.job` and
/// `report.effective`.
fn check_job(
    text: &str,
    node: &Node,
    report: &mut DocumentReport,
    diagnostics: &mut Vec<Diagnostic>,
) {
    let decoded = decode_job(text, node);
    diagnostics.extend(decoded.diagnostics);
    let Some(job) = decoded.value else {
        return;
    };
    if !decoded.has_type_errors {
        push_located(node, crate::warnings::job_warnings(&job), diagnostics);
        let mut effective = job.clone();
        let uid = fake_uid(report.name.as_deref().unwrap_or(""));
        crate::defaults::apply_defaults(&mut effective, &uid);
        push_located(node, crate::validate::validate_job(&effective), diagnostics);
        report.effective = Some(effective);
    }
    report.job = Some(job);
}

/// Locates each finding at its path under `node`: an error, unless it is advice (a warning).
fn push_located(
    node: &Node,
    findings: Vec<crate::validate::FieldError>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for finding in findings {
        let severity = if finding.error_type == ErrorType::Advice {
            Severity::Warning
        } else {
            Severity::Error
        };
        diagnostics.push(Diagnostic {
            severity,
            span: locate(node, &finding.path),
            path: finding.path,
            error_type: finding.error_type,
            detail: finding.detail,
        });
    }
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
