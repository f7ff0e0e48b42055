//! Runs independent jobs on the machine's cores and returns their results in job order.

use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;

/// `f` applied to every job, spread over up to `available_parallelism` threads that each
/// take the next job not yet started, so uneven jobs still balance.
pub fn map<T: Sync, R: Send>(jobs: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let threads = std::thread::available_parallelism()
        .map_or(1, |n| n.get())
        .min(jobs.len());
    if threads <= 1 {
        return jobs.iter().map(f).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<Mutex<Option<R>>> = jobs.iter().map(|_| Mutex::new(None)).collect();
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| loop {
                let index = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(index) else { break };
                let result = f(job);
                *slots[index].lock().unwrap_or_else(|e| e.into_inner()) = Some(result);
            });
        }
    });
    // A job that panicked has already re-raised its panic out of `scope`.
    slots
        .into_iter()
        .map(|slot| {
            slot.into_inner()
                .unwrap_or_else(|e| e.into_inner())
                .expect("every job ran to completion")
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn results_keep_job_order() {
        let jobs: Vec<usize> = (0..100).collect();
        let squares = super::map(&jobs, |n| n * n);
        assert_eq!(squares, jobs.iter().map(|n| n * n).collect::<Vec<_>>());
    }
}
