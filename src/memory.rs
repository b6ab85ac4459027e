//! The memory of a whole run against `--max-memory`: the resident memory of this
//! process and of every live render worker, added up (Linux; elsewhere nothing is
//! measured and no limit applies).
//!
//! Two watches keep it: while the specs and data load, a thread measures this process
//! and stops the run past the ceiling; while briefs render, each worker's watchdog
//! measures the run and stops the largest worker's brief past it. Both look every
//! [`TICK`], so the run overshoots the ceiling by what it allocates in one tick.

use std::sync::Mutex;
use std::sync::mpsc;
use std::time::Duration;

/// How often the run's memory is measured.
pub const TICK: Duration = Duration::from_millis(10);

/// The process ids of the live render workers.
static WORKERS: Mutex<Vec<u32>> = Mutex::new(Vec::new());

/// Counts worker `pid` in the run's memory from now on.
pub(crate) fn add_worker(pid: u32) {
    WORKERS.lock().unwrap_or_else(|p| p.into_inner()).push(pid);
}

/// Stops counting worker `pid`, once it has ended.
pub(crate) fn remove_worker(pid: u32) {
    WORKERS.lock().unwrap_or_else(|p| p.into_inner()).retain(|p| *p != pid);
}

/// The resident memory of process `pid` in bytes, if the system tells (Linux).
pub fn resident_bytes(pid: u32) -> Option<u64> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let line = status.lines().find(|l| l.starts_with("VmRSS:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// The run's resident memory, when the run is over `max` and worker `pid` is the one
/// to stop: the live worker that uses the most (the lowest id among equals), so that
/// one brief fails for a run that grew, not every brief rendering at that moment.
pub(crate) fn over_with_largest(pid: u32, max: u64) -> Option<u64> {
    let own = resident_bytes(std::process::id())?;
    let workers: Vec<(u32, u64)> = WORKERS
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .iter()
        .filter_map(|&worker| Some((worker, resident_bytes(worker)?)))
        .collect();
    let total = own + workers.iter().map(|(_, used)| used).sum::<u64>();
    let largest = workers.iter().max_by_key(|(worker, used)| (*used, std::cmp::Reverse(*worker)));
    (total > max && largest.is_none_or(|(worker, _)| *worker == pid)).then_some(total)
}

/// Runs `work` while a thread measures this process against `max` every [`TICK`];
/// past it, the thread calls `stop` with the memory used, which must end the process
/// (nothing can be taken back from `work` as it runs). For the loading of a run,
/// which writes nothing.
pub fn while_loading<T>(max: u64, work: impl FnOnce() -> T, stop: impl Fn(u64) + Sync) -> T {
    let (done, finished) = mpsc::channel::<()>();
    std::thread::scope(|scope| {
        let stop = &stop;
        scope.spawn(move || {
            while let Err(mpsc::RecvTimeoutError::Timeout) = finished.recv_timeout(TICK) {
                if let Some(used) = resident_bytes(std::process::id()).filter(|used| *used > max) {
                    stop(used);
                }
            }
        });
        let result = work();
        drop(done);
        result
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn this_process_has_resident_memory_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(resident_bytes(std::process::id()).is_some_and(|used| used > 0));
        }
    }

    #[test]
    fn the_run_is_over_only_past_its_ceiling_and_only_for_the_largest_worker() {
        if !cfg!(target_os = "linux") {
            return;
        }
        let own = std::process::id();
        // This test's process stands in for a worker, so that the run holds one.
        add_worker(own);
        assert!(over_with_largest(own, u64::MAX).is_none());
        assert!(over_with_largest(own, 1).is_some_and(|total| total > 1));
        // A worker that is not the largest is left to render.
        assert!(over_with_largest(own.wrapping_add(1), 1).is_none());
        remove_worker(own);
    }
}
