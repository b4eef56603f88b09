//! Tallies of a differential run: agreement per category, the accepted differences used, and the
//! error paths and types the cases reached.

use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;

use crate::accepted::Accepted;
use crate::answer::CaseAnswer;
use crate::compare::{CaseComparison, Category, Outcome};

/// Counts per category.
#[derive(Clone, Debug, Default)]
pub struct Tally {
    /// Cases compared.
    pub cases: usize,
    /// Documents compared.
    pub documents: usize,
    /// (agree, explained, not applicable, disagree) per category.
    pub per_category: BTreeMap<Category, [usize; 4]>,
    /// How often each accepted difference explained a category.
    pub accepted: BTreeMap<Accepted, usize>,
    /// Cases with a disagreement.
    pub disagreeing_cases: usize,
    /// Distinct error paths (indices and map keys normalised) the oracle reported.
    pub error_paths: BTreeSet<String>,
    /// Distinct (normalised path, error type) pairs the oracle reported.
    pub path_types: BTreeSet<(String, String)>,
    /// Distinct error types.
    pub error_types: BTreeSet<String>,
    /// Cases the oracle accepted.
    pub accepted_cases: usize,
}

/// A path with list indices and map keys replaced by `[*]`, so that
/// `containers[0].ports[1].name` and `containers[2].ports[0].name` count once.
pub fn normalise_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    let mut depth = 0;
    for c in path.chars() {
        match c {
            '[' => {
                if depth == 0 {
                    out.push_str("[*]");
                }
                depth += 1;
            }
            ']' => depth -= 1,
            _ if depth == 0 => out.push(c),
            _ => {}
        }
    }
    out
}

/// The (normalised path, type) pairs an answer reaches: validation errors, strict errors and
/// decode errors each as their own type.
pub fn reached(answer: &CaseAnswer) -> Vec<(String, String)> {
    let mut out = Vec::new();
    for d in &answer.documents {
        for e in &d.errors {
            out.push((normalise_path(&e.field), e.error_type.clone()));
        }
        for e in &d.strict_errors {
            let path = e.message.split('"').nth(1).unwrap_or("");
            let kind = e.message.split(" \"").next().unwrap_or("strict");
            out.push((normalise_path(path), kind.to_owned()));
        }
        if !d.decode_error.is_empty() {
            let path = d
                .decode_error
                .split("Go struct field ")
                .nth(1)
                .and_then(|r| r.split(" of type ").next())
                .and_then(|f| f.split_once('.'))
                .map_or("", |(_, p)| p);
            out.push((normalise_path(path), "type error".to_owned()));
        }
        if !d.client_error.is_empty() {
            out.push((String::new(), "client-side YAML error".to_owned()));
        }
    }
    out
}

impl Tally {
    /// Adds one case.
    pub fn add(&mut self, answer: &CaseAnswer, comparison: &CaseComparison) {
        self.cases += 1;
        if comparison.disagrees() {
            self.disagreeing_cases += 1;
        }
        if answer.documents.iter().any(|d| d.accepted) {
            self.accepted_cases += 1;
        }
        for (path, ty) in reached(answer) {
            self.error_paths.insert(path.clone());
            self.error_types.insert(ty.clone());
            self.path_types.insert((path, ty));
        }
        for d in &comparison.documents {
            self.documents += 1;
            for (category, outcome) in &d.outcomes {
                let slot = self.per_category.entry(*category).or_default();
                match outcome {
                    Outcome::Agree => slot[0] += 1,
                    Outcome::Explained(a) => {
                        slot[1] += 1;
                        *self.accepted.entry(*a).or_default() += 1;
                    }
                    Outcome::NotApplicable => slot[2] += 1,
                    Outcome::Disagree(_) => slot[3] += 1,
                }
            }
        }
    }

    /// The plain-text table.
    pub fn render(&self) -> String {
        let mut out = String::new();
        let _ = writeln!(
            out,
            "{} cases, {} documents; the oracle accepted {} cases; {} cases disagree",
            self.cases, self.documents, self.accepted_cases, self.disagreeing_cases
        );
        let _ = writeln!(
            out,
            "{:<10} {:>8} {:>10} {:>8} {:>9}",
            "category", "agree", "explained", "n/a", "disagree"
        );
        for c in Category::ALL {
            let [a, e, n, d] = self.per_category.get(&c).copied().unwrap_or_default();
            let _ = writeln!(out, "{:<10} {a:>8} {e:>10} {n:>8} {d:>9}", c.name());
        }
        let used: Vec<String> = self
            .accepted
            .iter()
            .map(|(a, n)| format!("{} {n}", a.id()))
            .collect();
        let _ = writeln!(
            out,
            "accepted differences used: {}",
            if used.is_empty() {
                "none".to_owned()
            } else {
                used.join(", ")
            }
        );
        let _ =
            writeln!(
            out,
            "the oracle's errors reached {} distinct paths, {} (path, type) pairs, {} types: {}",
            self.error_paths.len(),
            self.path_types.len(),
            self.error_types.len(),
            self.error_types.iter().cloned().collect::<Vec<_>>().join(", ")
        );
        out
    }
}
