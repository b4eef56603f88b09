//! The committed vectors (`oracle/vectors/check.jsonl`) and the oracle process.
//!
//! A vector is one case and the oracle's answer to it, one JSON object per line:
//! `{"id", "origin", "mutations", "yaml", "answer"}`. `cargo test` compares Joblab with every
//! vector, so the differential holds on a machine without Go.

use std::io::{BufRead, BufReader, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use serde::{Deserialize, Serialize};

use crate::answer::CaseAnswer;
use crate::generate::Case;

/// One committed vector.
#[derive(Clone, Debug, Deserialize, Serialize)]
pub struct Vector {
    /// The case id (`<seed>-<index>`).
    pub id: String,
    /// The seed Job it started from.
    pub origin: String,
    /// The mutations applied.
    pub mutations: Vec<String>,
    /// The manifest.
    pub yaml: String,
    /// The oracle's answer.
    pub answer: CaseAnswer,
}

/// Reads a JSON-lines file: one value per non-empty line, errors named by file and line.
pub fn read_jsonl<T: serde::de::DeserializeOwned>(path: &Path) -> Result<Vec<T>, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
        .map(|(i, l)| {
            serde_json::from_str(l).map_err(|e| format!("{}:{}: {e}", path.display(), i + 1))
        })
        .collect()
}

/// Writes a JSON-lines file: one value per line.
pub fn write_jsonl<T: Serialize>(path: &Path, values: &[T]) -> Result<(), String> {
    let mut out = String::new();
    for v in values {
        out.push_str(&serde_json::to_string(v).map_err(|e| e.to_string())?);
        out.push('\n');
    }
    std::fs::write(path, out).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Reads a vectors file.
pub fn read_vectors(path: &Path) -> Result<Vec<Vector>, String> {
    read_jsonl(path)
}

/// Writes a vectors file, without the request bodies (the comparison does not read them).
pub fn write_vectors(path: &Path, vectors: &[Vector]) -> Result<(), String> {
    let mut vectors = vectors.to_vec();
    for v in &mut vectors {
        for d in &mut v.answer.documents {
            d.body = None;
        }
    }
    write_jsonl(path, &vectors)
}

/// Runs `oracle ARGS` once (a JSON-lines mode), writes `requests` to its standard input and parses
/// one answer per request from its standard output, in order. Process start runs every k/k `init`,
/// so each differential starts the oracle once for all its cases.
pub fn ask_jsonl<A: serde::de::DeserializeOwned>(
    oracle: &Path,
    args: &[&str],
    requests: Vec<String>,
) -> Result<Vec<A>, String> {
    let mut child = Command::new(oracle)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| format!("cannot run {}: {e}", oracle.display()))?;
    let mut stdin = child.stdin.take().ok_or("no stdin")?;
    let stdout = child.stdout.take().ok_or("no stdout")?;
    let sent = requests.len();
    // Written from a thread so that a full pipe never blocks both sides.
    let writer = std::thread::spawn(move || -> std::io::Result<()> {
        for line in requests {
            stdin.write_all(line.as_bytes())?;
            stdin.write_all(b"\n")?;
        }
        Ok(())
    });
    let mut answers = Vec::with_capacity(sent);
    for line in BufReader::new(stdout).lines() {
        let line = line.map_err(|e| format!("reading the oracle: {e}"))?;
        let answer: A = serde_json::from_str(&line)
            .map_err(|e| format!("the oracle's answer is not JSON: {e}: {line}"))?;
        answers.push(answer);
    }
    writer
        .join()
        .map_err(|_| "the writer thread panicked".to_owned())?
        .map_err(|e| format!("writing to the oracle: {e}"))?;
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() {
        return Err(format!("the oracle exited with {status}"));
    }
    if answers.len() != sent {
        return Err(format!("{sent} requests sent, {} answers", answers.len()));
    }
    Ok(answers)
}

/// Runs `oracle check --jsonl` once over every case and returns the answers in case order.
pub fn ask_oracle(oracle: &Path, cases: &[Case]) -> Result<Vec<CaseAnswer>, String> {
    let lines: Vec<String> = cases
        .iter()
        .map(|c| serde_json::json!({"id": c.id, "yaml": c.yaml}).to_string())
        .collect();
    let answers: Vec<CaseAnswer> = ask_jsonl(oracle, &["check", "--jsonl"], lines)?;
    for (c, a) in cases.iter().zip(&answers) {
        if c.id != a.id {
            return Err(format!("answer {} for case {}", a.id, c.id));
        }
    }
    Ok(answers)
}
