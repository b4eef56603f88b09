//! The output formats of `joblab check`, each a pure function of the checked inputs so that one
//! run can write several (`--format` on standard output, `--output FORMAT=FILE` to files).
//! Every format is a contract: `text` and `json` are documented in the README, all five in
//! docs/ci.md, and each is tested against a consumer or schema (scripts/check-formats.sh).

use std::fmt::Write as _;

use joblab_core::check::{DocumentReport, LocatedDiagnostic};
use joblab_core::diag::{ErrorType, Severity};
use serde::Serialize;
use serde_json::{json, Value};

use crate::check::{Checked, Format};

/// The version of the JSON output's schema (docs/ci.md); it changes only when a field is
/// removed or changes meaning.
pub const JSON_VERSION: u32 = 1;

/// Renders `checked` in `format`.
pub fn render(format: Format, checked: &[Checked]) -> String {
    match format {
        Format::Text => text(checked),
        Format::Json => json_output(checked),
        Format::Sarif => sarif(checked),
        Format::Junit => junit(checked),
        Format::Github => github(checked),
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

fn count(docs: &[DocumentReport], severity: Severity) -> usize {
    docs.iter()
        .flat_map(|d| &d.diagnostics)
        .filter(|d| d.diagnostic.severity == severity)
        .count()
}

/// The message of a diagnostic, with the chart file of a `helm template` document.
fn message(doc: &DocumentReport, d: &LocatedDiagnostic) -> String {
    match &doc.source {
        Some(source) => format!("{} (from {source})", d.diagnostic.message()),
        None => d.diagnostic.message(),
    }
}

/// `FILE:LINE:COL: SEVERITY: MESSAGE` lines, a summary per file and a total for several files.
fn text(checked: &[Checked]) -> String {
    let mut out = String::new();
    let (mut total_docs, mut total_errors, mut total_warnings) = (0, 0, 0);
    for Checked { name, report } in checked {
        for doc in &report.documents {
            for d in &doc.diagnostics {
                let _ = writeln!(
                    out,
                    "{name}:{}:{}: {}: {}",
                    d.start.line,
                    d.start.column,
                    severity_word(d.diagnostic.severity),
                    message(doc, d)
                );
            }
        }
        let docs = report.documents.len();
        let errors = count(&report.documents, Severity::Error);
        let warnings = count(&report.documents, Severity::Warning);
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
    if checked.len() > 1 {
        let _ = writeln!(
            out,
            "total: {} checked in {}, {}, {}",
            plural(total_docs, "document"),
            plural(checked.len(), "file"),
            plural(total_errors, "error"),
            plural(total_warnings, "warning")
        );
    }
    out
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

/// A document in the JSON output. The fields added after the first release are left out when
/// they do not apply, so a plain Job's document reads as it always did.
#[derive(Serialize)]
struct DocumentJson<'a> {
    index: usize,
    #[serde(skip_serializing_if = "Option::is_none")]
    item: Option<usize>,
    kind: Option<&'a str>,
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    source: Option<&'a str>,
    valid: bool,
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    skipped: bool,
    diagnostics: Vec<DiagnosticJson<'a>>,
}

/// A file in the JSON output.
#[derive(Serialize)]
struct FileJson<'a> {
    file: &'a str,
    documents: Vec<DocumentJson<'a>>,
}

/// The whole JSON output.
#[derive(Serialize)]
struct JsonOutput<'a> {
    version: u32,
    files: Vec<FileJson<'a>>,
}

fn json_output(checked: &[Checked]) -> String {
    let files = checked
        .iter()
        .map(|c| FileJson {
            file: &c.name,
            documents: c
                .report
                .documents
                .iter()
                .map(|doc| DocumentJson {
                    index: doc.index,
                    item: doc.item,
                    kind: doc.kind.as_deref(),
                    name: doc.name.as_deref(),
                    source: doc.source.as_deref(),
                    valid: doc.valid,
                    skipped: doc.skipped,
                    diagnostics: doc
                        .diagnostics
                        .iter()
                        .map(|d| DiagnosticJson {
                            severity: severity_word(d.diagnostic.severity),
                            path: &d.diagnostic.path,
                            error_type: d.diagnostic.error_type.as_str(),
                            message: &d.diagnostic.detail,
                            line: d.start.line,
                            column: d.start.column,
                            end_line: d.end.line,
                            end_column: d.end.column,
                        })
                        .collect(),
                })
                .collect(),
        })
        .collect();
    let output = JsonOutput {
        version: JSON_VERSION,
        files,
    };
    // Serializing these plain structs cannot fail; the fallback keeps the output valid JSON.
    let mut out = serde_json::to_string(&output).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

/// The SARIF rule id of an error type, stable across releases: its words in lower case joined
/// by hyphens after `joblab/`, e.g. `joblab/required-value`.
fn rule_id(t: ErrorType) -> String {
    format!("joblab/{}", t.as_str().to_lowercase().replace(' ', "-"))
}

/// The SARIF rule name of an error type (which SARIF wants different from the id): its words
/// joined, e.g. `RequiredValue`.
fn rule_name(t: ErrorType) -> String {
    t.as_str()
        .split(' ')
        .map(|w| {
            let mut c = w.chars();
            c.next().map_or_else(String::new, |f| {
                f.to_uppercase().collect::<String>() + c.as_str()
            })
        })
        .collect()
}

/// What each rule means, in one sentence, for the SARIF rule's description.
fn rule_description(t: ErrorType) -> &'static str {
    match t {
        ErrorType::Required => "A required field is missing (the API server's Required value).",
        ErrorType::Invalid => "A field's value is not valid (the API server's Invalid value).",
        ErrorType::NotSupported => "A field's value is not one of the supported values (the API server's Unsupported value).",
        ErrorType::Forbidden => "A field is set where it is not allowed (the API server's Forbidden).",
        ErrorType::Duplicate => "A value appears twice where it must be unique (the API server's Duplicate value).",
        ErrorType::TooLong => "A value is longer than allowed (the API server's Too long).",
        ErrorType::TooMany => "A list has more items than allowed (the API server's Too many).",
        ErrorType::NotFound => "A referenced value does not exist (the API server's Not found).",
        ErrorType::UnknownField => "A key the schema does not know (strict field validation).",
        ErrorType::DuplicateField => "A key given twice in one mapping (strict field validation).",
        ErrorType::TypeError => "A value of the wrong type, such as a string where an integer belongs.",
        ErrorType::SyntaxError => "The text is not well-formed YAML.",
        ErrorType::LimitExceeded => "The input exceeds a limit Joblab imposes on size, nesting, aliases or documents.",
        ErrorType::Advice => "A server warning, a well-known pitfall, or a note such as a skipped document.",
    }
}

/// A file name as a SARIF `uri`: relative paths stay relative (code scanning resolves them
/// against the repository root), absolute ones become `file://` URIs; every byte outside
/// RFC 3986's unreserved characters and `/` is percent-encoded.
fn file_uri(name: &str) -> String {
    let name = name.replace('\\', "/");
    let name = name.strip_prefix("./").unwrap_or(&name);
    let mut out = String::new();
    if name.starts_with('/') {
        out.push_str("file://");
    }
    for b in name.bytes() {
        if b.is_ascii_alphanumeric() || b"-._~/".contains(&b) {
            out.push(char::from(b));
        } else {
            let _ = write!(out, "%{b:02X}");
        }
    }
    out
}

fn sarif(checked: &[Checked]) -> String {
    let rules: Vec<Value> = ErrorType::ALL
        .iter()
        .map(|&t| {
            json!({
                "id": rule_id(t),
                "name": rule_name(t),
                "shortDescription": {"text": t.as_str()},
                "fullDescription": {"text": rule_description(t)},
                "defaultConfiguration": {"level": if t == ErrorType::Advice { "warning" } else { "error" }},
            })
        })
        .collect();
    let mut results = Vec::new();
    for Checked { name, report } in checked {
        for doc in &report.documents {
            for d in &doc.diagnostics {
                let t = d.diagnostic.error_type;
                let rule_index = ErrorType::ALL.iter().position(|&r| r == t).unwrap_or(0);
                let level = match d.diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "note",
                };
                let mut location = json!({
                    "physicalLocation": {
                        "artifactLocation": {"uri": file_uri(name)},
                        "region": {
                            "startLine": d.start.line,
                            "startColumn": d.start.column,
                            "endLine": d.end.line,
                            "endColumn": d.end.column,
                        },
                    },
                });
                if !d.diagnostic.path.is_empty() {
                    location["logicalLocations"] =
                        json!([{"fullyQualifiedName": d.diagnostic.path, "kind": "member"}]);
                }
                let mut result = json!({
                    "ruleId": rule_id(t),
                    "ruleIndex": rule_index,
                    "level": level,
                    "message": {"text": message(doc, d)},
                    "locations": [location],
                    "properties": {"document": doc.index},
                });
                if let Some(item) = doc.item {
                    result["properties"]["item"] = json!(item);
                }
                if let Some(source) = &doc.source {
                    result["relatedLocations"] = json!([{
                        "id": 1,
                        "physicalLocation": {"artifactLocation": {"uri": file_uri(source)}},
                        "message": {"text": "the chart template this document was rendered from (helm template's # Source: comment)"},
                    }]);
                }
                results.push(result);
            }
        }
    }
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {"driver": {
                "name": "joblab",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            // Joblab counts columns in characters (Unicode scalar values), not UTF-16 units.
            "columnKind": "unicodeCodePoints",
            "results": results,
        }],
    });
    let mut out = serde_json::to_string_pretty(&log).unwrap_or_else(|_| "{}".to_owned());
    out.push('\n');
    out
}

/// Text for XML attribute values and content: the five special characters escaped, and the
/// characters XML 1.0 cannot carry at all (most C0 controls) replaced with U+FFFD.
fn xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\t' | '\n' | '\r' => out.push(c),
            c if u32::from(c) < 0x20 || c == '\u{FFFE}' || c == '\u{FFFF}' => out.push('\u{FFFD}'),
            c => out.push(c),
        }
    }
    out
}

/// A test case's name: the document's 1-based number (and item), kind and name.
fn case_name(doc: &DocumentReport) -> String {
    let mut out = format!("document {}", doc.index + 1);
    if let Some(item) = doc.item {
        let _ = write!(out, ", item {}", item + 1);
    }
    match (&doc.kind, &doc.name) {
        (Some(kind), Some(name)) => {
            let _ = write!(out, ": {kind} {name}");
        }
        (Some(kind), None) => {
            let _ = write!(out, ": {kind}");
        }
        _ => {}
    }
    out
}

fn junit(checked: &[Checked]) -> String {
    let docs = |c: &Checked| c.report.documents.len();
    let failed = |c: &Checked| c.report.documents.iter().filter(|d| !d.valid).count();
    let skipped = |c: &Checked| {
        c.report
            .documents
            .iter()
            .filter(|d| d.skipped && d.valid)
            .count()
    };
    let mut out = String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    let _ = writeln!(
        out,
        "<testsuites name=\"joblab check\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
        checked.iter().map(docs).sum::<usize>(),
        checked.iter().map(failed).sum::<usize>(),
        checked.iter().map(skipped).sum::<usize>(),
    );
    for c in checked {
        let file = xml(&c.name);
        let _ = writeln!(
            out,
            "  <testsuite name=\"{file}\" tests=\"{}\" failures=\"{}\" errors=\"0\" skipped=\"{}\">",
            docs(c),
            failed(c),
            skipped(c)
        );
        for doc in &c.report.documents {
            let line = doc.diagnostics.first().map_or(1, |d| d.start.line);
            let _ = write!(
                out,
                "    <testcase classname=\"{file}\" name=\"{}\" file=\"{file}\" line=\"{line}\">",
                xml(&case_name(doc))
            );
            let lines = |severity: Severity| {
                doc.diagnostics
                    .iter()
                    .filter(|d| d.diagnostic.severity == severity)
                    .map(|d| {
                        format!(
                            "{}:{}:{}: {}: {}\n",
                            c.name,
                            d.start.line,
                            d.start.column,
                            severity_word(severity),
                            message(doc, d)
                        )
                    })
                    .collect::<String>()
            };
            let errors = lines(Severity::Error);
            let before = out.len();
            if let Some(first) = doc
                .diagnostics
                .iter()
                .find(|d| d.diagnostic.severity == Severity::Error)
            {
                let _ = write!(
                    out,
                    "\n      <failure message=\"{}\" type=\"{}\">{}</failure>",
                    xml(&message(doc, first)),
                    xml(first.diagnostic.error_type.as_str()),
                    xml(&errors)
                );
            } else if doc.skipped {
                let reason = doc
                    .diagnostics
                    .first()
                    .map_or_else(String::new, |d| d.diagnostic.detail.clone());
                let _ = write!(out, "\n      <skipped message=\"{}\"/>", xml(&reason));
            }
            let others = lines(Severity::Warning) + &lines(Severity::Note);
            if !others.is_empty() && !doc.skipped {
                let _ = write!(out, "\n      <system-out>{}</system-out>", xml(&others));
            }
            // A test case with children closes on its own line.
            if out.len() > before {
                out.push_str("\n    ");
            }
            out.push_str("</testcase>\n");
        }
        out.push_str("  </testsuite>\n");
    }
    out.push_str("</testsuites>\n");
    out
}

/// A workflow command's message, escaped as `@actions/core` escapes data.
fn github_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value, escaped as `@actions/core` escapes properties.
fn github_property(text: &str) -> String {
    github_data(text).replace(':', "%3A").replace(',', "%2C")
}

/// One workflow command per diagnostic, with the properties in `@actions/core`'s order.
fn github(checked: &[Checked]) -> String {
    let mut out = String::new();
    for Checked { name, report } in checked {
        for doc in &report.documents {
            for d in &doc.diagnostics {
                let command = match d.diagnostic.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                    Severity::Note => "notice",
                };
                let _ = writeln!(
                    out,
                    "::{command} title={},file={},line={},endLine={},col={},endColumn={}::{}",
                    github_property(&format!("joblab: {}", d.diagnostic.error_type.as_str())),
                    github_property(name),
                    d.start.line,
                    d.end.line,
                    d.start.column,
                    d.end.column,
                    github_data(&message(doc, d))
                );
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_and_names_come_from_the_type() {
        let cases = [
            (
                ErrorType::Required,
                "joblab/required-value",
                "RequiredValue",
            ),
            (
                ErrorType::NotSupported,
                "joblab/unsupported-value",
                "UnsupportedValue",
            ),
            (ErrorType::TooLong, "joblab/too-long", "TooLong"),
            (ErrorType::Advice, "joblab/advice", "Advice"),
        ];
        for (t, id, name) in cases {
            assert_eq!((rule_id(t).as_str(), rule_name(t).as_str()), (id, name));
        }
    }

    #[test]
    fn escaping_tables() {
        let uris = [
            ("jobs/pi.yaml", "jobs/pi.yaml"),
            ("./a b.yaml", "a%20b.yaml"),
            ("/abs/é.yml", "file:///abs/%C3%A9.yml"),
            ("<stdin>", "%3Cstdin%3E"),
            ("c:\\x\\y.json", "c%3A/x/y.json"),
        ];
        for (name, want) in uris {
            assert_eq!(file_uri(name), want, "{name}");
        }
        let xmls = [
            ("a<b & \"c\"", "a&lt;b &amp; &quot;c&quot;"),
            ("\u{1}x\n", "\u{FFFD}x\n"),
        ];
        for (text, want) in xmls {
            assert_eq!(xml(text), want, "{text:?}");
        }
        assert_eq!(github_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(github_data("a:b,c%\r\n"), "a:b,c%25%0D%0A");
    }
}
