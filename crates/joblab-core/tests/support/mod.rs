//! Helpers shared by the table-driven test files (each includes this with `mod support;`).

use serde_json::Value;

/// RFC 7386 merge patch, so a table row only says what it changes (`null` removes a field).
pub fn merge(target: &mut Value, patch: &Value) {
    match (target, patch) {
        (Value::Object(t), Value::Object(p)) => {
            for (k, v) in p {
                if v.is_null() {
                    t.remove(k);
                } else {
                    merge(t.entry(k.clone()).or_insert(Value::Null), v);
                }
            }
        }
        (t, p) => *t = p.clone(),
    }
}
