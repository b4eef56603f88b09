//! The schedule explainer's body (in the workbench module: the cron engine's time zone database
//! costs about 78 KB brotli, which the first load must not carry). Type a schedule and a zone;
//! the answer is `joblab_core::cron::explainer::explain`, recomputed on every keystroke. Bad input
//! is a message saying where, next to the text as typed, which is never changed or lost.

use joblab_core::cron::explainer::{explain, Explanation};
use leptos::prelude::*;

/// The zones offered as suggestions (any IANA name may be typed).
const ZONES: [&str; 8] = [
    "UTC",
    "Europe/Berlin",
    "Europe/London",
    "America/New_York",
    "America/Los_Angeles",
    "Asia/Kolkata",
    "Asia/Tokyo",
    "Australia/Sydney",
];

/// How many runs are listed.
const RUNS: usize = 5;

/// The page's "now" in whole Unix seconds: the app reads the clock, never the core.
fn now_unix_seconds() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// The explainer: a schedule field, a zone field and the explanation of both.
#[component]
pub fn ScheduleBody() -> impl IntoView {
    let query = crate::route::query_pairs(&crate::current_fragment());
    let get = |key: &str| {
        query
            .iter()
            .rev()
            .find(|(k, _)| k == key)
            .map(|(_, v)| v.clone())
    };
    let schedule = RwSignal::new(get("schedule").unwrap_or_else(|| "0 3 * * *".to_owned()));
    let zone = RwSignal::new(get("timeZone").unwrap_or_else(|| "Europe/Berlin".to_owned()));
    // `from` makes a link (and a test) show the same runs on any day.
    let from = get("from")
        .and_then(|f| joblab_core::civil::parse_rfc3339(&f))
        .unwrap_or_else(now_unix_seconds);
    let answer = Memo::new(move |_| {
        let z = zone.get();
        let z = z.trim();
        explain(&schedule.get(), (!z.is_empty()).then_some(z), from, RUNS)
    });
    let schedule_invalid =
        move || answer.with(|a| a.errors.iter().any(|e| e.field == "spec.schedule"));
    let zone_invalid = move || answer.with(|a| a.errors.iter().any(|e| e.field == "spec.timeZone"));
    view! {
        <form class="schedule-form" on:submit=|ev| ev.prevent_default()>
            <label class="schedule-field">
                <span>"schedule"</span>
                <input
                    id="schedule-input"
                    type="text"
                    spellcheck="false"
                    autocomplete="off"
                    aria-describedby="schedule-help"
                    aria-invalid=move || schedule_invalid().to_string()
                    prop:value=move || schedule.get()
                    on:input=move |ev| schedule.set(event_target_value(&ev))
                />
            </label>
            <label class="schedule-field">
                <span>"timeZone (empty for none)"</span>
                <input
                    id="zone-input"
                    type="text"
                    list="zone-suggestions"
                    spellcheck="false"
                    autocomplete="off"
                    aria-invalid=move || zone_invalid().to_string()
                    prop:value=move || zone.get()
                    on:input=move |ev| zone.set(event_target_value(&ev))
                />
            </label>
            <datalist id="zone-suggestions">
                {ZONES.into_iter().map(|z| view! { <option value=z></option> }).collect_view()}
            </datalist>
            <p id="schedule-help" class="muted schedule-help">
                "Five fields: minute, hour, day of month, month, day of week; or a macro such as @hourly."
            </p>
        </form>
        <div class="schedule-answer" aria-live="polite">
            {move || answer.with(|a| view_answer(a, &schedule.get_untracked(), from))}
        </div>
    }
}

/// The answer, or the errors with a marker under the part of the schedule they are about.
fn view_answer(a: &Explanation, typed: &str, from: i64) -> AnyView {
    if !a.errors.is_empty() {
        let items = a
            .errors
            .iter()
            .map(|e| {
                let marker = e.span.map(|s| {
                    let before = typed.get(..s.start).unwrap_or("").chars().count();
                    let under = typed.get(s.start..s.end).unwrap_or("");
                    let width = under.chars().count().max(1);
                    let at = if under.is_empty() {
                        format!("at character {}", before + 1)
                    } else {
                        format!(
                            "at characters {} to {}: {under}",
                            before + 1,
                            before + width
                        )
                    };
                    view! {
                        <p class="schedule-where">{at}</p>
                        <pre class="schedule-caret" aria-hidden="true">{format!("{typed}\n{}{}", " ".repeat(before), "^".repeat(width))}</pre>
                    }
                });
                view! {
                    <li>
                        <strong>{format!("{}: ", e.field)}</strong>{e.message.clone()}
                        {marker}
                    </li>
                }
            })
            .collect_view();
        return view! {
            <div class="schedule-errors" role="alert">
                <p><strong>"The API server would reject this CronJob:"</strong></p>
                <ul>{items}</ul>
            </div>
        }
        .into_any();
    }
    let in_zone = a.zone != "UTC";
    let zone = a.zone.clone();
    let warnings = (!a.warnings.is_empty()).then(|| {
        view! {
            <ul class="schedule-warnings" aria-label="Warnings">
                {a.warnings.iter().map(|w| view! {
                    <li><strong>"Warning: "</strong>{w.message.clone()}</li>
                }).collect_view()}
            </ul>
        }
    });
    let rows = a
        .runs
        .iter()
        .map(|r| {
            if in_zone {
                view! { <tr><td>{r.zoned.clone()}</td><td>{r.utc.clone()}</td></tr> }.into_any()
            } else {
                view! { <tr><td>{r.utc.clone()}</td></tr> }.into_any()
            }
        })
        .collect_view();
    let caption = format!(
        "Next {} runs after {}",
        a.runs.len(),
        joblab_core::civil::format_rfc3339(from)
    );
    view! {
        <p class="schedule-sentence">{a.sentence.clone().unwrap_or_default()}</p>
        {warnings}
        <div class="schedule-runs-scroll">
            <table class="schedule-runs">
                <caption>{caption}</caption>
                <thead><tr>
                    {in_zone.then(|| view! { <th scope="col">{zone}</th> })}
                    <th scope="col">"UTC"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </div>
        {a.runs_end.then(|| view! {
            <p class="muted">"No further run within the five years the controller's cron library searches."</p>
        })}
    }
    .into_any()
}
