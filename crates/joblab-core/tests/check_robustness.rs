//! Robustness: mutated and random inputs never panic and always finish; hostile inputs hit a
//! limit and say so.

use std::path::Path;

use joblab_core::check::{check_source, CheckReport};
use joblab_core::diag::ErrorType;
use joblab_core::limits::{MAX_DEPTH, MAX_DOCUMENTS, MAX_INPUT_BYTES};

/// A small deterministic generator (xorshift64*), so that failures reproduce.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

/// Characters that matter to YAML, plus some that matter to the decoder.
const INTERESTING: &[char] = &[
    ':', '-', ' ', '\n', '\t', '{', '}', '[', ']', ',', '&', '*', '!', '|', '>', '\'', '"', '#',
    '%', '@', '?', '<', '~', '0', '9', 'é', '\r', '\u{feff}',
];

fn mutate(rng: &mut Rng, text: &str) -> String {
    let mut chars: Vec<char> = text.chars().collect();
    for _ in 0..=rng.below(3) {
        let len = chars.len();
        let at = rng.below(len.max(1));
        match rng.below(6) {
            0 if len > 0 => {
                chars.remove(at);
            }
            1 if len > 0 => {
                let c = chars[at];
                chars.insert(at, c);
            }
            2 if len > 1 => {
                let other = rng.below(len);
                chars.swap(at, other);
            }
            3 => chars.insert(at.min(len), INTERESTING[rng.below(INTERESTING.len())]),
            4 if len > 0 => chars[at] = INTERESTING[rng.below(INTERESTING.len())],
            _ => {
                // Duplicate a slice of lines, to create duplicate keys and odd indents.
                let end = (at + rng.below(40)).min(len);
                let piece: Vec<char> = chars[at..end].to_vec();
                let to = rng.below(len.max(1));
                for (i, c) in piece.into_iter().enumerate() {
                    chars.insert((to + i).min(chars.len()), c);
                }
            }
        }
    }
    chars.into_iter().collect()
}

fn seeds() -> Vec<String> {
    let mut seeds = Vec::new();
    let data = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data");
    let corpus =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("../../../shared/corpus/jobs-in-the-wild");
    for dir in [data, corpus] {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            eprintln!(
                "note: {} is absent; mutating the other seeds only",
                dir.display()
            );
            continue;
        };
        let mut paths: Vec<_> = entries
            .filter_map(Result::ok)
            .map(|e| e.path())
            .filter(|p| p.extension().is_some_and(|e| e == "yaml"))
            .collect();
        paths.sort();
        seeds.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    seeds.push("a: &x [*x]\n".to_owned());
    seeds.push("{a: [b, {c: d}], e: !!str 1, f: !!int x, <<: {g: h}}".to_owned());
    seeds
}

/// Checks `text`, reporting the input if anything panics.
fn check_or_show(text: &str) -> CheckReport {
    match std::panic::catch_unwind(|| check_source(text)) {
        Ok(report) => report,
        Err(_) => panic!("check_source panicked on:\n{text:?}"),
    }
}

#[test]
fn mutated_manifests_never_panic() {
    let seeds = seeds();
    // JOBLAB_MUTATION_ROUNDS and JOBLAB_MUTATION_SEED allow a longer, different run by hand.
    let env = |name: &str, default: u64| {
        std::env::var(name)
            .ok()
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let mut rng = Rng(env("JOBLAB_MUTATION_SEED", 0x9e37_79b9_7f4a_7c15).max(1));
    let rounds = env("JOBLAB_MUTATION_ROUNDS", 6000);
    for round in 0..rounds {
        let seed = &seeds[rng.below(seeds.len())];
        let text = mutate(&mut rng, seed);
        let report = check_or_show(&text);
        assert!(
            !report.documents.is_empty(),
            "round {round}: every input gets at least one report"
        );
        for doc in &report.documents {
            for d in &doc.diagnostics {
                assert!(
                    d.diagnostic.span.start <= d.diagnostic.span.end
                        && d.diagnostic.span.end <= text.len(),
                    "round {round}: span out of the text"
                );
                assert!(d.start <= d.end, "round {round}");
            }
        }
    }
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(42);
    for _ in 0..3000 {
        let len = rng.below(200);
        let text: String = (0..len)
            .map(|_| {
                if rng.below(3) == 0 {
                    INTERESTING[rng.below(INTERESTING.len())]
                } else {
                    char::from(b' ' + rng.below(95) as u8)
                }
            })
            .collect();
        check_or_show(&text);
    }
}

fn first_error_type(report: &CheckReport) -> Option<ErrorType> {
    report
        .documents
        .iter()
        .flat_map(|d| &d.diagnostics)
        .map(|d| d.diagnostic.error_type)
        .find(|t| *t == ErrorType::LimitExceeded)
}

#[test]
fn hostile_inputs_hit_a_limit() {
    // Billion laughs: nine aliases per level, ten levels.
    let mut laughs = String::from("a0: &a0 [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n");
    for i in 1..10 {
        let refs = vec![format!("*a{}", i - 1); 9].join(", ");
        laughs.push_str(&format!("a{i}: &a{i} [{refs}]\n"));
    }
    // Deep nesting, in flow and in block style.
    let deep_flow = format!(
        "{}{}",
        "[".repeat(MAX_DEPTH * 50),
        "]".repeat(MAX_DEPTH * 50)
    );
    let mut deep_block = String::new();
    for i in 0..(MAX_DEPTH + 5) {
        deep_block.push_str(&" ".repeat(i * 2));
        deep_block.push_str("k:\n");
    }
    // Aliases that would nest too deep once expanded.
    let mut deep_alias = String::from("x0: &x0 [1]\n");
    for i in 1..(MAX_DEPTH + 2) {
        deep_alias.push_str(&format!("x{i}: &x{i} [*x{}]\n", i - 1));
    }
    let huge = format!("a: \"{}\"\n", "x".repeat(MAX_INPUT_BYTES));
    let many_docs = "---\na: 1\n".repeat(MAX_DOCUMENTS * 10);
    let cases = [
        ("billion laughs", laughs),
        ("deep flow", deep_flow),
        ("deep block", deep_block),
        ("deep alias", deep_alias),
        ("1 MiB", huge),
        ("10 000 documents", many_docs),
    ];
    for (name, text) in cases {
        let report = check_or_show(&text);
        assert_eq!(
            first_error_type(&report),
            Some(ErrorType::LimitExceeded),
            "{name}"
        );
        assert!(report.has_errors(), "{name}");
    }
}
