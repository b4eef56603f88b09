//! The API's scalar types with their own JSON forms: `Quantity`, `IntOrString` and `Time`.

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A resource quantity (`500m`, `1Gi`) as written. Like k8s-openapi's, it also reads a JSON
/// number, as its decimal text; validation parses it ([`crate::validate::quantity`]). A JSON
/// `null` is the zero quantity `0`, as `Quantity.UnmarshalJSON` reads it.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct Quantity(pub String);

impl<'de> Deserialize<'de> for Quantity {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Through serde_json's value, so only one visitor is instantiated for all numbers.
        Ok(match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) => Quantity(s),
            serde_json::Value::Number(n) => Quantity(n.to_string()),
            serde_json::Value::Null => Quantity("0".to_owned()),
            other => {
                return Err(serde::de::Error::custom(format!(
                    "expected a quantity, got {other}"
                )))
            }
        })
    }
}

/// An integer or a string, as `port: 8080` or `port: http`.
#[derive(Clone, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum IntOrString {
    /// A 32-bit integer.
    Int(i32),
    /// A string.
    String(String),
}

impl Default for IntOrString {
    fn default() -> Self {
        IntOrString::Int(0)
    }
}

impl Serialize for IntOrString {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            IntOrString::Int(i) => serializer.serialize_i32(*i),
            IntOrString::String(s) => serializer.serialize_str(s),
        }
    }
}

impl<'de> Deserialize<'de> for IntOrString {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match serde_json::Value::deserialize(deserializer)? {
            serde_json::Value::String(s) => Ok(IntOrString::String(s)),
            serde_json::Value::Number(n) => n
                .as_i64()
                .and_then(|i| i32::try_from(i).ok())
                .map(IntOrString::Int)
                .ok_or_else(|| {
                    serde::de::Error::custom(format!("expected a 32-bit integer, got {n}"))
                }),
            other => Err(serde::de::Error::custom(format!(
                "expected an integer or a string, got {other}"
            ))),
        }
    }
}

/// A point in time as the API writes it: RFC 3339 in UTC, to the second
/// (`2025-01-01T00:00:00Z`). The strict decoder checks and normalizes what a manifest gives
/// ([`crate::civil::parse_rfc3339`]), so the text is always in that form.
#[derive(Clone, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
pub struct Time(pub String);

impl Time {
    /// The time `unix_seconds` after 1970-01-01T00:00:00Z.
    pub fn from_unix_seconds(unix_seconds: i64) -> Self {
        Time(crate::civil::format_rfc3339(unix_seconds))
    }

    /// Seconds since 1970-01-01T00:00:00Z, when the text is a valid timestamp.
    pub fn unix_seconds(&self) -> Option<i64> {
        crate::civil::parse_rfc3339(&self.0)
    }
}
