//! `joblab explain`: one plain sentence per Job of what it will do, from the core's
//! [`joblab_core::explain`].

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;
use joblab_core::check::check_stream_bytes;
use joblab_core::diag::Severity;

use crate::check::read_input;

/// Arguments of `joblab explain`.
#[derive(Args, Debug)]
pub struct ExplainArgs {
    /// Manifest files; `-` reads standard input.
    #[arg(required = true, value_name = "FILE")]
    pub files: Vec<PathBuf>,
}

/// Runs `joblab explain`: for each Job (and each CronJob's jobTemplate), `FILE: Kind name:
/// sentence` on standard output; a document with errors gets its errors on standard error
/// instead, and exit status 1. Other kinds are left out. Exit status 2 for an unreadable file.
pub fn run(args: &ExplainArgs) -> ExitCode {
    let (mut io_error, mut invalid, mut explained) = (false, false, 0);
    let mut out = String::new();
    for path in &args.files {
        let (name, bytes) = match read_input(path) {
            Ok(input) => input,
            Err(message) => {
                eprintln!("{message}");
                io_error = true;
                continue;
            }
        };
        for doc in check_stream_bytes(&bytes).documents {
            let what = format!(
                "{} {}",
                doc.kind.as_deref().unwrap_or("document"),
                doc.name.as_deref().unwrap_or("(no name)")
            );
            if !doc.valid {
                invalid = true;
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
                eprintln!("{name}: {what}: not explained, it has errors");
                continue;
            }
            let Some(job) = &doc.effective else { continue };
            let sentence = match &doc.cronjob {
                Some(cronjob) => joblab_core::explain::cronjob_sentence(cronjob, job),
                None => joblab_core::explain::explain(job).sentence(),
            };
            out.push_str(&format!("{name}: {what}: {sentence}\n"));
            explained += 1;
        }
    }
    print!("{out}");
    if explained == 0 && !io_error && !invalid {
        eprintln!("joblab: no Job or CronJob to explain");
        invalid = true;
    }
    ExitCode::from(if io_error {
        2
    } else if invalid {
        1
    } else {
        0
    })
}
