//! `joblab check` as CI pipelines run it: every source (files, directories, stdin, `helm
//! template` and `kustomize build` output, `kind: List`), every kind rule and every format, each
//! case's standard output compared with a golden file in tests/golden/. The formats are also
//! checked by their consumers (SARIF Multitool, junitparser, `@actions/core`) in
//! scripts/check-formats.sh. `JOBLAB_BLESS=1 cargo test -p joblab-cli --test ci` rewrites the
//! golden files; review the diff before committing it.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

fn tests_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests")
}

/// Runs joblab in tests/ (so file names in outputs are relative and stable), with `stdin`
/// read from a file under tests/ when given.
fn run(args: &[&str], stdin: Option<&str>) -> (Option<i32>, String, String) {
    let dir = tests_dir();
    let input = match stdin {
        Some(file) => Stdio::from(std::fs::File::open(dir.join(file)).expect("stdin file")),
        None => Stdio::null(),
    };
    let out = Command::new(env!("CARGO_BIN_EXE_joblab"))
        .args(args)
        .current_dir(&dir)
        .stdin(input)
        .output()
        .expect("run joblab");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// (golden file, arguments, standard input, exit status).
const CASES: &[(&str, &[&str], Option<&str>, i32)] = &[
    // helm template's output on stdin: every document named after its chart file.
    (
        "helm.txt",
        &["check", "--stdin-filename", "rendered.yaml", "-"],
        Some("data/helm-template.yaml"),
        1,
    ),
    (
        "helm.json",
        &[
            "check",
            "--format",
            "json",
            "--stdin-filename",
            "rendered.yaml",
            "-",
        ],
        Some("data/helm-template.yaml"),
        1,
    ),
    (
        "helm.sarif",
        &[
            "check",
            "--format",
            "sarif",
            "--stdin-filename",
            "rendered.yaml",
            "-",
        ],
        Some("data/helm-template.yaml"),
        1,
    ),
    (
        "helm.junit.xml",
        &[
            "check",
            "--format",
            "junit",
            "--stdin-filename",
            "rendered.yaml",
            "-",
        ],
        Some("data/helm-template.yaml"),
        1,
    ),
    (
        "helm.github.txt",
        &[
            "check",
            "--format",
            "github",
            "--stdin-filename",
            "rendered.yaml",
            "-",
        ],
        Some("data/helm-template.yaml"),
        1,
    ),
    // kustomize build's output on stdin: a ConfigMap (skipped) and a valid Job.
    (
        "kustomize.txt",
        &["check", "-"],
        Some("data/kustomize-build.yaml"),
        0,
    ),
    (
        "kustomize-reject.txt",
        &["check", "--reject-other-kinds", "-"],
        Some("data/kustomize-build.yaml"),
        1,
    ),
    // Warnings fail the run with --warnings-as-errors, and read as errors.
    (
        "strict.txt",
        &["check", "--warnings-as-errors", "data/tree/a.yaml"],
        None,
        1,
    ),
    // A List's items one by one; a document without apiVersion or kind is an error.
    ("list.txt", &["check", "data/list-and-kinds.yaml"], None, 1),
    (
        "list.json",
        &["check", "--format", "json", "data/list-and-kinds.yaml"],
        None,
        1,
    ),
    (
        "list.junit.xml",
        &["check", "--format", "junit", "data/list-and-kinds.yaml"],
        None,
        1,
    ),
    // --kinds Job leaves the CronJob out (a note), and --reject-other-kinds makes that an error.
    (
        "kinds-job.txt",
        &["check", "--kinds", "Job", "data/helm-template.yaml"],
        None,
        1,
    ),
    (
        "kinds-cronjob.txt",
        &["check", "--kinds", "cronjob", "data/helm-template.yaml"],
        None,
        1,
    ),
    // A directory: .yaml, .yml and .json files, recursively, in name order, hidden ones left out.
    ("tree.txt", &["check", "data/tree"], None, 1),
    (
        "tree-exclude.txt",
        &[
            "check",
            "--exclude",
            "**/vendor",
            "--exclude",
            "*.json",
            "data/tree",
        ],
        None,
        0,
    ),
    // A valid CronJob: its jobTemplate checked as the Job it creates, with no TTL advice.
    ("cronjob.txt", &["check", "data/cronjob.yaml"], None, 0),
    // A CronJob with errors in its own fields and in its template, in every format.
    (
        "cronjob-invalid.txt",
        &["check", "data/cronjob-invalid.yaml"],
        None,
        1,
    ),
    (
        "cronjob-invalid.json",
        &["check", "--format", "json", "data/cronjob-invalid.yaml"],
        None,
        1,
    ),
    (
        "cronjob-invalid.sarif",
        &["check", "--format", "sarif", "data/cronjob-invalid.yaml"],
        None,
        1,
    ),
    (
        "cronjob-invalid.junit.xml",
        &["check", "--format", "junit", "data/cronjob-invalid.yaml"],
        None,
        1,
    ),
    (
        "cronjob-invalid.github.txt",
        &["check", "--format", "github", "data/cronjob-invalid.yaml"],
        None,
        1,
    ),
    // joblab explain: one sentence per Job, and per CronJob for the Jobs it creates; a document
    // with errors is not explained and makes the exit status 1.
    (
        "explain.txt",
        &[
            "explain",
            "data/kustomize-build.yaml",
            "data/cronjob.yaml",
            "data/tree/a.yaml",
        ],
        None,
        0,
    ),
    (
        "explain-invalid.txt",
        &["explain", "data/list-and-kinds.yaml"],
        None,
        1,
    ),
    // A YAML syntax error is always an error, whatever the flags.
    (
        "syntax.txt",
        &["check", "--kinds", "CronJob", "data/syntax-error.yaml"],
        None,
        1,
    ),
];

#[test]
fn every_case_matches_its_golden_file() {
    let bless = std::env::var_os("JOBLAB_BLESS").is_some();
    let mut failures = Vec::new();
    for (golden, args, stdin, status) in CASES {
        let (code, stdout, stderr) = run(args, *stdin);
        if code != Some(*status) {
            failures.push(format!(
                "{golden}: exit {code:?}, wanted {status}; stderr: {stderr}"
            ));
        }
        let path = tests_dir().join("golden").join(golden);
        if bless {
            std::fs::write(&path, &stdout).expect("write golden");
            continue;
        }
        let want = std::fs::read_to_string(&path).unwrap_or_default();
        // Only the SARIF driver's version may differ between releases.
        let normalize = |s: &str| s.replace(env!("CARGO_PKG_VERSION"), "VERSION");
        if normalize(&stdout) != normalize(&want) {
            failures.push(format!("{golden} differs from {args:?}:\n{stdout}"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

#[test]
fn several_formats_in_one_run_each_to_its_file() {
    let out_dir = std::env::temp_dir().join(format!("joblab-ci-outputs-{}", std::process::id()));
    std::fs::create_dir_all(&out_dir).expect("temp dir");
    let file = |name: &str| out_dir.join(name).to_string_lossy().into_owned();
    let (sarif, junit, json) = (file("r.sarif"), file("r.xml"), file("r.json"));
    let args = [
        "check",
        "--output",
        &format!("sarif={sarif}"),
        "--output",
        &format!("junit={junit}"),
        "--output",
        &format!("json={json}"),
        "--format",
        "github",
        "--stdin-filename",
        "rendered.yaml",
        "-",
    ];
    let (code, stdout, _) = run(&args, Some("data/helm-template.yaml"));
    assert_eq!(code, Some(1));
    let golden = |name: &str| {
        std::fs::read_to_string(tests_dir().join("golden").join(name)).expect("golden file")
    };
    assert_eq!(stdout, golden("helm.github.txt"));
    assert_eq!(
        std::fs::read_to_string(&sarif).expect("sarif"),
        golden("helm.sarif")
    );
    assert_eq!(
        std::fs::read_to_string(&junit).expect("junit"),
        golden("helm.junit.xml")
    );
    assert_eq!(
        std::fs::read_to_string(&json).expect("json"),
        golden("helm.json")
    );
    let _ = std::fs::remove_dir_all(&out_dir);
}

#[test]
fn usage_and_io_errors_exit_2_with_a_message() {
    // (arguments, what standard error says).
    let cases: &[(&[&str], &str)] = &[
        (
            &["check", "--output", "sarif", "x.yaml"],
            "expected FORMAT=FILE",
        ),
        (
            &["check", "--output", "pdf=x.pdf", "x.yaml"],
            "unknown format \"pdf\"",
        ),
        (
            &["check", "--kinds", "Deployment", "x.yaml"],
            "invalid value 'Deployment' for '--kinds",
        ),
        (
            &["check", "--exclude", "a[", "data"],
            "--exclude \"a[\" is not a valid glob",
        ),
        (
            &["check", "-", "-"],
            "`-` (standard input) can be given only once",
        ),
        (
            &["check", "--exclude", "**/*.yml", "data/tree/sub"],
            "(after --exclude)",
        ),
        (
            &["check", "--exclude", "data/**", "data/tree"],
            "nothing to check: --exclude left out every path given",
        ),
        (
            &["check", "data/missing.yaml"],
            "cannot read data/missing.yaml",
        ),
        (
            &[
                "check",
                "--output",
                "json=/nonexistent/dir/r.json",
                "data/tree/a.yaml",
            ],
            "cannot write /nonexistent/dir/r.json",
        ),
    ];
    let empty = std::env::temp_dir().join(format!("joblab-ci-empty-{}", std::process::id()));
    std::fs::create_dir_all(&empty).expect("temp dir");
    std::fs::write(empty.join("notes.txt"), "not a manifest").expect("temp file");
    let empty_arg = empty.to_string_lossy().into_owned();
    let empty_case: (&[&str], &str) = (
        &["check", &empty_arg],
        "no .yaml, .yml or .json file in this directory",
    );
    for (args, says) in cases.iter().chain([&empty_case]) {
        let (code, _, stderr) = run(args, None);
        assert_eq!(code, Some(2), "{args:?}: {stderr}");
        assert!(stderr.contains(says), "{args:?}: {stderr}");
    }
}
