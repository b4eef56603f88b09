//! The oracle's answers, as `oracle check` writes them (oracle/README.md, "check").

use serde::{Deserialize, Serialize};

/// One validation error of the server, every part kept apart.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct FieldError {
    /// The field path, e.g. `spec.completions`.
    pub field: String,
    /// The Go `field.ErrorType` value, e.g. `FieldValueInvalid`.
    #[serde(rename = "type")]
    pub error_type: String,
    /// The bad value as JSON, when there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bad_value: Option<serde_json::Value>,
    /// The detail alone.
    pub detail: String,
    /// `field.Error.ErrorBody()`: type, bad value and detail, as the server prints them.
    pub message: String,
    /// The validation rule that raised it (`minimum`, `format=dns-label`, ...).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub origin: String,
}

/// One strict-decoding error.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct StrictError {
    /// `unknown field "spec.x"`, `duplicate field "spec.x"`, or a YAML line such as
    /// `line 7: key "parallelism" already set in map`.
    pub message: String,
}

/// The HTTP status of the create request.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct Status {
    /// 201, 400 or 422.
    pub code: i32,
    /// `BadRequest`, `Invalid`, ...
    #[serde(skip_serializing_if = "String::is_empty")]
    pub reason: String,
    /// The message kubectl prints after `Error from server (...)`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub message: String,
}

/// The oracle's answer for one YAML document.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default, rename_all = "camelCase")]
pub struct DocumentAnswer {
    /// 0-based position in the stream, empty documents included.
    pub index: usize,
    /// `apiVersion`, when kubectl could read one.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub api_version: String,
    /// `kind`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub kind: String,
    /// `metadata.name`, or else `metadata.generateName`.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// kubectl skips the document (empty or `null`).
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub skipped: bool,
    /// A document of another kind than batch/v1 Job, which the oracle does not answer.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub other_kind: bool,
    /// kubectl's own error: the document never reaches the server.
    #[serde(skip_serializing_if = "String::is_empty")]
    pub client_error: String,
    /// The JSON body kubectl sends.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub body: Option<serde_json::Value>,
    /// The strict errors the server gives the document's YAML as the body itself.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub yaml_body_strict_errors: Vec<StrictError>,
    /// `kubectl create -f` succeeds.
    pub accepted: bool,
    /// The HTTP answer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<Status>,
    /// Strict decoding errors of the JSON body (400 under fieldValidation=Strict).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub strict_errors: Vec<StrictError>,
    /// A decoding error no validation mode tolerates (a value of the wrong type).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub decode_error: String,
    /// Validation errors (with strict errors present: as under fieldValidation=Warn).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<FieldError>,
    /// The server's own code panicked on the input (the API server answers 500).
    #[serde(skip_serializing_if = "String::is_empty")]
    pub panic: String,
    /// The server's warnings.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub warnings: Vec<String>,
    /// The Job as the create response returns it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stored: Option<serde_json::Value>,
}

/// One line of `oracle check --jsonl`'s output.
#[derive(Clone, Debug, Default, PartialEq, Deserialize, Serialize)]
#[serde(default)]
pub struct CaseAnswer {
    /// The case's id, as sent.
    pub id: String,
    /// One answer per document kubectl read.
    pub documents: Vec<DocumentAnswer>,
}

/// The UID the oracle's store gives every Job (oracle/version.go `OracleUID`).
pub const ORACLE_UID: &str = "00000000-0000-4000-8000-000000000000";

/// The suffix the oracle's store gives a `generateName` (oracle/check.go `OracleNameSuffix`).
pub const ORACLE_NAME_SUFFIX: &str = "zzzzz";
