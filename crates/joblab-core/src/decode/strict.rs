//! Strict decoding of a Job against the compact schema of the complete batch/v1 API
//! ([`crate::api::schema`]), in one walk over the positioned tree and without serde.
//!
//! The walk reports what the serde decoder of this module reports (unknown fields with a
//! did-you-mean, duplicate keys, type errors with the same wording and paths), and builds the
//! manifest *as the API server reads it*: a JSON value with unknown fields, nulls and mistyped
//! values left out, integral floats as integers, quantities as strings, timestamps in UTC, and
//! the fields k8s-openapi always writes present with their zero value. The typed model is then
//! read from that value, and the value itself keeps every field the user wrote for the outputs
//! that show the whole Job (`joblab defaults`, `kubectl get job -o yaml`).

use serde_json::{Map as JMap, Value as J};

use super::{did_you_mean, integer_of, render_path, shadowed, type_error_detail, Seg, Want};
use crate::api::schema::{Kind, TYPES};
use crate::diag::{Diagnostic, ErrorType};
use crate::yaml::{Node, Value};

const QUANTITY: Want = Want::Other("a quantity (a string such as 500m or 1Gi, or a number)");
const INT_OR_STRING: Want = Want::Other("an integer or a string");
const TIME: Want =
    Want::Other("a timestamp in RFC 3339 form (a string such as 2025-01-01T00:00:00Z)");
const INT32: Want = Want::Int {
    min: i32::MIN as i128,
    max: i32::MAX as i128,
    bits: "a 32-bit integer",
};
const INT64: Want = Want::Int {
    min: i64::MIN as i128,
    max: i64::MAX as i128,
    bits: "a 64-bit integer",
};

/// The outcome of the strict walk.
pub(crate) struct Walked {
    /// The manifest as the API server reads it (see the module docs).
    pub value: J,
    /// Unknown fields, duplicate fields and type errors, in the order found.
    pub diagnostics: Vec<Diagnostic>,
}

/// Walks `root` (parsed from `text`) as an object of type `TYPES[ty]`.
pub(crate) fn walk(text: &str, root: &Node, ty: usize) -> Walked {
    let mut w = Walker {
        text,
        path: Vec::new(),
        diagnostics: Vec::new(),
    };
    let value = w.object(root, ty).unwrap_or_else(|| zero_object(ty, 0));
    Walked {
        value,
        diagnostics: w.diagnostics,
    }
}

struct Walker<'t> {
    text: &'t str,
    path: Vec<Seg>,
    diagnostics: Vec<Diagnostic>,
}

impl Walker<'_> {
    fn error(&mut self, node: &Node, error_type: ErrorType, detail: String) {
        self.diagnostics.push(Diagnostic::error(
            render_path(&self.path),
            error_type,
            detail,
            node.span,
        ));
    }

    fn type_error(&mut self, node: &Node, want: Want) {
        let detail = type_error_detail(node, self.text, want, None);
        self.error(node, ErrorType::TypeError, detail);
        // The YAML body is checked for repeated keys as a whole, mistyped parts included.
        self.scan_duplicates(node);
    }

    /// Reports every repeated key inside `node`, a value the walk does not descend into by
    /// type (free-form or mistyped): kubectl's strict YAML reading sees them all.
    fn scan_duplicates(&mut self, node: &Node) {
        match &node.value {
            Value::Mapping(entries) => {
                let mut seen = Vec::new();
                for (key, value) in entries {
                    let Some(name) = self.key(key, &mut seen, false) else {
                        continue;
                    };
                    self.path.push(Seg::Key(name));
                    self.scan_duplicates(value);
                    self.path.pop();
                }
            }
            Value::Sequence(items) => {
                for (i, item) in items.iter().enumerate() {
                    self.path.push(Seg::Index(i));
                    self.scan_duplicates(item);
                    self.path.pop();
                }
            }
            _ => {}
        }
    }

    /// The Go type of a field the schema calls free-form but the server decodes as a struct
    /// without fields: the OpenAPI of an empty struct (`spec.scheduling`'s
    /// `schedulingPolicy.basic`, `disruptionMode.all` and `.single`) has no properties.
    fn empty_struct(&self) -> Option<&'static str> {
        let path = render_path(&self.path);
        // A CronJob's template has the Job's spec one level down.
        let job = path.strip_prefix("spec.jobTemplate.").unwrap_or(&path);
        let rest = job.strip_prefix("spec.scheduling.")?;
        match rest {
            "schedulingPolicy.basic" => Some("WorkloadPodGroupBasicSchedulingPolicy"),
            "disruptionMode.all" => Some("WorkloadPodGroupAllDisruptionMode"),
            "disruptionMode.single" => Some("WorkloadPodGroupSingleDisruptionMode"),
            _ => None,
        }
    }

    /// A struct without fields: a mapping whose every key is unknown.
    fn empty_object(&mut self, node: &Node, name: &'static str) -> Option<J> {
        let Value::Mapping(entries) = &node.value else {
            self.type_error(node, Want::Object(name));
            return None;
        };
        let mut seen = Vec::new();
        for (key, value) in entries {
            let Some(field) = self.key(key, &mut seen, true) else {
                continue;
            };
            self.path.push(Seg::Field(field.clone()));
            self.error(
                key,
                ErrorType::UnknownField,
                format!(
                    "{} is not a field of {name}",
                    crate::validate::quote::go_quote(&field)
                ),
            );
            self.scan_duplicates(value);
            self.path.pop();
        }
        Some(J::Object(JMap::new()))
    }

    /// The value of `node` as a `kind`; `None` for null and for a mistyped value (recorded).
    fn value(&mut self, node: &Node, kind: Kind) -> Option<J> {
        if matches!(node.value, Value::Null) {
            return None;
        }
        match kind {
            Kind::Str => match &node.value {
                Value::String(s) => Some(J::String(s.clone())),
                _ => {
                    self.type_error(node, Want::Str);
                    None
                }
            },
            Kind::Bool => match node.value {
                Value::Bool(b) => Some(J::Bool(b)),
                _ => {
                    self.type_error(node, Want::Bool);
                    None
                }
            },
            Kind::Int32 | Kind::Int64 => {
                let want = if kind == Kind::Int32 { INT32 } else { INT64 };
                match integer_of(node, self.text, want) {
                    Ok(v) => i64::try_from(v).ok().map(J::from),
                    Err(detail) => {
                        self.error(node, ErrorType::TypeError, detail);
                        None
                    }
                }
            }
            Kind::Number => match node.value {
                Value::Int(i) => Some(J::from(i as f64)),
                Value::UInt(u) => Some(J::from(u as f64)),
                Value::Float(f) => serde_json::Number::from_f64(f).map(J::Number),
                _ => {
                    self.type_error(node, Want::Number);
                    None
                }
            },
            Kind::Quantity => {
                // As k8s-openapi's `Quantity` reads a number: the integer or float it is, as text.
                let text = match &node.value {
                    Value::String(s) => Some(s.clone()),
                    Value::Int(i) => Some(i.to_string()),
                    Value::UInt(u) => Some(u.to_string()),
                    Value::Float(f) if integral(*f) => Some((*f as i64).to_string()),
                    Value::Float(f) => Some(f.to_string()),
                    _ => None,
                };
                let Some(text) = text else {
                    self.type_error(node, QUANTITY);
                    return None;
                };
                // `Quantity.UnmarshalJSON` parses (after `strings.TrimSpace`) while decoding: a
                // malformed quantity fails the decode of the whole object (a 400), before any
                // validation.
                if let Err(msg) = crate::validate::quantity::parse(text.trim()) {
                    let detail =
                        type_error_detail(node, self.text, QUANTITY, Some(format!(": {msg}")));
                    self.error(node, ErrorType::TypeError, detail);
                    return None;
                }
                Some(J::String(text))
            }
            Kind::IntOrString => {
                let v = match &node.value {
                    Value::String(s) => Some(J::String(s.clone())),
                    Value::Int(i) => i32::try_from(*i).ok().map(J::from),
                    Value::UInt(u) => i32::try_from(*u).ok().map(J::from),
                    Value::Float(f) if integral(*f) => i32::try_from(*f as i64).ok().map(J::from),
                    _ => None,
                };
                if v.is_none() {
                    self.type_error(node, INT_OR_STRING);
                }
                v
            }
            Kind::Time => {
                let secs = match &node.value {
                    Value::String(s) => crate::civil::parse_rfc3339(s),
                    _ => None,
                };
                if secs.is_none() {
                    self.type_error(node, TIME);
                }
                secs.map(|s| J::String(crate::civil::format_rfc3339(s)))
            }
            Kind::FreeForm => match self.empty_struct() {
                Some(name) => self.empty_object(node, name),
                None => {
                    self.scan_duplicates(node);
                    Some(node.to_json())
                }
            },
            Kind::StrMap => self.map(node, Kind::Str),
            Kind::Map(item) => self.map(node, *item),
            Kind::List(item) => self.list(node, *item),
            Kind::Object(ty) => self.object(node, ty),
        }
    }

    /// A list item or map value: null and mistyped values become the kind's zero value, as the
    /// serde decoder leaves them.
    fn item(&mut self, node: &Node, kind: Kind) -> Option<J> {
        match self.value(node, kind) {
            Some(v) => Some(v),
            // A quantity in a resource list is a `Quantity` value, not a pointer, so Go's decoder
            // hands `null` to `Quantity.UnmarshalJSON`, which reads it as the zero quantity
            // (k8s.io/apimachinery `pkg/api/resource/quantity.go`); the server stores `"0"`.
            None if matches!(node.value, Value::Null) && kind == Kind::Quantity => {
                Some(J::String("0".to_owned()))
            }
            None if matches!(node.value, Value::Null) && zero(kind, 0).is_none() => {
                // A null where only a parsed scalar fits (a quantity): no zero value exists.
                self.type_error(node, want_of(kind));
                None
            }
            None => zero(kind, 0),
        }
    }

    fn list(&mut self, node: &Node, item: Kind) -> Option<J> {
        let Value::Sequence(items) = &node.value else {
            self.type_error(node, Want::List);
            return None;
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, child) in items.iter().enumerate() {
            self.path.push(Seg::Index(i));
            if let Some(v) = self.item(child, item) {
                out.push(v);
            }
            self.path.pop();
        }
        Some(J::Array(out))
    }

    fn map(&mut self, node: &Node, item: Kind) -> Option<J> {
        let Value::Mapping(entries) = &node.value else {
            self.type_error(node, Want::Map);
            return None;
        };
        let mut out = JMap::new();
        let mut seen = Vec::new();
        let shadowed = shadowed(entries);
        for ((key, value), shadowed) in entries.iter().zip(shadowed) {
            let Some(name) = self.key(key, &mut seen, false) else {
                continue;
            };
            if shadowed {
                continue;
            }
            self.path.push(Seg::Key(name.clone()));
            match self.item(value, item) {
                Some(v) => out.insert(name, v),
                None => out.remove(&name),
            };
            self.path.pop();
        }
        Some(J::Object(out))
    }

    /// The name of a mapping key, with a diagnostic when it is not a string (then `None`) or
    /// when it repeats an earlier key.
    fn key(&mut self, key: &Node, seen: &mut Vec<String>, is_field: bool) -> Option<String> {
        let Some(name) = key.key_string() else {
            self.error(
                key,
                ErrorType::TypeError,
                "a mapping key must be a string, not a list or a mapping".to_owned(),
            );
            return None;
        };
        if seen.contains(&name) {
            self.path.push(if is_field {
                Seg::Field(name.clone())
            } else {
                Seg::Key(name.clone())
            });
            self.error(
                key,
                ErrorType::DuplicateField,
                format!("{name:?} appears more than once in this mapping; the last one is used"),
            );
            self.path.pop();
        } else {
            seen.push(name.clone());
        }
        Some(name)
    }

    fn object(&mut self, node: &Node, ty: usize) -> Option<J> {
        let def = TYPES.get(ty)?;
        let Value::Mapping(entries) = &node.value else {
            if !matches!(node.value, Value::Null) {
                self.type_error(node, Want::Object(def.name));
            }
            return None;
        };
        let mut out = JMap::new();
        // Keys seen, known or not: a repeated unknown key is a duplicate too.
        let mut seen = Vec::new();
        let shadowed = shadowed(entries);
        for ((key, value), shadowed) in entries.iter().zip(shadowed) {
            let Some(name) = self.key(key, &mut seen, true) else {
                continue;
            };
            if shadowed {
                continue;
            }
            self.path.push(Seg::Field(name.clone()));
            match def.field(&name) {
                None => {
                    let mut detail = format!(
                        "{} is not a field of {}",
                        crate::validate::quote::go_quote(&name),
                        def.name
                    );
                    let known: Vec<&'static str> = def.fields.iter().map(|f| f.name).collect();
                    if let Some(suggestion) = did_you_mean(&name, &known) {
                        detail.push_str(&format!("; did you mean {suggestion:?}?"));
                    }
                    self.error(key, ErrorType::UnknownField, detail);
                }
                Some(field) => match self.value(value, field.kind) {
                    Some(v) => {
                        out.insert(name, v);
                    }
                    None => {
                        out.remove(&name);
                    }
                },
            }
            self.path.pop();
        }
        fill_required(&mut out, ty, 0);
        Some(J::Object(out))
    }
}

/// Whether a float reaches the server as a JSON integer (see the module docs of
/// [`crate::decode`]).
fn integral(f: f64) -> bool {
    f.is_finite() && f.fract() == 0.0 && f.abs() < 9.0e15
}

fn want_of(kind: Kind) -> Want {
    match kind {
        Kind::Quantity => QUANTITY,
        Kind::IntOrString => INT_OR_STRING,
        _ => TIME,
    }
}

/// The value k8s-openapi writes for a field it always has; `None` for the parsed scalars, which
/// have none.
fn zero(kind: Kind, depth: usize) -> Option<J> {
    match kind {
        Kind::Str => Some(J::String(String::new())),
        Kind::Int32 | Kind::Int64 => Some(J::from(0)),
        Kind::Number => Some(J::from(0.0)),
        Kind::Bool => Some(J::Bool(false)),
        Kind::StrMap | Kind::Map(_) => Some(J::Object(JMap::new())),
        Kind::List(_) => Some(J::Array(Vec::new())),
        Kind::FreeForm => Some(J::Null),
        Kind::Object(ty) => Some(zero_object(ty, depth + 1)),
        Kind::Quantity | Kind::IntOrString | Kind::Time => None,
    }
}

fn zero_object(ty: usize, depth: usize) -> J {
    let mut out = JMap::new();
    fill_required(&mut out, ty, depth);
    J::Object(out)
}

/// Adds the zero value of every required field `out` lacks. `depth` bounds the recursion through
/// required object fields, should the schema ever have a cycle of them.
fn fill_required(out: &mut JMap<String, J>, ty: usize, depth: usize) {
    let Some(def) = TYPES.get(ty).filter(|_| depth < 16) else {
        return;
    };
    // A list is left out: Go's slice is nil when absent and an error message or a stored Job
    // prints it as `null`, not `[]` (`onExitCodes.values`, `podFailurePolicy.rules`), so the
    // manifest as kept must still tell an absent list from an empty one.
    for field in def
        .fields
        .iter()
        .filter(|f| f.required && !matches!(f.kind, Kind::List(_)))
    {
        if !out.contains_key(field.name) {
            if let Some(v) = zero(field.kind, depth) {
                out.insert(field.name.to_owned(), v);
            }
        }
    }
}
