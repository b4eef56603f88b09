//! `oracle-diff --cron`: generates cases (or reads committed vectors), asks `oracle cron`,
//! compares every answer with Joblab's and prints the tally and the first disagreements.
use std::path::PathBuf;

use super::{
    ask_oracle_cron, compare, generate_cron, joblab_answer, read_cron_vectors, write_cron_vectors,
    CronOutcome, CronTally, CronVector,
};

/// Runs the mode on the command line's arguments (without the program name) and returns the
/// exit code: 0 when every case agrees or differs only by the checked tzdb gap, 1 on any
/// disagreement, 2 on a usage or oracle error. `usage` is printed with a usage error.
pub fn main(args: impl Iterator<Item = String>, usage: &str) -> u8 {
    let mut oracle = None;
    let mut vectors = None;
    let mut cases = 6000usize;
    let mut seed = 1u64;
    let mut show = 5usize;
    let mut write = None;
    let mut it = args;
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        let parsed = match flag.as_str() {
            "--cron" => Ok(()),
            "--oracle" => value().map(|v| oracle = Some(PathBuf::from(v))),
            "--vectors" => value().map(|v| vectors = Some(PathBuf::from(v))),
            "--cases" => value().and_then(|v| {
                v.parse()
                    .map(|n| cases = n)
                    .map_err(|e| format!("--cases: {e}"))
            }),
            "--seed" => value().and_then(|v| {
                v.parse()
                    .map(|n| seed = n)
                    .map_err(|e| format!("--seed: {e}"))
            }),
            "--show" => value().and_then(|v| {
                v.parse()
                    .map(|n| show = n)
                    .map_err(|e| format!("--show: {e}"))
            }),
            "--write-vectors" => value().map(|v| write = Some(PathBuf::from(v))),
            other => Err(format!("unknown argument {other}")),
        };
        if let Err(e) = parsed {
            eprintln!("oracle-diff --cron: {e}\n{}", usage);
            return 2;
        }
    }
    let vectors: Vec<CronVector> = match (&oracle, &vectors) {
        (None, Some(path)) => match read_cron_vectors(path) {
            Ok(v) => {
                println!(
                    "oracle-diff --cron: {} committed cron vectors from {}",
                    v.len(),
                    path.display()
                );
                v
            }
            Err(e) => {
                eprintln!("oracle-diff: {e}");
                return 2;
            }
        },
        (Some(bin), None) => {
            let all = generate_cron(seed, cases);
            println!(
                "oracle-diff --cron: {cases} generated cases (seed {seed}; replay: scripts/oracle-diff.sh --cron --cases {cases} --seed {seed})"
            );
            let answers = match ask_oracle_cron(bin, &all) {
                Ok(a) => a,
                Err(e) => {
                    eprintln!("oracle-diff: {e}");
                    return 2;
                }
            };
            all.into_iter()
                .zip(answers)
                .map(|(case, answer)| CronVector { case, answer })
                .collect()
        }
        _ => {
            eprintln!("oracle-diff --cron: give exactly one of --oracle and --vectors");
            return 2;
        }
    };
    let mut tally = CronTally::default();
    let mut shown = 0;
    for v in &vectors {
        let outcome = compare(&v.case, &v.answer, &joblab_answer(&v.case));
        tally.add(&v.answer, &outcome);
        if let (CronOutcome::Disagree(diffs), true) = (&outcome, shown < show) {
            shown += 1;
            println!(
                "\n--- disagreement {shown}: case {} ({}): schedule {:?}, timeZone {:?}, start {}",
                v.case.id, v.case.origin, v.case.schedule, v.case.time_zone, v.case.start
            );
            for d in diffs {
                println!("  {d}");
            }
        }
    }
    println!();
    print!("{}", tally.render());
    if let Some(path) = &write {
        if let Err(e) = write_cron_vectors(path, &vectors) {
            eprintln!("oracle-diff: {e}");
            return 2;
        }
        println!("wrote {} cron vectors to {}", vectors.len(), path.display());
    }
    if tally.disagreeing > 0 {
        println!(
            "oracle-diff --cron: FAILED: {} of {} cron cases disagree",
            tally.disagreeing, tally.cases
        );
        1
    } else {
        println!("oracle-diff --cron: every cron case agrees");
        0
    }
}
