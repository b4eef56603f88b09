//! The hostile corpus (`tests/hostile/`, plus inputs generated here because they are too big to
//! commit): every input gets a clear diagnostic, never a panic, and finishes. Fuzz crashes are
//! replayed from `tests/hostile/regressions/`.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use joblab_core::check::{check_source, CheckReport};
use joblab_core::diag::{ErrorType, LineIndex, Severity};
use joblab_core::limits::{self, text_from_bytes, MAX_DOCUMENTS, MAX_INPUT_BYTES};
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Replay, Simulation, StopReason};

/// A hang shows up as a failure, not a stuck test. Deliberately generous (debug builds, a shared
/// 2-core machine): the real timings are measured in release and reported separately.
const HANG: Duration = Duration::from_secs(5);

fn hostile_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// The first error of `bytes` as `(type, message, 1-based line)`, the way both front ends see
/// it: bytes become text (or a diagnostic), then the whole check runs.
fn first_error(bytes: &[u8]) -> Option<(ErrorType, String, usize)> {
    let started = Instant::now();
    let result = match text_from_bytes(bytes) {
        Err(d) => {
            let prefix = std::str::from_utf8(&bytes[..d.span.start.min(bytes.len())]).unwrap_or("");
            let line = LineIndex::new(prefix).line_col(prefix, prefix.len()).line;
            Some((d.error_type, d.detail, line))
        }
        Ok(text) => {
            let report = std::panic::catch_unwind(|| check_source(text)).unwrap_or_else(|_| {
                panic!(
                    "check_source panicked on {:?}",
                    &text[..text.len().min(200)]
                )
            });
            error_of(&report)
        }
    };
    assert!(started.elapsed() < HANG, "took {:?}", started.elapsed());
    result
}

fn error_of(report: &CheckReport) -> Option<(ErrorType, String, usize)> {
    report
        .documents
        .iter()
        .flat_map(|d| &d.diagnostics)
        .find(|d| d.diagnostic.severity == Severity::Error)
        .map(|d| {
            (
                d.diagnostic.error_type,
                d.diagnostic.message(),
                d.start.line,
            )
        })
}

struct Case {
    input: &'static str,
    error: ErrorType,
    /// A piece of the message that says what is wrong (and, for limits, what to do).
    says: &'static str,
    line: usize,
}

const CORPUS: &[Case] = &[
    Case { input: "billion-laughs.yaml", error: ErrorType::LimitExceeded, says: "alias bomb", line: 6 },
    // A type-correct Job whose one 64 KiB string is aliased 20 000 times in `args`: 160 KB that
    // expand to 1.3 GB. The byte bound stops it at the 63rd alias (the anchored string and the
    // rest of the manifest count too).
    Case { input: "alias-gigabytes.yaml", error: ErrorType::LimitExceeded, says: "text expands to more than 4 194 304 bytes (4 MiB) through aliases", line: 75 },
    Case { input: "merge-bomb.yaml", error: ErrorType::LimitExceeded, says: "expands to more than 250 000 values", line: 6 },
    Case { input: "deep-flow.yaml", error: ErrorType::LimitExceeded, says: "nest more than 100 levels", line: 1 },
    Case { input: "deep-block.yaml", error: ErrorType::LimitExceeded, says: "nest more than 100 levels", line: 101 },
    Case { input: "self-alias.yaml", error: ErrorType::SyntaxError, says: "*a refers to an anchor &a that is not defined", line: 1 },
    Case { input: "undefined-alias.yaml", error: ErrorType::SyntaxError, says: "not defined", line: 1 },
    Case { input: "numbers-int32.yaml", error: ErrorType::TypeError, says: "spec.completions: Type error: expected an integer, got 99999999999, which is out of range: must fit in a 32-bit integer (-2147483648 to 2147483647)", line: 6 },
    Case { input: "crlf.yaml", error: ErrorType::TypeError, says: "spec.completions", line: 6 },
    Case { input: "bom.yaml", error: ErrorType::TypeError, says: "spec.completions", line: 6 },
    Case { input: "nul-byte.bin", error: ErrorType::SyntaxError, says: "control character (such as a NUL byte)", line: 4 },
    Case { input: "invalid-utf8.bin", error: ErrorType::SyntaxError, says: "not UTF-8 text (byte 0xFF", line: 4 },
    Case { input: "binary-elf-header.bin", error: ErrorType::SyntaxError, says: "may be binary data", line: 1 },
    Case { input: "utf16le-bom.bin", error: ErrorType::SyntaxError, says: "not UTF-8 text (byte 0xFF", line: 1 },
    Case { input: "backslash-at-end.yaml", error: ErrorType::SyntaxError, says: "write \\\\ for a backslash", line: 1 },
];

#[test]
fn every_corpus_input_gets_its_diagnostic() {
    for case in CORPUS {
        let bytes = std::fs::read(hostile_dir().join(case.input)).expect(case.input);
        let got = first_error(&bytes);
        let Some((error, message, line)) = got else {
            panic!("{}: no error", case.input);
        };
        assert_eq!(error, case.error, "{}: {message}", case.input);
        assert!(message.contains(case.says), "{}: {message}", case.input);
        assert_eq!(line, case.line, "{}: {message}", case.input);
    }
}

#[test]
fn inputs_that_used_to_panic_are_valid_yaml_now() {
    // libyaml-safer 0.3.0 panicked on each line of this file; it is plain (non-Job) YAML.
    let bytes = std::fs::read(hostile_dir().join("libyaml-safer-panics.yaml")).expect("file");
    let report = check_source(text_from_bytes(&bytes).expect("text"));
    let message = error_of(&report).map(|e| e.1).unwrap_or_default();
    assert!(message.contains("kind: Required"), "{message}");
}

#[test]
fn user_text_with_markup_is_kept_verbatim() {
    // The core keeps markup as data; the page shows it as text (e2e/hostile.spec.mjs).
    let text = std::fs::read_to_string(hostile_dir().join("xss.yaml")).expect("file");
    let report = check_source(&text);
    let doc = &report.documents[0];
    assert_eq!(doc.name.as_deref(), Some("<img src=x onerror=alert(1)>"));
    let job = doc.job.as_ref().expect("decoded");
    let container = &job
        .spec
        .as_ref()
        .expect("spec")
        .template
        .spec
        .as_ref()
        .expect("pod")
        .containers[0];
    assert_eq!(
        container.image.as_deref(),
        Some("<img src=x onerror=alert(1)>")
    );
    assert_eq!(container.name, "</script>");
    // The API server would refuse these names; Joblab says so, with the text quoted.
    let message = error_of(&report).map(|e| e.1).unwrap_or_default();
    assert!(
        message.contains("metadata.name") && message.contains("<img src=x onerror=alert(1)>"),
        "{message}"
    );
}

/// Inputs too large to commit, generated here.
#[test]
fn generated_giants_hit_their_limits() {
    let one_mib_plus = format!("a: \"{}\"\n", "x".repeat(MAX_INPUT_BYTES));
    let fifty_mb = "apiVersion: batch/v1\n".repeat(50 * 1024 * 1024 / 21);
    let many_documents = "---\napiVersion: v1\nkind: ConfigMap\n".repeat(10_000);
    let mut binary = Vec::with_capacity(2 * 1024 * 1024);
    let mut state = 0x9e37_79b9_7f4a_7c15_u64;
    while binary.len() < 2 * 1024 * 1024 {
        state ^= state << 13;
        state ^= state >> 7;
        state ^= state << 17;
        binary.extend_from_slice(&state.to_le_bytes());
    }
    let cases: &[(&str, &[u8], ErrorType, &str, usize)] = &[
        (
            "1 MiB + 6 bytes",
            one_mib_plus.as_bytes(),
            ErrorType::LimitExceeded,
            "more than the 1 048 576 bytes (1 MiB) Joblab checks; paste one Job manifest",
            1,
        ),
        (
            "50 MB",
            fifty_mb.as_bytes(),
            ErrorType::LimitExceeded,
            "the input is 52 428 789 bytes",
            1,
        ),
        (
            "2 MiB of random bytes",
            &binary,
            ErrorType::LimitExceeded,
            "binary data",
            1,
        ),
        (
            "10 000 documents",
            many_documents.as_bytes(),
            ErrorType::LimitExceeded,
            "more than 1000 YAML documents",
            3 * MAX_DOCUMENTS + 1,
        ),
    ];
    for (name, bytes, error, says, line) in cases {
        let got = first_error(bytes).unwrap_or_else(|| panic!("{name}: no error"));
        assert_eq!(got.0, *error, "{name}: {}", got.1);
        assert!(got.1.contains(says), "{name}: {}", got.1);
        assert_eq!(got.2, *line, "{name}: {}", got.1);
    }
}

#[test]
fn scenarios_from_the_corpus_get_diagnostics_too() {
    let dir = hostile_dir();
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries.iter().filter(|p| p.is_file()) {
        let bytes = std::fs::read(path).expect("file");
        let Ok(text) = text_from_bytes(&bytes) else {
            continue;
        };
        let started = Instant::now();
        let result = std::panic::catch_unwind(|| Scenario::from_yaml(text))
            .unwrap_or_else(|_| panic!("Scenario::from_yaml panicked on {}", path.display()));
        assert!(started.elapsed() < HANG, "{}", path.display());
        let is_scenario = path.to_string_lossy().ends_with(".scenario.yaml");
        assert_eq!(
            result.is_ok(),
            is_scenario,
            "{}: {result:?}",
            path.display()
        );
        if let Err(diags) = result {
            assert!(
                !diags.is_empty() && diags.iter().all(|d| !d.detail.is_empty()),
                "{}",
                path.display()
            );
        }
    }
}

/// The largest valid Jobs stop at the page's caps quickly, with a message.
#[test]
fn huge_simulations_stop_at_the_interactive_caps() {
    let dir = hostile_dir();
    let failing = Scenario::from_yaml(
        &std::fs::read_to_string(dir.join("sim-failing.scenario.yaml")).expect("file"),
    )
    .expect("scenario");
    let cases: &[(&str, &Scenario, Option<StopReason>)] = &[
        (
            "sim-two-billion-completions.yaml",
            &Scenario::default(),
            Some(StopReason::PodCap {
                limit: limits::INTERACTIVE_MAX_PODS,
            }),
        ),
        (
            "sim-failing-backoff-huge.yaml",
            &failing,
            Some(StopReason::PodCap {
                limit: limits::INTERACTIVE_MAX_PODS,
            }),
        ),
        (
            "sim-onfailure-restarts.yaml",
            &failing,
            Some(StopReason::PodCap {
                limit: limits::INTERACTIVE_MAX_PODS,
            }),
        ),
        (
            "sim-indexed-per-index.yaml",
            &failing,
            Some(StopReason::PodCap {
                limit: limits::INTERACTIVE_MAX_PODS,
            }),
        ),
        (
            "sim-restart-storm.yaml",
            &failing,
            Some(StopReason::EventCap {
                limit: limits::INTERACTIVE_MAX_EVENTS,
            }),
        ),
    ];
    let timings = std::env::var_os("JOBLAB_TIMINGS").is_some();
    for (file, scenario, stop) in cases {
        let text = std::fs::read_to_string(dir.join(file)).expect("file");
        let report = check_source(&text);
        assert!(!report.has_errors(), "{file}: {:?}", error_of(&report));
        let job = report.documents[0]
            .effective
            .clone()
            .expect("effective job");
        let started = Instant::now();
        let replay =
            Replay::record_interactive(Simulation::new(job, (*scenario).clone()), u64::MAX);
        let snapshot = replay.snapshot_at(replay.end().now() / 2);
        let elapsed = started.elapsed();
        if timings {
            eprintln!(
                "{file}: {elapsed:?}, {} Pods, {} events, stopped: {:?}",
                replay.end().pods().len(),
                replay.end().events().len(),
                replay.end().stopped()
            );
        }
        assert!(elapsed < HANG, "{file}: {elapsed:?}");
        assert_eq!(replay.end().stopped(), *stop, "{file}");
        let message = replay.end().snapshot().stopped_message.unwrap_or_default();
        assert!(
            message.contains("lower completions, parallelism or backoffLimit"),
            "{file}: {message}"
        );
        assert!(snapshot.pods.len() <= limits::INTERACTIVE_MAX_PODS);
    }
}

/// Every crash the fuzzers found stays fixed: each file is replayed through the check, the
/// scenario decoder and a short simulation.
#[test]
fn fuzz_regressions_stay_fixed() {
    let dir = hostile_dir().join("regressions");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .expect("dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    for path in entries
        .iter()
        .filter(|p| p.file_name().is_some_and(|n| n != ".gitkeep"))
    {
        let bytes = std::fs::read(path).expect("file");
        let text = String::from_utf8_lossy(&bytes);
        let started = Instant::now();
        let report = check_source(&text);
        let _ = Scenario::from_yaml(&text);
        if let Some(job) = report.documents.iter().find_map(|d| d.effective.clone()) {
            let mut sim = Simulation::new(job, Scenario::default());
            sim.set_limits(2_000, 50);
            sim.run_until_settled(limits::INTERACTIVE_UNTIL_MS);
        }
        assert!(started.elapsed() < HANG, "{}", path.display());
    }
}
