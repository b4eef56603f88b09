use super::*;

fn events(text: &str) -> Vec<Event> {
    Parser::new(text.as_bytes())
        .collect::<Result<Vec<_>, _>>()
        .unwrap_or_else(|e| panic!("{text:?}: {e}"))
}

/// The scalars of `text` with the input text between their start and end marks.
fn scalars(text: &str) -> Vec<(String, String)> {
    events(text)
        .into_iter()
        .filter_map(|e| match e.kind {
            EventKind::Scalar { value, .. } => {
                Some((value, text[e.start.index..e.end.index].to_owned()))
            }
            _ => None,
        })
        .collect()
}

#[test]
fn marks_are_byte_offsets() {
    // (input, expected (value, source slice) of every scalar). Multi-byte characters before a
    // scalar would shift a character-counting index; slicing `text` by it would then miss the
    // scalar or fail on a char boundary.
    let cases: &[(&str, &[(&str, &str)])] = &[
        ("a: b\n", &[("a", "a"), ("b", "b")]),
        (
            "é: ü\nx: y\n",
            &[("é", "é"), ("ü", "ü"), ("x", "x"), ("y", "y")],
        ),
        (
            "名前: \"日本\"\nk: v",
            &[
                ("名前", "名前"),
                ("日本", "\"日本\""),
                ("k", "k"),
                ("v", "v"),
            ],
        ),
        (
            "\u{feff}a: 😀\nb: c\n",
            &[("a", "a"), ("😀", "😀"), ("b", "b"), ("c", "c")],
        ),
        (
            "a: 1\r\nb: 2\r\n",
            &[("a", "a"), ("1", "1"), ("b", "b"), ("2", "2")],
        ),
        (
            "- 'x''y'\n- |\n  z\n",
            &[("x'y", "'x''y'"), ("z\n", "|\n  z\n")],
        ),
    ];
    for (text, want) in cases {
        let got = scalars(text);
        let want: Vec<(String, String)> = want
            .iter()
            .map(|(a, b)| ((*a).to_owned(), (*b).to_owned()))
            .collect();
        assert_eq!(got, want, "{text:?}");
    }
}

#[test]
fn inputs_that_crashed_libyaml_safer_parse() {
    // libyaml-safer 0.3.0 panicked on each of these (see the core's yaml module history).
    let cases: &[(&str, &[&str])] = &[
        // A block scalar at the end of the input without a final line break.
        ("a: |\n  x", &["a", "x"]),
        ("a: >\n  x\n  y", &["a", "x y"]),
        // A tag directly followed by ',' in a flow collection.
        ("[!!str, x]", &["", "x"]),
        ("{a: !!str, b: c}", &["a", "", "b", "c"]),
    ];
    for (text, want) in cases {
        let got: Vec<String> = scalars(text).into_iter().map(|(v, _)| v).collect();
        assert_eq!(got, *want, "{text:?}");
    }
    // A backslash at the end of a double-quoted string that never closes: an error, not a panic.
    for text in ["a: \"x\\", "\"\\", "a: \"\\"] {
        let last = Parser::new(text.as_bytes()).last();
        assert!(matches!(last, Some(Err(_))), "{text:?}: {last:?}");
    }
}

#[test]
fn event_sequence_and_styles() {
    let kinds: Vec<EventKind> = events("--- &m !!map\nk: &v [*v2, 'q']\n...\n")
        .into_iter()
        .map(|e| e.kind)
        .collect();
    let s = |v: &str| Some(v.to_owned());
    assert_eq!(
        kinds,
        vec![
            EventKind::StreamStart,
            EventKind::DocumentStart { implicit: false },
            EventKind::MappingStart {
                anchor: s("m"),
                tag: s("tag:yaml.org,2002:map"),
                flow: false
            },
            EventKind::Scalar {
                value: "k".into(),
                anchor: None,
                tag: None,
                style: ScalarStyle::Plain
            },
            EventKind::SequenceStart {
                anchor: s("v"),
                tag: None,
                flow: true
            },
            EventKind::Alias {
                anchor: "v2".into()
            },
            EventKind::Scalar {
                value: "q".into(),
                anchor: None,
                tag: None,
                style: ScalarStyle::SingleQuoted
            },
            EventKind::SequenceEnd,
            EventKind::MappingEnd,
            EventKind::DocumentEnd { implicit: false },
            EventKind::StreamEnd,
        ]
    );
}

#[test]
fn errors_carry_positions_and_end_the_stream() {
    // (input, problem, byte offset of the problem)
    let cases: &[(&[u8], &str, usize)] = &[
        (
            b"a: b\n c: d\n",
            "mapping values are not allowed in this context",
            7,
        ),
        (
            b"\xEF\xBB\xBFa: b\n c: d\n",
            "mapping values are not allowed in this context",
            10,
        ),
        (
            b"\xEF\xBB\xBFa: \x01",
            "control characters are not allowed",
            6,
        ),
        (b"a: [1, 2\n", "did not find expected ',' or ']'", 9),
        (b"a: \"x", "found unexpected end of stream", 5),
        (b"a: b\x00c\n", "control characters are not allowed", 4),
        (b"a: \xff\n", "invalid leading UTF-8 octet", 3),
        (b"a: \xc3\n", "invalid trailing UTF-8 octet", 4),
        (b"\xc3", "incomplete UTF-8 octet sequence", 0),
    ];
    for (input, problem, at) in cases {
        let mut parser = Parser::new(input);
        let error = parser.by_ref().find_map(Result::err).expect("an error");
        assert_eq!(error.problem, *problem, "{input:?}");
        assert_eq!(error.problem_mark.index, *at, "{input:?}");
        assert!(parser.next().is_none(), "the stream ends after an error");
    }
}

#[test]
fn arbitrary_bytes_never_panic() {
    // A small deterministic generator; the fuzz target covers this far more thoroughly.
    let mut state = 0x2545_f491_4f6c_dd1d_u64;
    let alphabet = b"ab :-[]{},&*!|>'\"#%@?\n\t\r\\\x00\xc3\xa9\xff";
    for _ in 0..5000 {
        let len = (state % 40) as usize;
        let mut input = Vec::with_capacity(len);
        for _ in 0..len {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            input.push(alphabet[(state % alphabet.len() as u64) as usize]);
        }
        let mut ends = 0;
        for event in Parser::new(&input) {
            let at = match &event {
                Ok(e) => e.end.index,
                Err(e) => e.problem_mark.index,
            };
            assert!(at <= input.len(), "{input:?}");
            ends += usize::from(matches!(
                event,
                Ok(Event {
                    kind: EventKind::StreamEnd,
                    ..
                })
            ));
        }
        assert!(ends <= 1);
    }
}
