//! Job decoding and validation on arbitrary UTF-8 text, as the page sees it.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let report = joblab_core::check::check_source(text);
    assert!(!report.documents.is_empty());
    for d in report.documents.iter().flat_map(|d| &d.diagnostics) {
        assert!(d.diagnostic.span.end <= text.len());
        assert!(text.is_char_boundary(d.diagnostic.span.start));
        assert!(d.start <= d.end);
    }
});
