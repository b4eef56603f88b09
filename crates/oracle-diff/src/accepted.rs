//! The differences between Joblab and the oracle that are accepted on purpose, each with its
//! reason. The same table is in docs/fidelity.md ("Accepted differences"); the comparison
//! ([`crate::compare`]) names one only after checking that the difference is exactly that.

/// One accepted difference.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Accepted {
    /// A key given twice in one YAML mapping.
    DuplicateKey,
    /// A field the schema does not know: Joblab's detail is its own.
    UnknownFieldDetail,
    /// A value of the wrong type.
    TypeErrorDetail,
    /// A document kubectl cannot turn into a request.
    ClientSide,
    /// A document that is not a batch/v1 Job or CronJob.
    OtherKind,
    /// The server's validation panics on the input.
    ServerPanic,
}

impl Accepted {
    /// Every accepted difference, in the order docs/fidelity.md lists them.
    pub const ALL: [Accepted; 6] = [
        Accepted::DuplicateKey,
        Accepted::UnknownFieldDetail,
        Accepted::TypeErrorDetail,
        Accepted::ClientSide,
        Accepted::OtherKind,
        Accepted::ServerPanic,
    ];

    /// The short name reports use.
    pub const fn id(self) -> &'static str {
        match self {
            Accepted::DuplicateKey => "duplicate-key",
            Accepted::UnknownFieldDetail => "unknown-field-detail",
            Accepted::TypeErrorDetail => "type-error-detail",
            Accepted::ClientSide => "client-side",
            Accepted::OtherKind => "other-kind",
            Accepted::ServerPanic => "server-panic",
        }
    }

    /// What differs and why Joblab keeps it so.
    pub const fn reason(self) -> &'static str {
        match self {
            Accepted::DuplicateKey => "kubectl turns YAML into JSON with sigs.k8s.io/yaml, which keeps the last of two equal keys, so the server never sees the first and accepts the Job; sent as a YAML body, the server rejects it (`line N: key \"k\" already set in map`). Joblab reports it as that error: a silently dropped value is a bug in the manifest. Checked: Joblab's duplicate keys are exactly those the server names for the YAML body.",
            Accepted::UnknownFieldDetail => "the server says `unknown field \"spec.x\"` and rejects the request (kubectl's --validate=strict); Joblab reports the same path with its own detail (the type it is not a field of, and a did-you-mean). Checked: the set of paths is equal.",
            Accepted::TypeErrorDetail => "Go's JSON decoder stops at the first value of the wrong type and names its Go type (`cannot unmarshal string into Go struct field JobSpec.spec.parallelism of type int32`); Joblab names every mistyped value in its own words. Both reject and validate nothing further. Checked: the server's path is among Joblab's (the Go path without the names of embedded structs, such as `EphemeralContainerCommon` or `LocalObjectReference`, which JSON has no level for). A time or quantity that does not parse is an error of the type's own UnmarshalJSON, which names no field and ends decoding at once (`parsing time \"bad-time\" as ...`, `quantities must match the regular expression ...`); checked: the first of Joblab's type errors at a Time, Quantity or IntOrString field, in the order Go reads the body (keys sorted), is a Time field with the quoted value, or a Quantity field whose value ParseQuantity rejects with that message.",
            Accepted::ClientSide => "kubectl cannot turn the document into a request and sends nothing: YAML it cannot parse (`error converting YAML to JSON: yaml: line N: ...`), or no usable kind or apiVersion (`Object 'Kind' is missing`, `unable to recognize`). or a value JSON cannot hold (`.inf`, `.nan`). Joblab reports its own error for it: a syntax error with libyaml's position and wording, a Required kind or apiVersion, or a type error at the value. Checked: Joblab rejects the document.",
            Accepted::ServerPanic => "Kubernetes v1.37.2's own validation dereferences a nil pointer on this input (an Indexed Job with a successPolicy rule and no completions: validateSuccessPolicyRule reads *spec.Completions), so the API server answers 500 \"This request caused apiserver to panic\" and lists no field errors. Joblab reports the field errors the server would reach without the crash. Checked: both reject, and the oracle recorded the panic.",
            Accepted::OtherKind => "the oracle answers batch/v1 Jobs and CronJobs; Joblab skips any other kind with a note. Checked: Joblab has no error for the document.",
        }
    }
}
