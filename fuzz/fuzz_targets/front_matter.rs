//! Front matter: decoding, splitting and deserialising one file's settings.
#![no_main]

#[path = "../../tests/harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::front_matter(data));
