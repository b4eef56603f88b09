//! `oracle-diff`: Joblab against the Kubernetes oracle on generated Jobs, or on the committed
//! vectors. See `scripts/oracle-diff.sh`, which builds the oracle and runs this.

use std::collections::BTreeSet;
use std::path::PathBuf;
use std::process::ExitCode;

use oracle_diff::compare::compare_case;
use oracle_diff::cronjob_gen::generate_cronjobs;
use oracle_diff::generate::{generate, Seeds};
use oracle_diff::report::{reached, Tally};
use oracle_diff::vectors::{ask_oracle, read_vectors, write_vectors, Vector};

const USAGE: &str = "usage: oracle-diff --oracle BIN [--cronjobs] [--cases N] [--seed S] [--show K]
                   [--repo DIR] [--write-vectors FILE [--vectors-min M]]
       oracle-diff --vectors FILE [--show K]
       oracle-diff --simulate [--cronjobs] --oracle BIN [--cases N] [--seed S] [--show K] [--write-vectors FILE]
       oracle-diff --simulate --vectors FILE [--show K]
       oracle-diff --kubectl [--cronjobs] --oracle BIN [--cases N] [--seed S] [--max-snapshots M]
                   [--show K] [--write-vectors FILE]
       oracle-diff --kubectl --vectors FILE [--show K]
       oracle-diff --cron --oracle BIN [--cases N] [--seed S] [--show K] [--write-vectors FILE]
       oracle-diff --cron --vectors FILE [--show K]

  --cases N          generated cases (default 2000)
  --cronjobs         generate CronJobs (around the generated Jobs) instead of Jobs
  --seed S           generator seed (default 1); the same seed gives the same cases
  --show K           print the first K disagreements in full (default 5)
  --only TEXT        print only disagreements whose explanation contains TEXT
  --write-vectors F  write a representative set of the answers to F: every case that reaches an
                     error (path, type) pair or accepted difference not yet covered, then others
                     up to --vectors-min (default 2000)
  --only ID          (--simulate) run only case ID and write its files under target/sim-case/ID/
  --simulate         the simulation differential: Joblab's simulation against the real Job and
                     TTL-after-finished controllers (`oracle simulate`), on every guide preset at
                     its default knobs and each knob's bounds, then N generated Job x scenario cases
  --cronjobs         (--simulate) N generated CronJob x scenario cases instead: the real CronJob
                     controller v2 with the real Job controller of each child Job (sim::cron)
  --kubectl          the views differential: kubectl's views of simulation snapshots against
                     `oracle kubectl`; --cases is then the number of generated Job×scenario
                     pairs (default 60) added to the tests', docs' and presets' cases, and
                     --max-snapshots caps the snapshots of a run (default: all), taken evenly;
                     with --cronjobs, N generated CronJob x scenario cases alone (the CronJob
                     simulation differential's), up to 8 snapshots each, with `get cronjobs`,
                     `describe cronjob` and every Job's and Pod's views
  --cron             the cron differential: Joblab's cron engine against robfig/cron as the API
                     server and the CronJob controller call it (`oracle cron`), on N generated
                     schedule x timeZone x start cases (default 6000)
Exits 0 when every case agrees (or differs only as docs/fidelity.md accepts), 1 on any
disagreement, 2 on a usage or oracle error.";

struct Args {
    oracle: Option<PathBuf>,
    vectors: Option<PathBuf>,
    cases: usize,
    seed: u64,
    show: usize,
    repo: PathBuf,
    write_vectors: Option<PathBuf>,
    vectors_min: usize,
    only: Option<String>,
    kubectl: bool,
    cronjobs: bool,
    max_snapshots: Option<usize>,
}

fn parse_args() -> Result<Args, String> {
    let mut args = Args {
        oracle: None,
        vectors: None,
        cases: 2000,
        seed: 1,
        show: 5,
        repo: PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../.."),
        write_vectors: None,
        vectors_min: 2000,
        only: None,
        kubectl: false,
        cronjobs: false,
        max_snapshots: None,
    };
    let mut cases_given = false;
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = || it.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--oracle" => args.oracle = Some(PathBuf::from(value()?)),
            "--vectors" => args.vectors = Some(PathBuf::from(value()?)),
            "--cases" => {
                args.cases = value()?.parse().map_err(|e| format!("--cases: {e}"))?;
                cases_given = true;
            }
            "--kubectl" => args.kubectl = true,
            "--cronjobs" => args.cronjobs = true,
            "--max-snapshots" => {
                args.max_snapshots = Some(
                    value()?
                        .parse()
                        .map_err(|e| format!("--max-snapshots: {e}"))?,
                );
            }
            "--seed" => args.seed = value()?.parse().map_err(|e| format!("--seed: {e}"))?,
            "--show" => args.show = value()?.parse().map_err(|e| format!("--show: {e}"))?,
            "--repo" => args.repo = PathBuf::from(value()?),
            "--write-vectors" => args.write_vectors = Some(PathBuf::from(value()?)),
            "--vectors-min" => {
                args.vectors_min = value()?
                    .parse()
                    .map_err(|e| format!("--vectors-min: {e}"))?;
            }
            "--only" => args.only = Some(value()?),
            "-h" | "--help" => return Err(String::new()),
            other => return Err(format!("unknown argument {other}")),
        }
    }
    if args.oracle.is_none() == args.vectors.is_none() {
        return Err("give exactly one of --oracle and --vectors".to_owned());
    }
    if args.kubectl && !cases_given {
        args.cases = 60;
    }
    Ok(args)
}

fn main() -> ExitCode {
    if std::env::args().any(|a| a == "--simulate") {
        return simulate::main();
    }
    if std::env::args().any(|a| a == "--cron") {
        return ExitCode::from(oracle_diff::cron::run::main(
            std::env::args().skip(1),
            USAGE,
        ));
    }
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            if !e.is_empty() {
                eprintln!("oracle-diff: {e}");
            }
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    if args.kubectl {
        return kubectl_main(&args);
    }
    let vectors: Vec<Vector> = if let Some(path) = &args.vectors {
        match read_vectors(path) {
            Ok(v) => {
                println!(
                    "oracle-diff: {} committed vectors from {}",
                    v.len(),
                    path.display()
                );
                v
            }
            Err(e) => {
                eprintln!("oracle-diff: {e}");
                return ExitCode::from(2);
            }
        }
    } else {
        let seeds = Seeds::load(&args.repo);
        let (cases, what, flag) = if args.cronjobs {
            let cases = generate_cronjobs(&seeds, args.seed, args.cases);
            (cases, "CronJob cases", " --cronjobs")
        } else {
            (generate(&seeds, args.seed, args.cases), "cases", "")
        };
        println!(
            "oracle-diff: seed {}, {} {what} from {} seed Jobs (replay: scripts/oracle-diff.sh{flag} --cases {} --seed {})",
            args.seed,
            cases.len(),
            seeds.jobs.len(),
            args.cases,
            args.seed
        );
        let oracle = args.oracle.as_ref().expect("checked");
        let answers = match ask_oracle(oracle, &cases) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("oracle-diff: {e}");
                return ExitCode::from(2);
            }
        };
        cases
            .into_iter()
            .zip(answers)
            .map(|(c, answer)| Vector {
                id: c.id,
                origin: c.origin,
                mutations: c.mutations,
                yaml: c.yaml,
                answer,
            })
            .collect()
    };

    let mut tally = Tally::default();
    let mut shown = 0;
    let mut selected = Vec::new();
    let mut covered: BTreeSet<String> = BTreeSet::new();
    for v in &vectors {
        let comparison = compare_case(&v.yaml, &v.answer);
        tally.add(&v.answer, &comparison);
        let wanted = args
            .only
            .as_deref()
            .is_none_or(|only| comparison.explain().contains(only));
        if comparison.disagrees() && wanted && shown < args.show {
            shown += 1;
            println!(
                "\n--- disagreement {shown}: case {} (from {}; {})",
                v.id,
                v.origin,
                v.mutations.join("; ")
            );
            print!("{}", comparison.explain());
            println!("input:\n{}", v.yaml);
            let report = joblab_core::check::check_source(&v.yaml);
            println!("Joblab:");
            for d in report.documents.iter().flat_map(|d| &d.diagnostics) {
                println!(
                    "  {}:{}: {:?}: {}: {}: {}",
                    d.start.line,
                    d.start.column,
                    d.diagnostic.severity,
                    d.diagnostic.path,
                    d.diagnostic.error_type,
                    d.diagnostic.detail
                );
            }
            let mut answer = v.answer.clone();
            for d in &mut answer.documents {
                d.body = None;
            }
            println!(
                "oracle: {}",
                serde_json::to_string(&answer).unwrap_or_default()
            );
        }
        // Coverage keys: each (path, type) pair, and each accepted difference used.
        let mut keys: Vec<String> = reached(&v.answer)
            .into_iter()
            .map(|(p, t)| format!("{p} {t}"))
            .collect();
        for d in &comparison.documents {
            for (c, o) in &d.outcomes {
                if let oracle_diff::compare::Outcome::Explained(a) = o {
                    keys.push(format!("{} {}", c.name(), a.id()));
                }
            }
        }
        if keys.iter().any(|k| !covered.contains(k)) {
            covered.extend(keys);
            selected.push(v.clone());
        }
    }
    println!();
    print!("{}", tally.render());

    if let Some(path) = &args.write_vectors {
        let mut ids: BTreeSet<&str> = selected.iter().map(|v| v.id.as_str()).collect();
        let mut out = selected.clone();
        for v in &vectors {
            if out.len() >= args.vectors_min {
                break;
            }
            if ids.insert(v.id.as_str()) {
                out.push(v.clone());
            }
        }
        out.sort_by_key(|v| vectors.iter().position(|x| x.id == v.id));
        if let Err(e) = write_vectors(path, &out) {
            eprintln!("oracle-diff: {e}");
            return ExitCode::from(2);
        }
        println!(
            "wrote {} vectors to {} ({} chosen for coverage of {} keys)",
            out.len(),
            path.display(),
            selected.len(),
            covered.len()
        );
    }
    if tally.disagreeing_cases > 0 {
        println!(
            "oracle-diff: FAILED: {} of {} cases disagree",
            tally.disagreeing_cases, tally.cases
        );
        ExitCode::from(1)
    } else {
        println!("oracle-diff: every case agrees");
        ExitCode::SUCCESS
    }
}

/// `--simulate`: the simulation differential (oracle_diff::sim).
mod simulate {
    use std::path::PathBuf;
    use std::process::ExitCode;

    use oracle_diff::generate::Seeds;
    use oracle_diff::sim::cron::generate_cron;
    use oracle_diff::sim::{
        ask_oracle_sim, check_vector, fixed_cases, generate_sim, read_sim_vectors, reduce,
        write_sim_vectors, SimAnswer, SimTally, SimVector,
    };

    pub fn main() -> ExitCode {
        let mut oracle = None;
        let mut vectors = None;
        let mut cases = 2000usize;
        let mut seed = 1u64;
        let mut show = 5usize;
        let mut write = None;
        let mut only: Option<String> = None;
        let mut cronjobs = false;
        let mut repo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut it = std::env::args().skip(1);
        while let Some(flag) = it.next() {
            let mut value = || it.next().unwrap_or_default();
            match flag.as_str() {
                "--simulate" => {}
                "--cronjobs" => cronjobs = true,
                "--oracle" => oracle = Some(PathBuf::from(value())),
                "--vectors" => vectors = Some(PathBuf::from(value())),
                "--cases" => cases = value().parse().unwrap_or(cases),
                "--seed" => seed = value().parse().unwrap_or(seed),
                "--show" => show = value().parse().unwrap_or(show),
                "--write-vectors" => write = Some(PathBuf::from(value())),
                "--only" => only = Some(value()),
                "--repo" => repo = PathBuf::from(value()),
                other => {
                    eprintln!(
                        "oracle-diff --simulate: unknown argument {other}\n{}",
                        super::USAGE
                    );
                    return ExitCode::from(2);
                }
            }
        }
        let vectors: Vec<SimVector> = match (&oracle, &vectors) {
            (None, Some(path)) => match read_sim_vectors(path) {
                Ok(v) => {
                    println!(
                        "oracle-diff: {} committed simulation vectors from {}",
                        v.len(),
                        path.display()
                    );
                    v
                }
                Err(e) => {
                    eprintln!("oracle-diff: {e}");
                    return ExitCode::from(2);
                }
            },
            (Some(bin), None) => {
                let seeds = Seeds::load(&repo);
                let mut all = if cronjobs {
                    Vec::new()
                } else {
                    match fixed_cases(&repo) {
                        Ok(f) => f,
                        Err(e) => {
                            eprintln!("oracle-diff: {e}");
                            return ExitCode::from(2);
                        }
                    }
                };
                let fixed = all.len();
                if cronjobs {
                    all.extend(generate_cron(&seeds, seed, cases));
                } else {
                    all.extend(generate_sim(&seeds, seed, cases));
                }
                if let Some(only) = &only {
                    // One case (or a few) in isolation, its files written for `oracle simulate`
                    // and `joblab simulate` under target/sim-case/<id>/.
                    all.retain(|c| c.id == *only);
                    for c in &all {
                        let dir = repo.join("target/sim-case").join(&c.id);
                        let _ = std::fs::create_dir_all(&dir);
                        let _ = std::fs::write(dir.join("job.yaml"), &c.job);
                        let _ = std::fs::write(dir.join("scenario.yaml"), &c.scenario);
                        if let Some(u) = c.until {
                            let _ = std::fs::write(dir.join("until"), format!("{u}\n"));
                        }
                        println!("wrote {}", dir.display());
                    }
                }
                let flag = if cronjobs { " --cronjobs" } else { "" };
                println!(
                    "oracle-diff --simulate{flag}: {fixed} fixed cases (presets, test scenarios, README) and {cases} generated (seed {seed}; replay: scripts/oracle-diff.sh --simulate{flag} --cases {cases} --seed {seed})"
                );
                let answers = match ask_oracle_sim(bin, &all) {
                    Ok(a) => a,
                    Err(e) => {
                        eprintln!("oracle-diff: {e}");
                        return ExitCode::from(2);
                    }
                };
                all.into_iter()
                    .zip(answers)
                    .map(|(c, a)| SimVector {
                        id: c.id,
                        origin: c.origin,
                        job: c.job,
                        scenario: c.scenario,
                        until: c.until,
                        answer: SimAnswer {
                            id: a.id,
                            result: a.result.as_ref().map(reduce),
                            error: a.error,
                        },
                    })
                    .collect()
            }
            _ => {
                eprintln!("oracle-diff --simulate: give exactly one of --oracle and --vectors");
                return ExitCode::from(2);
            }
        };
        let mut tally = SimTally::default();
        let mut shown = 0;
        for v in &vectors {
            let outcome = check_vector(v);
            tally.add(&outcome, v.answer.result.as_ref());
            if outcome.disagrees() && shown < show {
                shown += 1;
                println!(
                    "\n--- disagreement {shown}: case {} (from {})",
                    v.id, v.origin
                );
                if let Some(e) = &outcome.error {
                    println!("  {e}");
                }
                for d in &outcome.differences {
                    println!("  [{}] {}", d.category, d.detail);
                }
                println!("job:\n{}scenario:\n{}", v.job, v.scenario);
            }
        }
        println!();
        print!("{}", tally.render());
        if let Some(path) = &write {
            if let Err(e) = write_sim_vectors(path, &vectors) {
                eprintln!("oracle-diff: {e}");
                return ExitCode::from(2);
            }
            println!(
                "wrote {} simulation vectors to {}",
                vectors.len(),
                path.display()
            );
        }
        if tally.disagreeing > 0 {
            println!(
                "oracle-diff: FAILED: {} of {} simulation cases disagree",
                tally.disagreeing, tally.cases
            );
            ExitCode::from(1)
        } else {
            println!("oracle-diff: every simulation case agrees");
            ExitCode::SUCCESS
        }
    }
}

/// The views differential (`--kubectl`).
fn kubectl_main(args: &Args) -> ExitCode {
    use oracle_diff::kubectl::{
        ask_oracle as ask, cases, compare, read_view_vectors, sample_at, samples,
        write_view_vectors, Sample, SnapshotAnswer, ViewVector,
    };
    let mut pairs: Vec<(oracle_diff::kubectl::ViewCase, Sample, SnapshotAnswer)> = Vec::new();
    if let Some(path) = &args.vectors {
        let vectors = match read_view_vectors(path) {
            Ok(v) => v,
            Err(e) => {
                eprintln!("oracle-diff: {e}");
                return ExitCode::from(2);
            }
        };
        println!(
            "oracle-diff --kubectl: {} committed snapshots from {}",
            vectors.len(),
            path.display()
        );
        for v in vectors {
            match sample_at(&v.case, v.at_ms) {
                Some(s) => pairs.push((v.case, s, v.answer)),
                None => {
                    eprintln!("oracle-diff: vector {} no longer simulates", v.answer.id);
                    return ExitCode::from(1);
                }
            }
        }
    } else {
        let all = if args.cronjobs {
            oracle_diff::kubectl::cron_cases(&args.repo, args.seed, args.cases)
        } else {
            cases(&args.repo, args.seed, args.cases)
        };
        let mut list: Vec<(usize, Sample)> = Vec::new();
        for (i, c) in all.iter().enumerate() {
            list.extend(samples(c).into_iter().map(|s| (i, s)));
        }
        if let Some(max) = args.max_snapshots.filter(|&m| m > 0 && m < list.len()) {
            let n = list.len();
            let keep: std::collections::BTreeSet<usize> = (0..max).map(|i| i * n / max).collect();
            list = list
                .into_iter()
                .enumerate()
                .filter(|(i, _)| keep.contains(i))
                .map(|(_, s)| s)
                .collect();
        }
        println!(
            "oracle-diff --kubectl: seed {}, {} cases ({} generated{}), {} snapshots (replay: scripts/oracle-diff.sh --kubectl{} --cases {} --seed {}{})",
            args.seed,
            all.len(),
            args.cases,
            if args.cronjobs { " CronJobs" } else { "" },
            list.len(),
            if args.cronjobs { " --cronjobs" } else { "" },
            args.cases,
            args.seed,
            args.max_snapshots
                .map_or(String::new(), |m| format!(" --max-snapshots {m}"))
        );
        let oracle = args.oracle.as_ref().expect("checked");
        let only: Vec<Sample> = list.iter().map(|(_, s)| s.clone()).collect();
        let answers = match ask(oracle, &only) {
            Ok(a) => a,
            Err(e) => {
                eprintln!("oracle-diff: {e}");
                return ExitCode::from(2);
            }
        };
        for ((i, s), a) in list.into_iter().zip(answers) {
            pairs.push((all[i].clone(), s, a));
        }
    }
    let mut per_kind: std::collections::BTreeMap<String, (usize, usize)> = Default::default();
    let mut shown = 0;
    let mut disagreeing = 0;
    let mut selected: Vec<ViewVector> = Vec::new();
    for (case, sample, answer) in &pairs {
        let diffs = compare(sample, answer);
        let mut bad = false;
        for d in &diffs {
            let e = per_kind.entry(d.kind.clone()).or_default();
            if d.diff.is_some() {
                e.1 += 1;
                bad = true;
                let wanted = args
                    .only
                    .as_deref()
                    .is_none_or(|o| d.command.contains(o) || d.kind.contains(o));
                if shown < args.show && wanted {
                    shown += 1;
                    println!(
                        "\n--- disagreement {shown}: {} ({}), `{}`\n{}",
                        sample.id,
                        case.origin,
                        d.command,
                        d.diff.as_deref().unwrap_or("")
                    );
                }
            } else {
                e.0 += 1;
            }
        }
        if bad {
            disagreeing += 1;
        }
    }
    // Vectors: the smallest snapshots that together reach every coverage token (each case, each
    // Job source, each preset, each Pod STATUS, Job STATUS and event reason kubectl printed, each
    // view that went to standard error); see `coverage_tokens`.
    let mut order: Vec<usize> = (0..pairs.len()).collect();
    let size = |i: usize| -> usize { pairs[i].2.views.iter().map(|v| v.output.len()).sum() };
    order.sort_by_key(|&i| (size(i), i));
    let mut covered: BTreeSet<String> = BTreeSet::new();
    let mut chosen: Vec<usize> = Vec::new();
    for i in order {
        let tokens = coverage_tokens(&pairs[i].0, &pairs[i].2);
        if tokens.iter().any(|t| !covered.contains(t)) {
            covered.extend(tokens);
            chosen.push(i);
        }
    }
    chosen.sort_unstable();
    for i in chosen {
        let (case, sample, answer) = &pairs[i];
        selected.push(ViewVector {
            case: case.clone(),
            at_ms: sample.at_ms,
            answer: answer.clone(),
        });
    }
    println!("\n| view | agree | disagree |\n|---|---|---|");
    for (k, (a, d)) in &per_kind {
        println!("| {k} | {a} | {d} |");
    }
    println!(
        "\nsnapshots: {}, with any difference: {disagreeing}",
        pairs.len()
    );
    if let Some(path) = &args.write_vectors {
        if let Err(e) = write_view_vectors(path, &selected) {
            eprintln!("oracle-diff: {e}");
            return ExitCode::from(2);
        }
        println!("wrote {} snapshots to {}", selected.len(), path.display());
    }
    if disagreeing > 0 {
        println!(
            "oracle-diff --kubectl: FAILED: {disagreeing} of {} snapshots disagree",
            pairs.len()
        );
        ExitCode::from(1)
    } else {
        println!("oracle-diff --kubectl: every view of every snapshot is byte-identical");
        ExitCode::SUCCESS
    }
}

/// What a snapshot shows that the committed vectors should cover: its case, where its Job comes
/// from (the seed file or preset), and each Pod STATUS, Job STATUS and event reason kubectl printed, and
/// each view kind that went to standard error.
fn coverage_tokens(
    case: &oracle_diff::kubectl::ViewCase,
    answer: &oracle_diff::kubectl::SnapshotAnswer,
) -> Vec<String> {
    let source = case
        .origin
        .split([' ', ','])
        .next()
        .unwrap_or("")
        .to_string();
    let mut tokens = vec![format!("source {source}"), format!("case {}", case.id)];
    for v in &answer.views {
        let column = match v.command.as_str() {
            "kubectl get pods" => Some(2),
            "kubectl get jobs" => Some(1),
            "kubectl get events" => Some(2),
            _ => None,
        };
        if let Some(c) = column {
            for line in v.output.lines().skip(1) {
                if let Some(word) = line.split_whitespace().nth(c) {
                    tokens.push(format!("{} {word}", v.command));
                }
            }
        }
        if v.stderr {
            tokens.push(format!(
                "stderr {}",
                oracle_diff::kubectl::view_kind(&v.command)
            ));
        }
        // describe sorts events with Go's sort.Sort, which keeps the order of equal times only
        // up to 12 events: a description with more is worth a vector of its own.
        if v.command.starts_with("kubectl describe")
            && v.output
                .split_once("\nEvents:\n")
                .is_some_and(|(_, events)| events.lines().count() > 14)
        {
            tokens.push(format!(
                "many events {}",
                oracle_diff::kubectl::view_kind(&v.command)
            ));
        }
    }
    tokens
}
