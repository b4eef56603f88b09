//! The Kubernetes API types Joblab works with: a slim model that mirrors `k8s-openapi`'s module
//! paths, type names and field names (`api::api::batch::v1::Job`,
//! `api::apimachinery::pkg::apis::meta::v1::ObjectMeta`, ...) for the fields Joblab reads or
//! the API server's defaulting writes, and nothing else.
//!
//! Why not k8s-openapi itself: its generated `Deserialize` impls for the whole PodSpec (every
//! volume source, affinity, probes, ...), with `jiff` and `base64` behind them, were about half of
//! the browser app's WebAssembly. What keeps the slim model honest is k8s-openapi all the same,
//! as a dev-dependency: the strict decoder checks manifests against [`schema`], a table of the
//! complete Job generated from k8s-openapi's JSON schema (`tests/schema_up_to_date.rs`), and
//! `tests/slim_differential.rs` checks that decoding with k8s-openapi and with this model agree.
//!
//! The fields of these types never reject unknown keys: strictness is the schema's job. Fields
//! the model leaves out are not lost: a decoded [`api::batch::v1::Job`] keeps the manifest as
//! written and serializes its typed fields over it.

pub mod go_fields;
mod go_fields_gen;
pub mod schema;
mod schema_gen;

#[path = "batch_v1.rs"]
mod batch_v1;
#[path = "core_v1.rs"]
mod core_v1;
#[path = "meta_v1.rs"]
mod meta_v1;
mod scalars;

/// A part of the API that Joblab does not read (most volume sources): kept as written.
pub type Untyped = serde_json::Value;

/// Mirrors `k8s_openapi::api` (hence `api::api`).
#[allow(clippy::module_inception)]
pub mod api {
    /// Mirrors `k8s_openapi::api::batch`.
    pub mod batch {
        /// `batch/v1`.
        pub mod v1 {
            pub use crate::api::batch_v1::*;
        }
    }
    /// Mirrors `k8s_openapi::api::core`.
    pub mod core {
        /// `core/v1` (`v1`).
        pub mod v1 {
            pub use crate::api::core_v1::*;
        }
    }
}

/// Mirrors `k8s_openapi::apimachinery`.
pub mod apimachinery {
    /// Mirrors `k8s_openapi::apimachinery::pkg`.
    pub mod pkg {
        /// Mirrors `k8s_openapi::apimachinery::pkg::api`.
        pub mod api {
            /// Resource quantities.
            pub mod resource {
                pub use crate::api::scalars::Quantity;
            }
        }
        /// Mirrors `k8s_openapi::apimachinery::pkg::apis`.
        pub mod apis {
            /// Mirrors `k8s_openapi::apimachinery::pkg::apis::meta`.
            pub mod meta {
                /// `meta/v1`.
                pub mod v1 {
                    pub use crate::api::meta_v1::*;
                }
            }
        }
        /// Mirrors `k8s_openapi::apimachinery::pkg::util`.
        pub mod util {
            /// Integer-or-string values.
            pub mod intstr {
                pub use crate::api::scalars::IntOrString;
            }
        }
    }
}

/// Serializes `typed`, laid over `written` when there is one (see [`overlay`]).
fn serialize_over<T: serde::Serialize, S: serde::Serializer>(
    typed: &T,
    written: Option<&serde_json::Value>,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    match written {
        None => typed.serialize(serializer),
        Some(written) => {
            let top = serde_json::to_value(typed).map_err(serde::ser::Error::custom)?;
            let mut merged = written.clone();
            overlay(&mut merged, top);
            serde::Serialize::serialize(&merged, serializer)
        }
    }
}

/// Lays `top` over `base`: objects merge key by key (recursively), a list takes `top`'s length
/// and merges item by item, and any other value of `top` replaces `base`'s. The typed model is
/// `top`, so its values (defaults included) win, while fields only the manifest has stay.
pub fn overlay(base: &mut serde_json::Value, top: serde_json::Value) {
    use serde_json::Value as J;
    match (base, top) {
        (J::Object(b), J::Object(t)) => {
            for (k, v) in t {
                match b.get_mut(&k) {
                    Some(slot) => overlay(slot, v),
                    None => {
                        b.insert(k, v);
                    }
                }
            }
        }
        (J::Array(b), J::Array(t)) => {
            b.truncate(t.len());
            for (i, v) in t.into_iter().enumerate() {
                match b.get_mut(i) {
                    Some(slot) => overlay(slot, v),
                    None => b.push(v),
                }
            }
        }
        (slot, t) => *slot = t,
    }
}
