//! A small YAML emitter for JSON values, in the style `kubectl get -o yaml` prints.
//!
//! kubectl turns the server's JSON into YAML with `sigs.k8s.io/yaml` (go-yaml v2): mapping keys
//! are sorted, collections are in block style, a list under a key starts at the key's own
//! indentation (`- ` at the same column), empty collections are `{}` and `[]`, multi-line strings
//! are literal blocks (`|`, `|-`), and a string is quoted only when it would otherwise read back
//! as something else: double quotes when the plain text would resolve to another type (`"true"`,
//! `"8080"`, `""`), single quotes when YAML syntax forbids the plain form (`': x'`), double quotes
//! with escapes when it holds control characters. A plain string is folded as go-yaml's emitter
//! folds it: at a single space once the line is past 80 columns, the rest continuing two columns
//! deeper. Unlike go-yaml, quoted strings are not folded, and keys are sorted by bytes rather
//! than go-yaml's digit-aware order.

use serde_json::Value as J;

use super::{resolve_plain, Value};

/// Renders `value` as a YAML document (without a `---` marker), ending with a newline.
pub fn to_yaml(value: &J) -> String {
    let mut out = String::new();
    match value {
        J::Object(map) if !map.is_empty() => mapping(&mut out, map, 0, false),
        J::Array(items) if !items.is_empty() => sequence(&mut out, items, 0, false),
        J::String(s) if s.contains('\n') && block_allowed(s) => block_string(&mut out, s, 0),
        other => {
            out.push_str(&inline(other));
            out.push('\n');
        }
    }
    out
}

fn pad(out: &mut String, indent: usize) {
    out.extend(std::iter::repeat_n(' ', indent));
}

/// A mapping at `indent`; when `inline_first`, the cursor already sits where the first key goes
/// (after a `- `).
fn mapping(out: &mut String, map: &serde_json::Map<String, J>, indent: usize, inline_first: bool) {
    let mut keys: Vec<&String> = map.keys().collect();
    keys.sort();
    for (i, key) in keys.into_iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str(&scalar_string(key));
        out.push(':');
        match map.get(key.as_str()) {
            Some(J::Object(child)) if !child.is_empty() => {
                out.push('\n');
                mapping(out, child, indent + 2, false);
            }
            Some(J::Array(items)) if !items.is_empty() => {
                out.push('\n');
                sequence(out, items, indent, false);
            }
            Some(J::String(s)) if s.contains('\n') && block_allowed(s) => {
                out.push(' ');
                block_string(out, s, indent + 2);
            }
            Some(other) => {
                out.push(' ');
                push_folded(out, &inline(other), indent + 2);
                out.push('\n');
            }
            None => out.push('\n'),
        }
    }
}

/// A sequence whose `- ` markers sit at `indent`.
fn sequence(out: &mut String, items: &[J], indent: usize, inline_first: bool) {
    for (i, item) in items.iter().enumerate() {
        if i > 0 || !inline_first {
            pad(out, indent);
        }
        out.push_str("- ");
        match item {
            J::Object(map) if !map.is_empty() => mapping(out, map, indent + 2, true),
            J::Array(inner) if !inner.is_empty() => sequence(out, inner, indent + 2, true),
            J::String(s) if s.contains('\n') && block_allowed(s) => {
                block_string(out, s, indent + 2)
            }
            other => {
                push_folded(out, &inline(other), indent + 2);
                out.push('\n');
            }
        }
    }
}

/// The column past which go-yaml's emitter breaks a plain scalar (`best_width`).
const BEST_WIDTH: usize = 80;

/// Writes a scalar as `inline` made it; a plain one (not quoted) is folded as
/// `yaml_emitter_write_plain_scalar` folds it: a single space (not next to another space) becomes
/// a line break and `indent` spaces when the line already runs past [`BEST_WIDTH`] columns.
fn push_folded(out: &mut String, text: &str, indent: usize) {
    if text.starts_with('"') || text.starts_with('\'') {
        out.push_str(text);
        return;
    }
    let line_start = out.rfind('\n').map_or(0, |i| i + 1);
    let mut column = out.get(line_start..).map_or(0, |l| l.chars().count());
    let chars: Vec<char> = text.chars().collect();
    let mut previous_space = false;
    for (i, &c) in chars.iter().enumerate() {
        if c == ' ' {
            let next_space = chars.get(i + 1) == Some(&' ');
            if !previous_space && column > BEST_WIDTH && !next_space {
                out.push('\n');
                pad(out, indent);
                column = indent;
            } else {
                out.push(c);
                column += 1;
            }
            previous_space = true;
        } else {
            out.push(c);
            column += 1;
            previous_space = false;
        }
    }
}

/// A scalar or empty collection on one line.
fn inline(value: &J) -> String {
    match value {
        J::Null => "null".to_owned(),
        J::Bool(b) => b.to_string(),
        J::Number(n) => n.to_string(),
        J::String(s) => scalar_string(s),
        J::Array(_) => "[]".to_owned(),
        J::Object(_) => "{}".to_owned(),
    }
}

/// Whether a multi-line string can be a literal block: libyaml refuses block style when a line
/// ends in a space, when the text holds special characters, or (without an indentation
/// indicator, which go-yaml does not write) when the first line starts with a space.
fn block_allowed(s: &str) -> bool {
    !s.starts_with(' ')
        && !s.starts_with('\n')
        && !s.contains(" \n")
        && !s.ends_with(' ')
        && !s
            .chars()
            .any(|c| c != '\n' && (c.is_control() || c == '\u{feff}'))
}

/// A literal block scalar whose lines are indented by `indent`; the cursor is after `key: `.
fn block_string(out: &mut String, s: &str, indent: usize) {
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    out.push_str(match trailing {
        0 => "|-",
        1 => "|",
        _ => "|+",
    });
    out.push('\n');
    for line in body.split('\n') {
        if !line.is_empty() {
            pad(out, indent);
            out.push_str(line);
        }
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
}

/// A string scalar, quoted only when needed.
fn scalar_string(s: &str) -> String {
    if s.chars().any(|c| c.is_control() || c == '\u{feff}') {
        return double_quoted(s);
    }
    if !matches!(resolve_plain(s), Value::String(_)) || s == "<<" || is_timestamp(s) {
        return double_quoted(s);
    }
    if plain_allowed(s) {
        s.to_owned()
    } else {
        format!("'{}'", s.replace('\'', "''"))
    }
}

/// Whether go-yaml v2 (sigs.k8s.io/yaml's encoder) reads `s` as a timestamp, which it then quotes
/// to keep it a string: four digits and `-`, then a date (`2006-1-2`) or an RFC 3339 time.
fn is_timestamp(s: &str) -> bool {
    let digits = s.bytes().take_while(u8::is_ascii_digit).count();
    if digits != 4 || s.as_bytes().get(4) != Some(&b'-') {
        return false;
    }
    let date_only = s.split('-').count() == 3
        && s.split('-')
            .all(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()));
    date_only || crate::civil::parse_rfc3339(s).is_some()
}

/// Whether libyaml would write `s` as a plain scalar in block context.
fn plain_allowed(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    let second = s.chars().nth(1);
    if ",[]{}#&*!|>'\"%@`".contains(first) {
        return false;
    }
    if "-?:".contains(first) && second.is_none_or(|c| c == ' ') {
        return false;
    }
    if s.starts_with("---") || s.starts_with("...") {
        return false;
    }
    if s.starts_with(' ') || s.ends_with(' ') || s.ends_with(':') {
        return false;
    }
    !(s.contains(": ") || s.contains(" #") || s.contains('\t'))
}

fn double_quoted(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            '\0' => out.push_str("\\0"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                out.push_str(&format!("\\x{:02X}", c as u32))
            }
            c if c.is_control() || c == '\u{feff}' => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
