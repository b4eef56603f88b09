//! The lab's share links: the Job text, the scenario text, the seed and the player's time packed
//! into one URL-safe string (`#/lab?s=<code>`).
//!
//! Layout: one version byte, then raw DEFLATE of a small JSON object, the whole base64url without
//! padding. The version byte comes first so a future layout can be told apart from this one (and
//! old links keep working or fail with a clear message). JSON rather than a binary layout because
//! it is self-describing and compresses well together with the YAML inside it.
//!
//! Decoding treats the link as hostile: anything wrong (empty, not base64url, unknown version,
//! truncated or corrupt stream, more than [`MAX_DECOMPRESSED`] bytes when inflated, not the
//! expected JSON) is a [`ShareError`] with a sentence for the user, never a panic.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use serde::{Deserialize, Serialize};

/// The layout version this module writes.
pub const VERSION: u8 = 1;

/// The most bytes a link may inflate to: the editor's own input limit
/// ([`crate::limits::MAX_INPUT_BYTES`]) for the Job, plus room for the scenario.
pub const MAX_DECOMPRESSED: usize = 1024 * 1024 + 64 * 1024;

/// The longest code accepted before decoding is even tried (base64 of a compressed payload; a
/// real link is a few kilobytes).
pub const MAX_CODE_LEN: usize = 2 * 1024 * 1024;

/// What a share link holds.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SharedState {
    /// The Job YAML as typed.
    pub job: String,
    /// The scenario YAML as typed.
    pub scenario: String,
    /// The simulation seed.
    pub seed: u64,
    /// The player's position, in simulated milliseconds.
    pub time_ms: u64,
}

/// Why a share code could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ShareError {
    /// No code at all.
    Empty,
    /// Longer than [`MAX_CODE_LEN`].
    TooLong,
    /// Characters outside base64url, or a length base64 cannot have.
    NotBase64,
    /// A layout version this build does not know (0, or newer than [`VERSION`]).
    UnknownVersion(u8),
    /// The compressed stream ends early or is corrupt.
    Corrupt,
    /// The payload inflates to more than [`MAX_DECOMPRESSED`] bytes.
    TooLarge,
    /// The payload is not the expected JSON object.
    BadPayload(String),
}

impl std::fmt::Display for ShareError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            ShareError::Empty => f.write_str("the share link has no data"),
            ShareError::TooLong => f.write_str("the share link is too long"),
            ShareError::NotBase64 => {
                f.write_str("the share link is damaged (it is not valid base64url)")
            }
            ShareError::UnknownVersion(v) => write!(
                f,
                "the share link has format version {v}, which this version of Joblab cannot read"
            ),
            ShareError::Corrupt => {
                f.write_str("the share link is truncated or damaged (its data does not inflate)")
            }
            ShareError::TooLarge => write!(
                f,
                "the share link expands to more than {} bytes",
                MAX_DECOMPRESSED
            ),
            ShareError::BadPayload(e) => write!(f, "the share link's content is not valid: {e}"),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes `state` as a share code (URL-safe, no padding, no `=`).
pub fn encode(state: &SharedState) -> String {
    // Serializing plain strings and integers cannot fail; fall back to an empty object anyway
    // rather than panic.
    let json = serde_json::to_vec(state).unwrap_or_else(|_| b"{}".to_vec());
    let mut bytes = vec![VERSION];
    bytes.extend(miniz_oxide::deflate::compress_to_vec(&json, 9));
    URL_SAFE_NO_PAD.encode(bytes)
}

/// Decodes a share code made by [`encode`]. Surrounding whitespace is ignored; trailing `=`
/// padding is tolerated because some tools add it.
pub fn decode(code: &str) -> Result<SharedState, ShareError> {
    let code = code.trim().trim_end_matches('=');
    if code.is_empty() {
        return Err(ShareError::Empty);
    }
    if code.len() > MAX_CODE_LEN {
        return Err(ShareError::TooLong);
    }
    let bytes = URL_SAFE_NO_PAD
        .decode(code)
        .map_err(|_| ShareError::NotBase64)?;
    let Some((&version, body)) = bytes.split_first() else {
        return Err(ShareError::Empty);
    };
    if version != VERSION {
        return Err(ShareError::UnknownVersion(version));
    }
    let json = miniz_oxide::inflate::decompress_to_vec_with_limit(body, MAX_DECOMPRESSED).map_err(
        |e| match e.status {
            miniz_oxide::inflate::TINFLStatus::HasMoreOutput => ShareError::TooLarge,
            _ => ShareError::Corrupt,
        },
    )?;
    serde_json::from_slice(&json).map_err(|e| ShareError::BadPayload(e.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sample() -> SharedState {
        SharedState {
            job: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi # π ✓\n".into(),
            scenario: "runSeconds: 5\nseed: 7\n".into(),
            seed: 7,
            time_ms: 12_500,
        }
    }

    fn raw(version: u8, payload: &[u8]) -> String {
        let mut bytes = vec![version];
        bytes.extend(miniz_oxide::deflate::compress_to_vec(payload, 6));
        URL_SAFE_NO_PAD.encode(bytes)
    }

    #[test]
    fn round_trips() {
        for state in [
            sample(),
            SharedState::default(),
            SharedState {
                job: "x".repeat(200_000),
                scenario: String::new(),
                seed: u64::MAX,
                time_ms: u64::MAX,
            },
        ] {
            let code = encode(&state);
            assert!(code
                .bytes()
                .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
            assert_eq!(decode(&code), Ok(state));
        }
        // Padding and whitespace from copy and paste are tolerated.
        let code = format!("  {}==\n", encode(&sample()));
        assert_eq!(decode(&code), Ok(sample()));
    }

    #[test]
    fn compresses_a_typical_job() {
        let job = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  backoffLimit: 4\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n      restartPolicy: Never\n".repeat(4);
        let state = SharedState {
            job: job.clone(),
            ..SharedState::default()
        };
        assert!(encode(&state).len() < job.len() / 2);
    }

    #[test]
    fn every_malformed_code_is_a_clear_error() {
        let good = encode(&sample());
        let bomb = {
            // 4 MiB of zeros compresses to a few kilobytes.
            let json = format!(
                "{{\"job\":\"{}\",\"scenario\":\"\",\"seed\":0,\"time_ms\":0}}",
                "0".repeat(4 << 20)
            );
            raw(VERSION, json.as_bytes())
        };
        let cases: Vec<(String, ShareError)> = vec![
            (String::new(), ShareError::Empty),
            ("   ".into(), ShareError::Empty),
            ("====".into(), ShareError::Empty),
            ("not base64!".into(), ShareError::NotBase64),
            ("a".into(), ShareError::NotBase64),
            ("A".repeat(MAX_CODE_LEN + 1), ShareError::TooLong),
            (raw(0, b"{}"), ShareError::UnknownVersion(0)),
            (raw(2, b"{}"), ShareError::UnknownVersion(2)),
            (URL_SAFE_NO_PAD.encode([VERSION]), ShareError::Corrupt),
            (good[..good.len() / 8 * 4].to_string(), ShareError::Corrupt),
            (
                URL_SAFE_NO_PAD.encode([VERSION, 0xff, 0xff, 0xff, 0xff]),
                ShareError::Corrupt,
            ),
            (bomb, ShareError::TooLarge),
        ];
        for (code, want) in cases {
            let got = decode(&code);
            assert_eq!(
                got,
                Err(want.clone()),
                "code {:?}",
                &code[..code.len().min(40)]
            );
            assert!(!want.to_string().is_empty());
        }
        for payload in [
            &b"not json"[..],
            b"[]",
            b"{\"job\":1}",
            b"{\"job\":\"\",\"scenario\":\"\",\"seed\":-1,\"time_ms\":0}",
            b"{\"job\":\"\",\"scenario\":\"\",\"seed\":0,\"time_ms\":0,\"extra\":1}",
        ] {
            assert!(
                matches!(
                    decode(&raw(VERSION, payload)),
                    Err(ShareError::BadPayload(_))
                ),
                "{}",
                String::from_utf8_lossy(payload)
            );
        }
    }

    #[test]
    fn random_bytes_never_panic() {
        // A small deterministic generator; the property is only "no panic".
        let mut x: u64 = 0x9e37_79b9_7f4a_7c15;
        for len in 0..300usize {
            let mut bytes = vec![VERSION];
            for _ in 0..len {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                bytes.push(x as u8);
            }
            let _ = decode(&URL_SAFE_NO_PAD.encode(&bytes));
        }
    }
}
