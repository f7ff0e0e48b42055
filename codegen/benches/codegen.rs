//! Codegen speed and memory on the Connections spec, against the YAML parse alone.
//!
//! `cargo bench -p codegen --bench codegen` prints the median of repeated runs of each
//! stage and the peak heap the whole generation reaches (counted by a wrapping
//! allocator). Numbers and the machine they were taken on are in BENCHMARKS.md.

use codegen::stages;
use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

/// The system allocator, counting live and peak bytes while `COUNTING` is set. The
/// counters are atomics that both of the generator's threads write, so counting is
/// switched off while stages are timed: contention on them cost about a quarter of the
/// emit stage's time.
struct Counting;

static COUNTING: AtomicBool = AtomicBool::new(false);
static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() && COUNTING.load(Ordering::Relaxed) {
            let size = layout.size() as isize;
            let live = LIVE.fetch_add(size, Ordering::Relaxed) + size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        unsafe { System.dealloc(ptr, layout) };
        if COUNTING.load(Ordering::Relaxed) {
            LIVE.fetch_sub(layout.size() as isize, Ordering::Relaxed);
        }
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

/// How long `f` takes, the dropping of its result included.
fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let start = Instant::now();
    drop(std::hint::black_box(f()));
    start.elapsed()
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}

fn main() {
    let spec = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../spec/hookdeck-connections-api-openapi.yml"
    ))
    .expect("the spec is checked in");
    let settings = codegen::Settings::hookdeck("hookdeck");
    // `cargo bench` passes `--bench`; under `cargo test --all-targets` (CI) one run of each
    // stage proves the bench still works without spending minutes in a debug build.
    let runs = if std::env::args().any(|a| a == "--bench") {
        15
    } else {
        1
    };

    let document = stages::load(&spec).unwrap();
    let lowered = stages::lower(&document, &settings).unwrap();
    // The stages take turns within each round, so a change in the machine's speed
    // (it drifts by up to 2x within minutes) hits all of them alike.
    let mut rounds: [Vec<Duration>; 5] = Default::default();
    for _ in 0..runs {
        rounds[0].push(time(|| {
            serde_yaml::from_str::<serde_yaml::Value>(&spec).unwrap()
        }));
        rounds[1].push(time(|| stages::load(&spec).unwrap()));
        rounds[2].push(time(|| stages::lower(&document, &settings).unwrap()));
        rounds[3].push(time(|| stages::assemble(&lowered, &settings).unwrap()));
        rounds[4].push(time(|| codegen::generate(&spec, &settings).unwrap()));
    }
    let [parse, load, lower, emit, total] = rounds.map(median);

    // One more run, counted: everything `generate` allocates is freed by its end, so the
    // live count starts and ends at zero and its peak is the generation's peak heap.
    COUNTING.store(true, Ordering::SeqCst);
    drop(std::hint::black_box(
        codegen::generate(&spec, &settings).unwrap(),
    ));
    COUNTING.store(false, Ordering::SeqCst);
    let peak = PEAK.load(Ordering::SeqCst);

    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    println!("spec: {} bytes, {runs} runs each, median", spec.len());
    println!("yaml parse alone (serde_yaml::Value): {:8.1} ms", ms(parse));
    println!("load (parse + openapiv3 validation):  {:8.1} ms", ms(load));
    println!("lower to IR:                          {:8.1} ms", ms(lower));
    println!("emit + format:                        {:8.1} ms", ms(emit));
    println!("generate, end to end:                 {:8.1} ms", ms(total));
    println!(
        "end to end / yaml parse:              {:8.2} x",
        total.as_secs_f64() / parse.as_secs_f64()
    );
    println!(
        "peak heap during generate:            {:8.1} MB",
        peak as f64 / 1e6
    );
}
