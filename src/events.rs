//! Host events: what an embed tells the page around it (docs/embed.md, "Host events").
//!
//! One schema serves both embeds. Each event is a JSON object whose `type` names it
//! (`joblab:ready`, `joblab:play`, ...) and whose `version` is [`SCHEMA_VERSION`]:
//!
//! - the iframe embed (`#/embed/...`) posts the object to its parent window with `postMessage`;
//! - the web component (`<joblab-diagram>`, src/component.rs) dispatches a DOM `CustomEvent` on
//!   its element, with the object's `type` as the event's type and the object as its `detail`;
//!   the event bubbles and is composed, so it crosses the shadow root.
//!
//! The shape of each event is [`HostEvent::to_json`], pure so it is tested natively; where an
//! event goes is a [`Sink`], chosen once where a diagram or a question is built.

use leptos::prelude::*;
use send_wrapper::SendWrapper;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

/// The version of the event schema: a change that removes or renames a field, or changes its
/// meaning, increments it; new fields or new events do not.
pub const SCHEMA_VERSION: u32 = 1;

/// How a Job ended, as its terminal condition says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    /// `Complete` or `Failed`: the terminal condition's type.
    pub condition: String,
    /// The condition's reason, such as `BackoffLimitExceeded` or `CompletionsReached`.
    pub reason: String,
}

/// Something an embed reports to its host page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostEvent {
    /// The embed has rendered; `end_ms` is when its run settles (simulated), if it shows one.
    Ready {
        /// When the shown run settles, in simulated milliseconds; `None` for views without a run.
        end_ms: Option<u64>,
    },
    /// The reader started the player.
    Play {
        /// The simulated time it starts from.
        time_ms: u64,
    },
    /// The reader paused the player.
    Pause {
        /// The simulated time it stopped at.
        time_ms: u64,
    },
    /// The reader moved to the next event of the run (Step, or Play under reduced motion).
    Step {
        /// The simulated time it moved to.
        time_ms: u64,
    },
    /// The player reached the end of the run: the Job's outcome, or `None` when the run ended
    /// without one (a Job still suspended, say).
    Finished {
        /// The end of the run, in simulated milliseconds.
        time_ms: u64,
        /// The Job's terminal condition, if it has one.
        outcome: Option<Outcome>,
    },
    /// The reader checked a practice answer.
    Answer {
        /// The question's number, from 1.
        question: usize,
        /// The choice picked, from 1.
        choice: usize,
        /// Whether the simulation agreed with it.
        correct: bool,
    },
}

impl HostEvent {
    /// The event's `type`, which is also the DOM event's type on the web component.
    pub const fn kind(&self) -> &'static str {
        match self {
            HostEvent::Ready { .. } => "joblab:ready",
            HostEvent::Play { .. } => "joblab:play",
            HostEvent::Pause { .. } => "joblab:pause",
            HostEvent::Step { .. } => "joblab:step",
            HostEvent::Finished { .. } => "joblab:finished",
            HostEvent::Answer { .. } => "joblab:answer",
        }
    }

    /// The event as the JSON object hosts receive. `source` says what the embed shows: a pattern
    /// slug (`failure`), a CronJob pattern's (`cronjobs/forbid`), `lab` or `practice`.
    pub fn to_json(&self, source: &str) -> serde_json::Value {
        use serde_json::json;
        let mut v = json!({ "type": self.kind(), "version": SCHEMA_VERSION, "source": source });
        let fields = match self {
            HostEvent::Ready { end_ms } => json!({ "endMs": end_ms }),
            HostEvent::Play { time_ms }
            | HostEvent::Pause { time_ms }
            | HostEvent::Step { time_ms } => {
                json!({ "timeMs": time_ms })
            }
            HostEvent::Finished { time_ms, outcome } => json!({
                "timeMs": time_ms,
                "outcome": outcome.as_ref().map(|o| o.condition.as_str()),
                "reason": outcome.as_ref().map(|o| o.reason.as_str()),
            }),
            HostEvent::Answer {
                question,
                choice,
                correct,
            } => json!({ "question": question, "choice": choice, "correct": correct }),
        };
        if let (Some(obj), serde_json::Value::Object(extra)) = (v.as_object_mut(), fields) {
            obj.extend(extra);
        }
        v
    }
}

/// Where a view's events go.
#[derive(Clone, Debug)]
pub enum Sink {
    /// The iframe embed: `postMessage` to the parent window.
    Parent {
        /// The `source` field.
        source: String,
    },
    /// The web component: a `CustomEvent` on its element.
    Element {
        /// The `<joblab-diagram>` element.
        host: SendWrapper<web_sys::HtmlElement>,
        /// The `source` field.
        source: String,
    },
    /// The site itself: nobody to tell.
    Nowhere,
}

impl Sink {
    /// The sink of the view being built: the one a web component provided as context, else the
    /// parent window when this page is an embed route inside a frame, else nowhere. Call it where
    /// the view is built (it reads the reactive context), and keep the result for the handlers.
    pub fn current() -> Sink {
        if let Some(sink) = use_context::<Sink>() {
            return sink;
        }
        let fragment = crate::current_fragment();
        let Some(embed) = crate::route::Embed::parse(&fragment) else {
            return Sink::Nowhere;
        };
        let framed = web_sys::window()
            .and_then(|w| w.parent().ok().flatten().map(|p| p != w))
            .unwrap_or(false);
        if framed {
            Sink::Parent {
                source: embed.target.path(),
            }
        } else {
            Sink::Nowhere
        }
    }

    /// Sends `event`. A host that does not listen loses nothing; failures are ignored, since the
    /// embed works the same whether anyone listens or not.
    pub fn emit(&self, event: &HostEvent) {
        let source = match self {
            Sink::Nowhere => return,
            Sink::Parent { source } | Sink::Element { source, .. } => source,
        };
        let Ok(value) = parse(&event.to_json(source).to_string()) else {
            return;
        };
        match self {
            Sink::Element { host, .. } => dispatch(host, event.kind(), value),
            _ => post_to_parent(value),
        }
    }
}

// Bindings the web-sys features this crate enables do not cover (so Cargo.toml is unchanged).
#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_namespace = JSON, catch)]
    fn parse(text: &str) -> Result<JsValue, JsValue>;

    /// The DOM CustomEvent.
    type CustomEvent;
    #[wasm_bindgen(constructor, catch)]
    fn new(type_: &str, init: &JsValue) -> Result<CustomEvent, JsValue>;
}

/// Posts `message` to the parent window, if this page is in a frame. The target origin is `"*"`
/// for the reason the height message's is (src/embed.rs): the app cannot know which site embeds
/// it, and the events carry nothing but what the reader did with the diagram in view.
fn post_to_parent(message: JsValue) {
    let Some(w) = web_sys::window() else { return };
    let Ok(Some(parent)) = w.parent() else { return };
    if parent != w {
        let _ = parent.post_message(&message, "*");
    }
}

/// Dispatches `CustomEvent(kind, {detail, bubbles: true, composed: true})` on `host`.
fn dispatch(host: &web_sys::HtmlElement, kind: &str, detail: JsValue) {
    let Ok(init) = parse(r#"{"bubbles":true,"composed":true}"#) else {
        return;
    };
    if js_sys::Reflect::set(&init, &"detail".into(), &detail).is_err() {
        return;
    }
    if let Ok(ev) = CustomEvent::new(kind, &init) {
        let _ = host.dispatch_event(ev.unchecked_ref());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// The schema, event by event: the contract in docs/embed.md.
    #[test]
    fn every_event_has_its_documented_shape() {
        let failed = Some(Outcome {
            condition: "Failed".into(),
            reason: "BackoffLimitExceeded".into(),
        });
        let table = [
            (
                HostEvent::Ready {
                    end_ms: Some(61_000),
                },
                json!({"type": "joblab:ready", "version": 1, "source": "failure", "endMs": 61000}),
            ),
            (
                HostEvent::Ready { end_ms: None },
                json!({"type": "joblab:ready", "version": 1, "source": "failure", "endMs": null}),
            ),
            (
                HostEvent::Play { time_ms: 0 },
                json!({"type": "joblab:play", "version": 1, "source": "failure", "timeMs": 0}),
            ),
            (
                HostEvent::Pause { time_ms: 1500 },
                json!({"type": "joblab:pause", "version": 1, "source": "failure", "timeMs": 1500}),
            ),
            (
                HostEvent::Step { time_ms: 11_000 },
                json!({"type": "joblab:step", "version": 1, "source": "failure", "timeMs": 11000}),
            ),
            (
                HostEvent::Finished {
                    time_ms: 61_000,
                    outcome: failed,
                },
                json!({"type": "joblab:finished", "version": 1, "source": "failure", "timeMs": 61000,
                       "outcome": "Failed", "reason": "BackoffLimitExceeded"}),
            ),
            (
                HostEvent::Finished {
                    time_ms: 5_000,
                    outcome: None,
                },
                json!({"type": "joblab:finished", "version": 1, "source": "failure", "timeMs": 5000,
                       "outcome": null, "reason": null}),
            ),
            (
                HostEvent::Answer {
                    question: 2,
                    choice: 3,
                    correct: false,
                },
                json!({"type": "joblab:answer", "version": 1, "source": "failure", "question": 2,
                       "choice": 3, "correct": false}),
            ),
        ];
        for (event, want) in table {
            assert_eq!(event.to_json("failure"), want, "{event:?}");
            assert_eq!(want["type"], event.kind());
        }
    }
}
