//! Limits that keep the core responsive on hostile or accidental input.
//!
//! A YAML stream can expand exponentially through aliases ("billion laughs"), nest deeply enough
//! to exhaust a recursive decoder, or simply be huge. Joblab runs in the browser on every
//! keystroke, so each of these is capped; exceeding a cap produces one
//! [`crate::diag::ErrorType::LimitExceeded`] diagnostic instead of a hang, a crash or a panic.
//! Real Job manifests are far below every cap: a 300-line Job has about 1 000 nodes and a
//! nesting depth of about 12.

/// The largest input accepted, in bytes (1 MiB). The API server's own request limit is 3 MiB,
/// but a Job manifest of more than a few kilobytes is almost always a mistake.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// The deepest nesting of mappings and sequences accepted. Decoding recurses once per level,
/// so this bounds stack use.
pub const MAX_DEPTH: usize = 100;

/// The most nodes (scalars, mappings, sequences) one stream may contain after expanding
/// aliases and merge keys. This is what stops alias bombs.
pub const MAX_NODES: usize = 250_000;

/// The most documents one stream may contain.
pub const MAX_DOCUMENTS: usize = 1_000;

/// How many times [`crate::decode`] restarts after a value the model's own parser rejects
/// (for example a malformed timestamp); each restart ignores one more offending value.
pub const MAX_DECODE_RETRIES: usize = 64;
