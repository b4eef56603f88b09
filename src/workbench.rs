//! The workbench: the three views whose bodies need the whole check pipeline (YAML parser, strict
//! decoder, validation, share links, kubectl views): the Lab, Examples and Practice.
//!
//! The guide's other views need only the simulation, so the production build ships the workbench
//! bodies as a second wasm module that the page imports the first time a reader opens one of them
//! (ARCHITECTURE.md, "Two modules"). This keeps the first load within its budget
//! (`scripts/size.sh --check`). Each view's heading is rendered by the main module, so the heading,
//! the tab title and the focus move of a route change never wait for the download.
//!
//! Three builds of this file exist:
//! - neither feature (tests, clippy): [`body`] renders the bodies in place, one module;
//! - `split` (the main module): [`LazyBody`] imports the workbench module and mounts a body;
//! - `workbench` (the workbench module): [`mount_body`], exported as `mount` by
//!   src/bin/workbench.rs, for the main module to call.

use leptos::prelude::*;

#[cfg(all(feature = "split", feature = "workbench"))]
compile_error!("`split` builds the main module and `workbench` the workbench module: pick one");

/// A view whose body lives in the workbench.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    /// "YAML and commands": the pi Job and what kubectl prints.
    Examples,
    /// Use cases and "predict, then run" questions.
    Practice,
    /// The YAML lab.
    Lab,
    /// The CronJob schedule explainer, which needs the time zone database.
    Schedule,
}

/// The heading of a view, rendered by the main module.
#[derive(Clone, Copy, Debug)]
pub struct Head {
    /// The `section` element's classes.
    pub class: &'static str,
    /// The heading's id, which labels the section.
    pub id: &'static str,
    /// The small line above the heading.
    pub eyebrow: &'static str,
    /// The `h2` text.
    pub title: &'static str,
    /// The paragraph under the heading, if the view has one.
    pub lede: Option<&'static str>,
}

impl Part {
    /// Every part, in navigation order.
    pub const ALL: [Part; 4] = [Part::Examples, Part::Practice, Part::Lab, Part::Schedule];

    /// The name the main module passes to the workbench module's `mount`.
    pub const fn name(self) -> &'static str {
        match self {
            Part::Examples => "examples",
            Part::Practice => "practice",
            Part::Lab => "lab",
            Part::Schedule => "schedule",
        }
    }

    /// The part called `name`, if there is one.
    pub fn from_name(name: &str) -> Option<Part> {
        Part::ALL.into_iter().find(|p| p.name() == name)
    }

    /// What a reader is waiting for while the module loads ("the lab").
    pub const fn noun(self) -> &'static str {
        match self {
            Part::Examples => "the examples",
            Part::Practice => "the practice questions",
            Part::Lab => "the lab",
            Part::Schedule => "the schedule explainer",
        }
    }

    /// The view's heading.
    pub const fn head(self) -> Head {
        match self {
            Part::Examples => Head {
                class: "view",
                id: "examples-title",
                eyebrow: "YAML and commands",
                title: "The pi Job, from manifest to logs",
                lede: Some(
                    "The Kubernetes documentation's first Job computes π to 2000 digits with \
                     Perl. Here it is with its image pinned, the commands you would run, and what \
                     each prints at the moment you pick.",
                ),
            },
            Part::Practice => Head {
                class: "view",
                id: "practice-title",
                eyebrow: "Use it well",
                title: "Practice and real-world thinking",
                lede: None,
            },
            Part::Lab => Head {
                class: "view lab-view",
                id: "lab-title",
                eyebrow: "Lab",
                title: "The YAML lab",
                lede: Some(
                    "Write a Job and see at once what the API server would say. Once it is valid \
                     it runs on the simulated cluster below; change what its containers do in the \
                     scenario, and type kubectl commands against it at the player's time. Your \
                     work is saved in this browser as you type.",
                ),
            },
            Part::Schedule => Head {
                class: "view schedule-view",
                id: "schedule-title",
                eyebrow: "CronJobs",
                title: "Schedule explainer",
                lede: Some(
                    "Type a CronJob's schedule and, if it has one, its timeZone. Joblab reads it \
                     with the CronJob controller's own cron rules (robfig/cron v3.0.1) and the \
                     IANA time zone database, says in words when it runs, warns about schedules \
                     that surprise, and lists the next runs in the zone and in UTC. Without a \
                     timeZone a schedule runs in the controller's zone, which is UTC here; on a \
                     real cluster it is the kube-controller-manager's.",
                ),
            },
        }
    }
}

/// The whole view for `part`: its heading, then its body (in place, or loaded on demand).
pub fn section(part: Part) -> AnyView {
    let head = part.head();
    view! {
        <section class=head.class aria-labelledby=head.id>
            <p class="eyebrow">{head.eyebrow}</p>
            <h2 id=head.id tabindex="-1">{head.title}</h2>
            {head.lede.map(|l| view! { <p class="lede">{l}</p> })}
            {lazy_or_body(part)}
        </section>
    }
    .into_any()
}

#[cfg(not(feature = "split"))]
fn lazy_or_body(part: Part) -> AnyView {
    body(part)
}

#[cfg(feature = "split")]
fn lazy_or_body(part: Part) -> AnyView {
    view! { <LazyBody part=part/> }.into_any()
}

/// The body of `part`. Not in the main module of the split build.
#[cfg(not(feature = "split"))]
pub fn body(part: Part) -> AnyView {
    match part {
        Part::Examples => crate::views::examples::ExamplesBody().into_any(),
        Part::Practice => crate::views::practice::PracticeBody().into_any(),
        Part::Lab => crate::lab::Lab().into_any(),
        Part::Schedule => crate::views::schedule::ScheduleBody().into_any(),
    }
}

/// The workbench module's side: renders the body called `name` into `host`, an element of the
/// main module's page, and returns the handle that unmounts it when dropped. The exported `mount`
/// (src/bin/workbench.rs) wraps this: wasm-bindgen exports must be defined in the binary itself,
/// since a library's are not kept in a wasm executable. An unknown name is an error for the caller
/// (the two modules are built together, so it means a build mismatch), never a panic.
#[cfg(feature = "workbench")]
pub fn mount_body(
    host: web_sys::HtmlElement,
    name: &str,
) -> Result<Box<dyn std::any::Any>, String> {
    // This module has its own wasm instance, so it needs its own panic hook; the panel code
    // refuses to show a second panel when the main module already shows one.
    static HOOK: std::sync::Once = std::sync::Once::new();
    HOOK.call_once(crate::panic::install);
    let part =
        Part::from_name(name).ok_or_else(|| format!("no workbench view is called {name:?}"))?;
    Ok(Box::new(leptos::mount::mount_to(host, move || body(part))))
}

/// The main module's side: imports the workbench module (once per page) and mounts a body.
#[cfg(feature = "split")]
mod lazy {
    use super::Part;
    use leptos::html;
    use leptos::prelude::*;
    use send_wrapper::SendWrapper;
    use std::cell::RefCell;
    use std::rc::Rc;
    use wasm_bindgen::{JsCast, JsValue};

    /// Where the load stands.
    #[derive(Clone, Debug, PartialEq)]
    enum Load {
        Loading,
        Ready,
        Failed(String),
    }

    /// The global function the boot script defines (scripts/postbuild.py): it imports the
    /// workbench module, initialises its wasm once, and resolves to the module's namespace. A
    /// failed import is forgotten, so "Try again" really tries again.
    const LOADER: &str = "joblabWorkbench";

    /// Imports the workbench module (once per page: the loader keeps it) and resolves to its
    /// namespace, whose exports are src/bin/workbench.rs's.
    pub async fn import() -> Result<JsValue, JsValue> {
        let window = web_sys::window().ok_or("no window")?;
        let loader = js_sys::Reflect::get(&window, &LOADER.into())?
            .dyn_into::<js_sys::Function>()
            .map_err(|_| {
                JsValue::from_str(
                    "the page has no workbench loader (it was not built with scripts/postbuild.py)",
                )
            })?;
        let promise = loader
            .call0(&JsValue::NULL)?
            .dyn_into::<js_sys::Promise>()?;
        wasm_bindgen_futures::JsFuture::from(promise).await
    }

    /// Imports the workbench module and mounts `part` into `host`; returns the `Mounted` object.
    async fn load_and_mount(host: web_sys::HtmlElement, part: Part) -> Result<JsValue, JsValue> {
        let module = import().await?;
        let mount =
            js_sys::Reflect::get(&module, &"mount".into())?.dyn_into::<js_sys::Function>()?;
        mount.call2(&JsValue::NULL, &host, &part.name().into())
    }

    /// Calls `free()` on a `Mounted` object, which unmounts the body.
    fn free(mounted: &JsValue) {
        if let Ok(f) = js_sys::Reflect::get(mounted, &"free".into()) {
            if let Ok(f) = f.dyn_into::<js_sys::Function>() {
                let _ = f.call0(mounted);
            }
        }
    }

    /// A readable reason from whatever the import threw.
    fn reason(e: &JsValue) -> String {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .or_else(|| e.as_string())
            .unwrap_or_else(|| "unknown error".to_string())
    }

    /// The body of `part`, loaded from the workbench module. While it loads a status line says
    /// so; if it cannot load (offline before the first visit, a deploy in between), an alert says
    /// why and offers to try again. Nothing the reader typed is at stake: the lab autosaves.
    #[component]
    pub fn LazyBody(part: Part) -> impl IntoView {
        let host: NodeRef<html::Div> = NodeRef::new();
        let load = RwSignal::new(Load::Loading);
        let attempt = RwSignal::new(0u32);
        // Shared with the pending future, which may finish after this view is gone.
        let mounted: Rc<RefCell<Option<JsValue>>> = Rc::default();
        let alive = Rc::new(std::cell::Cell::new(true));
        {
            let (mounted, alive) = (mounted.clone(), alive.clone());
            Effect::new(move |_| {
                attempt.track();
                let Some(el) = host.get() else {
                    return;
                };
                load.set(Load::Loading);
                let el: web_sys::HtmlElement = el.into();
                let (mounted, alive) = (mounted.clone(), alive.clone());
                wasm_bindgen_futures::spawn_local(async move {
                    let result = load_and_mount(el, part).await;
                    match result {
                        Ok(m) if alive.get() => {
                            *mounted.borrow_mut() = Some(m);
                            load.try_set(Load::Ready);
                        }
                        // The reader left before the module arrived.
                        Ok(m) => free(&m),
                        Err(e) => {
                            load.try_set(Load::Failed(reason(&e)));
                        }
                    }
                });
            });
        }
        let (mounted, alive) = (SendWrapper::new(mounted), SendWrapper::new(alive));
        on_cleanup(move || {
            alive.set(false);
            if let Some(m) = mounted.borrow_mut().take() {
                free(&m);
            }
        });
        let noun = part.noun();
        view! {
            {move || match load.get() {
                Load::Loading => view! {
                    <p class="lazy-status" role="status">{format!("Loading {noun}…")}</p>
                }.into_any(),
                Load::Ready => ().into_any(),
                Load::Failed(why) => view! {
                    <div class="lazy-failed" role="alert">
                        <p>{format!("Joblab could not load {noun}: {why}. Check your connection, then try again.")}</p>
                        <button type="button" on:click=move |_| attempt.update(|n| *n += 1)>"Try again"</button>
                    </div>
                }.into_any(),
            }}
            <div class="workbench-host" node_ref=host aria-busy=move || (load.get() == Load::Loading).to_string()></div>
        }
    }
}

#[cfg(feature = "split")]
pub use lazy::{import, LazyBody};

#[cfg(test)]
mod tests {
    use super::*;

    /// The names are the contract between the two modules, and the heading ids label sections.
    #[test]
    fn names_round_trip_and_heads_are_distinct() {
        for part in Part::ALL {
            assert_eq!(Part::from_name(part.name()), Some(part));
        }
        assert_eq!(Part::from_name("Lab"), None);
        let ids: std::collections::HashSet<_> = Part::ALL.iter().map(|p| p.head().id).collect();
        assert_eq!(ids.len(), Part::ALL.len());
    }
}
