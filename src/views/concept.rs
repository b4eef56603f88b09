//! The core model: what a Job is and the handful of fields that decide how it behaves.
//! Every statement here matches the Job controller as the simulation models it; each section
//! links to the diagram that shows it happening.

use leptos::prelude::*;

/// A concept card: a heading, a few sentences, and a link to the diagram that shows it.
#[component]
fn Card(
    title: &'static str,
    href: &'static str,
    link: &'static str,
    children: Children,
) -> impl IntoView {
    view! {
        <article class="card">
            <h3>{title}</h3>
            {children()}
            <p class="card-link"><a href=href>{link}" →"</a></p>
        </article>
    }
}

/// The Concept view.
#[component]
pub fn Concept() -> impl IntoView {
    view! {
        <section class="view" aria-labelledby="concept-title">
            <p class="eyebrow">"Core model"</p>
            <h2 id="concept-title" tabindex="-1">"A Job finishes. That is the whole point."</h2>
            <p class="lede">
                "A Deployment keeps Pods running forever; a Job runs Pods until enough of them have "
                <em>"succeeded"</em>", then stops. Kubernetes judges a Job by completed work, not by "
                "uptime, so it counts successes, retries failures up to a budget, and leaves the "
                "finished Pods behind for you to inspect until something cleans them up."
            </p>
            <div class="card-grid">
                <Card title="Run to completion" href="#/diagrams/simple" link="Watch a simple Job">
                    <p>"Use a Job for work with an end: a database migration, a report, a backup, a "
                    "batch of images to resize. The Job is done when a Pod exits with code 0 (or, with "
                    <code>"completions"</code>", when that many have)."</p>
                </Card>
                <Card title="The Pod template" href="#/examples" link="See the template in a real Job">
                    <p><code>"spec.template"</code>" is an ordinary Pod spec. The Job controller stamps "
                    "out Pods from it, adds the labels "<code>"job-name"</code>" and "
                    <code>"controller-uid"</code>" so it can find them again, and never changes the "
                    "template after creation."</p>
                </Card>
                <Card title="completions and parallelism" href="#/diagrams/parallel" link="Watch 6 completions, 3 at a time">
                    <p><code>"completions"</code>" is how many Pods must succeed; "<code>"parallelism"</code>
                    " is how many may run at once. Both default to 1. With "<code>"completions: 6"</code>
                    " and "<code>"parallelism: 3"</code>", three Pods start, and each success makes room "
                    "for the next until six have succeeded."</p>
                </Card>
                <Card title="restartPolicy: Never or OnFailure" href="#/diagrams/on-failure" link="Compare OnFailure restarts">
                    <p>"A Job's Pods must not use "<code>"Always"</code>" (the Pod default), so you must "
                    "set one of the other two. With "<code>"Never"</code>", a failed container fails its "
                    "Pod and the controller creates a "<em>"new"</em>" Pod. With "<code>"OnFailure"</code>
                    ", the kubelet restarts the container inside the same Pod, and the Pod's restart "
                    "count grows instead."</p>
                </Card>
                <Card title="How backoffLimit counts" href="#/diagrams/failure" link="Watch backoffLimit: 2 fail on the third failure">
                    <p><code>"backoffLimit"</code>" (default 6) is the number of "<em>"retries"</em>
                    ", not attempts. The Job fails when the failures exceed it: with "
                    <code>"backoffLimit: 2"</code>" and "<code>"restartPolicy: Never"</code>", the first "
                    "Pod and two replacements fail, and the Job is marked Failed with reason "
                    <code>"BackoffLimitExceeded"</code>" on the third failure. Under "
                    <code>"OnFailure"</code>" it is the container restarts that are counted."</p>
                </Card>
                <Card title="Backoff between retries" href="#/diagrams/failure" link="See the delays on the time axis">
                    <p>"Replacements are not immediate. After a failure the controller waits 10 s, "
                    "then 20 s, 40 s, 80 s and so on, doubling up to a cap of 10 minutes; a success "
                    "resets the sequence. Under "<code>"OnFailure"</code>" the kubelet applies its "
                    "own crash-loop delay to in-place restarts (10 s doubling to 5 minutes)."</p>
                </Card>
                <Card title="Conditions tell you how it ended" href="#/diagrams/failure" link="Watch the conditions appear">
                    <p>"When the success criteria are met the Job first gets "
                    <code>"SuccessCriteriaMet"</code>", then "<code>"Complete"</code>" once no Pod is "
                    "still terminating. A failure shows "<code>"FailureTarget"</code>" first, then "
                    <code>"Failed"</code>", with a reason such as "<code>"BackoffLimitExceeded"</code>
                    " or "<code>"DeadlineExceeded"</code>". A Job never has both Complete and Failed."</p>
                </Card>
                <Card title="Deadlines" href="#/diagrams/deadline" link="Watch a deadline end a Job">
                    <p><code>"activeDeadlineSeconds"</code>" bounds the whole Job's running time, "
                    "retries included. When it passes, running Pods are terminated and the Job fails "
                    "with "<code>"DeadlineExceeded"</code>", even if retries were left."</p>
                </Card>
                <Card title="Indexed Jobs" href="#/diagrams/indexed" link="Watch an Indexed Job">
                    <p>"With "<code>"completionMode: Indexed"</code>" each Pod gets an index from 0 to "
                    "completions−1 (in "<code>"JOB_COMPLETION_INDEX"</code>" and in its name), and the "
                    "Job is done when every index has succeeded once. Failures can be budgeted per "
                    "index with "<code>"backoffLimitPerIndex"</code>"."</p>
                </Card>
                <Card title="Smarter failure handling" href="#/diagrams/pod-failure-policy" link="Watch a pod failure policy">
                    <p>"A "<code>"podFailurePolicy"</code>" decides per failure: fail the whole Job at "
                    "once on an exit code that means a bug ("<code>"FailJob"</code>"), or ignore a Pod "
                    "that was evicted ("<code>"Ignore"</code>" on the "<code>"DisruptionTarget"</code>
                    " condition) so it does not use up the retry budget."</p>
                </Card>
                <Card title="Cleaning up" href="#/diagrams/simple" link="See the finished state">
                    <p>"Finished Jobs and their Pods stay until deleted, so you can read logs and "
                    "status. Set "<code>"ttlSecondsAfterFinished"</code>" to have the TTL controller "
                    "delete the Job, and its Pods with it, that many seconds after it finishes. A "
                    "CronJob prunes its own history instead."</p>
                </Card>
                <Card title="When a Job is the wrong tool" href="#/compare" link="Compare with Deployment and CronJob">
                    <p>"A server that should keep answering requests belongs in a Deployment; work "
                    "that must run every night belongs in a CronJob, which creates a Job each time. A "
                    "Job whose Pods never exit never finishes."</p>
                </Card>
            </div>
        </section>
    }
}
