//! Limits that keep Joblab responsive on hostile or accidental input, and their messages.
//!
//! A YAML stream can expand exponentially through aliases ("billion laughs"), nest deeply enough
//! to exhaust a recursive decoder, or simply be huge; a valid Job can ask for two billion
//! completions. Joblab runs in the browser on every keystroke, so each of these is capped, and
//! exceeding a cap produces one [`ErrorType::LimitExceeded`] diagnostic (or, for a simulation,
//! a stop message) that says which limit and what to do, instead of a hang, a crash or a panic.
//! The page and the CLI build their messages here, so they say the same thing.
//!
//! Real Job manifests are far below every cap: a 300-line Job has about 1 000 nodes and a
//! nesting depth of about 12. Numbers beyond a field's integer range are not limits but type
//! errors, reported by [`crate::decode`] with the field and its range.

use crate::diag::{Diagnostic, ErrorType, Span};

/// The largest input accepted, in bytes (1 MiB). The API server's own request limit is 3 MiB,
/// but a Job manifest of more than a few kilobytes is almost always a mistake.
pub const MAX_INPUT_BYTES: usize = 1024 * 1024;

/// The deepest nesting of mappings and sequences accepted. Decoding recurses once per level,
/// so this bounds stack use.
pub const MAX_DEPTH: usize = 100;

/// The most nodes (scalars, mappings, sequences) one stream may contain after expanding
/// aliases and merge keys. This is what stops alias bombs.
pub const MAX_NODES: usize = 250_000;

/// The most bytes of text (string scalars) one stream may produce after expanding aliases and
/// merge keys: four times the largest input. Counting nodes alone is not enough, since one alias of
/// a long string copies the whole string; go-yaml bounds the same risk with its alias ratio.
pub const MAX_EXPANDED_BYTES: usize = 4 * MAX_INPUT_BYTES;

/// The most documents one stream may contain.
pub const MAX_DOCUMENTS: usize = 1_000;

/// How many times [`crate::decode`] restarts after a value the model's own parser rejects
/// (for example a malformed timestamp); each restart ignores one more offending value.
pub const MAX_DECODE_RETRIES: usize = 64;

/// The most queue events a simulation processes by default (the CLI); see
/// [`crate::sim::Simulation::set_limits`].
pub const MAX_SIM_EVENTS: u64 = 5_000_000;

/// The most Pods a simulation creates by default (the CLI): 100 000 completions with generous
/// retries fit.
pub const MAX_SIM_PODS: usize = 250_000;

/// The event cap for a simulation that runs synchronously on input in the page. The worst
/// valid Job (two billion completions, 100 000 parallelism, failing Pods) stops at these caps in
/// a few tens of milliseconds natively (see the hostile tests), which keeps typing fluid.
pub const INTERACTIVE_MAX_EVENTS: u64 = 50_000;

/// The Pod cap for a simulation in the page: more Pods than a diagram can show legibly.
pub const INTERACTIVE_MAX_PODS: usize = 1_000;

/// The simulated time a run in the page covers at most (one day), as the CLI's `--until`
/// default.
pub const INTERACTIVE_UNTIL_MS: u64 = 86_400_000;

/// Formats `n` with thin groups of three digits (`1 048 576`), for messages.
fn grouped(n: u128) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(' ');
        }
        out.push(c);
    }
    out
}

fn limit(detail: String, span: Span) -> Diagnostic {
    Diagnostic::error("", ErrorType::LimitExceeded, detail, span)
}

/// The input is larger than [`MAX_INPUT_BYTES`].
pub fn input_too_large(len: usize) -> Diagnostic {
    limit(
        format!(
            "the input is {} bytes, more than the {} bytes (1 MiB) Joblab checks; \
             paste one Job manifest, not a whole file, a log or binary data",
            grouped(len as u128),
            grouped(MAX_INPUT_BYTES as u128)
        ),
        Span::new(0, 0),
    )
}

/// The stream has more than [`MAX_DOCUMENTS`] documents; `span` is the first one too many.
pub fn too_many_documents(span: Span) -> Diagnostic {
    limit(
        format!(
            "the input has more than {MAX_DOCUMENTS} YAML documents (separated by ---), the most \
             Joblab checks at once; split it into smaller files"
        ),
        span,
    )
}

/// Mappings and lists nest more than [`MAX_DEPTH`] levels deep at `span`.
pub fn too_deep(span: Span) -> Diagnostic {
    limit(
        format!(
            "mappings and lists nest more than {MAX_DEPTH} levels deep here, the most Joblab \
             reads; a Job manifest nests about 12 levels, so look for runaway '[' or '{{' or \
             an alias that refers to itself"
        ),
        span,
    )
}

/// The stream expands to more than [`MAX_NODES`] nodes; `how` says through what.
pub fn too_many_nodes(span: Span, through_merges: bool) -> Diagnostic {
    let how = if through_merges {
        "through merge keys (<<)"
    } else {
        "through aliases (*name) or sheer size"
    };
    limit(
        format!(
            "the YAML expands to more than {} values {how}, the most Joblab reads; this looks \
             like an alias bomb (\"billion laughs\"): write the values out instead of nesting \
             aliases",
            grouped(MAX_NODES as u128)
        ),
        span,
    )
}

/// The stream's text expands to more than [`MAX_EXPANDED_BYTES`] through aliases; `span` is the
/// alias (or scalar) that went over.
pub fn too_much_text(span: Span) -> Diagnostic {
    limit(
        format!(
            "the YAML's text expands to more than {} bytes (4 MiB) through aliases (*name), the \
             most Joblab reads; an alias copies its anchor's whole value, so a long string \
             aliased many times looks like an alias bomb: write the value out once, or shorten it",
            grouped(MAX_EXPANDED_BYTES as u128)
        ),
        span,
    )
}

/// The decoder gave up after [`MAX_DECODE_RETRIES`] malformed values.
pub fn too_many_malformed_values(span: Span) -> Diagnostic {
    limit(
        format!(
            "gave up decoding after {MAX_DECODE_RETRIES} malformed values; fix the ones \
             reported first"
        ),
        span,
    )
}

/// The text of `bytes`, or the diagnostic that says why it is not text Joblab reads: too large
/// ([`input_too_large`], checked first so a huge binary file says so), or not UTF-8 (a
/// `Syntax error` at the first invalid byte). For front ends that read files or storage.
pub fn text_from_bytes(bytes: &[u8]) -> Result<&str, Diagnostic> {
    if bytes.len() > MAX_INPUT_BYTES {
        return Err(input_too_large(bytes.len()));
    }
    std::str::from_utf8(bytes).map_err(|e| {
        let at = e.valid_up_to();
        let byte = bytes.get(at).copied().unwrap_or(0);
        Diagnostic::error(
            "",
            ErrorType::SyntaxError,
            format!(
                "the input is not UTF-8 text (byte 0x{byte:02X} here cannot start or continue a \
                 character); it may be binary data or another encoding: save the manifest as \
                 UTF-8"
            ),
            // The span ends at the valid prefix, so it can be located in that prefix.
            Span::new(at, at),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_digits_in_threes() {
        for (n, want) in [
            (0, "0"),
            (999, "999"),
            (1000, "1 000"),
            (1_048_576, "1 048 576"),
        ] {
            assert_eq!(grouped(n), want);
        }
    }

    #[test]
    fn bytes_become_text_or_say_why_not() {
        let big = vec![b'a'; MAX_INPUT_BYTES + 1];
        let bom_crlf = b"\xEF\xBB\xBFa: 1\r\n".as_slice();
        /// What the message says and where, or `None` for text.
        type Want = Option<(&'static str, usize)>;
        let cases: &[(&[u8], Want)] = &[
            (b"a: 1\n", None),
            (bom_crlf, None),
            (b"a: \xff\n", Some(("byte 0xFF", 3))),
            (b"\x00\x01\xfe", Some(("byte 0xFE", 2))),
            (&big, Some(("1 048 577 bytes", 0))),
        ];
        for (input, want) in cases {
            match (text_from_bytes(input), want) {
                (Ok(_), None) => {}
                (Err(d), Some((needle, at))) => {
                    assert!(d.detail.contains(needle), "{}", d.detail);
                    assert_eq!(d.span.start, *at);
                }
                (got, _) => panic!("{:?}: {got:?}", &input[..input.len().min(8)]),
            }
        }
    }
}
