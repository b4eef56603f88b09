//! Practice: the use cases Jobs are made for, each with a Job to open in the lab, and self-check
//! questions in the "predict, then run" style. An answer is never stored: when the reader checks
//! it, the Job is simulated and the choice that matches what the simulation did is the right one.

use joblab_core::check::check_source;
use joblab_core::scenario::Scenario;
use joblab_core::share::{encode, SharedState};
use joblab_core::sim::{Replay, Simulation, Snapshot};
use leptos::prelude::*;

/// A link that opens `job_yaml` (and what its containers do) in the lab, through the lab's share
/// code, so the reader can edit it there without losing anything they had typed before.
pub fn lab_link(job_yaml: &str, scenario_yaml: &str) -> String {
    let code = encode(&SharedState {
        job: job_yaml.to_string(),
        scenario: scenario_yaml.to_string(),
        seed: 0,
        time_ms: 0,
    });
    format!("#/lab?s={code}")
}

/// How long a practice simulation may run (simulated ms): far beyond any question's Job.
const RUN_LIMIT_MS: u64 = 3_600_000;

/// Simulates `job_yaml` under `scenario_yaml` to the end. `None` if either fails to validate,
/// which the native tests rule out for every question.
pub fn simulate(job_yaml: &str, scenario_yaml: &str) -> Option<Snapshot> {
    let job = check_source(job_yaml)
        .documents
        .into_iter()
        .next()?
        .effective?;
    let scenario = Scenario::from_yaml(scenario_yaml).ok()?;
    let replay = Replay::record_interactive(Simulation::new(job, scenario), RUN_LIMIT_MS);
    Some(replay.end().snapshot())
}

/// A self-check question: a Job, what its containers do, three choices, and how to read the
/// simulation's final state as one of those choices.
pub struct Question {
    /// What the reader must predict.
    pub prompt: &'static str,
    /// The Job.
    pub job_yaml: &'static str,
    /// What its containers do.
    pub scenario_yaml: &'static str,
    /// The three choices.
    pub choices: [&'static str; 3],
    /// Which choice the simulation's final state matches, if any, and a sentence saying what it did.
    pub read: fn(&Snapshot) -> (Option<usize>, String),
    /// Why, in one or two sentences.
    pub why: &'static str,
}

fn pods_created(s: &Snapshot) -> usize {
    s.pods.len()
}

/// The questions, in order.
pub fn questions() -> Vec<Question> {
    vec![
        Question {
            prompt: "backoffLimit is 1, restartPolicy is Never, and every run exits 1. How many Pods does the Job controller create before the Job fails?",
            job_yaml: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: flaky\nspec:\n  backoffLimit: 1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"exit 1\"]\n",
            scenario_yaml: "exitCode: 1\n",
            choices: ["1 Pod", "2 Pods", "3 Pods"],
            read: |s| {
                let n = pods_created(s);
                ((1..=3).contains(&n).then(|| n - 1), format!("The simulation created {n} Pod(s); the Job ended {}.", ending(s)))
            },
            why: "backoffLimit counts retries: the Job fails when failures exceed it. With 1, the first failure is retried once, and the second failure ends the Job.",
        },
        Question {
            prompt: "The same failing container, but with restartPolicy OnFailure and backoffLimit 2. How many Pods are created?",
            job_yaml: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: crashy\nspec:\n  backoffLimit: 2\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"exit 1\"]\n",
            scenario_yaml: "exitCode: 1\n",
            choices: ["1 Pod", "3 Pods", "7 Pods"],
            read: |s| {
                let n = pods_created(s);
                let restarts: u32 = s.pods.iter().map(|p| p.restart_count).sum();
                let choice = match n { 1 => Some(0), 3 => Some(1), 7 => Some(2), _ => None };
                (choice, format!("The simulation created {n} Pod(s) with {restarts} container restart(s); the Job ended {}.", ending(s)))
            },
            why: "Under OnFailure the kubelet restarts the container inside the same Pod. The controller counts those restarts against backoffLimit and fails the Job when they reach it.",
        },
        Question {
            prompt: "completions is 5 and parallelism is 2; each Pod takes about 1 s to start and 10 s to run. Roughly when is the Job complete?",
            job_yaml: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: batch\nspec:\n  completions: 5\n  parallelism: 2\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 10\"]\n",
            scenario_yaml: "startupSeconds: 1\nrunSeconds: 10\n",
            choices: ["After about 11 s", "After about 35 s", "After about 55 s"],
            read: |s| match s.status.finished_ms() {
                Some(ms) => {
                    let secs = ms as f64 / 1000.0;
                    let nearest = [11.0, 35.0, 55.0]
                        .iter()
                        .enumerate()
                        .min_by(|a, b| (a.1 - secs).abs().total_cmp(&(b.1 - secs).abs()))
                        .map(|(i, _)| i);
                    (nearest, format!("The simulated Job was complete after {} s, in three waves of at most two Pods.", (ms + 500) / 1000))
                }
                None => (None, "The simulated Job did not finish.".to_string()),
            },
            why: "At most two Pods run at a time, so five completions take three waves (2, 2, then 1), each a little over 11 s including start-up and the controller's reaction.",
        },
        Question {
            prompt: "activeDeadlineSeconds is 20, but the work takes 60 s, and backoffLimit is left at its default. How does the Job end?",
            job_yaml: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: slow\nspec:\n  activeDeadlineSeconds: 20\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: main\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"sleep 60\"]\n",
            scenario_yaml: "runSeconds: 60\n",
            choices: ["Complete", "Failed, reason DeadlineExceeded", "Failed, reason BackoffLimitExceeded"],
            read: |s| {
                let choice = if s.status.condition("Complete").is_some() {
                    Some(0)
                } else {
                    match s.status.condition("Failed").map(|c| c.reason.as_str()) {
                        Some("DeadlineExceeded") => Some(1),
                        Some("BackoffLimitExceeded") => Some(2),
                        _ => None,
                    }
                };
                (choice, format!("The simulated Job ended {}.", ending(s)))
            },
            why: "The deadline covers the whole Job. When it passes, the controller terminates the running Pod and fails the Job, however many retries were left.",
        },
        Question {
            prompt: "A work queue: completions is unset, parallelism is 3, and every Pod succeeds after 10 s. How many Pods succeed in total?",
            job_yaml: "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: queue\nspec:\n  parallelism: 3\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: worker\n        image: busybox:1.36\n        command: [\"sh\", \"-c\", \"work-until-queue-empty\"]\n",
            scenario_yaml: "runSeconds: 10\n",
            choices: ["1", "3", "It never stops"],
            read: |s| {
                let n = s.status.succeeded;
                let choice = match (n, s.status.finished_ms()) {
                    (_, None) => Some(2),
                    (1, _) => Some(0),
                    (3, _) => Some(1),
                    _ => None,
                };
                (choice, format!("In the simulation {n} Pod(s) succeeded and the Job ended {}.", ending(s)))
            },
            why: "With completions unset, the first success means the queue is empty: the controller starts no new Pods, lets the running ones finish, and completes the Job.",
        },
    ]
}

/// "Complete (CompletionsReached)"-style summary of how the Job ended.
fn ending(s: &Snapshot) -> String {
    if let Some(c) = s.status.condition("Complete") {
        format!("Complete ({})", c.reason)
    } else if let Some(c) = s.status.condition("Failed") {
        format!("Failed ({})", c.reason)
    } else {
        "without finishing".to_string()
    }
}

/// The use cases from the outline, each with a realistic Job.
pub const USE_CASES: [(&str, &str, &str); 3] = [
    ("Database migrations", "Run schema changes once, before or alongside a rollout. backoffLimit 0 keeps a half-applied migration from being retried blindly, and the Job's status tells the rollout whether to go on.",
     "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: migrate-orders-v42\nspec:\n  backoffLimit: 0\n  activeDeadlineSeconds: 600\n  ttlSecondsAfterFinished: 86400\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: migrate\n        image: registry.example.com/orders-migrations:42\n        args: [\"migrate\", \"--to\", \"42\"]\n        resources:\n          requests: {cpu: 100m, memory: 128Mi}\n"),
    ("Batch reports", "Compute a report or a long calculation, in parallel when the work splits. An Indexed Job hands each Pod its slice in JOB_COMPLETION_INDEX.",
     "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: monthly-report\nspec:\n  completionMode: Indexed\n  completions: 4\n  parallelism: 2\n  ttlSecondsAfterFinished: 3600\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: report\n        image: registry.example.com/report:2024.11\n        args: [\"--shard\", \"$(JOB_COMPLETION_INDEX)\", \"--of\", \"4\"]\n        resources:\n          requests: {cpu: 500m, memory: 512Mi}\n"),
    ("Administrative automation", "Backups, repairs and one-off operations: run once, keep the logs until someone has read them, and fail loudly rather than loop.",
     "apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: backup-now\nspec:\n  backoffLimit: 2\n  ttlSecondsAfterFinished: 604800\n  template:\n    spec:\n      restartPolicy: OnFailure\n      containers:\n      - name: backup\n        image: registry.example.com/backup:1.8\n        args: [\"--target\", \"s3://backups/now\"]\n        resources:\n          requests: {cpu: 200m, memory: 256Mi}\n"),
];

/// One question with its choices, a Check button and the simulated answer.
#[component]
fn QuestionCard(number: usize, question: Question) -> impl IntoView {
    let picked = RwSignal::new(None::<usize>);
    let result = RwSignal::new(None::<(Option<usize>, String)>);
    let Question {
        prompt,
        job_yaml,
        scenario_yaml,
        choices,
        read,
        why,
    } = question;
    let name = format!("q{number}");
    // An embed reports each checked answer to its host page (src/events.rs).
    let sink = crate::events::Sink::current();
    view! {
        <article class="card question-card">
            <h3>{format!("Question {number}")}</h3>
            <p>{prompt}</p>
            // The YAML keeps its lines and scrolls sideways in its box on narrow screens (and at
            // 400 % zoom), so the box is a named region in the tab order for the arrow keys.
            <details class="job-source"><summary>"The Job"</summary>
                <pre tabindex="0" role="region" aria-label=format!("Question {number}: the Job's YAML")><code>{job_yaml}</code></pre>
            </details>
            <p><a href=lab_link(job_yaml, scenario_yaml)>"Open this Job in the lab"</a>" (after you check, to experiment)"</p>
            <fieldset class="question">
                <legend>"Your prediction"</legend>
                {choices.into_iter().enumerate().map(|(i, label)| {
                    let name = name.clone();
                    view! {
                        <label><input type="radio" name=name on:change=move |_| { picked.set(Some(i)); result.set(None); }/>{format!(" {label}")}</label>
                    }
                }).collect_view()}
            </fieldset>
            <button type="button" class="primary" disabled=move || picked.get().is_none()
                on:click=move |_| {
                    let outcome = simulate(job_yaml, scenario_yaml)
                        .map(|s| read(&s))
                        .unwrap_or((None, "The simulation could not run this Job.".to_string()));
                    if let Some(choice) = picked.get_untracked() {
                        let correct = outcome.0 == Some(choice);
                        sink.emit(&crate::events::HostEvent::Answer { question: number, choice: choice + 1, correct });
                    }
                    // Reported to the LMS when Practice runs in a SCORM package (src/scorm.rs).
                    crate::scorm::record(number - 1, outcome.0.is_some() && outcome.0 == picked.get_untracked());
                    result.set(Some(outcome));
                }>"Run it and check"</button>
            <div class="verdict" role="status">
                {move || result.get().map(|(right, said)| {
                    let correct = right.is_some() && right == picked.get();
                    view! {
                        <p class=if correct { "right" } else { "wrong" }>
                            <strong>{if correct { "Right. " } else { "Not this time. " }}</strong>
                            {said}
                        </p>
                        <p>{why}</p>
                    }
                })}
            </div>
        </article>
    }
}

/// The Practice view's body; its heading is [`crate::workbench::Part::head`].
#[component]
pub fn PracticeBody() -> impl IntoView {
    let questions = questions();
    let reporting = crate::scorm::start(questions.len()).sentence();
    view! {
        <div class="view-body">
            {reporting.map(|text| view! { <p class="scorm-status">{text}</p> })}
            <h3>"What Jobs are for"</h3>
            <div class="card-grid">
                {USE_CASES.into_iter().map(|(title, body, yaml)| view! {
                    <article class="card">
                        <h3>{title}</h3>
                        <p>{body}</p>
                        <details class="job-source"><summary>"A Job for it"</summary>
                            <pre tabindex="0" role="region" aria-label=format!("{title}: a Job for it")><code>{yaml}</code></pre>
                        </details>
                        <p class="card-link"><a href=lab_link(yaml, "")>{format!("Open the {} Job in the lab →", title.to_lowercase())}</a></p>
                    </article>
                }).collect_view()}
            </div>
            <h3 class="section-gap">"Predict, then run"</h3>
            <p class="lede">"Pick what you think happens, then let the simulated controller show you."</p>
            <div class="card-grid">
                {questions.into_iter().enumerate().map(|(i, q)| view! { <QuestionCard number=i + 1 question=q/> }).collect_view()}
            </div>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_has_a_simulated_answer_among_its_choices() {
        let expected = [1, 0, 1, 1, 1];
        for (i, q) in questions().into_iter().enumerate() {
            let snap = simulate(q.job_yaml, q.scenario_yaml).expect("question Job validates");
            let (choice, said) = (q.read)(&snap);
            assert_eq!(choice, Some(expected[i]), "question {}: {said}", i + 1);
        }
    }

    #[test]
    fn lab_links_carry_the_job_and_scenario() {
        let link = lab_link(USE_CASES[0].2, "runSeconds: 3\n");
        let code = link.strip_prefix("#/lab?s=").expect("a lab link");
        let state = joblab_core::share::decode(code).expect("decodes");
        assert_eq!(state.job, USE_CASES[0].2);
        assert_eq!(state.scenario, "runSeconds: 3\n");
    }

    #[test]
    fn use_case_jobs_are_valid() {
        for (title, _, yaml) in USE_CASES {
            let report = check_source(yaml);
            assert!(
                !report.has_errors(),
                "{title}: {:?}",
                report.documents[0].diagnostics
            );
        }
    }
}
