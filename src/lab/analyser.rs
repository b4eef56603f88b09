//! Keeps the analysis of the editor's text off the input path.
//!
//! Checking a Job (parse, decode, default, validate, locate) takes about a millisecond for a
//! 300-line Job but far longer for a pasted megabyte, and the page must never stall while the
//! learner types. Two paths, chosen per keystroke:
//! - a short text is analysed right in the input handler, so its diagnostics are drawn in the
//!   same frame as the character typed. "Short" is measured, not guessed: at most
//!   [`SYNC_MAX_BYTES`], and expected to take at most [`SYNC_BUDGET_MS`] (a quarter of a frame)
//!   at the fastest rate (ms per byte) seen on this page so far, from analyses on the page and
//!   in the worker alike. The fastest rate, not the last one, because one slow run (cold code, a
//!   garbage collection) says nothing about the next; a slow device is slow every time, so it
//!   moves to the worker by itself;
//! - anything longer goes to a Web Worker that runs the same analysis ([`model::analyse_job`]) in
//!   its own instance of the workbench module; the result comes back as JSON
//!   ([`model::encode_analysis`]). At most one request is in flight; newer text waits in a single
//!   slot and replaces older waiting text, so a fast typist never builds a queue.
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
use super::now_ms;

/// The main-thread fallback's throttle: while typing goes on, the text is analysed at most this
/// often (a throttle, not a debounce, so diagnostics keep up).
const FALLBACK_THROTTLE_MS: u64 = 80;

/// Texts longer than this always go to the worker (64 KiB: about 2 000 lines of YAML).
pub const SYNC_MAX_BYTES: usize = 64 * 1024;
/// An analysis on the input path is expected to take at most this long (ms).
pub const SYNC_BUDGET_MS: f64 = 4.0;

/// The global the boot script sets to the worker script's URL.
const WORKER_URL_GLOBAL: &str = "joblabAnalysisWorker";

/// Where results go.
type Sink = Rc<dyn Fn(JobAnalysis)>;

/// Where the worker stands. It starts on the first text too long for the input path, so a lab
/// that only ever sees ordinary Jobs never pays for a second instance of the module.
enum Worker {
    NotStarted,
    Running {
        worker: web_sys::Worker,
        // Kept alive as long as the worker may call them.
        _on_message: Closure<dyn FnMut(web_sys::MessageEvent)>,
        _on_error: Closure<dyn FnMut(web_sys::Event)>,
    },
    /// None on this page, or it failed: the main thread does everything, throttled.
    Unavailable,
}

struct State {
    worker: Worker,
    /// Bumped by every analysis done on the main thread, so an older reply from the worker is
    /// dropped.
    generation: u64,
    /// The id of the request in flight, its generation, and its text (kept so the fallback can
    /// redo it).
    in_flight: Option<(u64, u64, String)>,
    next_id: u64,
    /// The newest text not yet sent.
    waiting: Option<String>,
    /// The fallback's throttle is armed.
    throttle_armed: bool,
    /// The fastest analysis rate seen on this page, in ms per byte; 0 before any measurement.
    fastest_ms_per_byte: f64,
}

impl State {
    /// Records that analysing `bytes` bytes took `ms`.
    fn measured(&mut self, bytes: usize, ms: f64) {
        if bytes == 0 || !ms.is_finite() || ms < 0.0 {
            return;
        }
        let rate = ms / bytes as f64;
        if self.fastest_ms_per_byte == 0.0 || rate < self.fastest_ms_per_byte {
            self.fastest_ms_per_byte = rate;
        }
    }

    /// Whether a text of `bytes` bytes may be analysed on the input path.
    fn short(&self, bytes: usize) -> bool {
        bytes <= SYNC_MAX_BYTES && bytes as f64 * self.fastest_ms_per_byte <= SYNC_BUDGET_MS
    }
}

/// Analyses editor text, on the input path or in a worker, and hands each result to a callback.
pub struct Analyser {
    state: Rc<RefCell<State>>,
    sink: Sink,
}

impl Analyser {
    /// An analyser that reports to `on_result`. Nothing starts yet.
    pub fn new(on_result: impl Fn(JobAnalysis) + 'static) -> Analyser {
        let state = Rc::new(RefCell::new(State {
            worker: Worker::NotStarted,
            generation: 0,
            in_flight: None,
            next_id: 0,
            waiting: None,
            throttle_armed: false,
            fastest_ms_per_byte: 0.0,
        }));
        Analyser {
            state,
            sink: Rc::new(on_result),
        }
    }

    /// Asks for `text` to be analysed: at once when it is short (see the module docs), else soon;
    /// the result arrives through the callback.
    pub fn request(&self, text: String) {
        let mut s = self.state.borrow_mut();
        if s.short(text.len()) {
            drop(s);
            self.analyse_now(&text);
            return;
        }
        s.waiting = Some(text);
        if matches!(s.worker, Worker::NotStarted) {
            s.worker = start_worker(&self.state, &self.sink);
        }
        if matches!(s.worker, Worker::Running { .. }) {
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
            // Newer than anything in flight or waiting, so those results are dropped.
            let mut s = self.state.borrow_mut();
            s.generation += 1;
            s.waiting = None;
        }
        let started = now_ms();
        let analysis = model::analyse_job(text);
        if let (Some(a), Some(b)) = (started, now_ms()) {
            self.state.borrow_mut().measured(text.len(), b - a);
        }
        (self.sink)(analysis);
    }
}

impl Drop for Analyser {
    fn drop(&mut self) {
        stop_worker(&mut self.state.borrow_mut(), Worker::Unavailable);
    }
}

/// Terminates a running worker, leaving `then` in its place.
fn stop_worker(s: &mut State, then: Worker) -> bool {
    match std::mem::replace(&mut s.worker, then) {
        Worker::Running { worker, .. } => {
            worker.set_onmessage(None);
            worker.set_onerror(None);
            worker.terminate();
            true
        }
        _ => false,
    }
}

/// Creates the module worker named by the boot script, if there is one and it can start.
fn start_worker(state: &Rc<RefCell<State>>, sink: &Sink) -> Worker {
    let Some(window) = web_sys::window() else {
        return Worker::Unavailable;
    };
    let Some(url) = js_sys::Reflect::get(&window, &WORKER_URL_GLOBAL.into())
        .ok()
        .and_then(|u| u.as_string())
    else {
        return Worker::Unavailable;
    };
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let Ok(worker) = web_sys::Worker::new_with_options(&url, &options) else {
        return Worker::Unavailable;
    };
    let on_message = {
        let (state, sink) = (state.clone(), sink.clone());
        Closure::<dyn FnMut(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            on_reply(&state, &sink, &ev.data());
        })
    };
    // A worker that cannot start (its script blocked, module workers unsupported) or that fails
    // later: hand everything to the main thread for the rest of this lab's life.
    let on_error = {
        let (state, sink) = (state.clone(), sink.clone());
        Closure::<dyn FnMut(web_sys::Event)>::new(move |ev: web_sys::Event| {
            ev.prevent_default();
            fall_back(&state, &sink);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    Worker::Running {
        worker,
        _on_message: on_message,
        _on_error: on_error,
    }
}

/// Posts the waiting text, if any, as `{id, text}`.
fn send_waiting(s: &mut State) {
    let Some(text) = s.waiting.take() else {
        return;
    };
    let Worker::Running { worker, .. } = &s.worker else {
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
    // How long the analysis itself took in the worker, which tells what it would cost here.
    let ms = js_sys::Reflect::get(data, &"ms".into())
        .ok()
        .and_then(|v| v.as_f64());
    let deliver = {
        let mut s = state.borrow_mut();
        let Some((_, generation, text)) = &s.in_flight else {
            return;
        };
        let (generation, bytes) = (*generation, text.len());
        if let Some(ms) = ms {
            s.measured(bytes, ms);
        }
        match result {
            Some(Ok(a)) => {
                s.in_flight = None;
                // Send the next text before painting this result, so the worker is busy while
                // the page draws.
                send_waiting(&mut s);
                (generation == s.generation).then_some(a)
            }
            // The worker could not analyse (it reported an error, or its answer did not
            // decode): the main thread takes over, starting with the text still in flight.
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
    if stop_worker(&mut s, Worker::Unavailable) {
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
    let armed = state.clone();
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
    if window
        .set_timeout_with_callback_and_timeout_and_arguments_0(
            Closure::once_into_js(fire).unchecked_ref(),
            FALLBACK_THROTTLE_MS as i32,
        )
        .is_err()
    {
        // Disarm, so the next keystroke tries again instead of waiting forever.
        armed.borrow_mut().throttle_armed = false;
    }
}
