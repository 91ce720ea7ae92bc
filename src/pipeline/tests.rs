//! The build's records, read back from a real site's cache file.

use std::path::Path;

use super::cache::{Cache, header};

/// The records of a real site (several organisations, months, events, citations, links
/// between plans) come back from the file as they were written.
#[test]
fn a_build_s_records_come_back_whole() {
    let dir = tempfile::tempdir().unwrap();
    let fixture =
        std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/organisations");
    let site = dir.path().join("site");
    copy_dir(&fixture, &site);
    let opts = crate::BuildOptions::new(&site);
    crate::build(&opts).unwrap();
    let path = site.join(".output.plansite-cache");
    let bytes = std::fs::read(&path).unwrap();
    let body = bytes.strip_prefix(header().as_bytes()).unwrap();
    let cache: Cache = postcard::from_bytes(body).unwrap();
    assert_eq!(cache.plans.len(), 6);
    assert!(cache.plans.iter().all(|p| p.rendered.is_some()));
    let again = postcard::to_stdvec(&cache).unwrap();
    assert_eq!(again, body, "the records change through a round trip");
    // A cache made with another key is not used; a damaged one is not either.
    assert!(
        Cache::load(&path, crate::stamp::Hash::default())
            .plans
            .is_empty()
    );
    std::fs::write(&path, &bytes[..bytes.len() / 2]).unwrap();
    assert!(Cache::load(&path, cache.key).plans.is_empty());
}

fn copy_dir(from: &Path, to: &Path) {
    for e in walkdir::WalkDir::new(from) {
        let e = e.unwrap();
        let dest = to.join(e.path().strip_prefix(from).unwrap());
        if e.file_type().is_dir() {
            std::fs::create_dir_all(&dest).unwrap();
        } else {
            std::fs::copy(e.path(), &dest).unwrap();
        }
    }
}
