//! The YAML lab: write a Job, see what the API server would say, simulate it, run kubectl
//! against it.
//!
//! State lives in signals here; the core does the work: `check_source` for diagnostics and the
//! effective spec, `Scenario::from_yaml` for the scenario, the simulation for the diagram and
//! `joblab_core::terminal` for commands. Terminal actions become scenario `actions`, so the
//! deterministic simulation replays them and they travel in share links.

use joblab_core::scenario::Scenario;
use joblab_core::share::{self, SharedState};
use joblab_core::sim::Millis;
use joblab_core::terminal::{self, Context, Effect};
use leptos::html;
use leptos::prelude::*;

pub mod analyser;
pub mod cron_diagram;
pub mod diagram;
pub mod editor;
pub mod highlight;
pub mod model;
pub mod storage;
pub mod term;

use cron_diagram::{simulate_cronjob, CronDiagram, CronRun};
use diagram::{run_changed, simulate, LabDiagram};
use model::{
    analyse_job, analyse_scenario, form_of, parse_runs, runs_of, scenario_yaml, DiagItem, LabPreset,
};

/// A simulation update (recording and drawing) slower than this (ms: a long task) waits for a
/// pause in typing before it is redone.
const SIM_BUDGET_MS: f64 = 50.0;
/// The pause in typing (ms) that a slow simulation waits for.
const SIM_PAUSE_MS: u64 = 300;

/// The page's monotonic clock, in ms (the UI may read a clock; the core never does).
pub(crate) fn now_ms() -> Option<f64> {
    Some(web_sys::window()?.performance()?.now())
}

/// The autosave debounce.
const SAVE_MS: u64 = 250;

/// A replacement of the editor's text waiting for the learner's confirmation.
#[derive(Clone, Debug, PartialEq)]
struct Pending {
    /// What is about to be loaded, for the dialog.
    what: String,
    job: String,
    /// `None` keeps the current scenario.
    scenario: Option<String>,
}

/// The list of diagnostics, with buttons that move the caret.
#[component]
fn DiagList(
    label: &'static str,
    items: Signal<Vec<DiagItem>>,
    ta: NodeRef<html::Textarea>,
) -> impl IntoView {
    view! {
        <ul class="diag-list" aria-label=label>
            <For each=move || items.get() key=|i| i.clone() let:i>
                {
                    let (class, icon, word) = if i.warning {
                        ("diag diag-warn", "▲", "warning: ")
                    } else {
                        ("diag diag-err", "✖", "error: ")
                    };
                    let (at, line) = (i.start, i.line);
                    view! {
                        <li class=class>
                            <button type="button" on:click=move |_| {
                                if let Some(t) = ta.get() {
                                    editor::go_to(&t, at, line);
                                }
                            }>
                                <span class="diag-icon" aria-hidden="true">{icon}</span>
                                <span class="visually-hidden">{word}</span>
                                {i.label.clone()}
                            </button>
                        </li>
                    }
                }
            </For>
        </ul>
    }
}

/// The whole lab.
#[component]
pub fn Lab() -> impl IntoView {
    // ---- Where the first state comes from: a share link, else the autosave, else pi. ----
    let mut notice_text = String::new();
    let mut from_link = false;
    let (pi_job, pi_scenario) = LabPreset::Pi.texts();
    let mut init = (pi_job.clone(), pi_scenario, pi_job, 0u64, None::<Millis>);
    match storage::share_code_in_location().map(|c| share::decode(&c)) {
        Some(Ok(s)) => {
            init = (s.job.clone(), s.scenario, s.job, s.seed, Some(s.time_ms));
            from_link = true;
            notice_text =
                "Opened from a share link. Your autosaved work is kept until you edit.".into();
        }
        Some(Err(e)) => {
            notice_text = format!("This share link could not be opened: {e}.");
        }
        None => {}
    }
    if !from_link {
        match storage::load() {
            Ok(Some(s)) => init = (s.job, s.scenario, s.base, s.seed, None),
            Ok(None) => {}
            Err(e) => notice_text = e,
        }
    }
    // A sandboxed frame or blocked third-party storage: say so at once, not at the first save.
    if notice_text.is_empty() && !storage::available() {
        notice_text = storage::unavailable();
    }
    // What the editor held when Joblab stopped on a panic comes first: it is the newest of all.
    if let Some(text) = storage::take_rescued() {
        init.0 = text;
        from_link = false;
        notice_text = "Joblab stopped working before the reload; here is the YAML you were \
                       editing."
            .into();
        let saved = storage::Saved {
            job: init.0.clone(),
            scenario: init.1.clone(),
            seed: init.3,
            base: init.2.clone(),
        };
        if let Err(e) = storage::save(&saved) {
            notice_text = e;
        }
    }
    let (init_job, init_scenario, init_base, _seed, init_time) = init;

    let job_text = RwSignal::new(init_job.clone());
    let job_reset = RwSignal::new(0u64);
    let scenario_text = RwSignal::new(init_scenario);
    let scenario_reset = RwSignal::new(0u64);
    let baseline = RwSignal::new(init_base);
    let notice = RwSignal::new(notice_text);
    let pending = RwSignal::new(None::<Pending>);
    let playing = RwSignal::new(false);
    // After a share link, the autosave is left alone until the learner edits.
    let autosave_on = StoredValue::new(!from_link);
    let ta: NodeRef<html::Textarea> = NodeRef::new();
    let sta: NodeRef<html::Textarea> = NodeRef::new();
    let dialog: NodeRef<html::Dialog> = NodeRef::new();
    let keep_editing: NodeRef<html::Button> = NodeRef::new();

    // ---- Analysis: in a worker while typing (src/lab/analyser.rs), at once for a load. ----
    let analysis = RwSignal::new(analyse_job(&init_job));
    let analyser = StoredValue::new_local(analyser::Analyser::new(move |a| {
        analysis.maybe_update(|old| {
            let changed = *old != a;
            *old = a;
            changed
        })
    }));
    let schedule_analysis = move || analyser.with_value(|a| a.request(job_text.get_untracked()));
    let analyse_now = move |text: &str| analyser.with_value(|a| a.analyse_now(text));
    let scenario_parsed = Memo::new(move |_| scenario_text.with(|t| analyse_scenario(t)));
    // The last valid scenario, for the form and for runs while the YAML is broken.
    let last_scenario = Memo::new(move |prev: Option<&Scenario>| {
        scenario_parsed.with(|p| match p {
            Ok(s) => s.clone(),
            Err(_) => prev.cloned().unwrap_or_default(),
        })
    });
    // What the simulation should run: the last valid Job with the last valid scenario.
    let sim_wanted = Memo::new(move |prev: Option<&Option<_>>| {
        let (job, cron) = analysis.with(|a| (a.job.clone(), a.cronjob.is_some()));
        match job {
            Some(j) => Some((j, last_scenario.get())),
            // A CronJob runs in its own simulation below.
            None if cron => None,
            None => prev.cloned().flatten(),
        }
    });
    // A CronJob: the CronJob controller's simulation over the Jobs it creates, recorded to the
    // lab's horizon; kept while the YAML is broken, dropped when the editor holds a Job.
    let cron_wanted = Memo::new(move |prev: Option<&Option<_>>| {
        let (cron, job) = analysis.with(|a| (a.cronjob.clone(), a.job.is_some()));
        match cron {
            Some(c) => Some((c, last_scenario.get())),
            None if job => None,
            None => prev.cloned().flatten(),
        }
    });
    let cron_result = Memo::new(move |_| {
        cron_wanted.with(|w| w.as_ref().map(|(c, s)| simulate_cronjob(c, s.clone())))
    });
    let cron_run: Memo<Option<CronRun>> =
        Memo::new(move |_| cron_result.with(|r| r.as_ref().and_then(|r| r.clone().ok())));
    let cron_error = move || cron_result.with(|r| r.as_ref().and_then(|r| r.clone().err()));
    // What it runs now. An ordinary update (recording plus drawing) follows every keystroke at
    // once; one that kept the page busy for longer than a long task (a Job at the interactive
    // caps, with a thousand Pods to draw, takes over 100 ms here) is redone only once typing
    // pauses, so it never sits between two keystrokes.
    let sim_input = RwSignal::new(sim_wanted.get_untracked());
    let sim_slow = StoredValue::new(false);
    let sim_timer = StoredValue::new(None::<TimeoutHandle>);
    let apply = move |wanted: Option<(joblab_core::api::api::batch::v1::Job, Scenario)>| {
        let started = now_ms();
        let mut changed = false;
        sim_input.maybe_update(|now| {
            changed = *now != wanted;
            *now = wanted;
            changed
        });
        if changed {
            // The recording and the redraw run in this task's microtasks, before the timer fires:
            // the gap is what the update cost the page.
            set_timeout(
                move || {
                    if let (Some(a), Some(b)) = (started, now_ms()) {
                        sim_slow.set_value(b - a > SIM_BUDGET_MS);
                    }
                },
                std::time::Duration::ZERO,
            );
        }
    };
    leptos::prelude::Effect::new(move |_| {
        let wanted = sim_wanted.get();
        if let Some(h) = sim_timer.get_value() {
            h.clear();
        }
        if sim_slow.get_value() {
            let h = set_timeout_with_handle(
                move || apply(sim_wanted.get_untracked()),
                std::time::Duration::from_millis(SIM_PAUSE_MS),
            );
            sim_timer.set_value(h.ok());
        } else {
            apply(wanted);
        }
    });
    // Anything that acts on the simulation (a terminal command, a load) first catches up with a
    // redo that is waiting for a pause in typing.
    let flush_sim = move || {
        if let Some(h) = sim_timer.get_value() {
            h.clear();
            sim_timer.set_value(None);
        }
        apply(sim_wanted.get_untracked());
    };
    let run = Memo::new_with_compare(
        move |_| sim_input.get().map(|(j, s)| simulate(j, s)),
        run_changed,
    );
    let has_run = Memo::new(move |_| run.with(Option::is_some) || cron_run.with(Option::is_some));
    let time = RwSignal::new(0 as Millis);
    // Opens at the end (the whole story), or at the shared time; re-simulation clamps the time.
    let first_time = StoredValue::new(init_time);
    leptos::prelude::Effect::new(move |_| {
        let end = run
            .with(|r| r.as_ref().map(|r| r.end_ms))
            .or_else(|| cron_run.with(|r| r.as_ref().map(|r| r.end_ms)));
        if let Some(end) = end {
            match first_time.get_value() {
                Some(t) => {
                    first_time.set_value(Some(u64::MAX));
                    if t == u64::MAX {
                        time.update(|x| *x = (*x).min(end));
                    } else {
                        time.set(t.min(end));
                    }
                }
                None => {
                    first_time.set_value(Some(u64::MAX));
                    time.set(end);
                }
            }
        }
    });
    let stale = move || !analysis.with(|a| a.valid) && has_run.get();

    // ---- Autosave (debounced). ----
    let save_timer = StoredValue::new(None::<TimeoutHandle>);
    let schedule_save = move || {
        if !autosave_on.get_value() {
            return;
        }
        if let Some(h) = save_timer.get_value() {
            h.clear();
        }
        let h = set_timeout_with_handle(
            move || {
                let saved = storage::Saved {
                    job: job_text.get_untracked(),
                    scenario: scenario_text.get_untracked(),
                    seed: last_scenario.get_untracked().seed,
                    base: baseline.get_untracked(),
                };
                if let Err(e) = storage::save(&saved) {
                    notice.set(e);
                }
            },
            std::time::Duration::from_millis(SAVE_MS),
        )
        .ok();
        save_timer.set_value(h);
    };
    let edited = move || {
        autosave_on.set_value(true);
        schedule_save();
    };
    let on_edit = Callback::new(move |_| {
        schedule_analysis();
        edited();
    });

    // ---- Loading text (presets, files, create job), with the unsaved-edits check. ----
    let load_now = move |p: Pending| {
        job_text.set(p.job.clone());
        analyse_now(&p.job);
        baseline.set(p.job);
        job_reset.update(|n| *n += 1);
        if let Some(s) = p.scenario {
            scenario_text.set(s);
            scenario_reset.update(|n| *n += 1);
        }
        playing.set(false);
        first_time.set_value(None);
        edited();
        // A load is not typing: its simulation shows at once.
        flush_sim();
    };
    let request_load = move |p: Pending| {
        let dirty = job_text.with_untracked(|t| baseline.with_untracked(|b| t != b));
        if dirty {
            pending.set(Some(p));
            if let Some(d) = dialog.get() {
                let _ = d.show_modal();
            }
            // Focus "Keep editing", the safe choice. Not with `autofocus`: Chromium logs a console
            // error for every autofocus element inserted into a cross-origin frame (an embed).
            if let Some(b) = keep_editing.get() {
                let _ = b.focus();
            }
        } else {
            load_now(p);
        }
    };
    let close_dialog = move || {
        if let Some(d) = dialog.get() {
            d.close();
        }
    };

    // ---- Scenario edits. ----
    let set_scenario = move |s: Scenario| {
        scenario_text.set(scenario_yaml(&s));
        scenario_reset.update(|n| *n += 1);
        edited();
    };
    let form = Memo::new(move |_| last_scenario.with(form_of));
    let form_error = RwSignal::new(String::new());
    let edit_num = move |field: &'static str, raw: String| {
        let mut s = last_scenario.get_untracked();
        let v = raw.trim();
        let bad = || form_error.set(format!("\"{v}\" is not a valid {field}"));
        form_error.set(String::new());
        match field {
            "startupSeconds" => match v.parse::<f64>() {
                Ok(x) => s.startup_seconds = x,
                Err(_) => return bad(),
            },
            "runSeconds" => match v.parse::<f64>() {
                Ok(x) => s.run_seconds = x,
                Err(_) => return bad(),
            },
            "exitCode" => match v.parse::<i32>() {
                Ok(x) => s.exit_code = x,
                Err(_) => return bad(),
            },
            "failureRate" => match v.parse::<f64>() {
                Ok(x) => s.failure_rate = x,
                Err(_) => return bad(),
            },
            "seed" => match v.parse::<u64>() {
                Ok(x) => s.seed = x,
                Err(_) => return bad(),
            },
            _ => {}
        }
        set_scenario(s);
    };
    let edit_runs =
        move |failing: Option<String>, code: Option<String>, evicted: Option<String>| {
            let f = form.get_untracked();
            let failing = failing.unwrap_or(f.failing);
            let evicted = evicted.unwrap_or(f.evicted);
            let code = match code.map(|c| c.trim().parse::<i32>()) {
                Some(Ok(c)) => c,
                Some(Err(_)) => {
                    form_error.set("The exit code of failing runs must be a whole number".into());
                    return;
                }
                None => f.failing_code,
            };
            match (parse_runs(&failing), parse_runs(&evicted)) {
                (Ok(fl), Ok(ev)) => {
                    form_error.set(String::new());
                    let mut s = last_scenario.get_untracked();
                    s.runs = runs_of(&fl, code, &ev);
                    set_scenario(s);
                }
                (Err(e), _) | (_, Err(e)) => form_error.set(e),
            }
        };

    // ---- The terminal. ----
    let snapshot_now = move || {
        flush_sim();
        run.with_untracked(|r| {
            r.as_ref()
                .map(|r| r.replay.snapshot_at(time.get_untracked().min(r.end_ms)))
        })
    };
    // A CronJob's cluster at the player's time, for the terminal.
    let cluster_now =
        move || cron_run.with_untracked(|r| r.as_ref().map(|r| r.cluster_at(time.get_untracked())));
    let run_command = Callback::new(move |line: String| {
        let cluster = cluster_now();
        let snap = if cluster.is_some() {
            None
        } else {
            snapshot_now()
        };
        let editor = job_text.get_untracked();
        terminal::run(
            &line,
            &Context {
                snapshot: snap.as_ref(),
                editor: &editor,
                time_ms: time.get_untracked(),
                cronjob: cluster.as_ref(),
            },
        )
    });
    let complete = Callback::new(move |line: String| match cluster_now() {
        Some(c) => terminal::complete_cronjob(&line, &c),
        None => terminal::complete(&line, snapshot_now().as_ref()),
    });
    let apply_effect = Callback::new(move |e: Effect| match e {
        Effect::None | Effect::Clear => {}
        Effect::Apply => {
            analyse_now(&job_text.get_untracked());
            let mut s = last_scenario.get_untracked();
            s.actions.clear();
            set_scenario(s);
            flush_sim();
            playing.set(false);
            time.set(0);
        }
        Effect::Load(yaml) => {
            let mut s = last_scenario.get_untracked();
            s.actions.clear();
            request_load(Pending {
                what: "the Job made by kubectl create job".into(),
                job: yaml,
                scenario: Some(scenario_yaml(&s)),
            });
            time.set(0);
        }
        Effect::Actions(mut a) => {
            if scenario_parsed.with_untracked(Result::is_err) {
                notice.set("The scenario YAML has errors; the action was applied to the last valid scenario.".into());
            }
            let mut s = last_scenario.get_untracked();
            s.actions.append(&mut a);
            s.actions.sort_by(|x, y| x.at.total_cmp(&y.at));
            set_scenario(s);
        }
    });

    // ---- Share, download, open. ----
    let share_link = RwSignal::new(String::new());
    let share_field: NodeRef<html::Input> = NodeRef::new();
    let on_share = move |_| {
        let state = SharedState {
            job: job_text.get_untracked(),
            scenario: scenario_text.get_untracked(),
            seed: last_scenario.get_untracked().seed,
            time_ms: time.get_untracked(),
        };
        let url = storage::share_url(&state);
        storage::replace_url(&url);
        share_link.set(url.clone());
        leptos::task::spawn_local(async move {
            if storage::copy(&url).await {
                notice.set("Share link copied to the clipboard.".into());
            } else {
                notice.set("Copy the share link from the field below.".into());
                if let Some(f) = share_field.get() {
                    let _ = f.focus();
                    f.select();
                }
            }
        });
    };
    let on_download = move |_| {
        if let Err(e) = storage::download(&job_text.get_untracked()) {
            notice.set(e);
        }
    };
    let on_open = move |ev: web_sys::Event| {
        use wasm_bindgen::JsCast;
        let Some(input) = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
        else {
            return;
        };
        leptos::task::spawn_local(async move {
            match storage::read_file(&input).await {
                Ok(text) => {
                    let name = input
                        .files()
                        .and_then(|f| f.get(0))
                        .map(|f| f.name())
                        .unwrap_or_default();
                    request_load(Pending {
                        what: name,
                        job: text,
                        scenario: None,
                    });
                }
                Err(e) => notice.set(e),
            }
            // Choosing the same file again must fire `change` again.
            input.set_value("");
        });
    };

    let job_items = Signal::derive(move || analysis.with(|a| a.items.clone()));
    let scenario_items =
        Signal::derive(move || scenario_parsed.with(|p| p.clone().err().unwrap_or_default()));
    let counts = move || {
        analysis.with(|a| {
            let errors = a.items.iter().filter(|i| !i.warning).count();
            let warnings = a.items.len() - errors;
            match (errors, warnings) {
                (0, 0) => "No problems: the API server would accept this Job.".to_string(),
                (e, w) => format!(
                    "{e} error{}, {w} warning{}",
                    if e == 1 { "" } else { "s" },
                    if w == 1 { "" } else { "s" }
                ),
            }
        })
    };

    view! {
        <div class="lab">
            <p class="lab-notice" role="status">{move || notice.get()}</p>
            <div class="lab-grid">
                <section class="lab-edit" aria-labelledby="lab-editor-title">
                    <div class="lab-toolbar">
                        <h3 id="lab-editor-title">"Job YAML"</h3>
                        <label class="lab-preset">
                            "Preset "
                            <select on:change=move |ev| {
                                let v = event_target_value(&ev);
                                if let Some(p) = LabPreset::from_slug(&v) {
                                    let (job, scenario) = p.texts();
                                    request_load(Pending { what: format!("the {} preset", p.label()), job, scenario: Some(scenario) });
                                }
                                // The select is an action, not a state: show the prompt again.
                                if let Some(s) = ev.target().and_then(|t| wasm_bindgen::JsCast::dyn_into::<web_sys::HtmlSelectElement>(t).ok()) {
                                    s.set_value("");
                                }
                            }>
                                <option value="" selected=true>"Load a preset…"</option>
                                {LabPreset::all().into_iter().map(|p| view! {
                                    <option value=p.slug()>{p.label()}</option>
                                }).collect_view()}
                            </select>
                        </label>
                        <div class="lab-actions">
                            <button type="button" on:click=on_share>"Share"</button>
                            <button type="button" on:click=on_download>"Download"</button>
                            <label class="file-button">
                                "Open file"
                                <input type="file" accept=".yaml,.yml,.json,text/yaml" on:change=on_open/>
                            </label>
                        </div>
                    </div>
                    {move || (!share_link.get().is_empty()).then(|| view! {
                        <label class="share-field">
                            "Share link "
                            <input node_ref=share_field type="text" readonly=true aria-label="Share link" prop:value=move || share_link.get()/>
                        </label>
                    })}
                    <editor::Editor text=job_text reset=job_reset items=job_items ta=ta on_edit=on_edit/>
                    <p class="diag-count" aria-live="polite">{counts}</p>
                    <DiagList label="Diagnostics" items=job_items ta=ta/>
                    <details class="effective" aria-label="Effective spec">
                        <summary>"Effective spec"</summary>
                        <p class="muted">"The Job after the API server's defaulting: what the simulation runs."</p>
                        <pre class="effective-yaml">{move || analysis.with(|a| a.effective_yaml.clone().unwrap_or_else(|| "(no Job the server could decode yet)".into()))}</pre>
                    </details>
                </section>
                <section class="lab-run" aria-labelledby="lab-run-title">
                    <h3 id="lab-run-title">"Simulation"</h3>
                    // What the Job will do in one sentence (joblab_core::explain), above the diagram
                    // that shows it happen; plain text for screen readers, not a live region, so
                    // typing does not make it chatty.
                    <p class="job-sentence">
                        <strong>"What it will do: "</strong>
                        {move || analysis.with(|a| a.sentence.clone())
                            .unwrap_or_else(|| "once the Job is valid, one sentence here says what it will do.".to_owned())}
                    </p>
                    {move || stale().then(|| view! {
                        <p class="stale-note">"The YAML has errors: the diagram shows the last valid version."</p>
                    })}
                    {move || cron_error().map(|e| view! {
                        <p class="stale-note" role="status">{format!("The CronJob cannot run this scenario: {e}")}</p>
                    })}
                    {move || if cron_run.with(Option::is_some) {
                        view! { <CronDiagram run=cron_run time=time playing=playing/> }.into_any()
                    } else if run.with(Option::is_some) {
                        view! { <LabDiagram source=run time=time playing=playing/> }.into_any()
                    } else {
                        view! { <p class="muted">"Once the Job is valid, its simulation appears here."</p> }.into_any()
                    }}
                    <h3>"Terminal"</h3>
                    <term::Terminal run_command=run_command snapshot_names=complete apply=apply_effect/>
                </section>
            </div>
            <section class="lab-scenario" aria-labelledby="lab-scenario-title">
                <h3 id="lab-scenario-title">"Scenario"</h3>
                <p class="muted">"What the simulated containers do. The form covers the common cases; the YAML holds everything (rules by index or attempt, user actions)."</p>
                <div class="scenario-grid">
                    <fieldset class="scenario-form">
                        <legend>"Common cases"</legend>
                        <label>"Start-up seconds"<input type="number" min="0" step="any" inputmode="decimal" prop:value=move || form.with(|f| f.startup.to_string()) on:change=move |ev| edit_num("startupSeconds", event_target_value(&ev))/></label>
                        <label>"Run seconds"<input type="number" min="0" step="any" inputmode="decimal" prop:value=move || form.with(|f| f.run.to_string()) on:change=move |ev| edit_num("runSeconds", event_target_value(&ev))/></label>
                        <label>"Exit code"<input type="number" step="1" inputmode="numeric" prop:value=move || form.with(|f| f.exit_code.to_string()) on:change=move |ev| edit_num("exitCode", event_target_value(&ev))/></label>
                        <label>"Failing runs"<input type="text" placeholder="e.g. 1, 3" disabled=move || !form.with(|f| f.runs_fit) prop:value=move || form.with(|f| f.failing.clone()) on:change=move |ev| edit_runs(Some(event_target_value(&ev)), None, None)/></label>
                        <label>"Their exit code"<input type="number" step="1" inputmode="numeric" disabled=move || !form.with(|f| f.runs_fit) prop:value=move || form.with(|f| f.failing_code.to_string()) on:change=move |ev| edit_runs(None, Some(event_target_value(&ev)), None)/></label>
                        <label>"Evicted runs"<input type="text" placeholder="e.g. 2" disabled=move || !form.with(|f| f.runs_fit) prop:value=move || form.with(|f| f.evicted.clone()) on:change=move |ev| edit_runs(None, None, Some(event_target_value(&ev)))/></label>
                        <label>"Failure rate"<input type="number" min="0" max="1" step="0.05" inputmode="decimal" prop:value=move || form.with(|f| f.failure_rate.to_string()) on:change=move |ev| edit_num("failureRate", event_target_value(&ev))/></label>
                        <label>"Seed"<input type="number" min="0" step="1" inputmode="numeric" prop:value=move || form.with(|f| f.seed.to_string()) on:change=move |ev| edit_num("seed", event_target_value(&ev))/></label>
                        {move || (!form.with(|f| f.runs_fit)).then(|| view! {
                            <p class="muted form-note">"The scenario YAML has run rules the form cannot show; edit them in the YAML."</p>
                        })}
                        {move || (!form_error.get().is_empty()).then(|| view! { <p class="form-error" role="alert">{form_error.get()}</p> })}
                    </fieldset>
                    <div class="scenario-yaml">
                        <textarea
                            node_ref=sta
                            aria-label="Scenario YAML"
                            spellcheck="false"
                            autocapitalize="off"
                            wrap="off"
                            rows="10"
                            prop:value=move || { scenario_reset.track(); scenario_text.get_untracked() }
                            on:input=move |ev| {
                                scenario_text.set(event_target_value(&ev));
                                edited();
                            }
                        ></textarea>
                        <DiagList label="Scenario diagnostics" items=scenario_items ta=sta/>
                    </div>
                </div>
            </section>
            <dialog node_ref=dialog class="lab-dialog" aria-labelledby="lab-dialog-title" on:close=move |_| pending.set(None)>
                <h3 id="lab-dialog-title">"Replace your edits?"</h3>
                <p>{move || pending.with(|p| p.as_ref().map(|p| format!("Loading {} replaces the Job YAML you have edited. Your edits will be lost unless you download them first.", p.what)))}</p>
                <div class="dialog-buttons">
                    <button type="button" class="danger" on:click=move |_| {
                        if let Some(p) = pending.get_untracked() {
                            load_now(p);
                        }
                        close_dialog();
                    }>"Replace my YAML"</button>
                    <button type="button" node_ref=keep_editing on:click=move |_| close_dialog()>"Keep editing"</button>
                </div>
            </dialog>
        </div>
    }
}
