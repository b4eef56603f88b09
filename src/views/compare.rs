//! Job against Deployment and CronJob, and a short helper that asks two questions.

use leptos::prelude::*;

/// Which workload fits, from two answers: does the work end by itself, and must it repeat on a
/// schedule? Pure, so it is tested natively.
pub fn recommend(
    ends: Option<bool>,
    scheduled: Option<bool>,
) -> Option<(&'static str, &'static str)> {
    match (ends?, scheduled?) {
        (true, false) => Some(("Job", "The work has an end and runs once: a Job runs it to completion, retries failures and records how it ended.")),
        (true, true) => Some(("CronJob", "The work has an end and repeats: a CronJob creates a Job on each schedule tick and prunes old ones.")),
        (false, _) => Some(("Deployment", "The work never ends by itself: a Deployment keeps the desired number of Pods running and replaces them, which is the opposite of what a Job does.")),
    }
}

/// A yes/no radio group bound to a signal.
#[component]
fn Question(
    name: &'static str,
    legend: &'static str,
    value: RwSignal<Option<bool>>,
) -> impl IntoView {
    view! {
        <fieldset class="question">
            <legend>{legend}</legend>
            <label><input type="radio" name=name on:change=move |_| value.set(Some(true)) prop:checked=move || value.get() == Some(true)/>" Yes"</label>
            <label><input type="radio" name=name on:change=move |_| value.set(Some(false)) prop:checked=move || value.get() == Some(false)/>" No"</label>
        </fieldset>
    }
}

/// The Compare view.
#[component]
pub fn Compare() -> impl IntoView {
    let rows: [(&str, &str, &str, &str); 7] = [
        (
            "Purpose",
            "Run work to completion",
            "Keep an application running",
            "Run a Job on a schedule",
        ),
        (
            "Lifecycle",
            "Ends when enough Pods succeed, or fails",
            "Runs until you delete it",
            "Creates a Job per schedule tick",
        ),
        (
            "Success means",
            "completions Pods exited 0",
            "The desired replicas are available",
            "Each Job it creates completes",
        ),
        (
            "restartPolicy",
            "Never or OnFailure (Always is refused)",
            "Always (the only value allowed)",
            "Never or OnFailure, in its jobTemplate",
        ),
        (
            "A Pod that exits 0",
            "Counts as a completion; it is not restarted",
            "Is restarted: the container should not exit",
            "Counts toward that run's Job",
        ),
        (
            "Failures",
            "Retried with backoff up to backoffLimit",
            "Restarted forever, with crash-loop backoff",
            "Per Job, plus startingDeadlineSeconds for missed runs",
        ),
        (
            "Clean-up",
            "Stays until deleted or ttlSecondsAfterFinished",
            "Not applicable",
            "Keeps successfulJobsHistoryLimit / failedJobsHistoryLimit Jobs",
        ),
    ];
    let ends = RwSignal::new(None::<bool>);
    let scheduled = RwSignal::new(None::<bool>);
    view! {
        <section class="view" aria-labelledby="compare-title">
            <p class="eyebrow">"Decision guide"</p>
            <h2 id="compare-title" tabindex="-1">"Job, Deployment or CronJob?"</h2>
            // The table scrolls sideways inside its box on narrow screens, so the box is a named
            // region in the tab order: a keyboard user can focus it and scroll with the arrow keys.
            <div class="table-wrap" tabindex="0" role="region" aria-labelledby="compare-caption">
                <table class="compare">
                    <caption id="compare-caption">"How the three workload controllers differ"</caption>
                    <thead><tr><th scope="col">"Feature"</th><th scope="col">"Job"</th><th scope="col">"Deployment"</th><th scope="col">"CronJob"</th></tr></thead>
                    <tbody>
                        {rows.into_iter().map(|(f, j, d, c)| view! {
                            <tr><th scope="row">{f}</th><td>{j}</td><td>{d}</td><td>{c}</td></tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
            <h3>"Which one do I need?"</h3>
            <form class="helper" on:submit=|ev| ev.prevent_default()>
                <Question name="ends" legend="Does the work finish by itself (the process exits when done)?" value=ends/>
                <Question name="scheduled" legend="Must it run again on a schedule (nightly, hourly)?" value=scheduled/>
                <p class="answer" role="status">
                    {move || match recommend(ends.get(), scheduled.get()) {
                        Some((kind, why)) => view! { <strong>{format!("Use a {kind}. ")}</strong>{why} }.into_any(),
                        None => view! { "Answer both questions to see a recommendation." }.into_any(),
                    }}
                </p>
            </form>
        </section>
    }
}

#[cfg(test)]
mod tests {
    use super::recommend;

    #[test]
    fn recommendations() {
        let cases = [
            (Some(true), Some(false), Some("Job")),
            (Some(true), Some(true), Some("CronJob")),
            (Some(false), Some(false), Some("Deployment")),
            (Some(false), Some(true), Some("Deployment")),
            (None, Some(true), None),
            (Some(true), None, None),
        ];
        for (ends, scheduled, want) in cases {
            assert_eq!(
                recommend(ends, scheduled).map(|r| r.0),
                want,
                "{ends:?} {scheduled:?}"
            );
        }
    }
}
