//! Failpoints for tests: a test build stops dead, as if killed (no destructor runs), where
//! `PLANSITE_FAILPOINT` says. Release builds have none.

/// Test builds stop dead, as if killed (no destructor runs), where `PLANSITE_FAILPOINT` says:
/// `before-swap`, `after-swap`, or `stage-N` (after the Nth file is in the new tree).
#[cfg(debug_assertions)]
pub(super) fn failpoint(at: &str) {
    if std::env::var("PLANSITE_FAILPOINT").is_ok_and(|v| v == at) {
        std::process::exit(86);
    }
}

#[cfg(debug_assertions)]
pub(super) fn failpoint_after(n: usize) {
    if let Ok(v) = std::env::var("PLANSITE_FAILPOINT")
        && v.strip_prefix("stage-") == Some(n.to_string().as_str())
    {
        std::process::exit(86);
    }
}

#[cfg(not(debug_assertions))]
pub(super) fn failpoint(_at: &str) {}

#[cfg(not(debug_assertions))]
pub(super) fn failpoint_after(_n: usize) {}
