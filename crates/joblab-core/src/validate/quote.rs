//! Printing values the way the API server prints them in error details.
//!
//! The server formats strings with Go's `%q` (`strconv.Quote`), so `"Always"` and `"a\"b"` look
//! exactly as `kubectl` shows them; Rust's `{:?}` differs for some characters.

/// Quotes `s` like Go's `strconv.Quote`: `"` and `\` escaped, the C escapes for control
/// characters, `\xNN` for other ASCII controls, `\uXXXX` / `\UXXXXXXXX` for non-printable
/// non-ASCII characters, and printable characters as they are.
pub fn go_quote(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if is_go_printable(c) => out.push(c),
            c => crate::escape::push_escape(&mut out, c),
        }
    }
    out.push('"');
    out
}

/// An approximation of Go's `unicode.IsPrint` without the Unicode tables: ASCII space is
/// printable, other spaces, controls and the common invisible format characters are not.
pub(crate) fn is_go_printable(c: char) -> bool {
    if c == ' ' {
        return true;
    }
    if c.is_control() || c.is_whitespace() {
        return false;
    }
    !matches!(
        c as u32,
        0xad | 0x600..=0x605 | 0x61c | 0x6dd | 0x70f | 0x180e | 0x200b..=0x200f | 0x202a..=0x202e
            | 0x2060..=0x2064 | 0x2066..=0x206f | 0xfeff | 0xfff9..=0xfffb | 0xe000..=0xf8ff
            | 0xd800..=0xdfff | 0xfffe | 0xffff
    )
}

/// Encodes `s` as Go's `encoding/json` does, the form 1.37's `field.Error.ErrorBody` uses for
/// every bad value that is not a plain `string`, integer or bool: HTML-safe (`<`, `>`, `&` become
/// `\u003c` ...), U+2028 and U+2029 escaped, other controls as `\u00XX`, DEL and all other
/// characters as they are.
pub fn go_json_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '<' | '>' | '&' | '\u{2028}' | '\u{2029}' => {
                out.push_str(&format!("\\u{:04x}", c as u32));
            }
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    use super::go_quote;

    #[test]
    fn quotes_like_go() {
        let cases = [
            ("Always", "\"Always\""),
            ("a\"b\\c", "\"a\\\"b\\\\c\""),
            ("tab\there\n", "\"tab\\there\\n\""),
            ("\u{1b}", "\"\\x1b\""),
            ("näme", "\"näme\""),
            ("\u{200b}", "\"\\u200b\""),
            ("\u{a0}", "\"\\u00a0\""),
        ];
        for (input, want) in cases {
            assert_eq!(go_quote(input), want, "{input:?}");
        }
    }

    #[test]
    fn json_strings_like_go() {
        let cases = [
            ("Always", "\"Always\""),
            ("a<b>&c", "\"a\\u003cb\\u003e\\u0026c\""),
            ("\u{1}\n\u{7f}", "\"\\u0001\\n\u{7f}\""),
            ("näme", "\"näme\""),
        ];
        for (input, want) in cases {
            assert_eq!(super::go_json_string(input), want, "{input:?}");
        }
    }
}
