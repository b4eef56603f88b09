//! Compares what Joblab says about a manifest with what the oracle (the Kubernetes code) says, per
//! document and per category. A difference is either an agreement, one of the accepted
//! differences of [`crate::accepted`] (each checked, never assumed), or a disagreement.

use std::collections::BTreeSet;
use std::fmt::Write as _;

use joblab_core::api::schema::{Kind, CRONJOB, JOB, TYPES};
use joblab_core::check::{check_source, CheckReport, DocumentReport};
use joblab_core::decode::{parse_path, PathSegment};
use joblab_core::diag::{ErrorType, Severity};
use joblab_core::validate::quantity::{parse as parse_quantity, ERR_FORMAT_WRONG};
use joblab_core::yaml::{parse_stream, Node, Stream};
use serde_json::Value as J;

use crate::accepted::Accepted;
use crate::answer::{CaseAnswer, DocumentAnswer, ORACLE_NAME_SUFFIX, ORACLE_UID};

/// What is compared.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Category {
    /// Accepted or rejected.
    Verdict,
    /// The set of (field path, error type, detail) triples.
    Errors,
    /// The server's warnings (Joblab's own advice is not compared).
    Warnings,
    /// The Job after defaulting, as JSON, generated values normalised.
    Defaults,
}

impl Category {
    /// Every category, in report order.
    pub const ALL: [Category; 4] = [
        Category::Verdict,
        Category::Errors,
        Category::Warnings,
        Category::Defaults,
    ];

    /// The name used in reports.
    pub const fn name(self) -> &'static str {
        match self {
            Category::Verdict => "verdict",
            Category::Errors => "errors",
            Category::Warnings => "warnings",
            Category::Defaults => "defaults",
        }
    }
}

/// The outcome of one category for one document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Both say the same.
    Agree,
    /// They differ in one of the listed, accepted ways (checked to be exactly that).
    Explained(Accepted),
    /// Not comparable for this document (e.g. no defaults when the Job is rejected).
    NotApplicable,
    /// They differ: the explanation says how.
    Disagree(String),
}

/// The comparison of one document.
#[derive(Clone, Debug)]
pub struct DocumentComparison {
    /// The document's index in the stream.
    pub index: usize,
    /// One outcome per category, in [`Category::ALL`] order.
    pub outcomes: Vec<(Category, Outcome)>,
}

/// The comparison of one case (one YAML text).
#[derive(Clone, Debug)]
pub struct CaseComparison {
    /// Per document.
    pub documents: Vec<DocumentComparison>,
    /// A mismatch of the documents themselves (one side has a document the other lacks).
    pub structure: Option<String>,
}

impl CaseComparison {
    /// Whether any category of any document disagrees.
    pub fn disagrees(&self) -> bool {
        self.structure.is_some()
            || self
                .documents
                .iter()
                .flat_map(|d| &d.outcomes)
                .any(|(_, o)| matches!(o, Outcome::Disagree(_)))
    }

    /// Every disagreement, one line each.
    pub fn explain(&self) -> String {
        let mut out = String::new();
        if let Some(s) = &self.structure {
            let _ = writeln!(out, "documents: {s}");
        }
        for d in &self.documents {
            for (category, outcome) in &d.outcomes {
                if let Outcome::Disagree(why) = outcome {
                    let _ = writeln!(out, "document {} {}: {why}", d.index, category.name());
                }
            }
        }
        out
    }
}

/// Checks `yaml` with Joblab and compares the result with the oracle's `answer`.
pub fn compare_case(yaml: &str, answer: &CaseAnswer) -> CaseComparison {
    let report = check_source(yaml);
    compare_report(&report, &parse_stream(yaml), answer)
}

/// Compares a Joblab report with the oracle's answer for the same text, parsed as `source`
/// (whose nodes give the values Joblab's type errors are about).
pub fn compare_report(
    report: &CheckReport,
    source: &Stream,
    answer: &CaseAnswer,
) -> CaseComparison {
    let mut documents = Vec::new();
    let mut structure = None;
    let sent: Vec<&DocumentAnswer> = answer.documents.iter().filter(|d| !d.skipped).collect();
    // kubectl stops at the first document it cannot parse, Joblab at the first syntax error: both
    // answer the documents before it, so those are compared one to one.
    for oracle in &sent {
        let Some(joblab) = report.documents.iter().find(|d| d.index == oracle.index) else {
            structure = Some(format!(
                "the oracle answers document {} and Joblab has no report for it",
                oracle.index
            ));
            continue;
        };
        let root = source
            .documents
            .iter()
            .find(|d| d.index == oracle.index)
            .and_then(|d| d.root.as_ref());
        documents.push(compare_document(joblab, root, oracle));
    }
    for joblab in &report.documents {
        let known = answer.documents.iter().any(|d| d.index == joblab.index);
        if !known
            && joblab
                .diagnostics
                .iter()
                .all(|d| d.diagnostic.error_type != ErrorType::SyntaxError)
        {
            structure.get_or_insert_with(|| {
                format!(
                    "Joblab reports document {} and the oracle has no answer for it",
                    joblab.index
                )
            });
        }
    }
    CaseComparison {
        documents,
        structure,
    }
}

/// The errors of a Joblab report, split the way the server's answer is split.
#[derive(Default)]
struct JoblabErrors {
    syntax: bool,
    unknown: BTreeSet<String>,
    duplicate: Vec<String>,
    type_errors: BTreeSet<String>,
    validation: BTreeSet<(String, String)>,
    other: Vec<String>,
}

fn joblab_errors(doc: &DocumentReport) -> JoblabErrors {
    let mut out = JoblabErrors::default();
    for located in &doc.diagnostics {
        let d = &located.diagnostic;
        if d.severity != Severity::Error {
            continue;
        }
        match d.error_type {
            ErrorType::SyntaxError => out.syntax = true,
            ErrorType::UnknownField => {
                out.unknown.insert(d.path.clone());
            }
            ErrorType::DuplicateField => out.duplicate.push(d.path.clone()),
            ErrorType::TypeError => {
                out.type_errors.insert(d.path.clone());
            }
            ErrorType::LimitExceeded | ErrorType::Advice => {
                out.other
                    .push(format!("{}: {}: {}", d.path, d.error_type, d.detail));
            }
            _ => {
                out.validation
                    .insert((d.path.clone(), body(d.error_type, &d.detail)));
            }
        }
    }
    out
}

/// `field.Error.ErrorBody()` from Joblab's parts: the type, then `: detail` unless it is empty.
fn body(error_type: ErrorType, detail: &str) -> String {
    if detail.is_empty() {
        error_type.as_str().to_owned()
    } else {
        format!("{}: {detail}", error_type.as_str())
    }
}

/// `spec.template.spec.containers[0].image` without its indices, as Go's json errors name fields.
fn without_indices(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => depth += 1,
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The field path of a Go json type error: `json: cannot unmarshal string into Go struct field
/// JobSpec.spec.parallelism of type int32` names `spec.parallelism` after the struct's name.
///
/// Go's decoder names an embedded (inline) struct by its Go type in the path
/// (`EphemeralContainer.spec.template.spec.ephemeralContainers.EphemeralContainerCommon.name`,
/// `...configMapKeyRef.LocalObjectReference.name`), though JSON has no such level. Go type names
/// start with an uppercase letter and the JSON names of the Job's fields never do, so those
/// segments are dropped.
fn type_error_path(decode_error: &str) -> Option<String> {
    let rest = decode_error.split("Go struct field ").nth(1)?;
    let field = rest.split(" of type ").next()?;
    let (_, path) = field.split_once('.')?;
    let segments: Vec<&str> = path
        .split('.')
        .filter(|s| !s.starts_with(|c: char| c.is_ascii_uppercase()))
        .collect();
    Some(segments.join("."))
}

/// A decode error that a type's own `UnmarshalJSON` returned, which names no field.
#[derive(Debug, PartialEq, Eq)]
enum Aborting<'a> {
    /// `metav1.Time`: `parsing time "bad-time" as "2006-01-02T15:04:05Z07:00": cannot parse
    /// ...`, or `parsing time "...": month out of range`. Holds the text after `parsing time `.
    Time(&'a str),
    /// `resource.Quantity`: `quantities must match the regular expression '...'`.
    Quantity,
}

fn aborting(decode_error: &str) -> Option<Aborting<'_>> {
    if let Some(rest) = decode_error.strip_prefix("parsing time ") {
        Some(Aborting::Time(rest))
    } else if decode_error == ERR_FORMAT_WRONG {
        Some(Aborting::Quantity)
    } else {
        None
    }
}

/// Whether Joblab's type errors explain a decode error that names no field (a time or a
/// quantity that does not parse).
///
/// `sigs.k8s.io/json` decodes as `encoding/json` does: a value of the wrong JSON type is an
/// `UnmarshalTypeError`, saved while decoding goes on, but an error from a type's own
/// `UnmarshalJSON` (`metav1.Time`, `resource.Quantity`, `intstr.IntOrString`) is returned at
/// once, ends the decoding and wins over any saved one. So the server reports the first such
/// value in the order of the body kubectl sends (keys sorted, as Go marshals a map). The rule:
/// among Joblab's type errors at fields of those kinds, the first in that order is of the kind
/// the message names, and its written value is the one that fails: the quoted time, or a
/// quantity that k8s `ParseQuantity` rejects with exactly that message.
fn aborting_error_explained(
    decode_error: &str,
    type_errors: &BTreeSet<String>,
    root: Option<&Node>,
    root_type: usize,
) -> bool {
    let Some(error) = aborting(decode_error) else {
        return false;
    };
    let mut candidates: Vec<(Vec<PathSegment>, Kind)> = type_errors
        .iter()
        .filter_map(|p| {
            let path = parse_path(p);
            let kind = kind_at(root_type, &path)?;
            matches!(kind, Kind::Time | Kind::Quantity | Kind::IntOrString).then_some((path, kind))
        })
        .collect();
    candidates.sort_by(|(a, _), (b, _)| decode_order(a, b));
    let Some((path, kind)) = candidates.first() else {
        return false;
    };
    let Some(value) = root.and_then(|r| node_at(r, path)).map(Node::to_json) else {
        return false;
    };
    match (error, kind) {
        (Aborting::Time(rest), Kind::Time) => value.as_str().is_some_and(|written| {
            rest.strip_prefix(go_time_quote(written).as_str())
                .is_some_and(|after| after.starts_with(" as ") || after.starts_with(": "))
        }),
        (Aborting::Quantity, Kind::Quantity) => quantity_bytes(&value)
            .is_some_and(|text| parse_quantity(&text) == Err(ERR_FORMAT_WRONG)),
        _ => false,
    }
}

/// The kind of the field at `path` in the schema of `TYPES[root_type]` (the Job or CronJob).
fn kind_at(root_type: usize, path: &[PathSegment]) -> Option<Kind> {
    let mut kind = Kind::Object(root_type);
    for segment in path {
        kind = match (kind, segment) {
            (Kind::Object(ty), PathSegment::Field(name)) => TYPES.get(ty)?.field(name)?.kind,
            (Kind::List(item), PathSegment::Index(_)) => *item,
            (Kind::Map(item), PathSegment::Key(_)) => *item,
            (Kind::StrMap, PathSegment::Key(_)) => Kind::Str,
            _ => return None,
        };
    }
    Some(kind)
}

/// The order in which Go's decoder reaches two fields of the body: keys byte by byte (the body
/// is a marshalled map, so its keys are sorted), list items by index.
fn decode_order(a: &[PathSegment], b: &[PathSegment]) -> std::cmp::Ordering {
    let key = |s: &PathSegment| match s {
        PathSegment::Field(k) | PathSegment::Key(k) => (0, k.clone()),
        PathSegment::Index(i) => (1, format!("{i:020}")),
    };
    a.iter().map(key).cmp(b.iter().map(key))
}

/// The node a Joblab path names (the last of repeated keys, as kubectl keeps it).
fn node_at<'a>(root: &'a Node, path: &[PathSegment]) -> Option<&'a Node> {
    let mut node = root;
    for segment in path {
        node = match segment {
            PathSegment::Field(k) | PathSegment::Key(k) => node.get(k)?,
            PathSegment::Index(i) => node.as_sequence()?.get(*i)?,
        };
    }
    Some(node)
}

/// The text `Quantity.UnmarshalJSON` parses for a JSON value: a string without its quotes, any
/// other value as its JSON text, trimmed; `None` for `null`, the zero quantity.
fn quantity_bytes(value: &J) -> Option<String> {
    match value {
        J::Null => None,
        J::String(s) => Some(s.trim().to_owned()),
        other => Some(other.to_string()),
    }
}

/// A string as Go's `time` package quotes it in a `ParseError` (its `quote`): `"` and `\`
/// escaped, bytes of non-ASCII or control characters as `\xNN`.
fn go_time_quote(s: &str) -> String {
    let mut out = String::from('"');
    for c in s.chars() {
        if c.is_ascii() && c >= ' ' {
            if c == '"' || c == '\\' {
                out.push('\\');
            }
            out.push(c);
        } else {
            let mut buf = [0u8; 4];
            for b in c.encode_utf8(&mut buf).bytes() {
                out.push_str(&format!("\\x{b:02x}"));
            }
        }
    }
    out.push('"');
    out
}

fn strict_path(message: &str, kind: &str) -> Option<String> {
    message
        .strip_prefix(kind)
        .and_then(|m| m.strip_prefix(" \""))
        .and_then(|m| m.strip_suffix('"'))
        .map(str::to_owned)
}

fn set_diff<T: Ord + std::fmt::Debug>(
    joblab: &BTreeSet<T>,
    oracle: &BTreeSet<T>,
) -> Option<String> {
    if joblab == oracle {
        return None;
    }
    let only_joblab: Vec<&T> = joblab.difference(oracle).collect();
    let only_oracle: Vec<&T> = oracle.difference(joblab).collect();
    Some(format!(
        "only Joblab: {only_joblab:?}; only the oracle: {only_oracle:?}"
    ))
}

fn compare_document(
    joblab: &DocumentReport,
    root: Option<&Node>,
    oracle: &DocumentAnswer,
) -> DocumentComparison {
    let mut errs = joblab_errors(joblab);
    let is_cronjob = oracle.kind == "CronJob";
    // The object the server creates: the CronJob itself, not the Job its controller would make.
    let (created_meta, effective_meta) = if is_cronjob {
        (
            joblab.cronjob.as_ref().map(|c| &c.metadata),
            joblab.effective_cronjob.as_ref().map(|c| &c.metadata),
        )
    } else {
        (
            joblab.job.as_ref().map(|j| &j.metadata),
            joblab.effective.as_ref().map(|j| &j.metadata),
        )
    };
    // The UID is generated (randomly by the server): the same placeholder on both sides.
    let joblab_uid = effective_meta
        .and_then(|m| m.uid.clone())
        .unwrap_or_default();
    // A `generateName` object's name ends in five random characters: the oracle's are
    // `ORACLE_NAME_SUFFIX`, Joblab's come from its UID. Messages that quote the name (a bad
    // name, the Pod hostname it would give) compare with the oracle's suffix.
    let generated_name = created_meta.is_some_and(|m| {
        m.name.as_deref().unwrap_or("").is_empty()
            && !m.generate_name.as_deref().unwrap_or("").is_empty()
    });
    let generated = generated_name
        .then(|| effective_meta.and_then(|m| m.name.clone()))
        .flatten()
        .filter(|n| {
            n.len() >= ORACLE_NAME_SUFFIX.len()
                && n.is_char_boundary(n.len() - ORACLE_NAME_SUFFIX.len())
        });
    errs.validation = errs
        .validation
        .into_iter()
        .map(|(p, m)| {
            let mut m = without_uid(&m, &joblab_uid);
            if let Some(name) = &generated {
                let theirs = format!(
                    "{}{ORACLE_NAME_SUFFIX}",
                    &name[..name.len() - ORACLE_NAME_SUFFIX.len()]
                );
                m = m.replace(name.as_str(), &theirs);
            }
            (p, m)
        })
        .collect();
    let mut outcomes = Vec::new();

    // kubectl could not send the document at all.
    if !oracle.client_error.is_empty() || oracle.other_kind {
        let not_a_job = oracle.other_kind;
        let joblab_skipped = joblab.job.is_none()
            && joblab
                .diagnostics
                .iter()
                .all(|d| d.diagnostic.severity != Severity::Error);
        let (verdict, errors) = if not_a_job {
            if joblab_skipped {
                (
                    Outcome::Explained(Accepted::OtherKind),
                    Outcome::Explained(Accepted::OtherKind),
                )
            } else {
                let d = Outcome::Disagree(format!(
                    "kubectl reads a document that is not a batch/v1 Job or CronJob ({}/{}), Joblab does not skip it",
                    oracle.api_version, oracle.kind
                ));
                (d.clone(), d)
            }
        } else if errs.syntax
            || joblab
                .diagnostics
                .iter()
                .any(|d| d.diagnostic.severity == Severity::Error)
        {
            (Outcome::Agree, Outcome::Explained(Accepted::ClientSide))
        } else {
            let d = Outcome::Disagree(format!(
                "kubectl fails before sending ({}); Joblab reports no syntax error",
                oracle.client_error
            ));
            (d.clone(), d)
        };
        outcomes.push((Category::Verdict, verdict));
        outcomes.push((Category::Errors, errors));
        outcomes.push((Category::Warnings, Outcome::NotApplicable));
        outcomes.push((Category::Defaults, Outcome::NotApplicable));
        return DocumentComparison {
            index: oracle.index,
            outcomes,
        };
    }

    // The server's own code panicked: a 500, no field errors to compare.
    if !oracle.panic.is_empty() {
        let joblab_rejects = joblab
            .diagnostics
            .iter()
            .any(|d| d.diagnostic.severity == Severity::Error);
        let outcome = if joblab_rejects {
            Outcome::Explained(Accepted::ServerPanic)
        } else {
            Outcome::Disagree(format!(
                "the server panics ({}); Joblab accepts",
                oracle.panic
            ))
        };
        outcomes.push((Category::Verdict, outcome.clone()));
        outcomes.push((Category::Errors, outcome));
        outcomes.push((Category::Warnings, Outcome::NotApplicable));
        outcomes.push((Category::Defaults, Outcome::NotApplicable));
        return DocumentComparison {
            index: oracle.index,
            outcomes,
        };
    }

    // Duplicate keys: kubectl keeps the last value, the server never sees them; Joblab reports each
    // as the server reports a YAML body with it. Explained only if the YAML body's strict errors
    // name exactly these keys.
    let yaml_duplicates: Vec<String> = oracle
        .yaml_body_strict_errors
        .iter()
        .filter_map(|e| {
            let key = e.message.split("key \"").nth(1)?.split('"').next()?;
            e.message
                .ends_with("already set in map")
                .then(|| key.to_owned())
        })
        .collect();
    let mut joblab_duplicate_keys: Vec<String> = errs
        .duplicate
        .iter()
        .map(|p| last_segment(p).to_owned())
        .collect();
    joblab_duplicate_keys.sort();
    let mut oracle_duplicate_keys = yaml_duplicates.clone();
    oracle_duplicate_keys.sort();
    let duplicates_explained = joblab_duplicate_keys == oracle_duplicate_keys;

    let joblab_rejects = joblab
        .diagnostics
        .iter()
        .any(|d| d.diagnostic.severity == Severity::Error);
    let joblab_rejects_beyond_duplicates = errs.syntax
        || !errs.unknown.is_empty()
        || !errs.type_errors.is_empty()
        || !errs.validation.is_empty()
        || !errs.other.is_empty();

    // Verdict.
    let verdict = if joblab_rejects != oracle.accepted {
        Outcome::Agree
    } else if oracle.accepted
        && !errs.duplicate.is_empty()
        && duplicates_explained
        && !joblab_rejects_beyond_duplicates
    {
        Outcome::Explained(Accepted::DuplicateKey)
    } else {
        Outcome::Disagree(format!(
            "the oracle {} (status {}), Joblab {}",
            if oracle.accepted {
                "accepts"
            } else {
                "rejects"
            },
            oracle.status.as_ref().map_or(0, |s| s.code),
            if joblab_rejects { "rejects" } else { "accepts" }
        ))
    };
    outcomes.push((Category::Verdict, verdict));

    // Errors.
    let mut problems = Vec::new();
    let mut explained = None;
    if !errs.duplicate.is_empty() || !yaml_duplicates.is_empty() {
        if duplicates_explained {
            explained = Some(Accepted::DuplicateKey);
        } else {
            problems.push(format!(
                "duplicate keys: Joblab {joblab_duplicate_keys:?}, the server on the YAML body {oracle_duplicate_keys:?}"
            ));
        }
    }
    if !errs.other.is_empty() {
        problems.push(format!("errors of Joblab's own: {:?}", errs.other));
    }
    if !oracle.decode_error.is_empty() {
        // The server stops at the first value of the wrong type; Joblab names every one and then,
        // like the server, validates nothing.
        let explained_here = match type_error_path(&oracle.decode_error) {
            Some(path) => errs.type_errors.iter().any(|p| without_indices(p) == path),
            None => aborting_error_explained(
                &oracle.decode_error,
                &errs.type_errors,
                root,
                if is_cronjob { CRONJOB } else { JOB },
            ),
        };
        if explained_here {
            explained = Some(Accepted::TypeErrorDetail);
        } else {
            problems.push(format!(
                "the server fails decoding ({}); Joblab's type errors: {:?}",
                oracle.decode_error, errs.type_errors
            ));
        }
        if !errs.validation.is_empty() {
            problems.push(format!(
                "Joblab validates a Job the server cannot decode: {:?}",
                errs.validation
            ));
        }
    } else {
        if !errs.type_errors.is_empty() {
            problems.push(format!(
                "Joblab reports type errors the server does not: {:?}",
                errs.type_errors
            ));
        }
        let oracle_unknown: BTreeSet<String> = oracle
            .strict_errors
            .iter()
            .filter_map(|e| strict_path(&e.message, "unknown field"))
            .collect();
        let oracle_strict_other: Vec<&str> = oracle
            .strict_errors
            .iter()
            .map(|e| e.message.as_str())
            .filter(|m| !m.starts_with("unknown field"))
            .collect();
        if !oracle_strict_other.is_empty() {
            problems.push(format!(
                "strict errors Joblab has no class for: {oracle_strict_other:?}"
            ));
        }
        match set_diff(&errs.unknown, &oracle_unknown) {
            Some(d) => problems.push(format!("unknown fields: {d}")),
            None if !oracle_unknown.is_empty() => {
                explained.get_or_insert(Accepted::UnknownFieldDetail);
            }
            None => {}
        }
        let oracle_validation: BTreeSet<(String, String)> = oracle
            .errors
            .iter()
            .map(|e| (e.field.clone(), without_uid(&e.message, ORACLE_UID)))
            .collect();
        if let Some(d) = set_diff(&errs.validation, &oracle_validation) {
            problems.push(format!("validation: {d}"));
        }
    }
    let errors = if !problems.is_empty() {
        Outcome::Disagree(problems.join("; "))
    } else if let Some(a) = explained {
        Outcome::Explained(a)
    } else {
        Outcome::Agree
    };
    outcomes.push((Category::Errors, errors));

    // Warnings: the server sends them only for a create that passed validation.
    let reached_warnings = oracle.decode_error.is_empty() && oracle.errors.is_empty();
    let server_warnings = if is_cronjob {
        joblab
            .cronjob
            .as_ref()
            .map(joblab_core::warnings::cronjob_server_warnings)
    } else {
        joblab
            .job
            .as_ref()
            .map(joblab_core::warnings::server_warnings)
    };
    let warnings = match (server_warnings, reached_warnings) {
        (Some(server_warnings), true) => {
            let mine: BTreeSet<String> = server_warnings
                .into_iter()
                .map(|w| format!("{}: {}", w.path, w.detail))
                .collect();
            let theirs: BTreeSet<String> = oracle.warnings.iter().cloned().collect();
            match set_diff(&mine, &theirs) {
                None => Outcome::Agree,
                Some(d) => Outcome::Disagree(d),
            }
        }
        _ => Outcome::NotApplicable,
    };
    outcomes.push((Category::Warnings, warnings));

    // Defaults: the stored object, when the create succeeds (no strict errors either).
    // Joblab's effective Job or CronJob as the server would write it back (Go's encoding rules).
    let stored_mine = if is_cronjob {
        joblab
            .effective_cronjob
            .as_ref()
            .map(joblab_core::stored::stored_cronjob)
    } else {
        joblab
            .effective
            .as_ref()
            .map(joblab_core::stored::stored_job)
    };
    let defaults = match (stored_mine, &oracle.stored) {
        (Some(mut mine), Some(stored)) if oracle.strict_errors.is_empty() => {
            let mut theirs = stored.clone();
            let my_name = effective_meta
                .and_then(|m| m.name.clone())
                .unwrap_or_default();
            let their_name = theirs
                .pointer("/metadata/name")
                .and_then(J::as_str)
                .unwrap_or("")
                .to_owned();
            normalise(
                &mut mine,
                &joblab_uid,
                generated_name.then_some(my_name.as_str()),
            );
            normalise(
                &mut theirs,
                ORACLE_UID,
                generated_name.then_some(their_name.as_str()),
            );
            debug_assert!(!generated_name || their_name.ends_with(ORACLE_NAME_SUFFIX));
            if let Some(m) = theirs.pointer_mut("/metadata").and_then(J::as_object_mut) {
                m.remove("creationTimestamp");
            }
            // The create response carries the controller's status, still empty; Joblab's
            // effective Job leaves status to the simulation.
            for side in [&mut mine, &mut theirs] {
                if side.get("status") == Some(&serde_json::json!({})) {
                    if let Some(m) = side.as_object_mut() {
                        m.remove("status");
                    }
                }
            }
            if let Some(m) = mine.pointer_mut("/metadata").and_then(J::as_object_mut) {
                m.remove("creationTimestamp");
            }
            let mut diffs = Vec::new();
            json_diff("", &mine, &theirs, &mut diffs);
            if diffs.is_empty() {
                Outcome::Agree
            } else {
                Outcome::Disagree(diffs.join("; "))
            }
        }
        (None, Some(_)) if oracle.strict_errors.is_empty() && !joblab_rejects => {
            Outcome::Disagree(format!(
                "the server stores the {}; Joblab has no effective one",
                oracle.kind
            ))
        }
        _ => Outcome::NotApplicable,
    };
    outcomes.push((Category::Defaults, defaults));

    DocumentComparison {
        index: oracle.index,
        outcomes,
    }
}

/// The key a path ends with: `name` of `a.b[0].name`, `app` of `metadata.labels[app]`.
fn last_segment(path: &str) -> &str {
    if let Some(inner) = path
        .strip_suffix(']')
        .and_then(|p| p.rsplit_once('['))
        .map(|(_, k)| k)
    {
        // `[]` is the empty key of a map, not a list index.
        if inner.is_empty() || !inner.chars().all(|c| c.is_ascii_digit()) {
            return inner;
        }
    }
    let path = path.trim_end_matches(|c: char| c == ']' || c.is_ascii_digit() || c == '[');
    path.rsplit('.').next().unwrap_or(path)
}

fn without_uid(text: &str, uid: &str) -> String {
    if uid.is_empty() {
        text.to_owned()
    } else {
        text.replace(uid, "<uid>")
    }
}

/// Replaces generated values with placeholders: the UID everywhere it appears (labels,
/// selector) and, for a `generateName` Job, the generated name.
fn normalise(value: &mut J, uid: &str, generated_name: Option<&str>) {
    match value {
        J::String(s) => {
            if !uid.is_empty() && s.contains(uid) {
                *s = s.replace(uid, "<uid>");
            }
            if let Some(name) = generated_name.filter(|n| !n.is_empty()) {
                if s == name {
                    *s = "<generated-name>".to_owned();
                }
            }
        }
        J::Array(items) => items
            .iter_mut()
            .for_each(|v| normalise(v, uid, generated_name)),
        J::Object(map) => map
            .values_mut()
            .for_each(|v| normalise(v, uid, generated_name)),
        _ => {}
    }
}

/// The paths where two JSON values differ, with both values.
fn json_diff(path: &str, a: &J, b: &J, out: &mut Vec<String>) {
    if out.len() >= 12 {
        return;
    }
    match (a, b) {
        (J::Object(x), J::Object(y)) => {
            let keys: BTreeSet<&String> = x.keys().chain(y.keys()).collect();
            for k in keys {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                match (x.get(k), y.get(k)) {
                    (Some(va), Some(vb)) => json_diff(&p, va, vb, out),
                    (Some(va), None) => out.push(format!("{p}: only Joblab has {va}")),
                    (None, Some(vb)) => out.push(format!("{p}: only the server has {vb}")),
                    (None, None) => {}
                }
            }
        }
        (J::Array(x), J::Array(y)) if x.len() == y.len() => {
            for (i, (va, vb)) in x.iter().zip(y).enumerate() {
                json_diff(&format!("{path}[{i}]"), va, vb, out);
            }
        }
        (J::Number(x), J::Number(y)) if x.as_f64() == y.as_f64() => {}
        _ if a == b => {}
        _ => out.push(format!("{path}: Joblab {a}, the server {b}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_type_error_paths_and_strict_paths_are_read() {
        for (error, path) in [
            (
                "json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32",
                Some("spec.parallelism"),
            ),
            (
                "json: cannot unmarshal number into Go struct field Container.spec.template.spec.containers.name of type string",
                Some("spec.template.spec.containers.name"),
            ),
            ("Object 'Kind' is missing", None),
            // Embedded Go structs appear in the path by their type name; JSON has no such level.
            (
                "json: cannot unmarshal number into Go struct field EphemeralContainer.spec.template.spec.ephemeralContainers.EphemeralContainerCommon.name of type string",
                Some("spec.template.spec.ephemeralContainers.name"),
            ),
            (
                "json: cannot unmarshal bool into Go struct field ConfigMapKeySelector.spec.template.spec.containers.env.valueFrom.configMapKeyRef.LocalObjectReference.name of type string",
                Some("spec.template.spec.containers.env.valueFrom.configMapKeyRef.name"),
            ),
            (
                "json: cannot unmarshal string into Go struct field GRPCAction.spec.template.spec.containers.livenessProbe.ProbeHandler.grpc.port of type int32",
                Some("spec.template.spec.containers.livenessProbe.grpc.port"),
            ),
        ] {
            assert_eq!(type_error_path(error).as_deref(), path, "{error}");
        }
        assert_eq!(
            strict_path("unknown field \"spec.foo\"", "unknown field").as_deref(),
            Some("spec.foo")
        );
        assert_eq!(without_indices("a.b[0].c[12].d"), "a.b.c.d");
        assert_eq!(
            last_segment("spec.template.spec.containers[0].name"),
            "name"
        );
        assert_eq!(last_segment("metadata.labels[app]"), "app");
        assert_eq!(last_segment("metadata.annotations[]"), "");
    }
}

/// Each accepted difference is named only when it is exactly that difference: a table of small
/// oracle answers, each with a Joblab-side variation that must be a disagreement.
#[cfg(test)]
mod accepted_tests {
    use super::*;

    const JOB: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: t\nspec:\n  ttlSecondsAfterFinished: 60\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: a\n        image: busybox:1.36\n        resources: {requests: {cpu: 100m}}\n";

    fn answer(doc: serde_json::Value) -> CaseAnswer {
        let mut d: DocumentAnswer = serde_json::from_value(doc).expect("a document answer");
        d.api_version = "batch/v1".into();
        d.kind = "Job".into();
        CaseAnswer {
            id: "t".into(),
            documents: vec![d],
        }
    }

    fn outcome(yaml: &str, doc: serde_json::Value, category: Category) -> Outcome {
        let c = compare_case(yaml, &answer(doc));
        c.documents[0]
            .outcomes
            .iter()
            .find(|(k, _)| *k == category)
            .map(|(_, o)| o.clone())
            .expect("the category")
    }

    #[test]
    fn accepted_differences_are_checked_not_assumed() {
        let dup = JOB.replace("  name: t\n", "  name: t\n  name: t\n");
        let unknown = JOB.replace(
            "image: busybox:1.36",
            "image: busybox:1.36\n        comand: [x]",
        );
        let typed = JOB.replace(
            "ttlSecondsAfterFinished: 60",
            "ttlSecondsAfterFinished: many",
        );
        let env_ref = JOB.replace(
            "image: busybox:1.36",
            "image: busybox:1.36\n        env: [{name: A, valueFrom: {configMapKeyRef: {name: 5, key: k}}}]",
        );
        let env_ref_error = |field: &str| serde_json::json!({"decodeError": format!("json: cannot unmarshal number into Go struct field ConfigMapKeySelector.spec.template.spec.containers.env.valueFrom.configMapKeyRef.LocalObjectReference.{field} of type string")});
        let bad_time = JOB.replace("  name: t\n", "  name: t\n  creationTimestamp: bad-time\n");
        let two_times = JOB.replace(
            "  name: t\n",
            "  name: t\n  deletionTimestamp: b-time\n  creationTimestamp: a-time\n",
        );
        let time_error = |value: &str| serde_json::json!({"decodeError": format!("parsing time \"{value}\" as \"2006-01-02T15:04:05Z07:00\": cannot parse \"{value}\" as \"2006\"")});
        let bad_cpu = JOB.replace("cpu: 100m", "cpu: lots");
        let suffix_cpu = JOB.replace("cpu: 100m", "cpu: 1K");
        let time_and_cpu =
            bad_cpu.replace("  name: t\n", "  name: t\n  creationTimestamp: bad-time\n");
        let quantity_error = serde_json::json!({"decodeError": ERR_FORMAT_WRONG});
        let cases: Vec<(&str, String, serde_json::Value, Category, bool)> = vec![
            // Duplicate key: explained when the YAML body names that key, not otherwise.
            (
                "dup named",
                dup.clone(),
                serde_json::json!({"accepted": true, "yamlBodyStrictErrors": [{"message": "line 5: key \"name\" already set in map"}]}),
                Category::Verdict,
                true,
            ),
            (
                "dup other key",
                dup.clone(),
                serde_json::json!({"accepted": true, "yamlBodyStrictErrors": [{"message": "line 5: key \"image\" already set in map"}]}),
                Category::Verdict,
                false,
            ),
            (
                "dup not seen",
                dup,
                serde_json::json!({"accepted": true}),
                Category::Errors,
                false,
            ),
            // Unknown field: explained when the paths are equal.
            (
                "unknown same",
                unknown.clone(),
                serde_json::json!({"strictErrors": [{"message": "unknown field \"spec.template.spec.containers[0].comand\""}]}),
                Category::Errors,
                true,
            ),
            (
                "unknown other",
                unknown,
                serde_json::json!({"strictErrors": [{"message": "unknown field \"spec.template.spec.containers[0].args\""}]}),
                Category::Errors,
                false,
            ),
            // Type error: explained when the server's path is among Joblab's.
            (
                "type same",
                typed.clone(),
                serde_json::json!({"decodeError": "json: cannot unmarshal string into Go struct field JobSpec.spec.ttlSecondsAfterFinished of type int32"}),
                Category::Errors,
                true,
            ),
            (
                "type other",
                typed.clone(),
                serde_json::json!({"decodeError": "json: cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32"}),
                Category::Errors,
                false,
            ),
            // Embedded struct names in the Go path: explained when the JSON path is Joblab's.
            (
                "embedded same",
                env_ref.clone(),
                env_ref_error("name"),
                Category::Errors,
                true,
            ),
            (
                "embedded other field",
                env_ref,
                env_ref_error("key"),
                Category::Errors,
                false,
            ),
            // A time that does not parse: explained when Joblab's first such type error is at a
            // Time field with the quoted value.
            (
                "time same",
                bad_time.clone(),
                time_error("bad-time"),
                Category::Errors,
                true,
            ),
            (
                "time other value",
                bad_time.clone(),
                time_error("worse-time"),
                Category::Errors,
                false,
            ),
            (
                "time, Joblab's error elsewhere",
                typed.clone(),
                time_error("many"),
                Category::Errors,
                false,
            ),
            (
                "time, the first in the body's order",
                two_times.clone(),
                time_error("a-time"),
                Category::Errors,
                true,
            ),
            (
                "time, not the first in the body's order",
                two_times,
                time_error("b-time"),
                Category::Errors,
                false,
            ),
            // A quantity that does not parse: explained when Joblab's first such type error is at
            // a Quantity field whose value ParseQuantity rejects with that message.
            (
                "quantity same",
                bad_cpu.clone(),
                quantity_error.clone(),
                Category::Errors,
                true,
            ),
            (
                "quantity, Joblab's error elsewhere",
                typed.clone(),
                quantity_error.clone(),
                Category::Errors,
                false,
            ),
            (
                "quantity, another ParseQuantity error",
                suffix_cpu,
                quantity_error.clone(),
                Category::Errors,
                false,
            ),
            (
                "quantity, after a bad time in the body's order",
                time_and_cpu.clone(),
                quantity_error,
                Category::Errors,
                false,
            ),
            (
                "time, before a bad quantity in the body's order",
                time_and_cpu,
                time_error("bad-time"),
                Category::Errors,
                true,
            ),
            // A server panic is accepted only when Joblab rejects the Job.
            (
                "panic, Joblab accepts",
                JOB.to_owned(),
                serde_json::json!({"panic": "nil pointer"}),
                Category::Verdict,
                false,
            ),
            // Plain agreement and disagreement of validation errors.
            (
                "errors differ",
                JOB.to_owned(),
                serde_json::json!({"errors": [{"field": "spec.completions", "type": "FieldValueInvalid", "message": "Invalid value: -1: must be greater than or equal to 0"}]}),
                Category::Errors,
                false,
            ),
        ];
        for (name, yaml, doc, category, explained_or_agree) in cases {
            let o = outcome(&yaml, doc, category);
            let fine = !matches!(o, Outcome::Disagree(_));
            assert_eq!(fine, explained_or_agree, "{name}: {o:?}");
        }
    }
}
