//! The hostile corpus through the `joblab` binary: every input gets the same clear diagnostic as
//! in the page (the messages come from the core), exit status 1, and no crash or hang.

mod support;

use std::path::{Path, PathBuf};
use std::process::Output;
fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../joblab-core/tests/hostile")
        .join(name)
}

/// Runs the binary. No clock is read here: how long a run takes depends on the machine, and what
/// keeps a hostile input from hanging is the core's own bounds (the parser's limits, the
/// simulation's event and Pod caps), which the tests below check by the messages they print.
fn joblab(args: &[&str], stdin: Option<&[u8]>) -> Output {
    support::run(args, stdin)
}

/// `joblab check FILE`: (file, exit status, `LINE:COL: error: <message start>`).
const CHECK: &[(&str, i32, &str)] = &[
    ("billion-laughs.yaml", 1, ":6:20: error: Limit exceeded: the YAML expands to more than 250 000 values"),
    ("alias-gigabytes.yaml", 1, ":75:11: error: Limit exceeded: the YAML's text expands to more than 4 194 304 bytes (4 MiB) through aliases"),
    ("merge-bomb.yaml", 1, ":6:24: error: Limit exceeded:"),
    ("deep-flow.yaml", 1, ":1:101: error: Limit exceeded: mappings and lists nest more than 100 levels"),
    ("deep-block.yaml", 1, ":101:201: error: Limit exceeded: mappings and lists nest more than 100 levels"),
    ("self-alias.yaml", 1, ":1:8: error: Syntax error: the alias *a refers to an anchor &a that is not defined"),
    ("numbers-int32.yaml", 1, ":6:16: error: spec.completions: Type error: expected an integer, got 99999999999, which is out of range: must fit in a 32-bit integer (-2147483648 to 2147483647)"),
    ("numbers-int32.yaml", 1, ":8:17: error: spec.backoffLimit: Type error: expected an integer, got 1e400, which is out of range"),
    ("bom.yaml", 1, ":6:16: error: spec.completions: Type error"),
    ("crlf.yaml", 1, ":6:16: error: spec.completions: Type error"),
    ("nul-byte.bin", 1, ":4:13: error: Syntax error: this control character (such as a NUL byte) is not allowed"),
    ("invalid-utf8.bin", 1, ":4:9: error: Syntax error: the input is not UTF-8 text (byte 0xFF"),
    ("utf16le-bom.bin", 1, ":1:1: error: Syntax error: the input is not UTF-8 text"),
    ("binary-elf-header.bin", 1, ":1:1: error: Syntax error: this control character"),
    ("backslash-at-end.yaml", 1, ":1:18: error: Syntax error: unknown escape sequence"),
    ("xss.yaml", 1, ":4:9: error: metadata.name: Invalid value: \"<img src=x onerror=alert(1)>\""),
    ("sim-two-billion-completions.yaml", 0, ": 1 document checked, 0 errors"),
];

#[test]
fn check_gives_each_corpus_input_its_diagnostic() {
    for (file, status, says) in CHECK {
        let path = corpus(file);
        let out = joblab(&["check", path.to_str().expect("path")], None);
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(*status), "{file}: {text}");
        assert!(text.contains(says), "{file}: {text}");
    }
}

#[test]
fn generated_giants_are_refused_with_the_limit() {
    let fifty_mb = "apiVersion: batch/v1\n".repeat(50 * 1024 * 1024 / 21);
    let many = "---\napiVersion: v1\nkind: ConfigMap\n".repeat(10_000);
    // The CLI checks a long stream in chunks of whole documents (check_stream_bytes), so 10 000
    // documents are all checked, numbered and positioned as in the whole stream; one document
    // over the size limit still gets the limit's error.
    let cases: &[(&str, &[u8], i32, &str)] = &[
        ("50 MB", fifty_mb.as_bytes(), 1, "<stdin>:1:1: error: Limit exceeded: the input is 52 428 789 bytes, more than the 1 048 576 bytes (1 MiB) Joblab checks"),
        ("10 000 documents", many.as_bytes(), 0, "<stdin>:30000:7: note: skipped: this document is a v1 ConfigMap, not a batch/v1 Job\n<stdin>: 10000 documents checked, 0 errors, 0 warnings\n"),
    ];
    for (name, input, status, says) in cases {
        let out = joblab(&["check", "-"], Some(input));
        let text = String::from_utf8_lossy(&out.stdout);
        assert_eq!(out.status.code(), Some(*status), "{name}");
        assert!(
            text.contains(says),
            "{name}: {}",
            &text[..text.len().min(400)]
        );
    }
}

#[test]
fn simulate_and_defaults_refuse_the_same_inputs() {
    for command in ["simulate", "defaults"] {
        for (file, says) in [
            (
                "invalid-utf8.bin",
                ":4:9: error: Syntax error: the input is not UTF-8 text",
            ),
            ("billion-laughs.yaml", ":6:20: error: Limit exceeded:"),
            ("alias-gigabytes.yaml", ":75:11: error: Limit exceeded:"),
        ] {
            let path = corpus(file);
            let out = joblab(&[command, path.to_str().expect("path")], None);
            let err = String::from_utf8_lossy(&out.stderr);
            assert_eq!(out.status.code(), Some(1), "{command} {file}: {err}");
            assert!(err.contains(says), "{command} {file}: {err}");
        }
    }
    // A scenario that is not text is refused the same way.
    let job = corpus("sim-two-billion-completions.yaml");
    let bad = corpus("nul-byte.bin");
    let out = joblab(
        &[
            "simulate",
            job.to_str().expect("path"),
            "--scenario",
            bad.to_str().expect("path"),
        ],
        None,
    );
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("nul-byte.bin:4:13: error: Syntax error: this control character"),
        "{err}"
    );
}

#[test]
fn huge_simulations_stop_with_the_message() {
    // The CLI runs with the default (large) caps; the run stops and says why.
    // 100 000 Pods at a time, 500 per sync: the Pod cap (250 000) is reached in ~500 s.
    let job = corpus("sim-two-billion-completions.yaml");
    let out = joblab(
        &["simulate", job.to_str().expect("path"), "--until", "900"],
        None,
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        text.contains("simulation stopped early"),
        "{}",
        &text[text.len().saturating_sub(2000)..]
    );
    assert!(text.contains("lower completions, parallelism or backoffLimit"));
}

/// Input never controls the reader's terminal: escapes in an unknown key, an annotation, an image
/// and a scenario key come out written as Go's `%q` writes them (`\x1b`), in text and JSON alike.
#[test]
fn terminal_escapes_in_the_input_never_reach_the_output_raw() {
    let job = corpus("terminal-escapes.yaml");
    let scenario = corpus("terminal-escapes-in-a-scenario.yaml");
    let job = job.to_str().expect("path");
    let scenario = scenario.to_str().expect("path");
    let runs: [(&[&str], &str); 3] = [
        (
            &["check", job],
            "6:3: error: spec.\\x1b[2J\\x1b[H: Unknown field",
        ),
        (
            &["check", "--format", "json", job],
            "\"path\":\"spec.\\\\x1b[2J\\\\x1b[H\"",
        ),
        (
            &["simulate", "-", "--scenario", scenario],
            "3:5: error: runs[0].\\x1b[2J: Unknown field",
        ),
    ];
    let valid = std::fs::read_to_string(job)
        .expect("the corpus file")
        .replace("  \"\\e[2J\\e[H\": 1\n", "");
    for (args, says) in runs {
        let stdin = (args.get(1) == Some(&"-")).then_some(valid.as_bytes());
        let out = joblab(args, stdin);
        let all = [out.stdout.as_slice(), out.stderr.as_slice()].concat();
        assert!(
            !all.iter().any(|b| *b == 0x1b || *b == 0x07),
            "{args:?} printed a raw control character: {}",
            String::from_utf8_lossy(&all)
        );
        assert!(
            String::from_utf8_lossy(&all).contains(says),
            "{args:?}: {}",
            String::from_utf8_lossy(&all)
        );
    }
}
