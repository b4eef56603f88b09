//! A Job's JSON as the API server stores and returns it: decoded into the Go types and encoded
//! again by encoding/json.
//!
//! That round trip changes what a manifest wrote in ways a reader of `kubectl get -o yaml` sees,
//! and the oracle's differential compares exactly: members Go's `omitempty` leaves out vanish
//! (`hostPID: false`, `nodeSelector: {}`, `value: ""`), fields without it appear with their zero
//! value (`rules: null`, `resources: {}`), quantities take their canonical form (`2000m` becomes
//! `2`), and members no Go field holds are dropped. Which field is which comes from the Go types
//! themselves ([`crate::api::go_fields`]), not from a list kept by hand.

use serde_json::{Map, Value};

use crate::api::api::batch::v1::{CronJob, Job};
use crate::api::go_fields::{go_type, Repr};

/// The JSON the API server would return for `job`, Joblab's effective Job: its typed fields over
/// the manifest as written, round-tripped through the Go types.
pub fn stored_job(job: &Job) -> Value {
    let written = serde_json::to_value(job).unwrap_or(Value::Null);
    stored(&Repr::Struct("Job"), Some(written))
}

/// The JSON the API server would return for `cronjob`, Joblab's defaulted CronJob, as for a Job
/// ([`stored_job`]).
pub fn stored_cronjob(cronjob: &CronJob) -> Value {
    let written = serde_json::to_value(cronjob).unwrap_or(Value::Null);
    stored(&Repr::Struct("CronJob"), Some(written))
}

/// `value` (absent when `None`) decoded into a Go value of shape `repr` and encoded again.
/// JSON `null` decodes to the zero value, like an absent member.
pub fn stored(repr: &Repr, value: Option<Value>) -> Value {
    let value = value.filter(|v| !v.is_null());
    match *repr {
        Repr::Ptr(inner) => match value {
            None => Value::Null,
            Some(v) => stored(inner, Some(v)),
        },
        Repr::Slice(inner) => match value {
            Some(Value::Array(items)) => Value::Array(
                items
                    .into_iter()
                    .map(|item| stored(inner, Some(item)))
                    .collect(),
            ),
            Some(other) => other,
            None => Value::Null,
        },
        Repr::Map(inner) => match value {
            Some(Value::Object(members)) => Value::Object(
                members
                    .into_iter()
                    .map(|(k, v)| {
                        let v = match inner {
                            // Every map of quantities in a Job is a `ResourceList`, and
                            // `SetDefaults_ResourceList` (called on each of them in k/k
                            // `pkg/apis/batch/v1/zz_generated.defaults.go`) rounds its
                            // quantities up to milli-units before they are stored.
                            Repr::Quantity => Value::from(stored_quantity(Some(&v), true)),
                            _ => stored(inner, Some(v)),
                        };
                        (k, v)
                    })
                    .collect(),
            ),
            Some(other) => other,
            None => Value::Null,
        },
        Repr::Struct(name) => match value {
            None => store_struct(name, Map::new()),
            Some(Value::Object(members)) => store_struct(name, members),
            Some(other) => other,
        },
        Repr::Bool => value.unwrap_or(Value::Bool(false)),
        Repr::Int | Repr::Float | Repr::IntOrString => value.unwrap_or_else(|| Value::from(0)),
        Repr::String => value.unwrap_or_else(|| Value::from("")),
        Repr::Quantity => Value::from(stored_quantity(value.as_ref(), false)),
        Repr::Time | Repr::Raw => value.unwrap_or(Value::Null),
    }
}

/// Whether `value` (absent when `None`) decodes to the Go zero value of shape `repr`, as
/// `reflect.DeepEqual` with the zero value and encoding/json's `omitzero` see it: `0` is zero in
/// an `int` but not in a pointer, `[]` is not a nil slice.
pub fn is_go_zero(repr: &Repr, value: Option<&Value>) -> bool {
    stored(repr, value.cloned()) == stored(repr, None)
}

/// Whether encoding/json's `omitempty` leaves out `value`, a value of shape `repr`: false, 0, "",
/// a nil pointer, and nil or empty slices and maps. Structs (quantities and times included) are
/// never left out.
fn omitted_when_empty(repr: &Repr, value: &Value) -> bool {
    match repr {
        Repr::Ptr(_) | Repr::Raw => value.is_null(),
        Repr::Slice(_) => value.is_null() || value.as_array().is_some_and(Vec::is_empty),
        Repr::Map(_) => value.is_null() || value.as_object().is_some_and(Map::is_empty),
        Repr::Bool => value == &Value::Bool(false),
        Repr::Int | Repr::Float => value.as_f64() == Some(0.0),
        Repr::String => value.as_str() == Some(""),
        Repr::Struct(_) | Repr::Quantity | Repr::Time | Repr::IntOrString => false,
    }
}

/// The members of a Go struct named `name`, decoded from `members` and encoded again, in the
/// Go type's member order (by name, as the table keeps them; JSON member order carries no
/// meaning). A type the table does not know is kept as written.
fn store_struct(name: &str, mut members: Map<String, Value>) -> Value {
    let Some(def) = go_type(name) else {
        return Value::Object(members);
    };
    let mut out = Map::new();
    for field in def.fields {
        let value = stored(&field.repr, members.remove(field.name));
        if field.omit_empty && omitted_when_empty(&field.repr, &value) {
            continue;
        }
        if field.omit_zero && is_go_zero(&field.repr, Some(&value)) {
            continue;
        }
        out.insert(field.name.to_owned(), value);
    }
    Value::Object(out)
}

/// A quantity in the canonical form `Quantity.MarshalJSON` writes, first rounded up to
/// milli-units when it belongs to a resource list; `null` and absent are the zero quantity, and
/// one that does not parse (validation reports it) stays as written.
fn stored_quantity(value: Option<&Value>, in_resource_list: bool) -> String {
    let text = match value {
        None | Some(Value::Null) => return "0".to_owned(),
        Some(Value::String(s)) => s.clone(),
        Some(other) => other.to_string(),
    };
    crate::validate::quantity::parse(&text).map_or(text, |q| {
        if in_resource_list {
            q.rounded_up_to_milli().canonical()
        } else {
            q.canonical()
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn go_encoding_rules_by_shape() {
        // (shape, written value, stored value): one row per rule of encoding/json that matters.
        let cases: Vec<(Repr, Option<Value>, Value)> = vec![
            (Repr::Ptr(&Repr::Int), Some(json!(0)), json!(0)),
            (Repr::Ptr(&Repr::Int), None, Value::Null),
            (Repr::Slice(&Repr::String), None, Value::Null),
            (
                Repr::Slice(&Repr::String),
                Some(json!([null, "a"])),
                json!(["", "a"]),
            ),
            (
                Repr::Map(&Repr::Quantity),
                Some(json!({"cpu": "2000m", "memory": null})),
                json!({"cpu": "2", "memory": "0"}),
            ),
            (Repr::Quantity, Some(json!(1.5)), json!("1500m")),
            (Repr::Quantity, Some(json!("0.0001")), json!("100u")),
            (
                Repr::Map(&Repr::Quantity),
                Some(json!({"cpu": "0.0001", "memory": "-0.0001"})),
                json!({"cpu": "1m", "memory": "-1m"}),
            ),
            (Repr::Quantity, Some(json!("x")), json!("x")),
            (Repr::String, Some(Value::Null), json!("")),
            (Repr::Struct("ResourceRequirements"), None, json!({})),
        ];
        for (repr, written, want) in cases {
            assert_eq!(stored(&repr, written.clone()), want, "{repr:?} {written:?}");
        }
    }

    #[test]
    fn omitempty_and_pointers_in_a_pod_spec() {
        let spec = json!({
            "hostPID": false,
            "hostNetwork": true,
            "nodeSelector": {},
            "serviceAccountName": "",
            "terminationGracePeriodSeconds": 0,
            "containers": [{"name": "c", "stdin": false, "env": [{"name": "A", "value": ""}]}],
            "unknownMember": 1,
        });
        let want = json!({
            "hostNetwork": true,
            "terminationGracePeriodSeconds": 0,
            "containers": [{"name": "c", "env": [{"name": "A"}], "resources": {}}],
        });
        assert_eq!(stored(&Repr::Struct("PodSpec"), Some(spec)), want);
    }

    #[test]
    fn omitzero_leaves_out_a_zero_time() {
        let meta = stored(
            &Repr::Struct("ObjectMeta"),
            Some(json!({"name": "a", "creationTimestamp": null})),
        );
        assert_eq!(meta, json!({"name": "a"}));
    }

    #[test]
    fn a_slice_without_omitempty_comes_back_null() {
        let policy = stored(&Repr::Struct("PodFailurePolicy"), Some(json!({})));
        assert_eq!(policy, json!({"rules": null}));
    }
}
