//! Diagnostics: what is wrong with an input, where it is, and how bad it is.
//!
//! Every problem Joblab finds in a Job, a scenario or a YAML stream is a [`Diagnostic`] value,
//! never a panic. A diagnostic carries the API server's field path and error type, a detail in
//! the server's own wording, and a byte [`Span`] into the source, which [`LineIndex`] turns into
//! 1-based line and column numbers.

use serde::Serialize;

/// A half-open byte range `[start, end)` into the source text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Span {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
}

impl Span {
    /// A span from `start` to `end` (bytes).
    pub const fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
}

/// How serious a diagnostic is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The API server would reject the object (or could not even decode it).
    Error,
    /// Accepted, but worth knowing: a server warning or a well-known pitfall.
    Warning,
    /// A neutral remark, e.g. "this document is not a batch/v1 Job".
    Note,
}

/// The kind of problem, named as the API server names it (`field.ErrorType` in
/// k8s.io/apimachinery/pkg/util/validation/field/errors.go), plus the decode-time kinds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ErrorType {
    /// `field.ErrorTypeRequired`.
    Required,
    /// `field.ErrorTypeInvalid`.
    Invalid,
    /// `field.ErrorTypeNotSupported`.
    NotSupported,
    /// `field.ErrorTypeForbidden`.
    Forbidden,
    /// `field.ErrorTypeDuplicate`.
    Duplicate,
    /// `field.ErrorTypeTooLong`.
    TooLong,
    /// `field.ErrorTypeTooMany`.
    TooMany,
    /// `field.ErrorTypeNotFound`.
    NotFound,
    /// A key the schema does not know (strict field validation).
    UnknownField,
    /// A key given twice in one mapping (strict field validation).
    DuplicateField,
    /// A value of the wrong type, e.g. a string where an integer belongs.
    TypeError,
    /// The text is not well-formed YAML.
    SyntaxError,
    /// A limit Joblab imposes to stay responsive (input size, nesting, aliases, documents).
    LimitExceeded,
    /// A pitfall or server warning; only used with [`Severity::Warning`] or [`Severity::Note`].
    Advice,
}

impl ErrorType {
    /// Every error type, in declaration order (the CLI's SARIF output has one rule per type).
    pub const ALL: [ErrorType; 14] = [
        ErrorType::Required,
        ErrorType::Invalid,
        ErrorType::NotSupported,
        ErrorType::Forbidden,
        ErrorType::Duplicate,
        ErrorType::TooLong,
        ErrorType::TooMany,
        ErrorType::NotFound,
        ErrorType::UnknownField,
        ErrorType::DuplicateField,
        ErrorType::TypeError,
        ErrorType::SyntaxError,
        ErrorType::LimitExceeded,
        ErrorType::Advice,
    ];

    /// The phrase used in messages and in the CLI's JSON `type` field.
    pub const fn as_str(self) -> &'static str {
        match self {
            ErrorType::Required => "Required value",
            ErrorType::Invalid => "Invalid value",
            ErrorType::NotSupported => "Unsupported value",
            ErrorType::Forbidden => "Forbidden",
            ErrorType::Duplicate => "Duplicate value",
            ErrorType::TooLong => "Too long",
            ErrorType::TooMany => "Too many",
            ErrorType::NotFound => "Not found",
            ErrorType::UnknownField => "Unknown field",
            ErrorType::DuplicateField => "Duplicate field",
            ErrorType::TypeError => "Type error",
            ErrorType::SyntaxError => "Syntax error",
            ErrorType::LimitExceeded => "Limit exceeded",
            ErrorType::Advice => "Advice",
        }
    }
}

impl std::fmt::Display for ErrorType {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for ErrorType {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

/// One problem found in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// How serious it is.
    pub severity: Severity,
    /// The field path in API form, e.g. `spec.template.spec.containers[0].image`; empty when the
    /// problem concerns the whole document or stream.
    pub path: String,
    /// The error type.
    pub error_type: ErrorType,
    /// The detail in the API server's wording, e.g. `must be greater than or equal to 0`, or for
    /// invalid values the value and the reason: `-1: must be greater than or equal to 0`.
    pub detail: String,
    /// Where in the source the problem is; a missing field points at its nearest existing parent.
    pub span: Span,
}

impl Diagnostic {
    /// An error diagnostic.
    pub fn error(
        path: impl Into<String>,
        error_type: ErrorType,
        detail: impl Into<String>,
        span: Span,
    ) -> Self {
        Diagnostic {
            severity: Severity::Error,
            path: path.into(),
            error_type,
            detail: detail.into(),
            span,
        }
    }

    /// A warning diagnostic.
    pub fn warning(path: impl Into<String>, detail: impl Into<String>, span: Span) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            path: path.into(),
            error_type: ErrorType::Advice,
            detail: detail.into(),
            span,
        }
    }

    /// The message in the API server's form: `<path>: <type>: <detail>`, leaving out empty parts.
    pub fn message(&self) -> String {
        let mut out = String::new();
        if !self.path.is_empty() {
            out.push_str(&self.path);
            out.push_str(": ");
        }
        if self.error_type != ErrorType::Advice {
            out.push_str(self.error_type.as_str());
            if !self.detail.is_empty() {
                out.push_str(": ");
            }
        }
        out.push_str(&self.detail);
        // Built from escaped parts already when it comes from the check or a scenario; escaped
        // again here so that no caller can print an input's control characters raw.
        crate::escape::line(&out).into_owned()
    }

    /// The same diagnostic with every non-printable character of its path and detail escaped
    /// ([`crate::escape::line`]): what the front ends show, so input never controls a terminal.
    pub fn escaped(mut self) -> Self {
        if let std::borrow::Cow::Owned(p) = crate::escape::line(&self.path) {
            self.path = p;
        }
        if let std::borrow::Cow::Owned(d) = crate::escape::line(&self.detail) {
            self.detail = d;
        }
        self
    }
}

/// A 1-based line and column. Columns count Unicode scalar values, as editors and compilers do.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize)]
pub struct LineCol {
    /// 1-based line number.
    pub line: usize,
    /// 1-based column number, in characters.
    pub column: usize,
}

/// Maps byte offsets of one source text to line and column numbers.
#[derive(Clone, Debug)]
pub struct LineIndex {
    /// Byte offset where each line starts; always starts with 0.
    line_starts: Vec<usize>,
}

impl LineIndex {
    /// Indexes `text`. Lines end at `\n`; a `\r` before it belongs to the line.
    pub fn new(text: &str) -> Self {
        let mut line_starts = vec![0];
        line_starts.extend(
            text.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex { line_starts }
    }

    /// The line and column of byte `offset` in `text` (the same text given to [`LineIndex::new`]).
    /// Offsets past the end, or inside a multi-byte character, are clamped to a valid position.
    pub fn line_col(&self, text: &str, offset: usize) -> LineCol {
        let offset = offset.min(text.len());
        let line = match self.line_starts.binary_search(&offset) {
            Ok(i) => i,
            Err(i) => i - 1,
        };
        let start = self.line_starts[line];
        let mut end = offset;
        while end > start && !text.is_char_boundary(end) {
            end -= 1;
        }
        let column = text[start..end].chars().count() + 1;
        LineCol {
            line: line + 1,
            column,
        }
    }

    /// The byte offset of a 1-based line and column, clamped to the text.
    pub fn offset(&self, text: &str, at: LineCol) -> usize {
        let line = at.line.clamp(1, self.line_starts.len()) - 1;
        let start = self.line_starts[line];
        let end = self
            .line_starts
            .get(line + 1)
            .copied()
            .unwrap_or(text.len());
        text[start..end]
            .char_indices()
            .nth(at.column.saturating_sub(1))
            .map_or(end, |(i, _)| start + i)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_lists_every_error_type_once() {
        // The exhaustive match stops compiling when a type is added, until ALL has it too.
        let position = |t: ErrorType| match t {
            ErrorType::Required => 0,
            ErrorType::Invalid => 1,
            ErrorType::NotSupported => 2,
            ErrorType::Forbidden => 3,
            ErrorType::Duplicate => 4,
            ErrorType::TooLong => 5,
            ErrorType::TooMany => 6,
            ErrorType::NotFound => 7,
            ErrorType::UnknownField => 8,
            ErrorType::DuplicateField => 9,
            ErrorType::TypeError => 10,
            ErrorType::SyntaxError => 11,
            ErrorType::LimitExceeded => 12,
            ErrorType::Advice => 13,
        };
        for (i, t) in ErrorType::ALL.iter().enumerate() {
            assert_eq!(position(*t), i, "{t}");
        }
    }

    #[test]
    fn line_col_counts_characters_not_bytes() {
        let text = "a: 1\nnäme: x\n\nz";
        let idx = LineIndex::new(text);
        let cases = [
            (0, 1, 1),
            (3, 1, 4),
            (5, 2, 1),
            (8, 2, 3),
            (9, 2, 4),
            (14, 3, 1),
            (15, 4, 1),
            (99, 4, 2),
        ];
        for (offset, line, column) in cases {
            assert_eq!(
                idx.line_col(text, offset),
                LineCol { line, column },
                "offset {offset}"
            );
        }
        assert_eq!(idx.offset(text, LineCol { line: 2, column: 4 }), 9);
    }

    #[test]
    fn message_has_the_api_server_form() {
        let d = Diagnostic::error(
            "spec.completions",
            ErrorType::Invalid,
            "-1: must be greater than or equal to 0",
            Span::new(0, 1),
        );
        assert_eq!(
            d.message(),
            "spec.completions: Invalid value: -1: must be greater than or equal to 0"
        );
        let w = Diagnostic::warning(
            "spec.template.spec.containers[0].image",
            "the tag `latest` moves",
            Span::default(),
        );
        assert_eq!(
            w.message(),
            "spec.template.spec.containers[0].image: the tag `latest` moves"
        );
    }
}
