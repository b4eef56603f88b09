//! `joblab scorm`: a SCORM 1.2 package of the app for an LMS (Moodle, Canvas, Blackboard, ...).
//!
//! The CLI is native and the app is built by Trunk, so the package is made from a release build
//! the caller points at (`--dist DIR`, the `dist/` of `trunk build --release`): every file of it
//! except the precompressed copies (an LMS serves files as they are) and the service worker (an
//! LMS's origin is not ours to install one in), a launch page `scorm.html`, and the manifest
//! `imsmanifest.xml` at the root. The launch page is the build's `index.html` marked with
//! `data-joblab-scorm`, which tells the app to open Practice and report to the LMS's SCORM 1.2
//! API (src/scorm.rs); the same bytes otherwise, so the build's Subresource Integrity hashes and
//! relative asset URLs hold. The zip is deterministic: entries sorted, every timestamp the DOS
//! epoch, so the same build gives the same bytes.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::Args;

/// The launch page inside the package (the SCO's `href`).
pub const LAUNCH: &str = "scorm.html";
/// The attribute that marks the launch page (read by the app's src/scorm.rs).
pub const MARK: &str = "data-joblab-scorm";

/// Arguments of `joblab scorm`.
#[derive(Args, Debug)]
pub struct ScormArgs {
    /// Where to write the package (a .zip file; replaced if it exists).
    #[arg(long, value_name = "FILE")]
    pub out: PathBuf,
    /// The app's release build to package: the dist/ directory `trunk build --release` wrote.
    #[arg(long, value_name = "DIR", default_value = "dist")]
    pub dist: PathBuf,
    /// The course title the LMS shows for the package.
    #[arg(
        long,
        value_name = "TEXT",
        default_value = "Joblab: Kubernetes Jobs, predict then run"
    )]
    pub title: String,
}

/// Runs `joblab scorm`: exit status 0 with one line on standard output saying what was written,
/// 2 for a usage or I/O error (a directory that is not a Joblab build, an unwritable `--out`).
pub fn run(args: &ScormArgs) -> ExitCode {
    match build(args) {
        Ok(n) => {
            println!(
                "{}: SCORM 1.2 package, {n} files, launch page {LAUNCH}",
                args.out.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("joblab scorm: {e}");
            ExitCode::from(2)
        }
    }
}

/// Whether a file of the build goes into the package.
fn packaged(name: &str) -> bool {
    !(name.ends_with(".br") || name.ends_with(".gz") || name == "sw.js")
}

/// The build's files (paths relative to `dist`, `/`-separated, sorted) that go into the package.
fn build_files(dist: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut dirs = vec![PathBuf::new()];
    while let Some(rel) = dirs.pop() {
        let dir = dist.join(&rel);
        let entries = fs::read_dir(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = rel.join(&name);
            let kind = entry
                .file_type()
                .map_err(|e| format!("{}: {e}", path.display()))?;
            if kind.is_dir() {
                dirs.push(path);
            } else if kind.is_file() && packaged(&name) {
                let parts: Vec<_> = path
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect();
                out.push(parts.join("/"));
            }
        }
    }
    out.sort();
    Ok(out)
}

/// The launch page: the build's `index.html` with the SCORM mark on its root element.
pub fn launch_page(index_html: &str) -> Option<String> {
    let at = index_html.find("<html")? + "<html".len();
    Some(format!("{} {MARK}{}", &index_html[..at], &index_html[at..]))
}

/// Escapes text for XML content and double-quoted attributes.
fn xml(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The SCORM 1.2 manifest (ADL SCORM 1.2 Content Aggregation Model): one organization with one
/// item, Practice, whose resource is a SCO launched at [`LAUNCH`] and listing every file of the
/// package. The schema locations are the ADL/IMS names (imscp_rootv1p1p2.xsd, adlcp_rootv1p2.xsd,
/// imsmd_rootv1p2p1.xsd) the schemas are validated with (scripts/scorm-check.sh).
pub fn manifest(title: &str, files: &[String]) -> String {
    let title = xml(title);
    let mut list = String::new();
    for f in files {
        list.push_str(&format!("      <file href=\"{}\"/>\n", xml(f)));
    }
    format!(
        r#"<?xml version="1.0" encoding="UTF-8"?>
<manifest identifier="joblab-practice" version="1.0"
  xmlns="http://www.imsproject.org/xsd/imscp_rootv1p1p2"
  xmlns:adlcp="http://www.adlnet.org/xsd/adlcp_rootv1p2"
  xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"
  xsi:schemaLocation="http://www.imsproject.org/xsd/imscp_rootv1p1p2 imscp_rootv1p1p2.xsd http://www.imsglobal.org/xsd/imsmd_rootv1p2p1 imsmd_rootv1p2p1.xsd http://www.adlnet.org/xsd/adlcp_rootv1p2 adlcp_rootv1p2.xsd">
  <metadata>
    <schema>ADL SCORM</schema>
    <schemaversion>1.2</schemaversion>
  </metadata>
  <organizations default="joblab">
    <organization identifier="joblab">
      <title>{title}</title>
      <item identifier="practice" identifierref="practice-sco" isvisible="true">
        <title>{title}</title>
      </item>
    </organization>
  </organizations>
  <resources>
    <resource identifier="practice-sco" type="webcontent" adlcp:scormtype="sco" href="{LAUNCH}">
{list}    </resource>
  </resources>
</manifest>
"#
    )
}

/// Writes the package; returns how many files it holds.
fn build(args: &ScormArgs) -> Result<usize, String> {
    let index_path = args.dist.join("index.html");
    let index = fs::read_to_string(&index_path).map_err(|e| {
        format!(
            "{}: {e} (--dist must be the app's release build: trunk build --release)",
            index_path.display()
        )
    })?;
    let launch = launch_page(&index)
        .ok_or_else(|| format!("{}: no <html> element", index_path.display()))?;
    let mut files = build_files(&args.dist)?;
    if files.iter().any(|f| f == LAUNCH || f == "imsmanifest.xml") {
        return Err(format!(
            "{} already holds {LAUNCH} or imsmanifest.xml: point --dist at a plain build",
            args.dist.display()
        ));
    }
    files.push(LAUNCH.to_string());
    files.sort();
    let manifest = manifest(&args.title, &files);

    let out = fs::File::create(&args.out).map_err(|e| format!("{}: {e}", args.out.display()))?;
    let mut zip = zip::ZipWriter::new(out);
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    let io = |e: std::io::Error| format!("{}: {e}", args.out.display());
    let zerr = |e: zip::result::ZipError| format!("{}: {e}", args.out.display());
    zip.start_file("imsmanifest.xml", options).map_err(zerr)?;
    zip.write_all(manifest.as_bytes()).map_err(io)?;
    for f in &files {
        let bytes = if f == LAUNCH {
            launch.clone().into_bytes()
        } else {
            let p = args.dist.join(f);
            fs::read(&p).map_err(|e| format!("{}: {e}", p.display()))?
        };
        zip.start_file(f.as_str(), options).map_err(zerr)?;
        zip.write_all(&bytes).map_err(io)?;
    }
    zip.finish().map_err(zerr)?;
    Ok(files.len() + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_launch_page_is_the_index_marked() {
        let cases = [
            (
                "<!doctype html>\n<html lang=\"en\">\n<body></body></html>",
                Some("<!doctype html>\n<html data-joblab-scorm lang=\"en\">\n<body></body></html>"),
            ),
            (
                "<html><body></body></html>",
                Some("<html data-joblab-scorm><body></body></html>"),
            ),
            ("not html", None),
        ];
        for (index, want) in cases {
            assert_eq!(launch_page(index).as_deref(), want, "{index:?}");
        }
    }

    #[test]
    fn compressed_copies_and_the_service_worker_stay_out() {
        let cases = [
            ("index.html", true),
            ("joblab-web-1_bg.wasm", true),
            ("joblab-web-1_bg.wasm.br", false),
            ("main.css.gz", false),
            ("sw.js", false),
            ("boot-1.js", true),
        ];
        for (name, want) in cases {
            assert_eq!(packaged(name), want, "{name}");
        }
    }

    #[test]
    fn the_manifest_lists_every_file_of_the_sco_escaped() {
        let m = manifest(
            "Jobs & \"Pods\"",
            &["a&b.js".to_string(), "scorm.html".to_string()],
        );
        assert!(m.contains("<title>Jobs &amp; &quot;Pods&quot;</title>"));
        assert!(m.contains(r#"adlcp:scormtype="sco" href="scorm.html""#));
        assert!(m.contains(r#"<file href="a&amp;b.js"/>"#));
        assert!(m.contains(r#"<file href="scorm.html"/>"#));
        assert!(m.contains("<schemaversion>1.2</schemaversion>"));
    }
}
