//! Joblab's simulation against the real Job controller's committed runs
//! (oracle/vectors/simulate.jsonl: every guide preset at its default knobs and each knob's bounds,
//! and 2 000 generated Job x scenario cases, each with what `oracle simulate` printed), with no Go
//! needed. Every vector must agree exactly (crates/oracle-diff/src/sim/compare.rs says what agreement
//! means). Regenerate them with `bash scripts/oracle-vectors.sh --simulate`.

use std::path::Path;

use oracle_diff::sim::{check_all, read_sim_vectors};

#[test]
fn the_simulation_agrees_with_every_committed_controller_run() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../oracle/vectors/simulate.jsonl");
    let vectors = read_sim_vectors(&path).expect("the committed simulation vectors");
    let generated = vectors.iter().filter(|v| v.id.starts_with("sim-")).count();
    assert!(
        generated >= 2000,
        "{generated} generated vectors; the differential commits at least 2000"
    );
    assert!(vectors.iter().any(|v| v.id.starts_with("preset-")));
    if let Err(report) = check_all(&vectors) {
        panic!("{report}");
    }
}
