//! Keeps input from controlling whoever reads Joblab's output.
//!
//! A manifest or scenario can hold any character, escape sequences included (`"\e[2J": 1` is a
//! valid YAML key). Every string that reaches text output, from the CLI, the lab's diagnostics or
//! the kubectl views, goes through one of the two functions here, so no control or invisible
//! formatting character survives: each is written the way Go's `%q` writes it (`\x1b`, `\t`,
//! `\u202e`), which is also how the API server quotes an unknown field. Printable text, quotes and
//! backslashes are left as they are, so ordinary messages do not change.

use std::borrow::Cow;

use crate::validate::quote::is_go_printable;

/// Writes one non-printable character as Go's `strconv.Quote` does (shared with
/// [`crate::validate::quote::go_quote`]).
pub(crate) fn push_escape(out: &mut String, c: char) {
    match c {
        '\u{7}' => out.push_str("\\a"),
        '\u{8}' => out.push_str("\\b"),
        '\u{c}' => out.push_str("\\f"),
        '\n' => out.push_str("\\n"),
        '\r' => out.push_str("\\r"),
        '\t' => out.push_str("\\t"),
        '\u{b}' => out.push_str("\\v"),
        c if (c as u32) < 0x80 => out.push_str(&format!("\\x{:02x}", c as u32)),
        c if (c as u32) < 0x10000 => out.push_str(&format!("\\u{:04x}", c as u32)),
        c => out.push_str(&format!("\\U{:08x}", c as u32)),
    }
}

fn escape_where(text: &str, keep: impl Fn(char) -> bool) -> Cow<'_, str> {
    if text.chars().all(|c| keep(c) || is_go_printable(c)) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if keep(c) || is_go_printable(c) {
            out.push(c);
        } else {
            push_escape(&mut out, c);
        }
    }
    Cow::Owned(out)
}

/// One line of text (a field path, a detail, a name): every non-printable character escaped,
/// line breaks included.
pub fn line(text: &str) -> Cow<'_, str> {
    escape_where(text, |_| false)
}

/// A block of text (a kubectl view, a timeline, terminal output): every non-printable character
/// escaped except line breaks and tabs, which lay the block out and cannot drive a terminal.
pub fn block(text: &str) -> Cow<'_, str> {
    escape_where(text, |c| c == '\n' || c == '\t')
}

/// Whether `text` holds a character that output must never carry raw (what [`block`] escapes).
pub fn needs_escaping(text: &str) -> bool {
    text.chars()
        .any(|c| c != '\n' && c != '\t' && !is_go_printable(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_and_invisible_characters_are_written_as_go_writes_them() {
        let cases = [
            ("spec.template", "spec.template"),
            ("\u{1b}[2J", "\\x1b[2J"),
            ("a\tb\rc\nd", "a\\tb\\rc\\nd"),
            ("bell\u{7}", "bell\\a"),
            ("csi\u{9b}31m", "csi\\u009b31m"),
            ("rtl\u{202e}txt", "rtl\\u202etxt"),
            ("quotes \"and\" \\ stay", "quotes \"and\" \\ stay"),
            ("näme ✓", "näme ✓"),
        ];
        for (input, want) in cases {
            assert_eq!(line(input), want, "{input:?}");
            assert!(!needs_escaping(&line(input)), "{input:?}");
        }
        assert_eq!(block("a\n\u{1b}b\tc\n"), "a\n\\x1bb\tc\n");
        assert!(matches!(block("plain\ntext"), Cow::Borrowed(_)));
    }
}
