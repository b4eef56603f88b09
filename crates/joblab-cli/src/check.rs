//! `joblab check` and `joblab defaults`: which inputs, which kinds, which outputs, which exit code.
//! The renderers of each output format live in [`crate::formats`].

use std::io::{Read, Write as _};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};
use globset::{Glob, GlobSet, GlobSetBuilder};
use joblab_core::check::{check_bytes, check_stream_bytes, CheckReport, LocatedDiagnostic};
use joblab_core::diag::{Diagnostic, ErrorType, LineCol, Severity, Span};
use joblab_core::yaml::emit::to_yaml;

use crate::formats;

/// Output formats of `joblab check`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// One line per diagnostic, `FILE:LINE:COL: error: <path>: <type>: <detail>`, then a summary.
    Text,
    /// One JSON object with every file, document and diagnostic (`"version": 1`, docs/ci.md).
    Json,
    /// SARIF 2.1.0, for code scanning: one rule per error type, a region per result.
    Sarif,
    /// JUnit XML: one test case per document.
    Junit,
    /// GitHub Actions workflow commands (`::error file=…,line=…,col=…::…`).
    Github,
}

/// The kinds `joblab check` can check.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
#[value(rename_all = "PascalCase")]
pub enum Kind {
    /// `batch/v1` Job.
    Job,
    /// `batch/v1` CronJob: its own fields and its `spec.jobTemplate`, as the API server checks them.
    CronJob,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Job => "Job",
            Kind::CronJob => "CronJob",
        }
    }
}

/// Arguments of `joblab check`.
#[derive(Args, Debug)]
pub struct CheckArgs {
    /// The format written on standard output.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    pub format: Format,
    /// Also write FORMAT to FILE; repeat for several (e.g. `--output sarif=joblab.sarif
    /// --output junit=joblab.xml`).
    #[arg(long = "output", value_name = "FORMAT=FILE", value_parser = parse_output)]
    pub outputs: Vec<(Format, PathBuf)>,
    /// Leave out files and directories whose path matches GLOB (repeatable; `*` also crosses
    /// `/`, so `*.json` and `**/charts/**` both work).
    #[arg(long, value_name = "GLOB")]
    pub exclude: Vec<String>,
    /// The kinds to check, comma-separated; documents of other kinds are skipped with a note.
    #[arg(long, value_enum, value_delimiter = ',', value_name = "KIND,...", default_values_t = [Kind::Job, Kind::CronJob], ignore_case = true)]
    pub kinds: Vec<Kind>,
    /// Make a document of a kind that is not checked an error instead of a skip.
    #[arg(long)]
    pub reject_other_kinds: bool,
    /// Count warnings as errors (they are shown and counted as errors, and fail the run).
    #[arg(long)]
    pub warnings_as_errors: bool,
    /// The name to report for standard input (default `<stdin>`).
    #[arg(long, value_name = "NAME")]
    pub stdin_filename: Option<String>,
    /// Files and directories to check (directories are walked for .yaml, .yml and .json files,
    /// skipping hidden ones); `-` reads standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
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

fn parse_output(value: &str) -> Result<(Format, PathBuf), String> {
    let (format, file) = value.split_once('=').ok_or_else(|| {
        format!("expected FORMAT=FILE, such as sarif=joblab.sarif, got {value:?}")
    })?;
    let format = Format::from_str(format, true).map_err(|_| {
        format!("unknown format {format:?} in {value:?}; the formats are text, json, sarif, junit and github")
    })?;
    if file.is_empty() {
        return Err(format!("no file after '=' in {value:?}"));
    }
    Ok((format, PathBuf::from(file)))
}

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

/// One checked input: the name to report, its bytes and its report.
pub struct Checked {
    /// The file as given (or found under a directory), or the standard-input name.
    pub name: String,
    /// The report, after `--kinds`, `--reject-other-kinds` and `--warnings-as-errors`.
    pub report: CheckReport,
}

/// Whether a path names a manifest file by its extension, as directories are walked.
fn is_manifest_file(path: &Path) -> bool {
    path.extension()
        .and_then(|e| e.to_str())
        .is_some_and(|e| ["yaml", "yml", "json"].contains(&e.to_ascii_lowercase().as_str()))
}

/// The files under `dir`, recursively, in name order so every run reports in the same order.
/// Hidden entries (`.git`, `.github`) are left out, as are symbolic links to directories, which
/// could loop.
fn walk(dir: &Path, exclude: &Excluder, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir)
        .map_err(|e| format!("joblab: cannot read the directory {}: {e}", dir.display()))?;
    let mut paths = Vec::new();
    for entry in entries {
        let entry = entry
            .map_err(|e| format!("joblab: cannot read the directory {}: {e}", dir.display()))?;
        paths.push(entry.path());
    }
    paths.sort();
    for path in paths {
        let hidden = path
            .file_name()
            .and_then(|n| n.to_str())
            .is_some_and(|n| n.starts_with('.'));
        if hidden || exclude.excludes(&path) {
            continue;
        }
        let meta = std::fs::symlink_metadata(&path)
            .map_err(|e| format!("joblab: cannot read {}: {e}", path.display()))?;
        if meta.is_dir() {
            walk(&path, exclude, out)?;
        } else if is_manifest_file(&path) && std::fs::metadata(&path).is_ok_and(|m| m.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// `--exclude` globs, matched against a path as shown and without a leading `./`.
struct Excluder(GlobSet);

impl Excluder {
    fn new(globs: &[String]) -> Result<Excluder, String> {
        let mut set = GlobSetBuilder::new();
        for glob in globs {
            set.add(
                Glob::new(glob)
                    .map_err(|e| format!("joblab: --exclude {glob:?} is not a valid glob: {e}"))?,
            );
        }
        set.build()
            .map(Excluder)
            .map_err(|e| format!("joblab: --exclude: {e}"))
    }

    fn excludes(&self, path: &Path) -> bool {
        self.0.is_match(path) || path.strip_prefix("./").is_ok_and(|p| self.0.is_match(p))
    }
}

/// The inputs named on the command line: files, the files under directories, or `-`.
fn inputs(args: &CheckArgs, exclude: &Excluder) -> (Vec<PathBuf>, Vec<String>) {
    let (mut files, mut errors) = (Vec::new(), Vec::new());
    for path in &args.paths {
        if path.as_os_str() == "-" {
            files.push(path.clone());
            continue;
        }
        if exclude.excludes(path) {
            continue;
        }
        match std::fs::metadata(path) {
            Ok(meta) if meta.is_dir() => {
                let before = files.len();
                if let Err(e) = walk(path, exclude, &mut files) {
                    errors.push(e);
                } else if files.len() == before {
                    errors.push(format!(
                        "joblab: {}: no .yaml, .yml or .json file in this directory{}",
                        path.display(),
                        if args.exclude.is_empty() {
                            ""
                        } else {
                            " (after --exclude)"
                        }
                    ));
                }
            }
            // A missing or unreadable file is reported when it is read.
            _ => files.push(path.clone()),
        }
    }
    (files, errors)
}

/// The 1-based line and column of byte `offset` of `bytes`, columns in characters, as
/// [`joblab_core::diag::LineIndex`] counts them.
fn line_col(bytes: &[u8], offset: usize) -> LineCol {
    let before = bytes.get(..offset.min(bytes.len())).unwrap_or_default();
    let line_start = before
        .iter()
        .rposition(|&b| b == b'\n')
        .map_or(0, |p| p + 1);
    LineCol {
        line: before.iter().filter(|&&b| b == b'\n').count() + 1,
        column: before
            .get(line_start..)
            .unwrap_or_default()
            .iter()
            .filter(|&&b| b & 0xC0 != 0x80)
            .count()
            + 1,
    }
}

/// Applies `--kinds`, `--reject-other-kinds` and `--warnings-as-errors` to one input's report.
fn apply_policy(args: &CheckArgs, bytes: &[u8], report: &mut CheckReport) {
    for doc in &mut report.documents {
        let checked_kind = match (doc.api_version.as_deref(), doc.kind.as_deref()) {
            (Some("batch/v1"), Some("Job")) => Some(Kind::Job),
            (Some("batch/v1"), Some("CronJob")) => Some(Kind::CronJob),
            _ => None,
        };
        if let Some(kind) = checked_kind.filter(|k| !args.kinds.contains(k)) {
            let at = Span::new(doc.span.start, doc.span.start);
            let chosen: Vec<&str> = args.kinds.iter().map(|k| k.as_str()).collect();
            doc.diagnostics = vec![LocatedDiagnostic {
                diagnostic: Diagnostic {
                    severity: Severity::Note,
                    path: String::new(),
                    error_type: ErrorType::Advice,
                    detail: format!(
                        "skipped: this document is a {}, and --kinds chose {}",
                        kind.as_str(),
                        chosen.join(",")
                    ),
                    span: at,
                },
                start: line_col(bytes, at.start),
                end: line_col(bytes, at.end),
            }];
            doc.skipped = true;
            doc.job = None;
            doc.effective = None;
        }
        for d in &mut doc.diagnostics {
            let diagnostic = &mut d.diagnostic;
            if args.reject_other_kinds && doc.skipped && diagnostic.severity == Severity::Note {
                let chosen: Vec<&str> = args.kinds.iter().map(|k| k.as_str()).collect();
                diagnostic.severity = Severity::Error;
                let reason = diagnostic
                    .detail
                    .strip_prefix("skipped: ")
                    .unwrap_or(&diagnostic.detail);
                diagnostic.detail = format!(
                    "rejected by --reject-other-kinds ({} only): {reason}",
                    chosen.join(", ")
                );
            }
            if args.warnings_as_errors && diagnostic.severity == Severity::Warning {
                diagnostic.severity = Severity::Error;
            }
        }
        doc.valid = !doc
            .diagnostics
            .iter()
            .any(|d| d.diagnostic.severity == Severity::Error);
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
    let exclude = match Excluder::new(&args.exclude) {
        Ok(exclude) => exclude,
        Err(message) => {
            eprintln!("{message}");
            return ExitCode::from(EXIT_USAGE);
        }
    };
    if args.paths.iter().filter(|p| p.as_os_str() == "-").count() > 1 {
        eprintln!("joblab: `-` (standard input) can be given only once");
        return ExitCode::from(EXIT_USAGE);
    }
    let (files, errors) = inputs(args, &exclude);
    if files.is_empty() && errors.is_empty() {
        eprintln!("joblab: nothing to check: --exclude left out every path given");
        return ExitCode::from(EXIT_USAGE);
    }
    let mut io_error = !errors.is_empty();
    for message in errors {
        eprintln!("{message}");
    }
    let mut checked = Vec::new();
    for path in &files {
        match read_input(path) {
            Ok((name, bytes)) => {
                let name = match (&args.stdin_filename, path.as_os_str() == "-") {
                    (Some(stdin_name), true) => stdin_name.clone(),
                    _ => name,
                };
                let mut report = check_stream_bytes(&bytes);
                apply_policy(args, &bytes, &mut report);
                checked.push(Checked { name, report });
            }
            Err(message) => {
                eprintln!("{message}");
                io_error = true;
            }
        }
    }
    for (format, file) in &args.outputs {
        let text = formats::render(*format, &checked);
        if let Err(e) = std::fs::write(file, text) {
            eprintln!("joblab: cannot write {}: {e}", file.display());
            io_error = true;
        }
    }
    emit(&formats::render(args.format, &checked));
    let any_invalid = checked.iter().any(|c| c.report.has_errors());
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_characters_as_the_core_does() {
        let text = "a: 1\nbé: x\n";
        let index = joblab_core::diag::LineIndex::new(text);
        for offset in [0, 3, 5, 6, 8, 9, text.len()] {
            assert_eq!(
                line_col(text.as_bytes(), offset),
                index.line_col(text, offset),
                "{offset}"
            );
        }
    }

    #[test]
    fn outputs_are_format_equals_file() {
        /// The format and file, or what the error message says.
        type Want = Result<(Format, &'static str), &'static str>;
        let cases: &[(&str, Want)] = &[
            ("sarif=out.sarif", Ok((Format::Sarif, "out.sarif"))),
            ("JUnit=a=b.xml", Ok((Format::Junit, "a=b.xml"))),
            ("sarif", Err("expected FORMAT=FILE")),
            ("xml=a", Err("unknown format \"xml\"")),
            ("json=", Err("no file after '='")),
        ];
        for (given, want) in cases {
            match (parse_output(given), want) {
                (Ok((f, p)), Ok((wf, wp))) => assert_eq!((f, p), (*wf, PathBuf::from(wp))),
                (Err(e), Err(needle)) => assert!(e.contains(needle), "{given}: {e}"),
                (got, _) => panic!("{given}: {got:?}"),
            }
        }
    }
}
