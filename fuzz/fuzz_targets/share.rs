//! Share-link decoding: arbitrary codes, and arbitrary DEFLATE streams behind a valid version
//! byte (so the inflater and the JSON payload are reached, not just the base64 check). A link
//! that decodes must survive an encode/decode round trip unchanged.
#![no_main]

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine as _;
use joblab_core::share::{decode, encode, VERSION};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&mode, rest)) = data.split_first() else {
        return;
    };
    let code = if mode & 1 == 0 {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        let mut bytes = vec![VERSION];
        bytes.extend_from_slice(rest);
        URL_SAFE_NO_PAD.encode(bytes)
    };
    if let Ok(state) = decode(&code) {
        assert_eq!(decode(&encode(&state)).ok(), Some(state));
    }
});
