//! SCORM 1.2 run-time: Practice reports completion and score to an LMS.
//!
//! `joblab scorm` (crates/joblab-cli/src/scorm.rs) packages the app with a launch page whose root
//! element carries `data-joblab-scorm`. Only on that page does this module do anything: it opens
//! on Practice, finds the LMS's API adapter the way ADL's SCORM 1.2 run-time environment says a
//! SCO must (the `API` object on this window or up to seven parents, then on the opener's chain;
//! ADL's APIWrapper.js `findAPI`/`getAPI`), and talks to it with the SCORM 1.2 calls:
//!
//! - at the start, `LMSInitialize("")`; if `cmi.core.lesson_status` is still "not attempted",
//!   it becomes "incomplete" (`LMSSetValue`, `LMSCommit`);
//! - after each checked answer, `cmi.core.score.min` 0, `cmi.core.score.max` 100 and
//!   `cmi.core.score.raw` the share of questions whose latest answer was right, in percent
//!   (rounded); once every question has been answered, `cmi.core.lesson_status` "completed"; then
//!   `LMSCommit("")`;
//! - when the page goes away (`pagehide`), `LMSFinish("")`.
//!
//! Without an API (the package opened on its own) Practice works as anywhere else and says that
//! nothing is recorded. Every call is guarded: an LMS that throws or answers "false" never breaks
//! the page.

use std::cell::RefCell;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The attribute that marks the package's launch page (written by `joblab scorm`).
pub const MARK: &str = "data-joblab-scorm";

/// How far up the frames ADL's `findAPI` looks before giving up.
const MAX_PARENTS: usize = 7;

/// Whether this page is the launch page of a SCORM package.
pub fn launched() -> bool {
    web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
        .is_some_and(|e| e.has_attribute(MARK))
}

/// What Practice can tell the reader about reporting.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reporting {
    /// Not a SCORM launch: nothing to say.
    Off,
    /// An LMS accepted the session; answers are reported.
    Lms,
    /// No SCORM API in any parent or opener window.
    Standalone,
    /// An API was found but `LMSInitialize` failed.
    Refused,
}

impl Reporting {
    /// The sentence Practice shows, if any.
    pub fn sentence(self) -> Option<&'static str> {
        match self {
            Reporting::Off => None,
            Reporting::Lms => Some("Your answers are reported to your course: each check updates your score, and answering every question completes this activity."),
            Reporting::Standalone => Some("No course system (SCORM API) was found, so your answers are not recorded; everything else works."),
            Reporting::Refused => Some("The course system did not start a session, so your answers are not recorded; everything else works."),
        }
    }
}

/// The percentage score of `answers` (the latest answer to each question, `None` before any).
pub fn score_percent(answers: &[Option<bool>]) -> u32 {
    if answers.is_empty() {
        return 0;
    }
    let right = answers.iter().filter(|a| **a == Some(true)).count();
    ((right * 100 + answers.len() / 2) / answers.len()) as u32
}

struct Session {
    api: JsValue,
    answers: Vec<Option<bool>>,
    finished: bool,
}

thread_local! {
    static REPORTING: RefCell<Option<Reporting>> = const { RefCell::new(None) };
    static SESSION: RefCell<Option<Session>> = const { RefCell::new(None) };
}

/// `win.API` if it is an object; `None` also when the window is another origin's (reading it
/// throws) or has none.
fn api_of(win: &JsValue) -> Option<JsValue> {
    let api = js_sys::Reflect::get(win, &JsValue::from_str("API")).ok()?;
    api.is_object().then_some(api)
}

/// `win.parent` (or `win.opener`), if it is another window.
fn window_prop(win: &JsValue, name: &str) -> Option<JsValue> {
    let w = js_sys::Reflect::get(win, &JsValue::from_str(name)).ok()?;
    (w.is_object() && !js_sys::Object::is(&w, win)).then_some(w)
}

/// ADL's `findAPI`: this window, then up to [`MAX_PARENTS`] parents.
fn find_api_from(mut win: JsValue) -> Option<JsValue> {
    for _ in 0..=MAX_PARENTS {
        if let Some(api) = api_of(&win) {
            return Some(api);
        }
        win = window_prop(&win, "parent")?;
    }
    None
}

/// ADL's `getAPI`: this window's chain, then the opener's.
fn find_api() -> Option<JsValue> {
    let win: JsValue = web_sys::window()?.into();
    find_api_from(win.clone()).or_else(|| find_api_from(window_prop(&win, "opener")?))
}

/// Calls `api[name](args...)` and returns its answer as a string ("" when it throws or is not
/// a function).
fn call(api: &JsValue, name: &str, args: &[&str]) -> String {
    let Ok(f) = js_sys::Reflect::get(api, &JsValue::from_str(name)) else {
        return String::new();
    };
    let Some(f) = f.dyn_ref::<js_sys::Function>() else {
        return String::new();
    };
    let array = js_sys::Array::new();
    for a in args {
        array.push(&JsValue::from_str(a));
    }
    f.apply(api, &array)
        .ok()
        .and_then(|v| v.as_string())
        .unwrap_or_default()
}

/// Starts reporting for `questions` questions, once per page; later calls return the first
/// answer. Practice calls it when it opens.
pub fn start(questions: usize) -> Reporting {
    if let Some(r) = REPORTING.with(|r| *r.borrow()) {
        return r;
    }
    let reporting = if !launched() {
        Reporting::Off
    } else {
        match find_api() {
            None => Reporting::Standalone,
            Some(api) if call(&api, "LMSInitialize", &[""]) != "true" => Reporting::Refused,
            Some(api) => {
                let status = call(&api, "LMSGetValue", &["cmi.core.lesson_status"]);
                if status.is_empty() || status == "not attempted" {
                    call(
                        &api,
                        "LMSSetValue",
                        &["cmi.core.lesson_status", "incomplete"],
                    );
                    call(&api, "LMSCommit", &[""]);
                }
                SESSION.with(|s| {
                    *s.borrow_mut() = Some(Session {
                        api,
                        answers: vec![None; questions],
                        finished: false,
                    })
                });
                if let Some(w) = web_sys::window() {
                    let on_hide = Closure::<dyn Fn()>::new(finish);
                    let _ = w.add_event_listener_with_callback(
                        "pagehide",
                        on_hide.as_ref().unchecked_ref(),
                    );
                    // Lives as long as the page.
                    on_hide.forget();
                }
                Reporting::Lms
            }
        }
    };
    REPORTING.with(|r| *r.borrow_mut() = Some(reporting));
    reporting
}

/// Records the reader's checked answer to question `index` (from 0) and reports the score.
pub fn record(index: usize, right: bool) {
    SESSION.with(|s| {
        let mut s = s.borrow_mut();
        let Some(session) = s.as_mut().filter(|s| !s.finished) else {
            return;
        };
        let Some(slot) = session.answers.get_mut(index) else {
            return;
        };
        *slot = Some(right);
        let api = &session.api;
        let raw = score_percent(&session.answers).to_string();
        call(api, "LMSSetValue", &["cmi.core.score.min", "0"]);
        call(api, "LMSSetValue", &["cmi.core.score.max", "100"]);
        call(api, "LMSSetValue", &["cmi.core.score.raw", &raw]);
        if session.answers.iter().all(Option::is_some) {
            call(api, "LMSSetValue", &["cmi.core.lesson_status", "completed"]);
        }
        call(api, "LMSCommit", &[""]);
    });
}

/// Ends the session (`LMSFinish`), once.
fn finish() {
    SESSION.with(|s| {
        if let Some(session) = s.borrow_mut().as_mut().filter(|s| !s.finished) {
            session.finished = true;
            call(&session.api, "LMSFinish", &[""]);
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_score_is_the_share_of_latest_answers_that_were_right() {
        let cases: [(&[Option<bool>], u32); 6] = [
            (&[], 0),
            (&[None, None], 0),
            (&[Some(true), None, None], 33),
            (&[Some(true), Some(true), None], 67),
            (
                &[Some(true), Some(false), Some(true), Some(true), Some(false)],
                60,
            ),
            (&[Some(true); 5], 100),
        ];
        for (answers, want) in cases {
            assert_eq!(score_percent(answers), want, "{answers:?}");
        }
    }
}
