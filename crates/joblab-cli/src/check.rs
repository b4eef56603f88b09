//! `joblab check` and `joblab defaults`.

use std::fmt::Write as _;
use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use joblab_core::check::{check_bytes, CheckReport, LocatedDiagnostic};
use joblab_core::diag::Severity;
use joblab_core::yaml::emit::to_yaml;
use serde::Serialize;

/// Output formats of `joblab check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per diagnostic, `FILE:LINE:COL: error: <path>: <type>: <detail>`, then a summary.
    Text,
    /// One JSON object with every file, document and diagnostic.
    Json,
}

/// Arguments of `joblab check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Manifest files to check; `-` reads standard input.
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Arguments of `joblab defaults`.
#[derive(Args, Debug)]
pub struct DefaultsArgs {
    /// The manifest file; `-` reads standard input.
    pub file: PathBuf,
}

/// Exit status: no document has an error.
const EXIT_OK: u8 = 0;
/// Exit status: some document has an error.
const EXIT_INVALID: u8 = 1;
/// Exit status: a usage or I/O error (clap uses 2 for usage errors too).
const EXIT_USAGE: u8 = 2;

/// Reads a file, or standard input for `-`. Returns the name to show and the bytes; whether
/// they are text Joblab reads (size, UTF-8) is the core's call ([`check_bytes`]), so the CLI and
/// the page say the same.
pub(crate) fn read_input(path: &Path) -> Result<(String, Vec<u8>), String> {
    if path.as_os_str() == "-" {
        let mut bytes = Vec::new();
        std::io::stdin()
            .read_to_end(&mut bytes)
            .map_err(|e| format!("joblab: cannot read standard input: {e}"))?;
        Ok(("<stdin>".to_owned(), bytes))
    } else {
        let name = path.display().to_string();
        let bytes = std::fs::read(path).map_err(|e| format!("joblab: cannot read {name}: {e}"))?;
        Ok((name, bytes))
    }
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("{n} {word}")
    } else {
        format!("{n} {word}s")
    }
}

fn severity_word(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Note => "note",
    }
}

fn summary(report: &CheckReport) -> (usize, usize, usize) {
    (
        report.documents.len(),
        report.count(Severity::Error),
        report.count(Severity::Warning),
    )
}

/// A diagnostic in the JSON output; fields serialize in this order.
#[derive(Serialize)]
struct DiagnosticJson<'a> {
    severity: &'static str,
    path: &'a str,
    #[serde(rename = "type")]
    error_type: &'static str,
    message: &'a str,
    line: usize,
    column: usize,
    #[serde(rename = "endLine")]
    end_line: usize,
    #[serde(rename = "endColumn")]
    end_column: usize,
}

/// A document in the JSON output.
#[derive(Serialize)]
struct DocumentJson<'a> {
    index: usize,
    kind: Option<&'a str>,
    name: Option<&'a str>,
    valid: bool,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

/// A file in the JSON output.
#[derive(Serialize)]
struct FileJson<'a> {
    file: String,
    documents: Vec<DocumentJson<'a>>,
}

fn diagnostic_json(d: &LocatedDiagnostic) -> DiagnosticJson<'_> {
    DiagnosticJson {
        severity: severity_word(d.diagnostic.severity),
        path: &d.diagnostic.path,
        error_type: d.diagnostic.error_type.as_str(),
        message: &d.diagnostic.detail,
        line: d.start.line,
        column: d.start.column,
        end_line: d.end.line,
        end_column: d.end.column,
    }
}

/// Writes to standard output, ignoring a closed pipe (`joblab check ... | head`).
fn emit(out: &str) {
    let mut stdout = std::io::stdout().lock();
    let _ = stdout.write_all(out.as_bytes());
    let _ = stdout.flush();
}

/// Runs `joblab check`.
pub fn run_check(args: &CheckArgs) -> ExitCode {
    let mut io_error = false;
    let mut reports: Vec<(String, CheckReport)> = Vec::new();
    for path in &args.files {
        match read_input(path) {
            Ok((name, bytes)) => {
                let report = check_bytes(&bytes);
                reports.push((name, report));
            }
            Err(message) => {
                eprintln!("{message}");
                io_error = true;
            }
        }
    }
    let any_invalid = reports.iter().any(|(_, r)| r.has_errors());
    let mut out = String::new();
    match args.format {
        Format::Text => {
            let (mut total_docs, mut total_errors, mut total_warnings) = (0, 0, 0);
            for (name, report) in &reports {
                for doc in &report.documents {
                    for d in &doc.diagnostics {
                        let _ = writeln!(
                            out,
                            "{name}:{}:{}: {}: {}",
                            d.start.line,
                            d.start.column,
                            severity_word(d.diagnostic.severity),
                            d.diagnostic.message()
                        );
                    }
                }
                let (docs, errors, warnings) = summary(report);
                total_docs += docs;
                total_errors += errors;
                total_warnings += warnings;
                let _ = writeln!(
                    out,
                    "{name}: {} checked, {}, {}",
                    plural(docs, "document"),
                    plural(errors, "error"),
                    plural(warnings, "warning")
                );
            }
            if reports.len() > 1 {
                let _ = writeln!(
                    out,
                    "total: {} checked in {}, {}, {}",
                    plural(total_docs, "document"),
                    plural(reports.len(), "file"),
                    plural(total_errors, "error"),
                    plural(total_warnings, "warning")
                );
            }
        }
        Format::Json => {
            let files: Vec<FileJson<'_>> = reports
                .iter()
                .map(|(name, report)| FileJson {
                    file: name.clone(),
                    documents: report
                        .documents
                        .iter()
                        .map(|doc| DocumentJson {
                            index: doc.index,
                            kind: doc.kind.as_deref(),
                            name: doc.name.as_deref(),
                            valid: doc.valid,
                            diagnostics: doc.diagnostics.iter().map(diagnostic_json).collect(),
                        })
                        .collect(),
                })
                .collect();
            #[derive(Serialize)]
            struct Output<'a> {
                files: Vec<FileJson<'a>>,
            }
            match serde_json::to_string(&Output { files }) {
                Ok(json) => {
                    out.push_str(&json);
                    out.push('\n');
                }
                Err(e) => {
                    eprintln!("joblab: cannot write JSON: {e}");
                    return ExitCode::from(EXIT_USAGE);
                }
            }
        }
    }
    emit(&out);
    exit_code(io_error, any_invalid)
}

fn exit_code(io_error: bool, any_invalid: bool) -> ExitCode {
    ExitCode::from(if io_error {
        EXIT_USAGE
    } else if any_invalid {
        EXIT_INVALID
    } else {
        EXIT_OK
    })
}

/// Runs `joblab defaults`: prints each Job's effective form as YAML on standard output, and
/// the diagnostics of documents with errors on standard error.
pub fn run_defaults(args: &DefaultsArgs) -> ExitCode {
    let (name, bytes) = match read_input(&args.file) {
        Ok(input) => input,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    let report = check_bytes(&bytes);
    let mut out = String::new();
    let mut printed = 0;
    for doc in &report.documents {
        for d in doc
            .diagnostics
            .iter()
            .filter(|d| d.diagnostic.severity == Severity::Error)
        {
            eprintln!(
                "{name}:{}:{}: error: {}",
                d.start.line,
                d.start.column,
                d.diagnostic.message()
            );
        }
        let Some(effective) = &doc.effective else {
            continue;
        };
        // As the API server would return it, with Go's encoding rules applied.
        let value = joblab_core::stored::stored_job(effective);
        if printed > 0 {
            out.push_str("---\n");
        }
        out.push_str(&to_yaml(&value));
        printed += 1;
    }
    emit(&out);
    if printed == 0 {
        eprintln!("{name}: no batch/v1 Job to default");
    }
    exit_code(false, report.has_errors() || printed == 0)
}
