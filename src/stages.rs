//! `--verbose`: how long each stage of a run took, and the peak memory so far.

/// The `--verbose` timings of the stages: each stage's own time and the time since the run
/// began (a build's render follows its prepare, each with its own `Stages`).
pub(crate) struct Stages {
    last: std::cell::Cell<std::time::Instant>,
}

/// When the first stage began.
static BEGAN: std::sync::OnceLock<std::time::Instant> = std::sync::OnceLock::new();

impl Stages {
    pub(crate) fn start() -> Stages {
        let now = std::time::Instant::now();
        BEGAN.get_or_init(|| now);
        Stages {
            last: std::cell::Cell::new(now),
        }
    }

    /// Logs that `stage` is done: its time, the time since the run began, peak memory.
    pub(crate) fn done(&self, stage: &str) {
        let now = std::time::Instant::now();
        let total = BEGAN.get().map_or(std::time::Duration::ZERO, |b| now - *b);
        log::info!(
            "{stage}: {:?} ({:?} in all){}",
            now - self.last.get(),
            total,
            peak_memory()
        );
        self.last.set(now);
    }
}

/// `, peak memory N MB` on Linux (for `--verbose` stage timings), else nothing.
fn peak_memory() -> String {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
            let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
            Some(format!(", peak memory {} MB", kb / 1024))
        })
        .unwrap_or_default()
}
