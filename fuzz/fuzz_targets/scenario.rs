//! Scenario decoding on arbitrary text; an accepted scenario must also validate cleanly.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    if let Ok(scenario) = joblab_core::scenario::Scenario::from_yaml(text) {
        assert!(scenario.validate().is_empty());
    }
});
