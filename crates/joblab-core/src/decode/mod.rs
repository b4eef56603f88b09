//! Strict decoding of a positioned YAML tree.
//!
//! A Job goes through [`decode_job`]: one walk against the generated schema of the complete API
//! (`strict`), then the slim model is read from what the walk kept. Anything else (scenarios)
//! goes through [`decode`]: the tree implements `serde::Deserializer`, so any type decodes from
//! it. Both do what `kubectl apply --validate=strict` asks of the API server
//! (`k8s.io/apimachinery/pkg/runtime/serializer/json`, strict mode), and more:
//!
//! - a key the schema does not know is an `Unknown field` diagnostic on the key, with a
//!   did-you-mean, and is skipped (the generated types list their fields in
//!   `deserialize_struct`);
//! - a key given twice in one mapping is a `Duplicate field` diagnostic; the later value wins,
//!   as in Go's `encoding/json`;
//! - a value of the wrong type is a `Type error` that names the expected type and the value
//!   given. Primitives are as strict as Go's `encoding/json`: a string field rejects numbers and
//!   booleans, an integer field rejects strings and fractions and values out of range. A number
//!   with a zero fraction (`1.0`) is accepted as an integer, because `sigs.k8s.io/yaml` writes
//!   it as `1` in the JSON the server reads. A `null` leaves the field unset, as in Go.
//!
//! All type errors of a document are collected: a mistyped value is recorded and replaced by
//! its zero value, and decoding carries on. Errors raised by a type's own parser (for example a
//! malformed timestamp) stop serde; those values are recorded, ignored, and decoding restarts,
//! at most [`crate::limits::MAX_DECODE_RETRIES`] times.

use std::cell::RefCell;
use std::fmt;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};

mod strict;

use crate::diag::{Diagnostic, ErrorType, Span};
use crate::limits::MAX_DECODE_RETRIES;
use crate::yaml::{Node, Style, Value};

/// The result of decoding one document.
#[derive(Debug)]
pub struct Decoded<T> {
    /// The decoded value; mistyped values are left unset. `None` only when the type's own
    /// parser kept failing.
    pub value: Option<T>,
    /// Unknown fields, duplicate fields and type errors, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// Whether any `Type error` was found: the API server could not have decoded the document,
    /// so semantic validation of it is meaningless.
    pub has_type_errors: bool,
}

/// Decodes `root` (a node parsed from `text`) into `T`, strictly. Never panics.
pub fn decode<T: DeserializeOwned>(text: &str, root: &Node) -> Decoded<T> {
    let mut poisoned: Vec<usize> = Vec::new();
    let mut parser_errors: Vec<Diagnostic> = Vec::new();
    for _ in 0..=MAX_DECODE_RETRIES {
        let state = RefCell::new(State {
            text,
            path: Vec::new(),
            diagnostics: Vec::new(),
            poisoned: poisoned.clone(),
            failure: None,
        });
        let result = T::deserialize(De {
            node: root,
            state: &state,
        });
        let state = state.into_inner();
        match result {
            Ok(value) => {
                let mut diagnostics = state.diagnostics;
                diagnostics.extend(parser_errors);
                let has_type_errors = diagnostics
                    .iter()
                    .any(|d| d.error_type == ErrorType::TypeError);
                return Decoded {
                    value: Some(value),
                    diagnostics,
                    has_type_errors,
                };
            }
            Err(error) => match state.failure {
                Some(failure) if !poisoned.contains(&failure.address) => {
                    parser_errors.push(Diagnostic::error(
                        failure.path,
                        ErrorType::TypeError,
                        plain_serde_message(&error.0),
                        failure.span,
                    ));
                    poisoned.push(failure.address);
                }
                _ => {
                    let mut diagnostics = state.diagnostics;
                    diagnostics.extend(parser_errors);
                    diagnostics.push(Diagnostic::error(
                        "",
                        ErrorType::TypeError,
                        plain_serde_message(&error.0),
                        root.span,
                    ));
                    return Decoded {
                        value: None,
                        diagnostics,
                        has_type_errors: true,
                    };
                }
            },
        }
    }
    parser_errors.push(crate::limits::too_many_malformed_values(root.span));
    Decoded {
        value: None,
        diagnostics: parser_errors,
        has_type_errors: true,
    }
}

/// Decodes `root` (a node parsed from `text`) as a batch/v1 Job, strictly, against the schema
/// of the complete API ([`crate::api::schema`]): one walk collects every unknown field, duplicate
/// key and type error, then the typed Job is read from what the walk kept. Never panics.
pub fn decode_job(text: &str, root: &Node) -> Decoded<crate::api::api::batch::v1::Job> {
    use crate::api::api::batch::v1::Job;
    decode_object(
        text,
        root,
        crate::api::schema::JOB,
        "Job",
        |job: &mut Job, written| job.written = Some(written),
    )
}

/// Decodes `root` (a node parsed from `text`) as a batch/v1 CronJob, strictly, as
/// [`decode_job`] decodes a Job: its `spec.jobTemplate` is checked against the complete Job
/// schema on the way. Never panics.
pub fn decode_cronjob(text: &str, root: &Node) -> Decoded<crate::api::api::batch::v1::CronJob> {
    decode_object(
        text,
        root,
        crate::api::schema::CRONJOB,
        "CronJob",
        |cronjob: &mut crate::api::api::batch::v1::CronJob, written| {
            cronjob.written = Some(written);
        },
    )
}

/// One strict walk of `root` against `TYPES[ty]`, then the typed `T` read from what the walk
/// kept, given the manifest as written through `keep_written`.
fn decode_object<T: DeserializeOwned>(
    text: &str,
    root: &Node,
    ty: usize,
    kind: &str,
    keep_written: impl FnOnce(&mut T, std::sync::Arc<serde_json::Value>),
) -> Decoded<T> {
    let walked = strict::walk(text, root, ty);
    let mut diagnostics = walked.diagnostics;
    let mut value = walked.value;
    if let Some(obj) = value.as_object_mut() {
        obj.insert("apiVersion".to_owned(), "batch/v1".into());
        obj.insert("kind".to_owned(), kind.into());
    }
    let has_type_errors = diagnostics
        .iter()
        .any(|d| d.error_type == ErrorType::TypeError);
    let value = match T::deserialize(&value) {
        Ok(mut typed) => {
            keep_written(&mut typed, std::sync::Arc::new(value));
            Some(typed)
        }
        Err(error) => {
            // The walk keeps only well-typed values, so this is a bug, reported rather than hidden.
            diagnostics.push(Diagnostic::error(
                "",
                ErrorType::TypeError,
                plain_serde_message(&error.to_string()),
                root.span,
            ));
            None
        }
    };
    Decoded {
        value,
        diagnostics,
        has_type_errors,
    }
}

/// Rewrites serde's wording (`invalid type: string "x", expected a 32-bit integer`) into plain
/// words; the generated types' own parsers report through it.
fn plain_serde_message(message: &str) -> String {
    message
        .replace("invalid type: ", "got ")
        .replace("invalid value: ", "got ")
        .replace(", expected ", ", but expected ")
}

/// One step of a field path.
#[derive(Clone, Debug)]
enum Seg {
    Field(String),
    Index(usize),
    Key(String),
}

fn render_path(path: &[Seg]) -> String {
    let mut out = String::new();
    for seg in path {
        match seg {
            Seg::Field(name) => {
                if !out.is_empty() {
                    out.push('.');
                }
                out.push_str(name);
            }
            Seg::Index(i) => {
                out.push('[');
                out.push_str(&i.to_string());
                out.push(']');
            }
            Seg::Key(k) => {
                out.push('[');
                out.push_str(k);
                out.push(']');
            }
        }
    }
    out
}

/// Where the first error raised by a type's own parser came from.
struct Failure {
    path: String,
    span: Span,
    address: usize,
}

/// Shared by all the deserializers of one decoding attempt.
struct State<'t> {
    text: &'t str,
    path: Vec<Seg>,
    diagnostics: Vec<Diagnostic>,
    /// Nodes (by address) treated as `null` because their type's own parser rejected them.
    poisoned: Vec<usize>,
    failure: Option<Failure>,
}

/// The decoder's error: serde needs one, though mistyped values are recorded, not raised.
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

impl de::Error for DeError {
    fn custom<M: fmt::Display>(msg: M) -> Self {
        DeError(msg.to_string())
    }
}

fn address(node: &Node) -> usize {
    std::ptr::from_ref(node) as usize
}

/// A deserializer for one node.
struct De<'de, 's, 't> {
    node: &'de Node,
    state: &'s RefCell<State<'t>>,
}

/// What a primitive request expects, for messages.
#[derive(Clone, Copy)]
enum Want {
    Bool,
    Int {
        min: i128,
        max: i128,
        bits: &'static str,
    },
    Number,
    Str,
    List,
    Map,
    Object(&'static str),
    /// Anything else, described in words (`a quantity (...)`).
    Other(&'static str),
}

impl Want {
    fn describe(self) -> String {
        match self {
            Want::Bool => "a boolean (true or false)".to_owned(),
            Want::Int { .. } => "an integer".to_owned(),
            Want::Number => "a number".to_owned(),
            Want::Str => "a string".to_owned(),
            Want::List => "a list".to_owned(),
            Want::Map => "a mapping of keys to values".to_owned(),
            Want::Object(name) => format!("a mapping (a {name} object)"),
            Want::Other(words) => words.to_owned(),
        }
    }
}

/// The source text of `node`, when it is a one-line scalar.
fn source_text<'a>(node: &Node, text: &'a str) -> Option<&'a str> {
    let src = text.get(node.span.start..node.span.end)?;
    (!src.contains('\n')).then_some(src)
}

/// Describes the value given, for a type error.
fn describe_given(node: &Node, text: &str) -> String {
    match &node.value {
        Value::Null => "null".to_owned(),
        Value::Bool(b) => match (node.style, source_text(node, text)) {
            (Style::Plain, Some(src)) if src != b.to_string() => {
                format!("the boolean {b} (YAML reads an unquoted {src} as a boolean)")
            }
            _ => format!("the boolean {b}"),
        },
        Value::Int(i) => format!("the number {i}"),
        Value::UInt(u) => format!("the number {u}"),
        Value::Float(f) if f.is_nan() => "the number .nan (not a number)".to_owned(),
        Value::Float(f) if f.is_infinite() => match source_text(node, text) {
            Some(src) if node.style == Style::Plain => {
                format!("{src}, a number too large for any numeric type (infinity)")
            }
            _ => "infinity".to_owned(),
        },
        Value::Float(f) => format!("the number {f}"),
        Value::String(s) => format!("the string {s:?}"),
        Value::Sequence(_) => "a list".to_owned(),
        Value::Mapping(_) => "a mapping".to_owned(),
    }
}

/// The integer value of a non-null `node` within the bounds of `want` (a [`Want::Int`]), or the
/// detail of the type error. An integral float counts (see the module docs).
fn integer_of(node: &Node, text: &str, want: Want) -> Result<i128, String> {
    let Want::Int { min, max, bits } = want else {
        return Err(type_error_detail(node, text, want, None));
    };
    // A number written with more digits than any integer type holds (`1e400`, thirty digits)
    // reads as a float, possibly infinite; it is out of range, not of the wrong type.
    let written = source_text(node, text).filter(|_| node.style == Style::Plain);
    let too_big = |f: f64| {
        (!f.is_finite() || f.abs() >= 1e30)
            && written.is_some_and(|t| {
                t.trim_start_matches(['+', '-'])
                    .starts_with(|c: char| c.is_ascii_digit())
            })
    };
    let out_of_range = |given: &str| {
        format!("expected an integer, got {given}, which is out of range: must fit in {bits} ({min} to {max})")
    };
    let value: i128 = match node.value {
        Value::Int(i) => i128::from(i),
        Value::UInt(u) => i128::from(u),
        Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 1e30 => f as i128,
        Value::Float(f) if too_big(f) => return Err(out_of_range(written.unwrap_or_default())),
        Value::Float(f) if f.is_finite() => {
            return Err(type_error_detail(
                node,
                text,
                want,
                Some(format!(" (an integer cannot have a fraction: {f})")),
            ));
        }
        _ => return Err(type_error_detail(node, text, want, None)),
    };
    if value >= min && value <= max {
        Ok(value)
    } else {
        // Show the number as written (`99999999999`, `1e12`), not as converted.
        Err(out_of_range(
            &written.map_or_else(|| value.to_string(), str::to_owned),
        ))
    }
}

/// The detail of a type error: what was expected, what was given, and a hint.
fn type_error_detail(node: &Node, text: &str, want: Want, extra: Option<String>) -> String {
    let mut detail = format!(
        "expected {}, got {}",
        want.describe(),
        describe_given(node, text)
    );
    if let Some(extra) = extra {
        detail.push_str(&extra);
    } else if matches!(want, Want::Str)
        && node.style == Style::Plain
        && matches!(
            node.value,
            Value::Bool(_) | Value::Int(_) | Value::UInt(_) | Value::Float(_)
        )
    {
        if let Some(src) = source_text(node, text) {
            detail.push_str(&format!(
                "; put it in quotes to make it a string: \"{src}\""
            ));
        }
    }
    detail
}

impl<'de> De<'de, '_, '_> {
    fn is_null(&self) -> bool {
        matches!(self.node.value, Value::Null)
            || self.state.borrow().poisoned.contains(&address(self.node))
    }

    /// Describes the value given, for a type error.
    fn describe_given(&self) -> String {
        describe_given(self.node, self.state.borrow().text)
    }

    /// Records a type error for this node.
    fn type_error(&self, want: Want, extra: Option<String>) {
        let mut state = self.state.borrow_mut();
        let detail = type_error_detail(self.node, state.text, want, extra);
        let path = render_path(&state.path);
        state.diagnostics.push(Diagnostic::error(
            path,
            ErrorType::TypeError,
            detail,
            self.node.span,
        ));
    }

    /// Remembers where a type's own parser failed, if nothing deeper did first.
    fn note_failure<T>(&self, result: Result<T, DeError>) -> Result<T, DeError> {
        if result.is_err() {
            let mut state = self.state.borrow_mut();
            if state.failure.is_none() {
                let path = render_path(&state.path);
                state.failure = Some(Failure {
                    path,
                    span: self.node.span,
                    address: address(self.node),
                });
            }
        }
        result
    }

    /// The integer value of this node within `[min, max]`, or a recorded type error and 0.
    fn integer(&self, want: Want) -> i128 {
        if self.is_null() {
            return 0;
        }
        let mut state = self.state.borrow_mut();
        match integer_of(self.node, state.text, want) {
            Ok(v) => v,
            Err(detail) => {
                let path = render_path(&state.path);
                state.diagnostics.push(Diagnostic::error(
                    path,
                    ErrorType::TypeError,
                    detail,
                    self.node.span,
                ));
                0
            }
        }
    }

    fn signed<V: Visitor<'de>>(
        self,
        min: i128,
        max: i128,
        bits: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let v = self.integer(Want::Int { min, max, bits });
        let v = i64::try_from(v).unwrap_or(0);
        let r = visitor.visit_i64(v);
        self.note_failure(r)
    }

    fn unsigned<V: Visitor<'de>>(
        self,
        max: i128,
        bits: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let v = self.integer(Want::Int { min: 0, max, bits });
        let v = u64::try_from(v).unwrap_or(0);
        let r = visitor.visit_u64(v);
        self.note_failure(r)
    }

    fn float<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let v = if self.is_null() {
            0.0
        } else {
            match self.node.value {
                Value::Int(i) => i as f64,
                Value::UInt(u) => u as f64,
                Value::Float(f) => f,
                _ => {
                    self.type_error(Want::Number, None);
                    0.0
                }
            }
        };
        let r = visitor.visit_f64(v);
        self.note_failure(r)
    }

    fn string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.value {
            Value::String(s) if !self.is_null() => visitor.visit_borrowed_str(s.as_str()),
            _ => {
                if !self.is_null() {
                    self.type_error(Want::Str, None);
                }
                visitor.visit_str("")
            }
        };
        self.note_failure(r)
    }

    fn sequence<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.value {
            Value::Sequence(items) if !self.is_null() => visitor.visit_seq(Seq {
                items: items.iter().enumerate(),
                state: self.state,
            }),
            _ => {
                if !self.is_null() {
                    self.type_error(Want::List, None);
                }
                visitor.visit_seq(Seq {
                    items: [].iter().enumerate(),
                    state: self.state,
                })
            }
        };
        self.note_failure(r)
    }

    fn mapping<V: Visitor<'de>>(
        self,
        fields: Option<(&'static str, &'static [&'static str])>,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let entries: &'de [(Node, Node)] = match &self.node.value {
            Value::Mapping(entries) if !self.is_null() => entries,
            _ => {
                if !self.is_null() {
                    self.type_error(
                        fields.map_or(Want::Map, |(name, _)| Want::Object(name)),
                        None,
                    );
                }
                &[]
            }
        };
        let mut kept: Vec<(String, &'de Node)> = Vec::with_capacity(entries.len());
        let mut seen: Vec<String> = Vec::with_capacity(entries.len());
        let shadowed = shadowed(entries);
        for ((key, value), shadowed) in entries.iter().zip(shadowed) {
            let Some(name) = key.key_string() else {
                let mut state = self.state.borrow_mut();
                let path = render_path(&state.path);
                state.diagnostics.push(Diagnostic::error(
                    path,
                    ErrorType::TypeError,
                    "a mapping key must be a string, not a list or a mapping",
                    key.span,
                ));
                continue;
            };
            let seg = if fields.is_some() {
                Seg::Field(name.clone())
            } else {
                Seg::Key(name.clone())
            };
            if seen.contains(&name) {
                let mut state = self.state.borrow_mut();
                state.path.push(seg.clone());
                let path = render_path(&state.path);
                state.path.pop();
                state.diagnostics.push(Diagnostic::error(
                    path,
                    ErrorType::DuplicateField,
                    format!(
                        "{name:?} appears more than once in this mapping; the last one is used"
                    ),
                    key.span,
                ));
            } else {
                seen.push(name.clone());
            }
            if let Some((type_name, known)) = fields {
                if !known.contains(&name.as_str()) {
                    let mut state = self.state.borrow_mut();
                    state.path.push(seg);
                    let path = render_path(&state.path);
                    state.path.pop();
                    let mut detail = format!(
                        "{} is not a field of {type_name}",
                        crate::validate::quote::go_quote(&name)
                    );
                    if let Some(suggestion) = did_you_mean(&name, known) {
                        detail.push_str(&format!("; did you mean {suggestion:?}?"));
                    }
                    state.diagnostics.push(Diagnostic::error(
                        path,
                        ErrorType::UnknownField,
                        detail,
                        key.span,
                    ));
                    continue;
                }
            }
            if !shadowed {
                kept.push((name, value));
            }
        }
        let access = Map {
            entries: kept.into_iter(),
            value: None,
            is_struct: fields.is_some(),
            state: self.state,
        };
        let r = visitor.visit_map(access);
        self.note_failure(r)
    }
}

/// For each entry, whether a later entry has the same key: kubectl's YAML-to-JSON conversion
/// keeps only the last, so the server never sees (nor type-checks) the earlier values.
pub(crate) fn shadowed(entries: &[(Node, Node)]) -> Vec<bool> {
    let mut last: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let names: Vec<Option<String>> = entries.iter().map(|(k, _)| k.key_string()).collect();
    for (i, name) in names.iter().enumerate() {
        if let Some(n) = name {
            last.insert(n.clone(), i);
        }
    }
    names
        .iter()
        .enumerate()
        .map(|(i, name)| name.as_ref().is_some_and(|n| last.get(n) != Some(&i)))
        .collect()
}

/// The closest known field to an unknown one: the same name in another case, or one within a
/// small edit distance (1 for short names, 2 from 5 characters on).
fn did_you_mean(name: &str, known: &[&'static str]) -> Option<&'static str> {
    let lower = name.to_lowercase();
    if let Some(k) = known.iter().find(|k| k.to_lowercase() == lower) {
        return Some(k);
    }
    let limit = if name.chars().count() >= 5 { 2 } else { 1 };
    known
        .iter()
        .map(|k| (edit_distance(&lower, &k.to_lowercase()), *k))
        .filter(|(d, _)| *d <= limit)
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Optimal-string-alignment distance (Levenshtein plus adjacent transpositions), so that
/// `comand` → `command` and `imgae` → `image` are both one step.
fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let width = b.len() + 1;
    let mut d = vec![0usize; (a.len() + 1) * width];
    for i in 0..=a.len() {
        d[i * width] = i;
    }
    for (j, cell) in d.iter_mut().enumerate().take(width) {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut best = (d[(i - 1) * width + j] + 1)
                .min(d[i * width + j - 1] + 1)
                .min(d[(i - 1) * width + j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                best = best.min(d[(i - 2) * width + j - 2] + 1);
            }
            d[i * width + j] = best;
        }
    }
    d[a.len() * width + b.len()]
}

struct Seq<'de, 's, 't> {
    items: std::iter::Enumerate<std::slice::Iter<'de, Node>>,
    state: &'s RefCell<State<'t>>,
}

impl<'de> SeqAccess<'de> for Seq<'de, '_, '_> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        let Some((i, node)) = self.items.next() else {
            return Ok(None);
        };
        self.state.borrow_mut().path.push(Seg::Index(i));
        let r = seed.deserialize(De {
            node,
            state: self.state,
        });
        self.state.borrow_mut().path.pop();
        r.map(Some)
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

struct Map<'de, 's, 't> {
    entries: std::vec::IntoIter<(String, &'de Node)>,
    value: Option<(String, &'de Node)>,
    is_struct: bool,
    state: &'s RefCell<State<'t>>,
}

impl<'de> MapAccess<'de> for Map<'de, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some((key, node)) = self.entries.next() else {
            return Ok(None);
        };
        let r = seed.deserialize(key.as_str().into_deserializer());
        self.value = Some((key, node));
        r.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, node)) = self.value.take() else {
            return Err(de::Error::custom(
                "a mapping value was requested before its key",
            ));
        };
        let seg = if self.is_struct {
            Seg::Field(key)
        } else {
            Seg::Key(key)
        };
        self.state.borrow_mut().path.push(seg);
        let r = seed.deserialize(De {
            node,
            state: self.state,
        });
        self.state.borrow_mut().path.pop();
        r
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

impl<'de> de::Deserializer<'de> for De<'de, '_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_null() {
            let r = visitor.visit_unit();
            return self.note_failure(r);
        }
        match &self.node.value {
            Value::Sequence(_) => self.sequence(visitor),
            Value::Mapping(_) => self.mapping(None, visitor),
            Value::String(_) => self.string(visitor),
            Value::Null => {
                let r = visitor.visit_unit();
                self.note_failure(r)
            }
            Value::Bool(b) => {
                let r = visitor.visit_bool(*b);
                self.note_failure(r)
            }
            Value::Int(i) => {
                let r = visitor.visit_i64(*i);
                self.note_failure(r)
            }
            Value::UInt(u) => {
                let r = visitor.visit_u64(*u);
                self.note_failure(r)
            }
            // An integral float reaches the server as a JSON integer (see the module docs).
            Value::Float(f) if f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15 => {
                let r = visitor.visit_i64(*f as i64);
                self.note_failure(r)
            }
            Value::Float(f) => {
                let r = visitor.visit_f64(*f);
                self.note_failure(r)
            }
        }
    }

    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let b = match self.node.value {
            Value::Bool(b) if !self.is_null() => b,
            _ => {
                if !self.is_null() {
                    self.type_error(Want::Bool, None);
                }
                false
            }
        };
        let r = visitor.visit_bool(b);
        self.note_failure(r)
    }

    fn deserialize_i8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.signed(
            i128::from(i8::MIN),
            i128::from(i8::MAX),
            "an 8-bit integer",
            visitor,
        )
    }

    fn deserialize_i16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.signed(
            i128::from(i16::MIN),
            i128::from(i16::MAX),
            "a 16-bit integer",
            visitor,
        )
    }

    fn deserialize_i32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.signed(
            i128::from(i32::MIN),
            i128::from(i32::MAX),
            "a 32-bit integer",
            visitor,
        )
    }

    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.signed(
            i128::from(i64::MIN),
            i128::from(i64::MAX),
            "a 64-bit integer",
            visitor,
        )
    }

    fn deserialize_u8<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(i128::from(u8::MAX), "an unsigned 8-bit integer", visitor)
    }

    fn deserialize_u16<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(i128::from(u16::MAX), "an unsigned 16-bit integer", visitor)
    }

    fn deserialize_u32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(i128::from(u32::MAX), "an unsigned 32-bit integer", visitor)
    }

    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.unsigned(i128::from(u64::MAX), "an unsigned 64-bit integer", visitor)
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.float(visitor)
    }

    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.float(visitor)
    }

    fn deserialize_char<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.string(visitor)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.string(visitor)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.string(visitor)
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.string(visitor)
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.string(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.is_null() {
            let r = visitor.visit_none();
            return self.note_failure(r);
        }
        let node = self.node;
        let state = self.state;
        let r = visitor.visit_some(self);
        De { node, state }.note_failure(r)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = visitor.visit_unit();
        self.note_failure(r)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let node = self.node;
        let state = self.state;
        let r = visitor.visit_newtype_struct(self);
        De { node, state }.note_failure(r)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.sequence(visitor)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.sequence(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.sequence(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.mapping(None, visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        self.mapping(Some((name, fields)), visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        let r = match &self.node.value {
            Value::String(s) if !self.is_null() => {
                visitor.visit_enum(s.as_str().into_deserializer())
            }
            _ => Err(de::Error::custom(format!(
                "expected a string naming a variant, got {}",
                self.describe_given()
            ))),
        };
        self.note_failure(r)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.string(visitor)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        visitor.visit_unit()
    }
}

/// One step of an API field path as the validator writes it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathSegment {
    /// A struct field: `.name`.
    Field(String),
    /// A list index: `[0]`.
    Index(usize),
    /// A map key: `[app.kubernetes.io/name]`.
    Key(String),
}

/// Splits an API path such as `spec.template.spec.containers[0].env[1].name` or
/// `spec.template.metadata.labels[batch.kubernetes.io/job-name]` into segments.
pub fn parse_path(path: &str) -> Vec<PathSegment> {
    let mut out = Vec::new();
    let mut rest = path;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let end = after.find(']').unwrap_or(after.len());
            let inner = &after[..end];
            out.push(match inner.parse::<usize>() {
                Ok(i) if !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_digit()) => {
                    PathSegment::Index(i)
                }
                _ => PathSegment::Key(inner.to_owned()),
            });
            rest = after.get(end + 1..).unwrap_or("");
        } else {
            let body = rest.strip_prefix('.').unwrap_or(rest);
            let end = body.find(['.', '[']).unwrap_or(body.len());
            if end > 0 {
                out.push(PathSegment::Field(body[..end].to_owned()));
            }
            rest = &body[end..];
            if end == 0 && rest.starts_with('.') {
                rest = &rest[1..];
            }
        }
    }
    out
}

/// The span of the node an API path names. An existing scalar is pointed at by its value; an
/// existing mapping or list by its key (or its first key, for a list item), so that a message
/// about a whole section points at one line. A path that does not exist points at its nearest
/// existing parent's key; at the top level that is the document's first key.
///
/// The API server reports template label problems under `spec.template.labels` (see
/// `ValidateGeneratedSelector` in k/k `pkg/apis/batch/validation/validation.go`); that path is
/// read as `spec.template.metadata.labels`.
pub fn locate(root: &Node, path: &str) -> Span {
    let mut segments = parse_path(path);
    if segments.len() >= 3
        && segments[..3]
            == [
                PathSegment::Field("spec".into()),
                PathSegment::Field("template".into()),
                PathSegment::Field("labels".into()),
            ]
    {
        segments.insert(2, PathSegment::Field("metadata".into()));
    }
    let first_key = |node: &Node| {
        node.as_mapping()
            .and_then(|e| e.first())
            .map_or(Span::new(node.span.start, node.span.start), |(k, _)| k.span)
    };
    let mut node = root;
    let mut best = first_key(root);
    for seg in &segments {
        let next = match (seg, &node.value) {
            (PathSegment::Field(name) | PathSegment::Key(name), Value::Mapping(entries)) => entries
                .iter()
                .rev()
                .find(|(k, _)| k.key_string().as_deref() == Some(name.as_str()))
                .map(|(k, v)| (k.span, v)),
            (PathSegment::Index(i), Value::Sequence(items)) => {
                items.get(*i).map(|item| (first_key(item), item))
            }
            _ => None,
        };
        match next {
            Some((span, child)) => {
                best = span;
                node = child;
            }
            None => return best,
        }
    }
    match node.value {
        Value::Mapping(_) | Value::Sequence(_) => best,
        _ if segments.is_empty() => best,
        _ => node.span,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edit_distance_counts_transpositions_as_one() {
        for (a, b, d) in [
            ("comand", "command", 1),
            ("imgae", "image", 1),
            ("image", "image", 0),
            ("abc", "xyz", 3),
            ("", "ab", 2),
        ] {
            assert_eq!(edit_distance(a, b), d, "{a} -> {b}");
        }
    }

    #[test]
    fn did_you_mean_prefers_case_then_distance() {
        let known = &["image", "imagePullPolicy", "command", "args", "name"];
        assert_eq!(did_you_mean("Image", known), Some("image"));
        assert_eq!(did_you_mean("comand", known), Some("command"));
        assert_eq!(did_you_mean("nam", known), Some("name"));
        assert_eq!(did_you_mean("zzzzzz", known), None);
    }

    #[test]
    fn parses_api_paths() {
        use PathSegment::*;
        assert_eq!(
            parse_path("spec.template.metadata.labels[batch.kubernetes.io/job-name]"),
            vec![
                Field("spec".into()),
                Field("template".into()),
                Field("metadata".into()),
                Field("labels".into()),
                Key("batch.kubernetes.io/job-name".into())
            ]
        );
        assert_eq!(
            parse_path("spec.template.spec.containers[0].env[12].name"),
            vec![
                Field("spec".into()),
                Field("template".into()),
                Field("spec".into()),
                Field("containers".into()),
                Index(0),
                Field("env".into()),
                Index(12),
                Field("name".into())
            ]
        );
        assert_eq!(parse_path(""), vec![]);
    }
}
