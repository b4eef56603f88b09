//! How Go's encoding/json writes each field of a batch/v1 Job, from the Go types themselves.
//!
//! The OpenAPI schema ([`super::schema`]) says which fields exist; it cannot say which are Go
//! pointers and which carry `omitempty`, and that decides the exact JSON the API server stores:
//! `hostPID: false` (a plain `bool`, `omitempty`) disappears, `backoffLimit: 0` (a pointer) stays,
//! and an absent `rules` (a slice without `omitempty`) comes back as `null`. The table
//! ([`GO_TYPES`]) is generated from `oracle fields` (see `tests/go_fields_up_to_date.rs`).

pub use super::go_fields_gen::GO_TYPES;

/// How a Go value is held, as far as encoding/json cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Repr {
    /// A pointer: nil is left out with `omitempty` and written `null` without it; a non-nil
    /// pointer is always written, even to a zero value.
    Ptr(&'static Repr),
    /// A slice: `omitempty` leaves out nil and empty ones; nil is written `null` otherwise.
    Slice(&'static Repr),
    /// A map with string keys, like a slice for `omitempty`.
    Map(&'static Repr),
    /// A struct (by its Go name): always written, since `omitempty` never omits a struct.
    Struct(&'static str),
    /// A `bool`.
    Bool,
    /// Any integer type.
    Int,
    /// A `float32` or `float64`.
    Float,
    /// A `string` (or a named string type such as `RestartPolicy`).
    String,
    /// `resource.Quantity`, written in its canonical form.
    Quantity,
    /// `metav1.Time`: `null` when zero, else RFC 3339 in UTC to the second.
    Time,
    /// `intstr.IntOrString`: a number or a string.
    IntOrString,
    /// A value kept as written (`runtime.RawExtension`, `FieldsV1`, bytes).
    Raw,
}

/// One JSON member of a Go struct (inline structs flattened, as encoding/json does).
#[derive(Clone, Copy, Debug)]
pub struct GoField {
    /// The JSON name.
    pub name: &'static str,
    /// Whether the tag says `omitempty`.
    pub omit_empty: bool,
    /// Whether the tag says `omitzero` (Go 1.24): the zero value is left out, structs and
    /// times included (`creationTimestamp`).
    pub omit_zero: bool,
    /// How the value is held.
    pub repr: Repr,
}

/// A Go struct type and its JSON members, sorted by name.
#[derive(Debug)]
pub struct GoType {
    /// The Go type name (`PodSpec`).
    pub name: &'static str,
    /// The members, sorted by JSON name.
    pub fields: &'static [GoField],
}

/// The struct type named `name`.
pub fn go_type(name: &str) -> Option<&'static GoType> {
    GO_TYPES
        .binary_search_by(|t| t.name.cmp(name))
        .ok()
        .and_then(|i| GO_TYPES.get(i))
}
