//! The unsafe wrapper over libyaml on raw bytes (built with AddressSanitizer by cargo-fuzz): no
//! memory error, no panic, and every offset lies inside the input.
#![no_main]

use libfuzzer_sys::fuzz_target;
use yaml_events::{Event, Parser};

fuzz_target!(|data: &[u8]| {
    for item in Parser::new(data) {
        match item {
            Ok(Event { start, end, .. }) => {
                assert!(start.index <= end.index && end.index <= data.len());
            }
            Err(e) => assert!(e.problem_mark.index <= data.len()),
        }
    }
});
