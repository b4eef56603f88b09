//! Shared by the CLI test files (each includes this with `mod support;`).

use std::io::Write;
use std::process::{Command, Output, Stdio};

/// Runs the built `joblab` with `args`, writing `stdin` (if any) to it, and collects its output.
/// The input is written from a thread, so a large input cannot block while joblab writes output.
pub fn run(args: &[&str], stdin: Option<&[u8]>) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_joblab"))
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run joblab");
    let mut pipe = child.stdin.take().expect("stdin");
    let input = stdin.map(<[u8]>::to_vec);
    let writer = std::thread::spawn(move || {
        if let Some(bytes) = input {
            let _ = pipe.write_all(&bytes);
        }
    });
    let out = child.wait_with_output().expect("joblab output");
    let _ = writer.join();
    out
}
