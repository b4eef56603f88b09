//! Reading the Pod spec's validation-only parts from the effective Job's JSON, with Go's
//! zero-value semantics, and printing their values the way `field.Error.ErrorBody` does in 1.37.
//!
//! The slim typed model lacks most of the Pod spec (volume sources, affinity, tolerations, ...),
//! so the rules for those areas read the JSON the effective Job serializes to. An absent key and
//! a JSON `null` both mean Go's zero value (a nil pointer, an empty string, a zero number).

use serde_json::Value;

use super::quote::go_quote;
use super::{Errs, Path, Val};

/// An empty list, for absent arrays.
const NO_ITEMS: &[Value] = &[];

/// The member `key` when it is present and not `null` (a non-nil Go pointer, slice or map).
pub(crate) fn get<'a>(v: &'a Value, key: &str) -> Option<&'a Value> {
    v.get(key).filter(|x| !x.is_null())
}

/// The string member `key`, or `""`.
pub(crate) fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

/// The string member `key` when present (a non-nil `*string`).
pub(crate) fn opt_text<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key).and_then(Value::as_str)
}

/// The integer member `key`, or 0.
pub(crate) fn int(v: &Value, key: &str) -> i64 {
    opt_int(v, key).unwrap_or(0)
}

/// The integer member `key` when present.
pub(crate) fn opt_int(v: &Value, key: &str) -> Option<i64> {
    v.get(key).and_then(Value::as_i64)
}

/// The boolean member `key`, or false.
pub(crate) fn flag(v: &Value, key: &str) -> bool {
    v.get(key).and_then(Value::as_bool).unwrap_or(false)
}

/// The list member `key`, or an empty list.
pub(crate) fn items<'a>(v: &'a Value, key: &str) -> &'a [Value] {
    v.get(key)
        .and_then(Value::as_array)
        .map_or(NO_ITEMS, Vec::as_slice)
}

/// The strings of the list member `key` (non-strings read as `""`).
pub(crate) fn strings<'a>(v: &'a Value, key: &str) -> Vec<&'a str> {
    items(v, key)
        .iter()
        .map(|s| s.as_str().unwrap_or(""))
        .collect()
}

/// A value of a named string type (`core.OSName`, `core.TaintEffect`, ...) or a pointer to a
/// string: the server prints it as JSON, since only a plain `string` gets `%q`.
pub(crate) fn json_str(s: &str) -> Val<'static> {
    Val::Raw(go_json_string(s))
}

/// Encodes `s` as Go's `encoding/json` does: HTML-safe (`<`, `>`, `&` escaped) and with U+2028
/// and U+2029 escaped.
pub(crate) fn go_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Go's `encoding/json` of a `[]string`.
pub(crate) fn go_json_strings(list: &[&str]) -> String {
    let parts: Vec<String> = list.iter().map(|s| go_json_string(s)).collect();
    format!("[{}]", parts.join(","))
}

/// `field.NotSupported` for a value of a named string type: the value printed as JSON, the
/// supported values with `%q`.
pub(crate) fn not_supported_typed(errs: &mut Errs, path: &Path, value: &str, valid: &[&str]) {
    errs.not_supported(path, value, valid);
    if let Some(last) = errs.0.last_mut() {
        let list: Vec<String> = valid.iter().map(|v| go_quote(v)).collect();
        last.detail = format!(
            "{}: supported values: {}",
            go_json_string(value),
            list.join(", ")
        );
    }
}

/// Go's JSON of an optional string pointer inside a struct: the string, or `null`.
pub(crate) fn go_json_opt(v: Option<&str>) -> String {
    v.map_or_else(|| "null".to_owned(), go_json_string)
}
