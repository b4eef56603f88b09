use joblab_core::draw::{drawing, JobShape};
use joblab_core::patterns::{build, Knobs, Preset, RUN_LIMIT_MS};
use joblab_core::sim::{Cursor, Replay, Simulation};
use std::time::Instant;
fn main() {
    for n in [200u32, 1000] {
        let knobs = Knobs {
            completions: n,
            parallelism: n,
            ..Knobs::default_for(Preset::Parallel)
        };
        let (job, scenario) = build(Preset::Parallel, &knobs);
        let shape = JobShape::of(&job);
        let replay = Replay::record_interactive(Simulation::new(job, scenario), RUN_LIMIT_MS);
        let end = replay.end().now();
        let changes: Vec<u64> = (0..50).map(|k| replay.last_change_at(k * 100)).collect();
        let mut d = changes.clone();
        d.dedup();
        println!(
            "n={n} end={end} pods={} distinct drawn-at in first 5 s (ticks of 100 ms): {}",
            replay.end().snapshot().pods.len(),
            d.len()
        );
        let mut cursor = Cursor::default();
        let (mut ts, mut td) = (std::time::Duration::ZERO, std::time::Duration::ZERO);
        for k in 0..50u64 {
            let a = Instant::now();
            let s = replay.snapshot_with(&mut cursor, k * 100);
            ts += a.elapsed();
            let b = Instant::now();
            std::hint::black_box(drawing(&s, end, &shape));
            td += b.elapsed();
        }
        println!(
            "  per tick over 5 s: snapshot_with {:?}, drawing {:?}",
            ts / 50,
            td / 50
        );
        let a = Instant::now();
        for k in 0..50u64 {
            std::hint::black_box(replay.snapshot_at(k * 100));
        }
        println!("  snapshot_at (no cursor) {:?}", a.elapsed() / 50);
    }
}
