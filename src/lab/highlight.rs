//! YAML highlighting and squiggles for the editor's mirror layer, one line at a time.
//!
//! Pure (no DOM), so it is tested natively. A line becomes a list of [`Piece`]s: text with a CSS
//! class. The editor renders them as text nodes in spans, never as HTML. Highlighting is by line
//! because that is how the mirror re-renders: a keystroke changes one line, and only that line's
//! pieces are recomputed and redrawn.

/// What a piece of a line is, for colouring.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Tok {
    /// Plain text, punctuation and indentation.
    Plain,
    /// A mapping key.
    Key,
    /// A quoted or plain string value.
    Str,
    /// A number.
    Num,
    /// `true`, `false`, `null`, `~`.
    Bool,
    /// A comment.
    Comment,
    /// `---`, `...`, `-` list markers, anchors and tags.
    Punct,
}

impl Tok {
    /// The CSS class.
    pub const fn class(self) -> &'static str {
        match self {
            Tok::Plain => "t-plain",
            Tok::Key => "t-key",
            Tok::Str => "t-str",
            Tok::Num => "t-num",
            Tok::Bool => "t-bool",
            Tok::Comment => "t-com",
            Tok::Punct => "t-punct",
        }
    }
}

/// How serious a squiggle is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Mark {
    /// An error.
    Error,
    /// A warning or note.
    Warning,
}

/// A run of text with its token kind and squiggle.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Piece {
    /// The token kind.
    pub tok: Tok,
    /// The squiggle under it, if any.
    pub mark: Option<Mark>,
    /// The text.
    pub text: String,
}

impl Piece {
    /// The CSS classes of the span.
    pub fn class(&self) -> String {
        match self.mark {
            None => self.tok.class().to_string(),
            Some(Mark::Error) => format!("{} sq-err", self.tok.class()),
            Some(Mark::Warning) => format!("{} sq-warn", self.tok.class()),
        }
    }
}

fn scalar_tok(v: &str) -> Tok {
    let t = v.trim();
    if t.is_empty() {
        return Tok::Plain;
    }
    if t.starts_with('"') || t.starts_with('\'') {
        return Tok::Str;
    }
    if matches!(
        t,
        "true"
            | "false"
            | "True"
            | "False"
            | "TRUE"
            | "FALSE"
            | "null"
            | "Null"
            | "NULL"
            | "~"
            | "yes"
            | "no"
            | "on"
            | "off"
    ) {
        return Tok::Bool;
    }
    let num = t.strip_prefix(['-', '+']).unwrap_or(t);
    if !num.is_empty()
        && (num.parse::<f64>().is_ok()
            || num.starts_with("0x") && u64::from_str_radix(&num[2..], 16).is_ok())
    {
        return Tok::Num;
    }
    if t.starts_with(['{', '[', '&', '*', '!', '|', '>']) {
        return Tok::Punct;
    }
    Tok::Str
}

/// Where a `#` comment starts (outside quotes, at the start or after whitespace), as a byte index.
fn comment_start(line: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let mut prev = ' ';
    for (i, c) in line.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && (prev == ' ' || prev == ':' || i == 0) => {
                quote = Some(c)
            }
            None if c == '#' && prev.is_whitespace() => return Some(i),
            None if c == '#' && i == 0 => return Some(i),
            None => {}
        }
        prev = c;
    }
    None
}

/// Where the `:` that ends a mapping key is (outside quotes, followed by a space or the end).
fn key_colon(code: &str) -> Option<usize> {
    let mut quote: Option<char> = None;
    let bytes = code.as_bytes();
    for (i, c) in code.char_indices() {
        match quote {
            Some(q) if c == q => quote = None,
            Some(_) => {}
            None if (c == '"' || c == '\'') && i == 0 => quote = Some(c),
            None if c == '{' || c == '[' => return None,
            None if c == ':' && bytes.get(i + 1).is_none_or(|b| *b == b' ' || *b == b'\t') => {
                return Some(i)
            }
            None => {}
        }
    }
    None
}

/// The token pieces of one line (no squiggles), in order, covering the line exactly.
pub fn tokens(line: &str) -> Vec<(Tok, &str)> {
    let mut out: Vec<(Tok, &str)> = Vec::new();
    let (code, comment) = match comment_start(line) {
        Some(i) => (&line[..i], Some(&line[i..])),
        None => (line, None),
    };
    let trimmed = code.trim_start();
    let indent = &code[..code.len() - trimmed.len()];
    if !indent.is_empty() {
        out.push((Tok::Plain, indent));
    }
    let mut rest = trimmed;
    if rest.trim_end() == "---" || rest.trim_end() == "..." {
        out.push((Tok::Punct, rest));
        rest = "";
    }
    // List markers: "- ", possibly repeated ("- - a").
    while rest.starts_with("- ") || rest == "-" {
        let n = if rest == "-" { 1 } else { 2 };
        out.push((Tok::Punct, &rest[..n]));
        rest = &rest[n..];
    }
    if let Some(i) = key_colon(rest) {
        out.push((Tok::Key, &rest[..i]));
        out.push((Tok::Plain, &rest[i..i + 1]));
        rest = &rest[i + 1..];
        let value = rest.trim_start();
        let gap = &rest[..rest.len() - value.len()];
        if !gap.is_empty() {
            out.push((Tok::Plain, gap));
        }
        rest = value;
    }
    if !rest.is_empty() {
        out.push((scalar_tok(rest), rest));
    }
    if let Some(c) = comment {
        out.push((Tok::Comment, c));
    }
    out
}

/// The pieces of `line`, with squiggles over the character ranges in `marks`
/// (`(start_col, end_col, mark)`, 0-based character columns, end exclusive; an error wins over a
/// warning where they overlap).
pub fn pieces(line: &str, marks: &[(usize, usize, Mark)]) -> Vec<Piece> {
    // Per character: its squiggle.
    let mark_at = |col: usize| -> Option<Mark> {
        let mut m = None;
        for &(s, e, k) in marks {
            if col >= s && col < e {
                if k == Mark::Error {
                    return Some(Mark::Error);
                }
                m = Some(k);
            }
        }
        m
    };
    let mut out: Vec<Piece> = Vec::new();
    let mut col = 0usize;
    for (tok, text) in tokens(line) {
        for c in text.chars() {
            let mark = mark_at(col);
            match out.last_mut() {
                Some(p) if p.tok == tok && p.mark == mark => p.text.push(c),
                _ => out.push(Piece {
                    tok,
                    mark,
                    text: c.to_string(),
                }),
            }
            col += 1;
        }
    }
    // A squiggle past the end of the line (a missing value) shows as a marked space.
    if marks.iter().any(|&(_, e, _)| e > col) {
        let mark = marks
            .iter()
            .filter(|&&(_, e, _)| e > col)
            .map(|&(_, _, k)| k)
            .min_by_key(|k| *k != Mark::Error);
        out.push(Piece {
            tok: Tok::Plain,
            mark,
            text: " ".into(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(line: &str) -> Vec<(Tok, String)> {
        tokens(line)
            .into_iter()
            .map(|(t, s)| (t, s.to_string()))
            .collect()
    }

    #[test]
    fn tokens_cover_the_line() {
        use Tok::*;
        let cases: Vec<(&str, Vec<(Tok, &str)>)> = vec![
            (
                "apiVersion: batch/v1",
                vec![
                    (Key, "apiVersion"),
                    (Plain, ":"),
                    (Plain, " "),
                    (Str, "batch/v1"),
                ],
            ),
            (
                "  completions: -1 # no",
                vec![
                    (Plain, "  "),
                    (Key, "completions"),
                    (Plain, ":"),
                    (Plain, " "),
                    (Num, "-1 "),
                    (Comment, "# no"),
                ],
            ),
            (
                "      - name: pi",
                vec![
                    (Plain, "      "),
                    (Punct, "- "),
                    (Key, "name"),
                    (Plain, ":"),
                    (Plain, " "),
                    (Str, "pi"),
                ],
            ),
            (
                "  suspend: true",
                vec![
                    (Plain, "  "),
                    (Key, "suspend"),
                    (Plain, ":"),
                    (Plain, " "),
                    (Bool, "true"),
                ],
            ),
            (
                "  image: \"a # b\"",
                vec![
                    (Plain, "  "),
                    (Key, "image"),
                    (Plain, ":"),
                    (Plain, " "),
                    (Str, "\"a # b\""),
                ],
            ),
            ("# whole", vec![(Comment, "# whole")]),
            ("---", vec![(Punct, "---")]),
            ("spec:", vec![(Key, "spec"), (Plain, ":")]),
            (
                "  - perl",
                vec![(Plain, "  "), (Punct, "- "), (Str, "perl")],
            ),
            (
                "command: [\"a\", \"b\"]",
                vec![
                    (Key, "command"),
                    (Plain, ":"),
                    (Plain, " "),
                    (Punct, "[\"a\", \"b\"]"),
                ],
            ),
            (
                "url: http://x",
                vec![(Key, "url"), (Plain, ":"), (Plain, " "), (Str, "http://x")],
            ),
            ("", vec![]),
        ];
        for (line, want) in cases {
            let want: Vec<(Tok, String)> =
                want.into_iter().map(|(t, s)| (t, s.to_string())).collect();
            assert_eq!(kinds(line), want, "{line:?}");
            let joined: String = tokens(line).iter().map(|(_, s)| *s).collect();
            assert_eq!(joined, line);
        }
    }

    #[test]
    fn squiggles_split_pieces() {
        let p = pieces("  completions: -1", &[(15, 17, Mark::Error)]);
        let marked: String = p
            .iter()
            .filter(|p| p.mark.is_some())
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, "-1");
        let text: String = p.iter().map(|p| p.text.as_str()).collect();
        assert_eq!(text, "  completions: -1");
        // Past the end: a marked space; overlapping: the error wins.
        let p = pieces("a:", &[(2, 3, Mark::Warning)]);
        assert_eq!(
            p.last().map(|p| (p.text.as_str(), p.mark)),
            Some((" ", Some(Mark::Warning)))
        );
        let p = pieces("ab", &[(0, 2, Mark::Warning), (1, 2, Mark::Error)]);
        assert_eq!(
            p.iter().map(|p| p.mark).collect::<Vec<_>>(),
            vec![Some(Mark::Warning), Some(Mark::Error)]
        );
        assert!(p[1].class().contains("sq-err"));
        // Multibyte characters count as one column.
        let p = pieces("k: π✓x", &[(4, 5, Mark::Error)]);
        let marked: String = p
            .iter()
            .filter(|p| p.mark.is_some())
            .map(|p| p.text.as_str())
            .collect();
        assert_eq!(marked, "✓");
    }
}
