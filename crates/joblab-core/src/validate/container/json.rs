//! The JSON readers the container rules share with the Pod-level rules
//! ([`crate::validate::podjson`]: Go's zero-value semantics, values printed as 1.37's
//! `ErrorBody` prints them), and Go's JSON of a whole value for the few errors that print a
//! struct.

use serde_json::Value;

pub(crate) use crate::validate::podjson::{
    flag, get, go_json_string, int, items, json_str, not_supported_typed, opt_int, opt_text, text,
};

/// Go's `encoding/json` of a JSON value, object keys sorted (Go marshals maps sorted, and
/// Joblab's JSON objects are sorted maps too).
pub(crate) fn go_json(v: &Value) -> String {
    match v {
        Value::String(s) => go_json_string(s),
        Value::Array(a) => {
            let parts: Vec<String> = a.iter().map(go_json).collect();
            format!("[{}]", parts.join(","))
        }
        Value::Object(m) => {
            let parts: Vec<String> = m
                .iter()
                .map(|(k, v)| format!("{}:{}", go_json_string(k), go_json(v)))
                .collect();
            format!("{{{}}}", parts.join(","))
        }
        other => other.to_string(),
    }
}
