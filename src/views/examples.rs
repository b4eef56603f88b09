//! YAML and commands: the documentation's `pi` Job, the commands a learner types first, and what
//! each command prints at a moment the reader picks. Every output is rendered by the core's
//! kubectl views from the simulation of this very Job; nothing is pasted.

use joblab_core::check::check_source;
use joblab_core::kubectl;
use joblab_core::scenario::Scenario;
use joblab_core::sim::{Millis, Replay, Simulation, Snapshot};
use leptos::prelude::*;

/// The Kubernetes documentation's example Job, with its image pinned to a tag.
pub const PI_YAML: &str = "apiVersion: batch/v1
kind: Job
metadata:
  name: pi
spec:
  template:
    spec:
      containers:
      - name: pi
        image: perl:5.34.0
        command: [\"perl\", \"-Mbignum=bpi\", \"-wle\", \"print bpi(2000)\"]
      restartPolicy: Never
  backoffLimit: 4
";

/// How far past the Job's end the reader may look (so AGE keeps growing, as it does for real).
const AFTER_END_MS: Millis = 120_000;

/// The commands shown, each with the function that renders its output from a snapshot.
pub const COMMANDS: [&str; 6] = [
    "kubectl apply -f pi.yaml",
    "kubectl get jobs",
    "kubectl describe job pi",
    "kubectl get pods -l job-name=pi",
    "kubectl logs -l job-name=pi",
    "kubectl get events",
];

/// The output of `COMMANDS[i]` for the snapshot. Pure, so it is tested natively.
pub fn command_output(i: usize, snap: &Snapshot) -> String {
    match i {
        0 => "job.batch/pi created".to_string(),
        1 => kubectl::get_jobs(snap),
        2 => kubectl::describe_job(snap),
        3 => kubectl::get_pods(snap),
        4 => {
            // `kubectl logs -l` prints each selected Pod's log in turn.
            let mut out = String::new();
            for pod in snap.pods.iter().filter(|p| p.deleted_ms.is_none()) {
                match kubectl::logs(snap, &pod.name) {
                    Ok(text) => out.push_str(&text),
                    Err(e) => {
                        out.push_str(&e);
                        out.push('\n');
                    }
                }
            }
            if out.is_empty() {
                out.push_str("No resources found in default namespace.\n");
            }
            out
        }
        _ => kubectl::get_events(snap),
    }
}

/// Simulates the `pi` Job once. `None` only if the example itself stopped validating, which a
/// native test rules out.
pub fn pi_replay() -> Option<Replay> {
    let report = check_source(PI_YAML);
    let job = report.documents.into_iter().next()?.effective?;
    Some(Replay::record(
        Simulation::new(job, Scenario::default()),
        3_600_000,
    ))
}

/// `m:ss` for a slider label.
fn clock(ms: Millis) -> String {
    let s = ms / 1000;
    format!("{}:{:02}", s / 60, s % 60)
}

/// Copies `text` to the clipboard and reports the outcome in `status`.
fn copy(text: String, status: RwSignal<String>) {
    let Some(window) = web_sys::window() else {
        return;
    };
    let promise = window.navigator().clipboard().write_text(&text);
    status.set("Copying…".into());
    leptos::task::spawn_local(async move {
        let ok = wasm_bindgen_futures::JsFuture::from(promise).await.is_ok();
        status.set(if ok {
            "Copied to the clipboard.".into()
        } else {
            "The browser refused the clipboard; select the text and copy it instead.".into()
        });
    });
}

/// A code block with a Copy button.
#[component]
fn CopyBlock(label: String, text: String, status: RwSignal<String>) -> impl IntoView {
    let to_copy = text.clone();
    view! {
        <div class="copy-block">
            <pre tabindex="0" aria-label=label.clone()><code>{text}</code></pre>
            <button type="button" class="copy" aria-label=format!("Copy {label}") on:click=move |_| copy(to_copy.clone(), status)>"Copy"</button>
        </div>
    }
}

/// The Examples view's body; its heading is [`crate::workbench::Part::head`].
#[component]
pub fn ExamplesBody() -> impl IntoView {
    let replay = StoredValue::new(pi_replay());
    let end_ms = replay.with_value(|r| r.as_ref().map_or(0, |r| r.end().now()));
    let max_ms = end_ms + AFTER_END_MS;
    // Start at the moment the Job has just finished: the most instructive state.
    let at_ms = RwSignal::new(end_ms);
    let snapshot =
        Memo::new(move |_| replay.with_value(|r| r.as_ref().map(|r| r.snapshot_at(at_ms.get()))));
    let copied = RwSignal::new(String::new());
    let warnings: Vec<String> = check_source(PI_YAML)
        .documents
        .into_iter()
        .flat_map(|d| d.diagnostics)
        .map(|d| d.diagnostic.message())
        .collect();
    let moments: [(&str, Millis); 4] = [
        ("Just created", 0),
        ("Running", 5_000.min(end_ms)),
        ("Finished", end_ms),
        ("Two minutes later", max_ms),
    ];

    view! {
        <div class="view-body">
            <div class="examples-grid">
                <div>
                    <h3>"pi.yaml"</h3>
                    <CopyBlock label="pi.yaml".to_string() text=PI_YAML.to_string() status=copied/>
                    <p><a href=crate::views::practice::lab_link(PI_YAML, "")>"Open it in the lab →"</a></p>
                    <h3>"What the checker says"</h3>
                    <ul class="advice">
                        {if warnings.is_empty() {
                            view! { <li>"No errors and no warnings."</li> }.into_any()
                        } else {
                            warnings.into_iter().map(|w| view! { <li>{w}</li> }).collect_view().into_any()
                        }}
                    </ul>
                    <p class="note">"None of these stop the Job from running; they are habits worth having."</p>
                </div>
                <div>
                    <h3>"Pick a moment"</h3>
                    <div class="moment">
                        <label for="examples-time">"Simulated time"</label>
                        <input id="examples-time" type="range" min="0" max=max_ms.to_string() step="1000"
                            prop:value=move || at_ms.get().to_string()
                            aria-valuetext=move || clock(at_ms.get())
                            on:input=move |ev| {
                                if let Ok(v) = event_target_value(&ev).parse::<Millis>() { at_ms.set(v.min(max_ms)); }
                            }/>
                        <output for="examples-time">{move || clock(at_ms.get())}</output>
                    </div>
                    <div class="moment-buttons" role="group" aria-label="Moments">
                        {moments.into_iter().map(|(label, t)| view! {
                            <button type="button" aria-pressed=move || (at_ms.get() == t).to_string() on:click=move |_| at_ms.set(t)>{label}</button>
                        }).collect_view()}
                    </div>
                    <p class="copy-status" role="status">{move || copied.get()}</p>
                </div>
            </div>
            <ol class="commands">
                {COMMANDS.into_iter().enumerate().map(|(i, cmd)| {
                    let output = move || snapshot.with(|s| s.as_ref().map(|s| command_output(i, s)).unwrap_or_default());
                    view! {
                        <li class="command">
                            <div class="copy-block">
                                <pre class="prompt"><code>{format!("$ {cmd}")}</code></pre>
                                <button type="button" class="copy" aria-label=format!("Copy {cmd}") on:click=move |_| copy(cmd.to_string(), copied)>"Copy"</button>
                            </div>
                            <pre class="output" tabindex="0" aria-label=format!("Output of {cmd}")><code>{output}</code></pre>
                        </li>
                    }
                }).collect_view()}
            </ol>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_pi_job_simulates_to_complete_and_prints_pi() {
        let replay = pi_replay().expect("the example validates");
        let end = replay.end().now();
        let snap = replay.snapshot_at(end);
        let jobs = command_output(1, &snap);
        assert!(jobs.starts_with("NAME"), "{jobs}");
        assert!(jobs.contains("Complete"), "{jobs}");
        assert!(jobs.contains("1/1"), "{jobs}");
        let logs = command_output(4, &snap);
        assert!(logs.starts_with("3.14159265358979323846"), "{logs}");
        // bpi(2000): "3." and 1999 decimals.
        assert_eq!(logs.trim_end().len(), 2001, "{logs}");
        let pods = command_output(3, &snap);
        assert!(pods.contains("Completed"), "{pods}");
    }

    #[test]
    fn outputs_follow_the_moment() {
        let replay = pi_replay().expect("the example validates");
        let created = replay.snapshot_at(0);
        assert!(command_output(1, &created).contains("Running"));
        let logs_early = command_output(4, &created);
        assert!(
            !logs_early.starts_with("3.14"),
            "no logs before the container ran: {logs_early}"
        );
        let describe = command_output(2, &replay.snapshot_at(replay.end().now()));
        assert!(
            describe.contains("Name:") && describe.contains("perl:5.34.0"),
            "{describe}"
        );
    }
}
