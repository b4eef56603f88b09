//! Keeps the analysis of the editor's text off the input path.
//!
//! Checking a Job (parse, decode, default, validate, locate) takes about a millisecond for a
//! 300-line Job but far longer for a pasted megabyte, and the page must never stall while the
//! learner types. So the text goes to a Web Worker that runs the same analysis
//! ([`model::analyse_job`]) in its own instance of the workbench module, and the result comes back
//! as JSON ([`model::encode_analysis`]). At most one request is in flight; newer text waits in a
//! single slot and replaces older waiting text, so a fast typist never builds a queue, and each
//! result shows as soon as it arrives (within a frame for an ordinary Job).
//!
//! The worker script is written by scripts/postbuild.py, and the boot script puts its URL in
//! `window.joblabAnalysisWorker`. Without it (tests, or a browser that cannot start a module
//! worker) or after the worker fails, the analysis runs on the main thread, throttled as before:
//! slower to react, never wrong.

use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

use super::model::{self, JobAnalysis};

/// The main-thread fallback's throttle: while typing goes on, the text is analysed at most this
/// often (a throttle, not a debounce, so diagnostics keep up).
const FALLBACK_THROTTLE_MS: u64 = 80;

/// The global the boot script sets to the worker script's URL.
const WORKER_URL_GLOBAL: &str = "joblabAnalysisWorker";

/// Where results go.
type Sink = Rc<dyn Fn(JobAnalysis)>;

struct State {
    /// `None` once we run on the main thread.
    worker: Option<web_sys::Worker>,
    /// Bumped by [`Analyser::analyse_now`], so an older reply from the worker is dropped.
    generation: u64,
    /// The id of the request in flight, and its text (kept so the fallback can redo it).
    in_flight: Option<(u64, u64, String)>,
    next_id: u64,
    /// The newest text not yet sent.
    waiting: Option<String>,
    /// The fallback's throttle is armed.
    throttle_armed: bool,
}

/// Analyses editor text in a worker and hands each result to a callback.
pub struct Analyser {
    state: Rc<RefCell<State>>,
    sink: Sink,
    // Kept alive as long as the worker may call them.
    _on_message: Option<Closure<dyn FnMut(web_sys::MessageEvent)>>,
    _on_error: Option<Closure<dyn FnMut(web_sys::Event)>>,
}

impl Analyser {
    /// Starts the worker if the page has one, else prepares the main-thread fallback.
    pub fn new(on_result: impl Fn(JobAnalysis) + 'static) -> Analyser {
        let state = Rc::new(RefCell::new(State {
            worker: None,
            generation: 0,
            in_flight: None,
            next_id: 0,
            waiting: None,
            throttle_armed: false,
        }));
        let sink: Sink = Rc::new(on_result);
        let mut analyser = Analyser {
            state: state.clone(),
            sink: sink.clone(),
            _on_message: None,
            _on_error: None,
        };
        let Some(worker) = start_worker() else {
            return analyser;
        };
        let on_message = {
            let (state, sink) = (state.clone(), sink.clone());
            Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
                on_reply(&state, &sink, &ev.data());
            })
        };
        // A worker that cannot start (its script blocked, module workers unsupported) or that
        // fails later: hand everything to the main thread for the rest of this lab's life.
        let on_error = {
            let (state, sink) = (state.clone(), sink.clone());
            Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
                ev.prevent_default();
                fall_back(&state, &sink);
            })
        };
        worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
        worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
        state.borrow_mut().worker = Some(worker);
        analyser._on_message = Some(on_message);
        analyser._on_error = Some(on_error);
        analyser
    }

    /// Whether analysis runs in a worker (false once it has fallen back to the main thread).
    pub fn in_worker(&self) -> bool {
        self.state.borrow().worker.is_some()
    }

    /// Asks for `text` to be analysed soon; the result arrives through the callback.
    pub fn request(&self, text: String) {
        let mut s = self.state.borrow_mut();
        s.waiting = Some(text);
        if s.worker.is_some() {
            if s.in_flight.is_none() {
                send_waiting(&mut s);
            }
        } else if !s.throttle_armed {
            s.throttle_armed = true;
            drop(s);
            arm_throttle(self.state.clone(), self.sink.clone());
        }
    }

    /// Analyses `text` at once on the main thread (a preset, a file, a share link: a load, not a
    /// keystroke), and drops any older result still on its way.
    pub fn analyse_now(&self, text: &str) {
        {
            let mut s = self.state.borrow_mut();
            s.generation += 1;
            s.waiting = None;
        }
        (self.sink)(model::analyse_job(text));
    }
}

impl Drop for Analyser {
    fn drop(&mut self) {
        if let Some(w) = self.state.borrow_mut().worker.take() {
            w.set_onmessage(None);
            w.set_onerror(None);
            w.terminate();
        }
    }
}

/// Creates the module worker named by the boot script, if there is one and it can start.
fn start_worker() -> Option<web_sys::Worker> {
    let window = web_sys::window()?;
    let url = js_sys::Reflect::get(&window, &WORKER_URL_GLOBAL.into())
        .ok()?
        .as_string()?;
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    web_sys::Worker::new_with_options(&url, &options).ok()
}

/// Posts the waiting text, if any, as `{id, text}`.
fn send_waiting(s: &mut State) {
    let Some(text) = s.waiting.take() else {
        return;
    };
    let Some(worker) = &s.worker else {
        s.waiting = Some(text);
        return;
    };
    s.next_id += 1;
    let id = s.next_id;
    let msg = js_sys::Object::new();
    let _ = js_sys::Reflect::set(&msg, &"id".into(), &JsValue::from_f64(id as f64));
    let _ = js_sys::Reflect::set(&msg, &"text".into(), &JsValue::from_str(&text));
    if worker.post_message(&msg).is_ok() {
        s.in_flight = Some((id, s.generation, text));
    } else {
        s.waiting = Some(text);
    }
}

/// Handles `{id, analysis}` or `{id, error}` from the worker.
fn on_reply(state: &Rc<RefCell<State>>, sink: &Sink, data: &JsValue) {
    let analysis = js_sys::Reflect::get(data, &"analysis".into())
        .ok()
        .and_then(|v| v.as_string());
    let result = analysis.as_deref().map(model::decode_analysis);
    let deliver = {
        let mut s = state.borrow_mut();
        let Some((_, generation, _)) = s.in_flight.take() else {
            return;
        };
        match result {
            Some(Ok(a)) => {
                // Send the next text before painting this result, so the worker is busy while
                // the page draws.
                send_waiting(&mut s);
                (generation == s.generation).then_some(a)
            }
            // The worker could not analyse (it reported an error, or its answer did not
            // decode): the main thread takes over, starting with this text.
            _ => {
                drop(s);
                fall_back(state, sink);
                return;
            }
        }
    };
    if let Some(a) = deliver {
        sink(a);
    }
}

/// Stops the worker and moves analysis to the main thread, redoing any unanswered text.
fn fall_back(state: &Rc<RefCell<State>>, sink: &Sink) {
    let mut s = state.borrow_mut();
    if let Some(w) = s.worker.take() {
        w.set_onmessage(None);
        w.set_onerror(None);
        w.terminate();
        web_sys::console::warn_1(
            &"Joblab: the analysis worker stopped; analysing on the page instead".into(),
        );
    }
    if let Some((_, generation, text)) = s.in_flight.take() {
        if s.waiting.is_none() && generation == s.generation {
            s.waiting = Some(text);
        }
    }
    if s.waiting.is_some() && !s.throttle_armed {
        s.throttle_armed = true;
        drop(s);
        arm_throttle(state.clone(), sink.clone());
    }
}

/// The main-thread fallback: analyses the newest waiting text after the throttle delay.
fn arm_throttle(state: Rc<RefCell<State>>, sink: Sink) {
    let state_for_retry = state.clone();
    let fire = move || {
        let text = {
            let mut s = state.borrow_mut();
            s.throttle_armed = false;
            s.waiting.take()
        };
        if let Some(text) = text {
            sink(model::analyse_job(&text));
        }
    };
    let Some(window) = web_sys::window() else {
        // No timers (not a browser page): nothing better than analysing now.
        return fire();
    };
    let retry = state_for_retry;
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            Closure::once_into_js(fire).unchecked_ref(),
            FALLBACK_THROTTLE_MS as i32,
        )
        .is_err()
    {
        // Disarm, so the next keystroke tries again instead of waiting forever.
        retry.borrow_mut().throttle_armed = false;
    }
}
