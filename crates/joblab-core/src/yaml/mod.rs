//! YAML text to a tree of positioned nodes.
//!
//! The events come from libyaml (`unsafe-libyaml`, the translation of C libyaml that serde_yaml
//! parses with; go-yaml is a port of the same code), through the safe `yaml-events` wrapper,
//! which reports byte offsets. This module turns them into one [`Node`] tree per document, keeping
//! the byte span of every key and value, and resolves plain scalars the way kubectl does:
//! kubectl converts YAML to JSON with `sigs.k8s.io/yaml`, a fork of go-yaml v2, whose
//! `resolve.go` follows YAML 1.1 (so `yes`, `on` and `off` are booleans and `010` is octal).
//! Anchors, aliases and merge keys (`<<`) are expanded; nesting, alias expansion, document count
//! and input size are bounded by [`crate::limits`].

pub mod emit;

use std::collections::HashMap;

use yaml_events::{EventKind, Parser, ScalarStyle};

use crate::diag::{Diagnostic, ErrorType, Span};
use crate::limits::{
    self, MAX_DEPTH, MAX_DOCUMENTS, MAX_EXPANDED_BYTES, MAX_INPUT_BYTES, MAX_NODES,
};

/// A resolved YAML value.
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// `null`, `~`, an empty value.
    Null,
    /// A boolean, including YAML 1.1 forms such as `yes` and `off`.
    Bool(bool),
    /// An integer that fits in 64 bits (signed).
    Int(i64),
    /// An integer above `i64::MAX` that fits in an unsigned 64-bit integer.
    UInt(u64),
    /// A floating-point number, including `.inf` and `.nan`.
    Float(f64),
    /// A string: any quoted or block scalar, and plain scalars that are not another type.
    String(String),
    /// A sequence (list).
    Sequence(Vec<Node>),
    /// A mapping, in source order; keys may repeat (the decoder reports that).
    Mapping(Vec<(Node, Node)>),
}

/// How a node was written in the source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    /// A plain (unquoted) scalar, resolved by its text.
    Plain,
    /// A single- or double-quoted scalar.
    Quoted,
    /// A literal (`|`) or folded (`>`) block scalar.
    Block,
    /// A scalar whose type was fixed by an explicit tag such as `!!str`.
    Tagged,
    /// A block-style mapping or sequence.
    BlockCollection,
    /// A flow-style mapping or sequence (`{...}`, `[...]`).
    FlowCollection,
}

/// One node of a document, with the byte span of its text.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// The resolved value.
    pub value: Value,
    /// Where the node is written; for a node reached through an alias, the top node's span is
    /// the alias and the nodes inside keep the spans of the anchored original.
    pub span: Span,
    /// How the node was written.
    pub style: Style,
}

impl Node {
    /// The entries of a mapping node, or `None`.
    pub fn as_mapping(&self) -> Option<&[(Node, Node)]> {
        match &self.value {
            Value::Mapping(entries) => Some(entries),
            _ => None,
        }
    }

    /// The items of a sequence node, or `None`.
    pub fn as_sequence(&self) -> Option<&[Node]> {
        match &self.value {
            Value::Sequence(items) => Some(items),
            _ => None,
        }
    }

    /// The string of a string node, or `None`.
    pub fn as_str(&self) -> Option<&str> {
        match &self.value {
            Value::String(s) => Some(s),
            _ => None,
        }
    }

    /// This node used as a mapping key: JSON keys are strings, so `sigs.k8s.io/yaml` turns the
    /// keys `1` and `true` into `"1"` and `"true"`. Collections have no key form.
    pub fn key_string(&self) -> Option<String> {
        match &self.value {
            Value::String(s) => Some(s.clone()),
            Value::Null => Some("null".to_owned()),
            Value::Bool(b) => Some(b.to_string()),
            Value::Int(i) => Some(i.to_string()),
            Value::UInt(u) => Some(u.to_string()),
            Value::Float(f) => Some(format_float(*f)),
            Value::Sequence(_) | Value::Mapping(_) => None,
        }
    }

    /// The value of key `key` in a mapping node (the last one when the key repeats, as the
    /// API server's JSON decoder keeps the last).
    pub fn get(&self, key: &str) -> Option<&Node> {
        self.as_mapping()?
            .iter()
            .rev()
            .find(|(k, _)| k.key_string().as_deref() == Some(key))
            .map(|(_, v)| v)
    }

    /// Converts the tree to JSON, as `sigs.k8s.io/yaml` does before the API server decodes it.
    /// Non-finite floats, which JSON cannot hold, become `null`.
    pub fn to_json(&self) -> serde_json::Value {
        use serde_json::Value as J;
        match &self.value {
            Value::Null => J::Null,
            Value::Bool(b) => J::Bool(*b),
            Value::Int(i) => J::from(*i),
            Value::UInt(u) => J::from(*u),
            Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
            Value::String(s) => J::String(s.clone()),
            Value::Sequence(items) => J::Array(items.iter().map(Node::to_json).collect()),
            Value::Mapping(entries) => {
                let mut map = serde_json::Map::new();
                for (k, v) in entries {
                    if let Some(key) = k.key_string() {
                        map.insert(key, v.to_json());
                    }
                }
                J::Object(map)
            }
        }
    }

    /// The number of nodes in this subtree (itself included).
    fn size(&self) -> usize {
        1 + match &self.value {
            Value::Sequence(items) => items.iter().map(Node::size).sum(),
            Value::Mapping(entries) => entries.iter().map(|(k, v)| k.size() + v.size()).sum(),
            _ => 0,
        }
    }

    /// The bytes of text in this subtree: every string scalar's length, and a word for any other
    /// scalar. This is what an alias copies, so it is what [`MAX_EXPANDED_BYTES`] bounds.
    fn text_bytes(&self) -> usize {
        match &self.value {
            Value::String(s) => s.len(),
            Value::Sequence(items) => items.iter().map(Node::text_bytes).sum(),
            Value::Mapping(entries) => entries
                .iter()
                .map(|(k, v)| k.text_bytes() + v.text_bytes())
                .sum(),
            _ => 8,
        }
    }

    /// The nesting depth of collections in this subtree (0 for a scalar).
    fn height(&self) -> usize {
        match &self.value {
            Value::Sequence(items) => 1 + items.iter().map(Node::height).max().unwrap_or(0),
            Value::Mapping(entries) => {
                1 + entries.iter().map(|(_, v)| v.height()).max().unwrap_or(0)
            }
            _ => 0,
        }
    }
}

/// Formats a float the way Go's `strconv.FormatFloat(f, 'g', -1, 64)` would for common values,
/// which is how a float key becomes a JSON key.
pub(crate) fn format_float(f: f64) -> String {
    if f.is_nan() {
        "NaN".to_owned()
    } else if f.is_infinite() {
        if f > 0.0 { "+Inf" } else { "-Inf" }.to_owned()
    } else {
        f.to_string()
    }
}

/// One document of a stream.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    /// 0-based position in the stream.
    pub index: usize,
    /// The root node; `None` for an empty document (for example after a trailing `---`).
    pub root: Option<Node>,
    /// The text of the document, from its first to its last event.
    pub span: Span,
    /// A syntax error or exceeded limit inside this document; when set, `root` is `None`.
    pub error: Option<Diagnostic>,
}

/// A parsed YAML stream.
#[derive(Clone, Debug, PartialEq, Default)]
pub struct Stream {
    /// The documents, in order. Parsing stops at the first error, which is attached to the
    /// document where it happened.
    pub documents: Vec<Document>,
}

/// Parses a YAML stream into one positioned tree per document. Never panics; a syntax error or
/// exceeded limit becomes the `error` of the document where it happened and ends the stream.
pub fn parse_stream(text: &str) -> Stream {
    if text.len() > MAX_INPUT_BYTES {
        let error = limits::input_too_large(text.len());
        return Stream {
            documents: vec![Document {
                index: 0,
                root: None,
                span: Span::new(0, 0),
                error: Some(error),
            }],
        };
    }
    let mut builder = Builder {
        text,
        documents: Vec::new(),
        nodes: 0,
        bytes: 0,
    };
    builder.run();
    Stream {
        documents: builder.documents,
    }
}

/// A collection under construction.
enum Frame {
    Sequence {
        items: Vec<Node>,
        start: usize,
        anchor: Option<String>,
        flow: bool,
    },
    Mapping {
        entries: Vec<(Node, Node)>,
        key: Option<Node>,
        merges: Vec<Node>,
        start: usize,
        anchor: Option<String>,
        flow: bool,
    },
}

/// Turns events into documents.
struct Builder<'t> {
    text: &'t str,
    documents: Vec<Document>,
    nodes: usize,
    /// Bytes of text produced so far, aliases expanded.
    bytes: usize,
}

/// Why building stopped early.
struct Stop(Diagnostic);

impl Builder<'_> {
    fn run(&mut self) {
        let len = self.text.len();
        let mut parser = Parser::new(self.text.as_bytes());
        let mut stack: Vec<Frame> = Vec::new();
        let mut anchors: HashMap<String, Node> = HashMap::new();
        let mut doc_start = 0usize;
        let mut root: Option<Node> = None;
        let mut in_document = false;
        loop {
            let event = match parser.next() {
                // The wrapper ends the iteration only after the stream end or an error.
                None => return,
                Some(Ok(event)) => event,
                Some(Err(error)) => {
                    let diag = syntax_diagnostic(self.text, &error);
                    self.push_failed(doc_start, diag, in_document);
                    return;
                }
            };
            let start = event.start.index.min(len);
            let end = event.end.index.min(len);
            let result = match event.kind {
                EventKind::StreamStart => Ok(None),
                EventKind::StreamEnd => return,
                EventKind::DocumentStart { .. } => {
                    if self.documents.len() >= MAX_DOCUMENTS {
                        let diag = limits::too_many_documents(Span::new(start, end));
                        self.push_failed(start, diag, false);
                        return;
                    }
                    in_document = true;
                    doc_start = start;
                    root = None;
                    anchors.clear();
                    Ok(None)
                }
                EventKind::DocumentEnd { .. } => {
                    let index = self.documents.len();
                    self.documents.push(Document { index, root: root.take(), span: Span::new(doc_start, end.max(doc_start)), error: None });
                    in_document = false;
                    Ok(None)
                }
                EventKind::Alias { anchor } => match anchors.get(&anchor) {
                    None => Err(Stop(Diagnostic::error(
                        "",
                        ErrorType::SyntaxError,
                        format!("the alias *{anchor} refers to an anchor &{anchor} that is not defined before it"),
                        Span::new(start, end),
                    ))),
                    Some(node) => {
                        if stack.len() + node.height() > MAX_DEPTH {
                            Err(Stop(depth_error(start, end)))
                        } else {
                            // Count the bytes before copying them: a 64 KiB string aliased
                            // 20 000 times is 1.3 GB, while its node count is harmless.
                            self.count(node.size(), start, end)
                                .and_then(|()| self.count_bytes(node.text_bytes(), start, end))
                                .map(|()| {
                                let mut copy = node.clone();
                                copy.span = Span::new(start, end);
                                Some(copy)
                            })
                        }
                    }
                },
                EventKind::Scalar { anchor, tag, value, style } => self.count(1, start, end).and_then(|()| self.count_bytes(value.len(), start, end)).map(|()| {
                    let node = scalar_node(value, tag.as_deref(), style, Span::new(start, end));
                    if let Some(name) = anchor {
                        anchors.insert(name, node.clone());
                    }
                    Some(node)
                }),
                EventKind::SequenceStart { anchor, flow, .. } => {
                    if stack.len() >= MAX_DEPTH {
                        Err(Stop(depth_error(start, end)))
                    } else {
                        stack.push(Frame::Sequence { items: Vec::new(), start, anchor, flow });
                        self.count(1, start, end).map(|()| None)
                    }
                }
                EventKind::MappingStart { anchor, flow, .. } => {
                    if stack.len() >= MAX_DEPTH {
                        Err(Stop(depth_error(start, end)))
                    } else {
                        stack.push(Frame::Mapping {
                            entries: Vec::new(),
                            key: None,
                            merges: Vec::new(),
                            start,
                            anchor,
                            flow,
                        });
                        self.count(1, start, end).map(|()| None)
                    }
                }
                EventKind::SequenceEnd => match stack.pop() {
                    Some(Frame::Sequence { items, start: s, anchor, flow }) => {
                        let node = Node { value: Value::Sequence(items), span: Span::new(s, end), style: collection_style(flow) };
                        if let Some(name) = anchor {
                            anchors.insert(name, node.clone());
                        }
                        Ok(Some(node))
                    }
                    _ => Ok(None),
                },
                EventKind::MappingEnd => match stack.pop() {
                    Some(Frame::Mapping { mut entries, merges, start: s, anchor, flow, .. }) => {
                        match merge_into(&mut entries, merges, &mut self.nodes) {
                            Err(diag) => Err(Stop(diag)),
                            Ok(()) => {
                                let node = Node { value: Value::Mapping(entries), span: Span::new(s, end), style: collection_style(flow) };
                                if let Some(name) = anchor {
                                    anchors.insert(name, node.clone());
                                }
                                Ok(Some(node))
                            }
                        }
                    }
                    _ => Ok(None),
                },
            };
            match result {
                Err(Stop(diag)) => {
                    self.push_failed(doc_start, diag, in_document);
                    return;
                }
                Ok(Some(node)) => attach(&mut stack, &mut root, node),
                Ok(None) => {}
            }
        }
    }

    /// Counts `n` more nodes against [`MAX_NODES`].
    fn count(&mut self, n: usize, start: usize, end: usize) -> Result<(), Stop> {
        self.nodes = self.nodes.saturating_add(n);
        if self.nodes > MAX_NODES {
            Err(Stop(limits::too_many_nodes(Span::new(start, end), false)))
        } else {
            Ok(())
        }
    }

    /// Counts `n` more bytes of text against [`MAX_EXPANDED_BYTES`].
    fn count_bytes(&mut self, n: usize, start: usize, end: usize) -> Result<(), Stop> {
        self.bytes = self.bytes.saturating_add(n);
        if self.bytes > MAX_EXPANDED_BYTES {
            Err(Stop(limits::too_much_text(Span::new(start, end))))
        } else {
            Ok(())
        }
    }

    /// Records the document that failed, with its diagnostic.
    fn push_failed(&mut self, doc_start: usize, diag: Diagnostic, in_document: bool) {
        let index = self.documents.len();
        let start = if in_document {
            doc_start
        } else {
            diag.span.start
        };
        let span = Span::new(start.min(diag.span.start), diag.span.end.max(start));
        self.documents.push(Document {
            index,
            root: None,
            span,
            error: Some(diag),
        });
    }
}

fn depth_error(start: usize, end: usize) -> Diagnostic {
    limits::too_deep(Span::new(start, end))
}

fn collection_style(flow: bool) -> Style {
    if flow {
        Style::FlowCollection
    } else {
        Style::BlockCollection
    }
}

/// Puts a finished node into its parent collection, or makes it the document root.
fn attach(stack: &mut [Frame], root: &mut Option<Node>, node: Node) {
    match stack.last_mut() {
        None => *root = Some(node),
        Some(Frame::Sequence { items, .. }) => items.push(node),
        Some(Frame::Mapping {
            entries,
            key,
            merges,
            ..
        }) => match key.take() {
            None => *key = Some(node),
            Some(k) => {
                if k.style == Style::Plain && k.value == Value::String("<<".to_owned()) {
                    merges.push(node);
                } else {
                    entries.push((k, node));
                }
            }
        },
    }
}

/// Applies merge keys (`<<: *base` or `<<: [*a, *b]`): keys written in the mapping itself win,
/// and among merged mappings the first one listed wins, as the YAML merge-key spec says.
fn merge_into(
    entries: &mut Vec<(Node, Node)>,
    merges: Vec<Node>,
    nodes: &mut usize,
) -> Result<(), Diagnostic> {
    for merge in merges {
        let sources: Vec<Node> = match merge.value {
            Value::Mapping(_) => vec![merge],
            Value::Sequence(items) => items,
            _ => {
                return Err(Diagnostic::error(
                    "",
                    ErrorType::SyntaxError,
                    "the merge key << needs a mapping or a list of mappings as its value",
                    merge.span,
                ))
            }
        };
        for source in sources {
            let span = source.span;
            let Value::Mapping(source_entries) = source.value else {
                return Err(Diagnostic::error(
                    "",
                    ErrorType::SyntaxError,
                    "the merge key << needs a mapping or a list of mappings as its value",
                    span,
                ));
            };
            for (k, v) in source_entries {
                let key = k.key_string();
                if !entries.iter().any(|(e, _)| e.key_string() == key) {
                    *nodes = nodes.saturating_add(k.size() + v.size());
                    if *nodes > MAX_NODES {
                        return Err(limits::too_many_nodes(span, true));
                    }
                    entries.push((k, v));
                }
            }
        }
    }
    Ok(())
}

/// Builds a scalar node, resolving plain scalars like go-yaml v2.
fn scalar_node(value: String, tag: Option<&str>, style: ScalarStyle, span: Span) -> Node {
    const PREFIX: &str = "tag:yaml.org,2002:";
    let short = tag.and_then(|t| t.strip_prefix(PREFIX));
    let (value, node_style) = match (short, style) {
        (Some("str") | Some("binary"), _) => (Value::String(value), Style::Tagged),
        (Some(t @ ("int" | "float" | "bool" | "null")), _) => {
            // An explicit type tag: resolve the text, and keep it a string if it does not fit.
            let resolved = resolve_plain(&value);
            let fits = matches!(
                (t, &resolved),
                ("int", Value::Int(_) | Value::UInt(_))
                    | ("float", Value::Float(_) | Value::Int(_))
                    | ("bool", Value::Bool(_))
                    | ("null", Value::Null)
            );
            let resolved = match (t, resolved) {
                ("float", Value::Int(i)) => Value::Float(i as f64),
                (_, r) if fits => r,
                _ => Value::String(value),
            };
            (resolved, Style::Tagged)
        }
        (_, ScalarStyle::Plain) => (resolve_plain(&value), Style::Plain),
        (_, ScalarStyle::Literal | ScalarStyle::Folded) => (Value::String(value), Style::Block),
        (_, ScalarStyle::SingleQuoted | ScalarStyle::DoubleQuoted) => {
            (Value::String(value), Style::Quoted)
        }
    };
    Node {
        value,
        span,
        style: node_style,
    }
}

/// Resolves a plain scalar as go-yaml v2's `resolve.go` does (YAML 1.1 booleans, nulls, ints
/// with `0x`, `0o`, `0b`, leading-zero octal and `_` separators, floats with `.inf` and `.nan`).
/// Timestamps are left as strings.
pub fn resolve_plain(text: &str) -> Value {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return Value::Null,
        "y" | "Y" | "yes" | "Yes" | "YES" | "true" | "True" | "TRUE" | "on" | "On" | "ON" => {
            return Value::Bool(true)
        }
        "n" | "N" | "no" | "No" | "NO" | "false" | "False" | "FALSE" | "off" | "Off" | "OFF" => {
            return Value::Bool(false)
        }
        ".inf" | ".Inf" | ".INF" | "+.inf" | "+.Inf" | "+.INF" => {
            return Value::Float(f64::INFINITY)
        }
        "-.inf" | "-.Inf" | "-.INF" => return Value::Float(f64::NEG_INFINITY),
        ".nan" | ".NaN" | ".NAN" => return Value::Float(f64::NAN),
        _ => {}
    }
    let first = text.as_bytes().first().copied().unwrap_or(b' ');
    if !(first.is_ascii_digit() || first == b'+' || first == b'-' || first == b'.') {
        return Value::String(text.to_owned());
    }
    let plain: String = text.chars().filter(|&c| c != '_').collect();
    if let Some(v) = parse_go_int(&plain) {
        return v;
    }
    if is_yaml_float(&plain) {
        if let Ok(f) = plain.parse::<f64>() {
            return Value::Float(f);
        }
    }
    if let Some(bits) = plain.strip_prefix("0b") {
        if let Ok(i) = i64::from_str_radix(bits, 2) {
            return Value::Int(i);
        }
    }
    if let Some(bits) = plain.strip_prefix("-0b") {
        if let Ok(i) = i64::from_str_radix(bits, 2) {
            return Value::Int(-i);
        }
    }
    Value::String(text.to_owned())
}

/// Go's `strconv.ParseInt(s, 0, 64)`, then `ParseUint(s, 0, 64)`: an optional sign, then a
/// `0x`, `0o`, `0b` or leading-`0` (octal) prefix, or decimal digits.
fn parse_go_int(s: &str) -> Option<Value> {
    let (negative, body) = match s.as_bytes().first() {
        Some(b'-') => (true, s.get(1..)?),
        Some(b'+') => (false, s.get(1..)?),
        _ => (false, s),
    };
    let lower = body.to_ascii_lowercase();
    let (radix, digits) = if let Some(d) = lower.strip_prefix("0x") {
        (16, d)
    } else if let Some(d) = lower.strip_prefix("0o") {
        (8, d)
    } else if let Some(d) = lower.strip_prefix("0b") {
        (2, d)
    } else if lower.len() > 1 && lower.starts_with('0') {
        (8, &lower[1..])
    } else {
        (10, lower.as_str())
    };
    if digits.is_empty() || !digits.chars().all(|c| c.is_digit(radix)) {
        return None;
    }
    let magnitude = u64::from_str_radix(digits, radix).ok()?;
    if negative {
        if magnitude <= i64::MAX as u64 {
            Some(Value::Int(-(magnitude as i64)))
        } else if magnitude == i64::MAX as u64 + 1 {
            Some(Value::Int(i64::MIN))
        } else {
            None
        }
    } else if let Ok(i) = i64::try_from(magnitude) {
        Some(Value::Int(i))
    } else {
        Some(Value::UInt(magnitude))
    }
}

/// go-yaml v2's `yamlStyleFloat`: `^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$`.
fn is_yaml_float(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    if matches!(b.first(), Some(b'-' | b'+')) {
        i += 1;
    }
    let digits = |i: &mut usize| {
        let start = *i;
        while b.get(*i).is_some_and(u8::is_ascii_digit) {
            *i += 1;
        }
        *i - start
    };
    if b.get(i) == Some(&b'.') {
        i += 1;
        if digits(&mut i) == 0 {
            return false;
        }
    } else {
        if digits(&mut i) == 0 {
            return false;
        }
        if b.get(i) == Some(&b'.') {
            i += 1;
            digits(&mut i);
        }
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        i += 1;
        if matches!(b.get(i), Some(b'-' | b'+')) {
            i += 1;
        }
        if digits(&mut i) == 0 {
            return false;
        }
    }
    i == b.len()
}

/// Turns a libyaml error into one `Syntax error` diagnostic with the reason in plain words.
fn syntax_diagnostic(text: &str, error: &yaml_events::Error) -> Diagnostic {
    let mut at = error.problem_mark.index.min(text.len());
    // The offset could fall inside a character only if libyaml and Rust disagreed about UTF-8;
    // step back to a boundary so that slicing and line:column stay sound whatever happens.
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    let mut end = at + 1;
    while end < text.len() && !text.is_char_boundary(end) {
        end += 1;
    }
    let end = end.min(text.len());
    // libyaml reports a tab at the start of a line as a character that cannot start a token;
    // say what it is.
    let problem = if text.get(at..end) == Some("\t") {
        "found a tab character that violates indentation"
    } else {
        error.problem.as_str()
    };
    Diagnostic::error(
        "",
        ErrorType::SyntaxError,
        explain(problem, error.context.as_deref()),
        Span::new(at, end),
    )
}

/// libyaml's problem strings, said plainly.
fn explain(problem: &str, context: Option<&str>) -> String {
    let plain = match problem {
        "found a tab character that violates indentation" | "found a tab character where an indentation space is expected" => {
            "a tab character cannot be used for indentation in YAML; use spaces"
        }
        "mapping values are not allowed in this context" => {
            "a ':' is not allowed here: a value probably contains ': ' and needs quotes, or a line is indented wrongly"
        }
        "could not find expected ':'" => {
            "expected a ':' after a mapping key: a line probably lacks its ':' (or the space after it) or is indented wrongly"
        }
        "did not find expected key" => "expected another key of this mapping here: a line is probably indented wrongly",
        "did not find expected '-' indicator" => "expected a list item ('- ') here: a line is probably indented wrongly",
        "block sequence entries are not allowed in this context" => {
            "a list item ('- ') is not allowed here: check the indentation of this line"
        }
        "found character that cannot start any token" => {
            "this character cannot start a plain YAML value (for example '@', '`' or a tab); put the value in quotes"
        }
        "found unexpected end of stream" => "the input ends inside a quoted string: a closing quote is missing",
        "did not find expected ',' or ']'" => "a flow list '[...]' is not closed, or two of its items lack a ',' between them",
        "did not find expected ',' or '}'" => "a flow mapping '{...}' is not closed, or two of its entries lack a ',' between them",
        "did not find expected node content" => "a value is missing here",
        "found unknown escape character" => {
            "unknown escape sequence in a double-quoted string: write \\\\ for a backslash, or use single quotes"
        }
        "did not find expected alphabetic or numeric character" => {
            "an anchor or alias name must follow '&' or '*' directly"
        }
        "did not find expected comment or line break" => {
            "unexpected text after a value: quote the value, or put a space before a '#' comment"
        }
        "found unexpected document indicator" => "a '---' or '...' document marker cannot appear inside a quoted string",
        "found undefined tag handle" => "this tag uses a handle (the part before the second '!') that is not defined",
        // libyaml's reader errors (reader.rs).
        "invalid leading UTF-8 octet" | "invalid trailing UTF-8 octet" | "incomplete UTF-8 octet sequence"
        | "invalid length of a UTF-8 sequence" | "invalid Unicode character" => "the text is not valid UTF-8",
        "control characters are not allowed" => {
            "this control character (such as a NUL byte) is not allowed in YAML; the input may be binary data, not a manifest"
        }
        _ => "",
    };
    if !plain.is_empty() {
        return plain.to_owned();
    }
    match context {
        Some(c) => format!("{problem} ({c})"),
        None => problem.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_plain_scalars_like_go_yaml_v2() {
        let cases: &[(&str, Value)] = &[
            ("yes", Value::Bool(true)),
            ("Off", Value::Bool(false)),
            ("y", Value::Bool(true)),
            ("~", Value::Null),
            ("", Value::Null),
            ("0x1F", Value::Int(31)),
            ("0o17", Value::Int(15)),
            ("017", Value::Int(15)),
            ("0b101", Value::Int(5)),
            ("-0b101", Value::Int(-5)),
            ("1_000", Value::Int(1000)),
            ("+12", Value::Int(12)),
            ("-12", Value::Int(-12)),
            ("18446744073709551615", Value::UInt(u64::MAX)),
            ("1.5", Value::Float(1.5)),
            ("1e3", Value::Float(1000.0)),
            (".5", Value::Float(0.5)),
            ("-.inf", Value::Float(f64::NEG_INFINITY)),
            // go-yaml v2: not octal, but its float pattern matches.
            ("08", Value::Float(8.0)),
            ("1.2.3", Value::String("1.2.3".into())),
            ("yesterday", Value::String("yesterday".into())),
            ("2024-01-01", Value::String("2024-01-01".into())),
            ("-", Value::String("-".into())),
        ];
        for (text, want) in cases {
            assert_eq!(&resolve_plain(text), want, "{text:?}");
        }
        assert!(matches!(resolve_plain(".NaN"), Value::Float(f) if f.is_nan()));
    }
}
