//! The compact schema of the complete batch/v1 Job and CronJob that strict decoding checks
//! manifests against.
//!
//! The table itself ([`TYPES`]) is generated from `k8s-openapi`'s JSON schema by
//! `tests/schema_up_to_date.rs`, so every field a real cluster accepts is known here even though
//! the typed model ([`crate::api`]) keeps only the fields Joblab reads.

pub use super::schema_gen::{CRONJOB, TYPES};

/// What a field holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// A string.
    Str,
    /// A 32-bit integer.
    Int32,
    /// A 64-bit integer.
    Int64,
    /// A boolean.
    Bool,
    /// A floating-point number.
    Number,
    /// A resource quantity: a string, or a number (written back as a string).
    Quantity,
    /// An integer or a string (`port: 8080` or `port: http`).
    IntOrString,
    /// An RFC 3339 timestamp (written back in UTC, to the second).
    Time,
    /// A mapping of strings to strings (labels, annotations, ...).
    StrMap,
    /// A mapping of strings to values of one kind (resource lists).
    Map(&'static Kind),
    /// Any JSON value (`managedFields[].fieldsV1`).
    FreeForm,
    /// A list of values of one kind.
    List(&'static Kind),
    /// An object of the type `TYPES[i]`.
    Object(usize),
}

/// One field of an object type.
#[derive(Clone, Copy, Debug)]
pub struct Field {
    /// The JSON name.
    pub name: &'static str,
    /// What it holds.
    pub kind: Kind,
    /// Whether k8s-openapi's type has it unconditionally (not an `Option`): it is then written
    /// out with its zero value when a manifest leaves it out.
    pub required: bool,
}

/// An object type: its name as messages show it (`Container`) and its fields, sorted by name.
#[derive(Debug)]
pub struct TypeDef {
    /// The type name, as `k8s-openapi` calls it.
    pub name: &'static str,
    /// The fields, sorted by name.
    pub fields: &'static [Field],
}

/// The index of the batch/v1 Job in [`TYPES`].
pub const JOB: usize = 0;

impl TypeDef {
    /// The field named `name`.
    pub fn field(&self, name: &str) -> Option<&'static Field> {
        self.fields
            .binary_search_by(|f| f.name.cmp(name))
            .ok()
            .and_then(|i| self.fields.get(i))
    }
}
