//! The YAML tree: resolved values and spans (table), and the emitter's round trip.

use joblab_core::decode::{locate, parse_path, PathSegment};
use joblab_core::diag::{ErrorType, LineCol, LineIndex};
use joblab_core::yaml::emit::to_yaml;
use joblab_core::yaml::{parse_stream, Node, Value};
use serde_json::json;

/// The node at an API-style path, walking keys and indexes.
fn node_at<'a>(root: &'a Node, path: &str) -> Option<&'a Node> {
    let mut node = root;
    for seg in parse_path(path) {
        node = match (seg, &node.value) {
            (PathSegment::Field(k) | PathSegment::Key(k), Value::Mapping(_)) => node.get(&k)?,
            (PathSegment::Index(i), Value::Sequence(items)) => items.get(i)?,
            _ => return None,
        };
    }
    Some(node)
}

#[test]
fn values_and_positions_table() {
    // (input, document index, path, resolved value as JSON, 1-based line:column of the value)
    type Case = (
        &'static str,
        usize,
        &'static str,
        serde_json::Value,
        (usize, usize),
    );
    let cases: &[Case] = &[
        ("a: 1\n", 0, "a", json!(1), (1, 4)),
        (
            "a: yes\nb: 'yes'\nc: !!str on\n",
            0,
            "a",
            json!(true),
            (1, 4),
        ),
        (
            "a: yes\nb: 'yes'\nc: !!str on\n",
            0,
            "b",
            json!("yes"),
            (2, 4),
        ),
        (
            "a: yes\nb: 'yes'\nc: !!str on\n",
            0,
            "c",
            json!("on"),
            (3, 4),
        ),
        (
            "a: 0x10\nb: 010\nc: 1_000\nd: ~\ne:\n",
            0,
            "b",
            json!(8),
            (2, 4),
        ),
        (
            "a: 0x10\nb: 010\nc: 1_000\nd: ~\ne:\n",
            0,
            "c",
            json!(1000),
            (3, 4),
        ),
        (
            "a: 0x10\nb: 010\nc: 1_000\nd: ~\ne:\n",
            0,
            "d",
            json!(null),
            (4, 4),
        ),
        // Flow style with trailing commas, as in corpus file 004.
        (
            "spec: {a: [1, 2, ], b: {c: x, }, }\n",
            0,
            "spec.a[1]",
            json!(2),
            (1, 15),
        ),
        (
            "spec: {a: [1, 2, ], b: {c: x, }, }\n",
            0,
            "spec.b.c",
            json!("x"),
            (1, 28),
        ),
        // Comments do not move positions.
        (
            "# head\na: # after key\n  # own line\n  b: 2 # tail\n",
            0,
            "a.b",
            json!(2),
            (4, 6),
        ),
        // Non-ASCII text: columns count characters.
        (
            "näme: \"ünïcode\"\nnext: é\n",
            0,
            "next",
            json!("é"),
            (2, 7),
        ),
        ("k: — x\nz: 5\n", 0, "z", json!(5), (2, 4)),
        // CRLF line endings.
        ("a: 1\r\nb:\r\n  c: two\r\n", 0, "b.c", json!("two"), (3, 6)),
        // Multi-document: positions are in the whole text.
        (
            "a: 1\n---\na: 2\n---\nb:\n- x\n- why\n",
            2,
            "b[1]",
            json!("why"),
            (7, 3),
        ),
        // Anchors, aliases, merge keys: explicit keys win over merged ones.
        (
            "base: &b {p: 1, q: 2}\nuse:\n  <<: *b\n  q: 3\n",
            0,
            "use.p",
            json!(1),
            (1, 14),
        ),
        (
            "base: &b {p: 1, q: 2}\nuse:\n  <<: *b\n  q: 3\n",
            0,
            "use.q",
            json!(3),
            (4, 6),
        ),
        ("a: &v hello\nb: *v\n", 0, "b", json!("hello"), (2, 4)),
        (
            "a: &m [1, 2]\nb: [*m, *m]\n",
            0,
            "b[1][0]",
            json!(1),
            (1, 8),
        ),
        // Block scalars.
        (
            "s: |\n  one\n  two\nt: >-\n  folded\n  text\n",
            0,
            "s",
            json!("one\ntwo\n"),
            (1, 4),
        ),
        (
            "s: |\n  one\n  two\nt: >-\n  folded\n  text\n",
            0,
            "t",
            json!("folded text"),
            (4, 4),
        ),
        // Keys that resolve to other types become strings, as in JSON.
        ("1: one\ntrue: yes\n", 0, "true", json!(true), (2, 7)),
    ];
    for (input, doc, path, want, (line, column)) in cases {
        let stream = parse_stream(input);
        let document = stream
            .documents
            .get(*doc)
            .unwrap_or_else(|| panic!("{input:?}: no document {doc}"));
        assert!(document.error.is_none(), "{input:?}: {:?}", document.error);
        let root = document
            .root
            .as_ref()
            .unwrap_or_else(|| panic!("{input:?}: empty document"));
        let node = node_at(root, path).unwrap_or_else(|| panic!("{input:?}: no node at {path}"));
        assert_eq!(&node.to_json(), want, "{input:?} at {path}");
        let index = LineIndex::new(input);
        assert_eq!(
            index.line_col(input, node.span.start),
            LineCol {
                line: *line,
                column: *column
            },
            "{input:?} at {path}"
        );
    }
}

#[test]
fn locate_points_at_values_keys_and_nearest_parents() {
    let text = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    metadata:\n      labels: {app: pi}\n    spec:\n      containers:\n      - name: pi\n        image: perl\n";
    let root = parse_stream(text).documents[0]
        .root
        .clone()
        .expect("a root");
    let index = LineIndex::new(text);
    let at = |path: &str| {
        let span = locate(&root, path);
        let lc = index.line_col(text, span.start);
        (lc.line, lc.column, &text[span.start..span.end])
    };
    let cases: &[(&str, (usize, usize, &str))] = &[
        ("metadata.name", (4, 9, "pi")),
        ("spec.template.spec.containers[0].image", (12, 16, "perl")),
        ("spec.template.spec.containers[0]", (11, 9, "name")),
        (
            "spec.template.spec.containers[0].imagePullPolicy",
            (11, 9, "name"),
        ),
        ("spec.template.spec.restartPolicy", (9, 5, "spec")),
        ("spec.completions", (5, 1, "spec")),
        ("spec.template.labels[app]", (8, 21, "pi")),
        ("spec.template.metadata.labels[app]", (8, 21, "pi")),
        (
            "spec.template.spec.containers[3].name",
            (10, 7, "containers"),
        ),
        ("status", (1, 1, "apiVersion")),
        ("", (1, 1, "apiVersion")),
    ];
    for (path, want) in cases {
        assert_eq!(&at(path), want, "{path}");
    }
}

#[test]
fn stream_problems_are_diagnostics() {
    // (input, expected error type, expected words in the detail, 1-based line)
    let cases: &[(&str, ErrorType, &str, usize)] = &[
        ("a:\n\tb: 1\n", ErrorType::SyntaxError, "tab character", 2),
        (
            "a: b: c\n",
            ErrorType::SyntaxError,
            "':' is not allowed here",
            1,
        ),
        ("a: [1, 2\n", ErrorType::SyntaxError, "flow list", 2),
        ("a: \"open\n", ErrorType::SyntaxError, "closing quote", 2),
        ("a: *nope\n", ErrorType::SyntaxError, "not defined", 1),
        (
            "a: 1\n---\nb: [\n",
            ErrorType::SyntaxError,
            "value is missing",
            4,
        ),
        ("<<: 5\n", ErrorType::SyntaxError, "merge key", 1),
    ];
    for (input, error_type, words, line) in cases {
        let stream = parse_stream(input);
        let error = stream
            .documents
            .iter()
            .find_map(|d| d.error.clone())
            .unwrap_or_else(|| panic!("{input:?}: no error"));
        assert_eq!(error.error_type, *error_type, "{input:?}");
        assert!(error.detail.contains(words), "{input:?}: {}", error.detail);
        let lc = LineIndex::new(input).line_col(input, error.span.start);
        assert_eq!(lc.line, *line, "{input:?}: {}", error.detail);
    }
}

#[test]
fn emitter_writes_kubectl_style() {
    let value = json!({
        "b": {"list": ["x", {"k": 1, "a": true}], "empty": {}, "none": []},
        "a": "plain text",
        "quoted": ["true", "8080", "", "null", "yes", "1.5", ": colon", "a: b", "#hash", "- dash", "it's"],
        "script": "line one\nline two\n",
        "nolf": "one\ntwo",
        "n": null,
        "neg": -3,
        "f": 0.25,
        "ctl": "tab\there",
    });
    let want = r#"a: plain text
b:
  empty: {}
  list:
  - x
  - a: true
    k: 1
  none: []
ctl: "tab\there"
f: 0.25
"n": null
neg: -3
nolf: |-
  one
  two
quoted:
- "true"
- "8080"
- ""
- "null"
- "yes"
- "1.5"
- ': colon'
- 'a: b'
- '#hash'
- '- dash'
- it's
script: |
  line one
  line two
"#;
    assert_eq!(to_yaml(&value), want);
}

#[test]
fn emitted_yaml_parses_back_to_the_same_value() {
    let values = [
        json!({"a": {"b": [[1, 2], [], {}], "c": "multi\n\nline\n\n"}}),
        json!([{"x": "  leading"}, "trailing ", "ümlaut: yes", "~", "-", "0x10", "010", "1e3", ".inf", "<<"]),
        json!({"weird keys": {"true": 1, "": 2, "a:b": 3, "x y": "q\"uote\\"}}),
        json!("top-level string"),
        json!({"nested": {"list": [{"a": [{"b": "c"}]}]}}),
        json!({"s": "line\n  indented\nback", "t": "ends with space \nnext", "u": "\u{1}ctl"}),
    ];
    for value in values {
        let text = to_yaml(&value);
        let stream = parse_stream(&text);
        let doc = &stream.documents[0];
        assert!(doc.error.is_none(), "{text}\n{:?}", doc.error);
        let back = doc.root.as_ref().map(Node::to_json).unwrap_or_default();
        assert_eq!(back, value, "emitted:\n{text}");
    }
}

#[test]
fn inputs_that_crashed_libyaml_safer_parse_like_libyaml() {
    // Each of these made libyaml-safer 0.3.0 (the previous parser) panic, which aborts the page
    // in the browser; libyaml parses them like any other input, with no pre-processing.
    let cases: &[(&str, Option<serde_json::Value>)] = &[
        // A block scalar at the end of the input without a final line break.
        ("s: |\n  one\n  two", Some(json!({"s": "one\ntwo"}))),
        ("s: |+\n  one", Some(json!({"s": "one"}))),
        ("s: >\n  one\n  two", Some(json!({"s": "one two"}))),
        ("s: |\n  one\n", Some(json!({"s": "one\n"}))),
        // A backslash at the end of an unterminated double-quoted string.
        ("s: \"abc\\", None),
        // A tag directly followed by ',' in a flow collection: valid YAML, an empty string.
        ("s: [!!str, x]\n", Some(json!({"s": ["", "x"]}))),
        (
            "s: {a: !!str, b: c}\n",
            Some(json!({"s": {"a": "", "b": "c"}})),
        ),
        ("s: [!!int, x]", Some(json!({"s": ["", "x"]}))),
        // libyaml (and go-yaml) need a space or line break after a tag before a ']'.
        ("s: [!!int, !!str]", None),
        ("s: {a: \"x\"!,}\n", None),
        (
            "a: [\"hi !x, there\", 'b !y,']\n",
            Some(json!({"a": ["hi !x, there", "b !y,"]})),
        ),
    ];
    for (input, want) in cases {
        let stream = parse_stream(input);
        let doc = &stream.documents[0];
        match want {
            Some(value) => assert_eq!(
                doc.root.as_ref().map(Node::to_json).as_ref(),
                Some(value),
                "{input:?}: {:?}",
                doc.error
            ),
            None => assert_eq!(
                doc.error.as_ref().map(|e| e.error_type),
                Some(ErrorType::SyntaxError),
                "{input:?}"
            ),
        }
    }
}
