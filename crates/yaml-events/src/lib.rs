//! Owned YAML parse events with byte offsets, from libyaml.
//!
//! [`Parser`] drives `unsafe-libyaml` (the c2rust translation of C libyaml that serde_yaml parses
//! with) the way serde_yaml's private `libyaml/parser.rs` does, and turns each `yaml_event_t` into
//! an owned [`Event`] so that no libyaml pointer ever leaves this crate. Everything unsafe in
//! Joblab lives here, behind a safe API that cannot be misused: the parser is heap-pinned, the
//! input is borrowed for the parser's lifetime, and every event is deleted right after it is
//! copied.
//!
//! Positions: [`Mark::index`] is a byte offset into the input. libyaml advances its index by the
//! UTF-8 width of each character it consumes (`SKIP`, `READ`, `SKIP_LINE` in `scanner.rs`), so
//! for UTF-8 input the index counts bytes, not characters. The one exception is a leading
//! byte-order mark: libyaml's encoding detection drops it without advancing the index, and with
//! the encoding set explicitly the parser rejects it. So the wrapper sets UTF-8 explicitly (no
//! UTF-16 guessing: the input is Rust text), hands libyaml the input after a leading UTF-8 BOM,
//! and adds the BOM's 3 bytes back to every index. The tests pin this for multi-byte
//! characters, a BOM and CRLF line ends.

#![deny(unsafe_op_in_unsafe_fn)]
#![warn(missing_docs)]

use std::ffi::CStr;
use std::marker::PhantomData;
use std::mem::MaybeUninit;
use std::ptr::NonNull;

use unsafe_libyaml as unsafe_sys;

/// A position in the input.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Mark {
    /// Byte offset from the start of the input.
    pub index: usize,
    /// 0-based line.
    pub line: usize,
    /// 0-based column, in characters.
    pub column: usize,
}

impl Mark {
    /// Converts libyaml's mark, whose index is relative to the input after `skipped` bytes.
    fn from_sys(mark: unsafe_sys::yaml_mark_t, skipped: usize) -> Mark {
        let conv = |v: u64| usize::try_from(v).unwrap_or(usize::MAX);
        Mark {
            index: conv(mark.index).saturating_add(skipped),
            line: conv(mark.line),
            column: conv(mark.column),
        }
    }
}

/// How a scalar is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarStyle {
    /// Unquoted.
    Plain,
    /// `'single quoted'`.
    SingleQuoted,
    /// `"double quoted"`.
    DoubleQuoted,
    /// A literal block scalar (`|`).
    Literal,
    /// A folded block scalar (`>`).
    Folded,
}

/// What happened at one point of the stream.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum EventKind {
    /// The stream begins.
    StreamStart,
    /// The stream ends; the last event.
    StreamEnd,
    /// A document begins (`---`, or implicitly).
    DocumentStart {
        /// No `---` was written.
        implicit: bool,
    },
    /// A document ends (`...`, or implicitly).
    DocumentEnd {
        /// No `...` was written.
        implicit: bool,
    },
    /// `*name`.
    Alias {
        /// The anchor name referred to.
        anchor: String,
    },
    /// A scalar value.
    Scalar {
        /// The value after unescaping and folding.
        value: String,
        /// `&name` on this node.
        anchor: Option<String>,
        /// The resolved tag (for example `tag:yaml.org,2002:str` for `!!str`).
        tag: Option<String>,
        /// How it is written.
        style: ScalarStyle,
    },
    /// A sequence begins.
    SequenceStart {
        /// `&name` on this node.
        anchor: Option<String>,
        /// The resolved tag.
        tag: Option<String>,
        /// Written as `[...]` rather than `- ` items.
        flow: bool,
    },
    /// The innermost open sequence ends.
    SequenceEnd,
    /// A mapping begins.
    MappingStart {
        /// `&name` on this node.
        anchor: Option<String>,
        /// The resolved tag.
        tag: Option<String>,
        /// Written as `{...}` rather than `key: value` lines.
        flow: bool,
    },
    /// The innermost open mapping ends.
    MappingEnd,
}

/// One parse event with its extent in the input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Event {
    /// What happened.
    pub kind: EventKind,
    /// Where it starts.
    pub start: Mark,
    /// Where it ends (exclusive).
    pub end: Mark,
}

/// A syntax error (or invalid input encoding) reported by libyaml.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Error {
    /// libyaml's description of the problem, such as `did not find expected key`.
    pub problem: String,
    /// What was being parsed, such as `while parsing a block mapping`.
    pub context: Option<String>,
    /// Where the problem is. For invalid UTF-8 or a control character this is the byte offset
    /// of the offending byte, with line and column unknown (0).
    pub problem_mark: Mark,
    /// Where the construct named by `context` began.
    pub context_mark: Option<Mark>,
}

impl std::fmt::Display for Error {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.context {
            Some(c) => write!(f, "{} {}", self.problem, c),
            None => f.write_str(&self.problem),
        }
    }
}

impl std::error::Error for Error {}

/// A streaming YAML parser over borrowed UTF-8 input, yielding owned events.
///
/// It is an iterator of `Result<Event, Error>` that ends after [`EventKind::StreamEnd`] or after
/// the first error.
pub struct Parser<'input> {
    /// The libyaml parser. It lives on the heap and never moves, because libyaml stores a
    /// pointer to it inside itself (`read_handler_data`); allocated by `Box`, freed in `Drop`.
    sys: NonNull<unsafe_sys::yaml_parser_t>,
    /// Set once the stream has ended or failed; libyaml must not be asked again then.
    done: bool,
    /// Bytes of the input not given to libyaml (a leading BOM), added back to every index.
    skipped: usize,
    /// libyaml reads `input` through a raw pointer until the parser is dropped.
    _input: PhantomData<&'input [u8]>,
}

impl<'input> Parser<'input> {
    /// A parser over `input`, read as UTF-8 (invalid UTF-8 becomes an [`Error`] at its offset).
    pub fn new(input: &'input [u8]) -> Parser<'input> {
        const BOM: &[u8] = b"\xEF\xBB\xBF";
        let (input, skipped) = match input.strip_prefix(BOM) {
            Some(rest) => (rest, BOM.len()),
            None => (input, 0),
        };
        let boxed: Box<MaybeUninit<unsafe_sys::yaml_parser_t>> = Box::new(MaybeUninit::uninit());
        let raw = Box::into_raw(boxed).cast::<unsafe_sys::yaml_parser_t>();
        // SAFETY: `raw` comes from `Box::into_raw`, so it is non-null, aligned and points to
        // memory for one `yaml_parser_t`. `yaml_parser_initialize` writes every field before
        // anything reads one (it zeroes the struct first); it fails only when its initial
        // buffers cannot be allocated, and our allocator aborts on that instead of returning
        // null, so the result needs no check beyond the assert. The input pointer and length
        // describe `input`, which the `'input` lifetime keeps alive and unchanged for as long
        // as the parser exists. `set_encoding` and `set_input_string` assert that nothing was
        // set before, which holds for a freshly initialized parser.
        unsafe {
            let ok = unsafe_sys::yaml_parser_initialize(raw).ok;
            assert!(ok, "libyaml could not allocate its parser");
            unsafe_sys::yaml_parser_set_encoding(raw, unsafe_sys::YAML_UTF8_ENCODING);
            unsafe_sys::yaml_parser_set_input_string(raw, input.as_ptr(), input.len() as u64);
        }
        Parser {
            // SAFETY: `Box::into_raw` never returns null.
            sys: unsafe { NonNull::new_unchecked(raw) },
            done: false,
            skipped,
            _input: PhantomData,
        }
    }

    /// The next event, `None` after the stream end, `Some(Err)` once for a syntax error.
    fn next_event(&mut self) -> Option<Result<Event, Error>> {
        if self.done {
            return None;
        }
        let parser = self.sys.as_ptr();
        let mut event = MaybeUninit::<unsafe_sys::yaml_event_t>::uninit();
        let event = event.as_mut_ptr();
        // SAFETY: `parser` is the initialized, pinned parser this value owns, and `&mut self`
        // gives exclusive access to it. `yaml_parser_parse` either fills `*event` and succeeds,
        // or fails and leaves it zeroed; `done` is set on failure and after the stream end, so
        // libyaml is never asked again after either, as its API requires.
        let ok = unsafe { unsafe_sys::yaml_parser_parse(parser, event).ok };
        if !ok {
            self.done = true;
            // SAFETY: after a failed parse the error fields of the initialized parser are set.
            return Some(Err(unsafe { error_of(parser, self.skipped) }));
        }
        // SAFETY: the parse succeeded, so `*event` is initialized and its union member matches
        // its `type_`. It is copied into owned values before `yaml_event_delete` frees what it
        // points to, and it is not used after.
        let converted = unsafe {
            let converted = convert(&*event, self.skipped);
            unsafe_sys::yaml_event_delete(event);
            converted
        };
        if matches!(converted.kind, EventKind::StreamEnd) {
            self.done = true;
        }
        Some(Ok(converted))
    }
}

impl Iterator for Parser<'_> {
    type Item = Result<Event, Error>;

    fn next(&mut self) -> Option<Self::Item> {
        self.next_event()
    }
}

impl Drop for Parser<'_> {
    fn drop(&mut self) {
        let raw = self.sys.as_ptr();
        // SAFETY: `raw` was initialized by `yaml_parser_initialize` in `new` and is deleted
        // exactly once, here; it came from `Box::into_raw` of a `MaybeUninit<yaml_parser_t>`,
        // which has the same layout, so rebuilding that box frees it with the right layout.
        unsafe {
            unsafe_sys::yaml_parser_delete(raw);
            drop(Box::from_raw(
                raw.cast::<MaybeUninit<unsafe_sys::yaml_parser_t>>(),
            ));
        }
    }
}

/// Copies a libyaml string (NUL-terminated, may be null) into an owned `String`.
///
/// # Safety
///
/// `ptr` is null or points to a NUL-terminated byte string that stays valid during the call.
unsafe fn owned_cstr(ptr: *const u8) -> Option<String> {
    if ptr.is_null() {
        return None;
    }
    // SAFETY: non-null and NUL-terminated, by this function's contract.
    let bytes = unsafe { CStr::from_ptr(ptr.cast()) }.to_bytes();
    Some(String::from_utf8_lossy(bytes).into_owned())
}

/// The parser's error, after a failed `yaml_parser_parse`.
///
/// # Safety
///
/// `parser` points to an initialized parser whose last call failed.
unsafe fn error_of(parser: *const unsafe_sys::yaml_parser_t, skipped: usize) -> Error {
    // SAFETY: the parser is initialized (contract); the error prefix is plain data, and
    // `problem`/`context` are null or point to libyaml's static NUL-terminated messages.
    unsafe {
        let p = &*parser;
        let problem =
            owned_cstr(p.problem.cast()).unwrap_or_else(|| "unknown parse error".to_owned());
        let context = owned_cstr(p.context.cast());
        let problem_mark = if p.error == unsafe_sys::YAML_READER_ERROR {
            // The reader reports a byte offset only; its marks are not set.
            Mark {
                index: usize::try_from(p.problem_offset)
                    .unwrap_or(usize::MAX)
                    .saturating_add(skipped),
                line: 0,
                column: 0,
            }
        } else {
            Mark::from_sys(p.problem_mark, skipped)
        };
        let context_mark = context
            .as_ref()
            .map(|_| Mark::from_sys(p.context_mark, skipped));
        Error {
            problem,
            context,
            problem_mark,
            context_mark,
        }
    }
}

/// Copies one event into owned values.
///
/// # Safety
///
/// `event` was filled by a successful `yaml_parser_parse` and not yet deleted.
unsafe fn convert(event: &unsafe_sys::yaml_event_t, skipped: usize) -> Event {
    let start = Mark::from_sys(event.start_mark, skipped);
    let end = Mark::from_sys(event.end_mark, skipped);
    // SAFETY: each arm reads only the union member that libyaml fills for that event type;
    // anchors, tags and values are null or valid NUL-terminated (values: `length` bytes)
    // strings owned by the event, which is alive for this call.
    let kind = unsafe {
        match event.type_ {
            unsafe_sys::YAML_STREAM_START_EVENT => EventKind::StreamStart,
            unsafe_sys::YAML_STREAM_END_EVENT => EventKind::StreamEnd,
            unsafe_sys::YAML_DOCUMENT_START_EVENT => EventKind::DocumentStart {
                implicit: event.data.document_start.implicit,
            },
            unsafe_sys::YAML_DOCUMENT_END_EVENT => EventKind::DocumentEnd {
                implicit: event.data.document_end.implicit,
            },
            unsafe_sys::YAML_ALIAS_EVENT => EventKind::Alias {
                anchor: owned_cstr(event.data.alias.anchor).unwrap_or_default(),
            },
            unsafe_sys::YAML_SCALAR_EVENT => {
                let s = event.data.scalar;
                let len = usize::try_from(s.length).unwrap_or(0);
                let value = if s.value.is_null() || len == 0 {
                    String::new()
                } else {
                    let bytes = std::slice::from_raw_parts(s.value, len);
                    String::from_utf8_lossy(bytes).into_owned()
                };
                EventKind::Scalar {
                    value,
                    anchor: owned_cstr(s.anchor),
                    tag: owned_cstr(s.tag),
                    style: match s.style {
                        unsafe_sys::YAML_SINGLE_QUOTED_SCALAR_STYLE => ScalarStyle::SingleQuoted,
                        unsafe_sys::YAML_DOUBLE_QUOTED_SCALAR_STYLE => ScalarStyle::DoubleQuoted,
                        unsafe_sys::YAML_LITERAL_SCALAR_STYLE => ScalarStyle::Literal,
                        unsafe_sys::YAML_FOLDED_SCALAR_STYLE => ScalarStyle::Folded,
                        // The parser only reports the four styles above or plain.
                        _ => ScalarStyle::Plain,
                    },
                }
            }
            unsafe_sys::YAML_SEQUENCE_START_EVENT => {
                let s = event.data.sequence_start;
                EventKind::SequenceStart {
                    anchor: owned_cstr(s.anchor),
                    tag: owned_cstr(s.tag),
                    flow: s.style == unsafe_sys::YAML_FLOW_SEQUENCE_STYLE,
                }
            }
            unsafe_sys::YAML_SEQUENCE_END_EVENT => EventKind::SequenceEnd,
            unsafe_sys::YAML_MAPPING_START_EVENT => {
                let m = event.data.mapping_start;
                EventKind::MappingStart {
                    anchor: owned_cstr(m.anchor),
                    tag: owned_cstr(m.tag),
                    flow: m.style == unsafe_sys::YAML_FLOW_MAPPING_STYLE,
                }
            }
            unsafe_sys::YAML_MAPPING_END_EVENT => EventKind::MappingEnd,
            // A successful parse never yields "no event" before the stream end; treat anything
            // else as the end rather than trusting it.
            _ => EventKind::StreamEnd,
        }
    };
    Event { kind, start, end }
}

#[cfg(test)]
mod tests;
