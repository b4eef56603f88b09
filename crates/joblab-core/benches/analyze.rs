//! The whole check (parse, strict decode, warnings, defaulting, validation, locating) of the
//! documentation's pi Job and of a realistic 300-line Job. Target: the pi Job under 0.2 ms.

use std::hint::black_box;

use criterion::{criterion_group, criterion_main, Criterion};
use joblab_core::check::check_source;

const PI: &str = include_str!("../tests/data/pi.yaml");
const BIG: &str = include_str!("../tests/data/big-job.yaml");

fn analyze(c: &mut Criterion) {
    for (name, text) in [("pi", PI), ("big-job-323-lines", BIG)] {
        // A benchmark of an input that does not check clean would measure the wrong thing.
        assert!(!check_source(text).has_errors(), "{name} must be valid");
        c.bench_function(&format!("check_source/{name}"), |b| {
            b.iter(|| check_source(black_box(text)))
        });
    }
    c.bench_function("parse_stream/big-job-323-lines", |b| {
        b.iter(|| joblab_core::yaml::parse_stream(black_box(BIG)))
    });
}

criterion_group!(benches, analyze);
criterion_main!(benches);
