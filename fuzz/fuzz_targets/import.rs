//! `plansite import`: one document read as text and as Word, recognised, written as files.
#![no_main]

#[path = "../../tests/harness/mod.rs"]
mod harness;

libfuzzer_sys::fuzz_target!(|data: &[u8]| harness::import(data));
