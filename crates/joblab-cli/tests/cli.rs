//! The `joblab` binary: output formats and exit codes, run on temporary files.

mod support;

use std::path::PathBuf;
use std::process::Output;

const PI: &str = "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: pi\nspec:\n  template:\n    spec:\n      containers:\n      - name: pi\n        image: perl:5.34.0\n        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]\n      restartPolicy: Never\n  backoffLimit: 4\n";

/// A file in a per-test temporary directory (no clock, no randomness: named by the test).
fn temp_file(test: &str, name: &str, text: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("joblab-cli-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join(name);
    std::fs::write(&path, text).expect("temp file");
    path
}

fn joblab(args: &[&str], stdin: Option<&str>) -> Output {
    support::run(args, stdin.map(str::as_bytes))
}

fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

#[test]
fn a_valid_job_exits_0_with_a_summary() {
    let file = temp_file("valid", "pi.yaml", PI);
    let out = joblab(&["check", file.to_str().expect("utf-8 path")], None);
    assert_eq!(out.status.code(), Some(0), "{}", stdout(&out));
    let text = stdout(&out);
    let name = file.to_str().expect("utf-8 path");
    // Warnings never make a Job invalid; they print as `warning:` lines.
    assert!(
        text.starts_with(&format!(
            "{name}:5:1: warning: spec.ttlSecondsAfterFinished: "
        )),
        "{text}"
    );
    assert!(
        text.ends_with(&format!(
            "{name}: 1 document checked, 0 errors, 2 warnings\n"
        )),
        "{text}"
    );
}

#[test]
fn an_invalid_job_exits_1_with_one_line_per_diagnostic() {
    let bad = PI
        .replace("backoffLimit: 4", "backoffLimit: 4\n  completions: \"six\"")
        .replace("image:", "imgae:");
    let file = temp_file("invalid", "job.yaml", &bad);
    let name = file.to_str().expect("utf-8 path");
    let out = joblab(&["check", name], None);
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(
        lines[0],
        format!("{name}:10:9: error: spec.template.spec.containers[0].imgae: Unknown field: \"imgae\" is not a field of Container; did you mean \"image\"?")
    );
    assert_eq!(lines[1], format!("{name}:14:16: error: spec.completions: Type error: expected an integer, got the string \"six\""));
    assert_eq!(
        lines[2],
        format!("{name}: 1 document checked, 2 errors, 0 warnings")
    );
}

#[test]
fn json_has_the_documented_shape() {
    let out = joblab(
        &["check", "--format", "json", "-"],
        Some(&PI.replace("backoffLimit: 4", "backoffLimit: x")),
    );
    assert_eq!(out.status.code(), Some(1));
    let text = stdout(&out);
    assert!(text.starts_with("{\"version\":1,\"files\":[{\"file\":\"<stdin>\",\"documents\":[{\"index\":0,\"kind\":\"Job\",\"name\":\"pi\",\"valid\":false,\"diagnostics\":[{\"severity\":\"error\""), "{text}");
    let v: serde_json::Value = serde_json::from_str(&text).expect("valid JSON");
    let d = &v["files"][0]["documents"][0]["diagnostics"][0];
    assert_eq!(d["path"], "spec.backoffLimit");
    assert_eq!(d["type"], "Type error");
    assert_eq!(d["message"], "expected an integer, got the string \"x\"");
    assert_eq!(
        (
            d["line"].as_u64(),
            d["column"].as_u64(),
            d["endLine"].as_u64(),
            d["endColumn"].as_u64()
        ),
        (Some(13), Some(17), Some(13), Some(18))
    );
}

#[test]
fn several_files_get_a_total_and_notes_for_other_kinds() {
    let a = temp_file("several", "a.yaml", PI);
    let b = temp_file(
        "several",
        "b.yaml",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: d}\n",
    );
    let out = joblab(
        &[
            "check",
            a.to_str().expect("path"),
            b.to_str().expect("path"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(0));
    let text = stdout(&out);
    assert!(
        text.contains(
            "b.yaml:2:7: note: skipped: this document is an apps/v1 Deployment, not a batch/v1 Job"
        ),
        "{text}"
    );
    assert!(
        text.ends_with("total: 2 documents checked in 2 files, 0 errors, 2 warnings\n"),
        "{text}"
    );
}

#[test]
fn usage_and_io_errors_exit_2() {
    let out = joblab(&["check"], None);
    assert_eq!(out.status.code(), Some(2), "no file is a usage error");
    let out = joblab(&["check", "--format", "xml", "x.yaml"], None);
    assert_eq!(
        out.status.code(),
        Some(2),
        "an unknown format is a usage error"
    );
    let out = joblab(&["check", "/nonexistent/job.yaml"], None);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("/nonexistent/job.yaml"),
        "the message names the file"
    );
}

#[test]
fn defaults_prints_the_effective_job_as_yaml() {
    let file = temp_file("defaults", "pi.yaml", PI);
    let out = joblab(&["defaults", file.to_str().expect("path")], None);
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = stdout(&out);
    assert!(
        text.starts_with("apiVersion: batch/v1\nkind: Job\nmetadata:\n"),
        "{text}"
    );
    assert!(
        text.contains("\n      containers:\n      - command:\n        - perl\n"),
        "{text}"
    );
    assert!(text.contains("\n  backoffLimit: 4\n"), "{text}");
    // The output is YAML that checks clean again.
    let again = joblab(&["check", "-"], Some(&text));
    assert_eq!(again.status.code(), Some(0), "{}", stdout(&again));
}

#[test]
fn simulate_runs_a_cronjob_and_refuses_job_only_actions() {
    let cronjob = "apiVersion: batch/v1\nkind: CronJob\nmetadata:\n  name: tick\nspec:\n  schedule: \"*/5 * * * *\"\n  concurrencyPolicy: Forbid\n  jobTemplate:\n    spec:\n      template:\n        spec:\n          containers:\n          - name: main\n            image: busybox\n          restartPolicy: Never\n";
    let file = temp_file("cronjob", "cronjob.yaml", cronjob);
    let scenario = temp_file("cronjob", "scenario.yaml", "runSeconds: 400\n");
    let path = file.to_str().expect("utf-8 path");
    let sc = scenario.to_str().expect("utf-8 path");
    let out = joblab(
        &[
            "simulate",
            path,
            "--scenario",
            sc,
            "--until",
            "700",
            "--format",
            "json",
        ],
        None,
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_str(&stdout(&out)).expect("JSON");
    let reasons: Vec<(String, &str)> = v["events"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| (e["at"].to_string(), e["reason"].as_str().unwrap_or("")))
        .collect();
    // Created 100 ms after 00:05; still running at 00:10, so Forbid skips that run.
    assert_eq!(
        reasons,
        [
            ("300.1".to_owned(), "SuccessfulCreate"),
            ("600.1".to_owned(), "JobAlreadyActive")
        ]
    );
    assert_eq!(v["jobs"][0]["name"], "tick-28928165");
    assert_eq!(v["jobs"][0]["clockStart"], 300);
    let text = joblab(
        &["simulate", path, "--scenario", sc, "--until", "700"],
        None,
    );
    assert!(
        stdout(&text).contains("cronjob/tick: active 1"),
        "{}",
        stdout(&text)
    );
    let bad = temp_file(
        "cronjob",
        "bad.yaml",
        "actions:\n  - {at: 1, deletePod: {run: 1}}\n",
    );
    let out = joblab(
        &[
            "simulate",
            path,
            "--scenario",
            bad.to_str().expect("utf-8 path"),
        ],
        None,
    );
    assert_eq!(out.status.code(), Some(1));
}

/// `joblab scorm` on a stand-in build: the manifest first, the launch page, every plain file, and
/// none of the precompressed copies or the service worker; the same bytes twice; usage errors 2.
#[test]
fn scorm_packages_a_build() {
    let dir = temp_file("scorm", "README", "a stand-in build in dist/")
        .parent()
        .expect("dir")
        .to_path_buf();
    let dist = dir.join("dist");
    std::fs::create_dir_all(&dist).expect("dist");
    for (name, text) in [
        (
            "index.html",
            "<!doctype html>\n<html lang=\"en\"><head></head><body></body></html>\n",
        ),
        ("app-1.js", "js"),
        ("app-1.js.br", "br"),
        ("app-1.js.gz", "gz"),
        ("sw.js", "sw"),
        ("app-1_bg.wasm", "wasm"),
    ] {
        std::fs::write(dist.join(name), text).expect("file");
    }
    let zip_path = dir.join("course.zip");
    let (d, z) = (
        dist.to_str().expect("utf-8"),
        zip_path.to_str().expect("utf-8"),
    );
    let out = joblab(&["scorm", "--dist", d, "--out", z], None);
    assert_eq!(out.status.code(), Some(0), "{out:?}");
    assert!(stdout(&out).contains("SCORM 1.2 package, 5 files, launch page scorm.html"));
    let first = std::fs::read(&zip_path).expect("zip");

    let mut archive =
        zip::ZipArchive::new(std::io::Cursor::new(first.clone())).expect("a zip archive");
    let names: Vec<String> = (0..archive.len())
        .map(|i| {
            let entry = archive.by_index(i).expect("entry");
            entry.name().expect("a UTF-8 name").into_owned()
        })
        .collect();
    assert_eq!(
        names,
        [
            "imsmanifest.xml",
            "app-1.js",
            "app-1_bg.wasm",
            "index.html",
            "scorm.html"
        ]
    );
    let mut read = |name: &str| {
        let mut text = String::new();
        std::io::Read::read_to_string(&mut archive.by_name(name).expect(name), &mut text)
            .expect("text");
        text
    };
    assert_eq!(
        read("scorm.html"),
        "<!doctype html>\n<html data-joblab-scorm lang=\"en\"><head></head><body></body></html>\n"
    );
    let manifest = read("imsmanifest.xml");
    for file in ["app-1.js", "app-1_bg.wasm", "index.html", "scorm.html"] {
        assert!(
            manifest.contains(&format!("<file href=\"{file}\"/>")),
            "{file}"
        );
    }
    assert!(!manifest.contains(".br") && !manifest.contains("sw.js"));

    let out = joblab(&["scorm", "--dist", d, "--out", z], None);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        std::fs::read(&zip_path).expect("zip"),
        first,
        "deterministic"
    );

    for args in [
        vec!["scorm"],
        vec!["scorm", "--out", z, "--dist", "/nonexistent/dist"],
        vec!["scorm", "--out", "/nonexistent/dir/course.zip", "--dist", d],
    ] {
        assert_eq!(joblab(&args, None).status.code(), Some(2), "{args:?}");
    }
}
