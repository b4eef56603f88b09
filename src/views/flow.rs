//! The controller's lifecycle, step by step, in the order the API server and the Job controller
//! act. Each step links to the diagram where it can be watched.

use leptos::prelude::*;

/// The Flow view.
#[component]
pub fn Flow() -> impl IntoView {
    let steps: [(&str, &str, &str, &str); 6] = [
        ("Create the Job",
         "kubectl sends the manifest to the API server, which fills in defaults (parallelism 1, backoffLimit 6, a generated selector and labels), validates it, and stores it. An invalid Job is refused here and never runs.",
         "#/lab", "Try validation in the lab"),
        ("Launch Pods",
         "The Job controller sees the new Job, sets its start time, and creates Pods from the template: as many as parallelism allows, never more than the completions still missing. Each creation is a SuccessfulCreate event.",
         "#/diagrams/parallel", "Watch Pods launch three at a time"),
        ("Count successes",
         "Each Pod whose containers exit with code 0 is a success. The Job's succeeded count grows, and a free slot lets the controller start the next Pod until the completions are reached.",
         "#/diagrams/parallel", "Watch the completion count grow"),
        ("Retry failures",
         "A failure is retried after a growing delay: with restartPolicy Never the controller creates a new Pod; with OnFailure the kubelet restarts the container in the same Pod. When failures exceed backoffLimit, or the deadline passes, the Job fails.",
         "#/diagrams/failure", "Watch backoffLimit: 2 run out"),
        ("Finish",
         "The controller records SuccessCriteriaMet or FailureTarget, waits until no Pod is left running or terminating, then adds the terminal condition Complete or Failed. A finished Job starts no more Pods.",
         "#/diagrams/simple", "Watch a Job complete"),
        ("Keep, then clean up",
         "The Job and its Pods stay for you to inspect (kubectl logs, describe). With ttlSecondsAfterFinished the TTL controller deletes them when the time is up; otherwise they stay until you delete them.",
         "#/examples", "See the commands"),
    ];
    view! {
        <section class="view" aria-labelledby="flow-title">
            <p class="eyebrow">"Lifecycle flow"</p>
            <h2 id="flow-title" tabindex="-1">"From kubectl apply to Complete"</h2>
            <p class="lede">"A Job is reconciled like any other controller-managed object; what differs is what the controller counts. A Deployment counts running replicas, a Job counts finished Pods."</p>
            <ol class="flow-steps">
                {steps.into_iter().map(|(title, body, href, link)| view! {
                    <li class="flow-step">
                        <h3>{title}</h3>
                        <p>{body}</p>
                        <p class="card-link"><a href=href>{link}" →"</a></p>
                    </li>
                }).collect_view()}
            </ol>
        </section>
    }
}
