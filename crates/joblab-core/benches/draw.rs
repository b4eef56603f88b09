//! The drawing model of a 200-Pod snapshot (the Parallel pattern with completions 200 and
//! parallelism 50, at its end): what the page computes on every tick of the player.
//! Run with `cargo bench -p joblab-core --bench draw`.

use criterion::{criterion_group, criterion_main, Criterion};
use joblab_core::draw::{drawing, JobShape};
use joblab_core::patterns::{build, Knobs, Preset, RUN_LIMIT_MS};
use joblab_core::sim::{Replay, Simulation};

fn bench(c: &mut Criterion) {
    let knobs = Knobs {
        completions: 200,
        parallelism: 50,
        ..Knobs::default_for(Preset::Parallel)
    };
    let (job, scenario) = build(Preset::Parallel, &knobs);
    let shape = JobShape::of(&job);
    let replay = Replay::record(Simulation::new(job, scenario), RUN_LIMIT_MS);
    let end = replay.end().now();
    let snapshot = replay.snapshot_at(end);
    assert_eq!(snapshot.pods.len(), 200, "the benchmark draws 200 Pods");
    c.bench_function("drawing model, 200-Pod snapshot", |b| {
        b.iter(|| drawing(&snapshot, end, &shape).lanes.len())
    });
    c.bench_function("snapshot_at mid-run + drawing model, 200 Pods", |b| {
        b.iter(|| {
            drawing(&replay.snapshot_at(end / 2), end, &shape)
                .lanes
                .len()
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
