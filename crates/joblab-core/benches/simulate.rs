//! 10 000 completions at parallelism 1 000 with 10 % failures (NonIndexed, Never).
//! Run with `cargo bench -p joblab-core --bench simulate`.

use criterion::{criterion_group, criterion_main, Criterion};
use joblab_core::api::api::batch::v1::Job;
use joblab_core::scenario::Scenario;
use joblab_core::sim::Simulation;

fn job() -> Job {
    serde_json::from_value(serde_json::json!({
        "apiVersion": "batch/v1", "kind": "Job", "metadata": {"name": "bench"},
        "spec": {"completions": 10000, "parallelism": 1000, "backoffLimit": 100000,
            "template": {"spec": {"restartPolicy": "Never", "containers": [{"name": "w", "image": "busybox"}]}}}
    }))
    .unwrap_or_default()
}

fn bench(c: &mut Criterion) {
    let job = job();
    let scenario = Scenario {
        failure_rate: 0.1,
        seed: 42,
        ..Scenario::default()
    };
    c.bench_function("10k completions, parallelism 1000, 10% failures", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(job.clone(), scenario.clone());
            sim.run_until_settled(86_400_000);
            assert_eq!(sim.status().succeeded, 10_000);
            sim.status().failed
        })
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);
