//! Job decoding and validation on arbitrary bytes, as the CLI reads files.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let report = joblab_core::check::check_bytes(data);
    assert!(!report.documents.is_empty());
    for d in report.documents.iter().flat_map(|d| &d.diagnostics) {
        assert!(d.diagnostic.span.start <= d.diagnostic.span.end);
        assert!(d.diagnostic.span.end <= data.len());
        // The detail may be empty (the API server's bare `Required value`), the message never.
        assert!(!d.diagnostic.message().is_empty());
    }
});
