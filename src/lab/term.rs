//! The terminal: a "Command" input and a "Terminal output" log. Commands run in
//! `joblab_core::terminal` against the snapshot at the player's time; this file only keeps the
//! history, does Tab completion and hands effects to the lab.

use joblab_core::terminal::{self, Effect};
use leptos::html;
use leptos::prelude::*;

/// One command and what it printed.
#[derive(Clone, Debug, PartialEq)]
struct Entry {
    id: u64,
    command: String,
    text: String,
    error: bool,
}

/// The terminal. `context` builds the command context and runs the command (it needs the lab's
/// run and editor); `apply` carries out the effect.
#[component]
pub fn Terminal(
    run_command: Callback<String, terminal::Output>,
    snapshot_names: Callback<String, terminal::Completion>,
    apply: Callback<Effect>,
) -> impl IntoView {
    let entries = RwSignal::new(Vec::<Entry>::new());
    let input = RwSignal::new(String::new());
    let history = StoredValue::new(Vec::<String>::new());
    let pos = StoredValue::new(0usize);
    let next_id = StoredValue::new(0u64);
    let out: NodeRef<html::Div> = NodeRef::new();
    let field: NodeRef<html::Input> = NodeRef::new();
    let scroll_down = move || {
        if let Some(o) = out.get() {
            o.set_scroll_top(o.scroll_height());
        }
    };
    let push = move |command: String, text: String, error: bool| {
        let id = next_id.get_value();
        next_id.set_value(id + 1);
        entries.update(|e| {
            e.push(Entry {
                id,
                command,
                text,
                error,
            });
            // Bounded, so a long session cannot grow the page without end.
            if e.len() > 200 {
                e.remove(0);
            }
        });
    };
    let submit = move || {
        let line = input.get_untracked();
        input.set(String::new());
        if !line.trim().is_empty() {
            history.update_value(|h| {
                if h.last() != Some(&line) {
                    h.push(line.clone());
                }
            });
        }
        pos.set_value(history.with_value(Vec::len));
        let result = run_command.run(line.clone());
        if result.effect == Effect::Clear {
            entries.set(Vec::new());
            return;
        }
        push(line, result.text.clone(), result.error);
        apply.run(result.effect);
        request_animation_frame(scroll_down);
    };
    let set_input = move |v: String| {
        input.set(v.clone());
        if let Some(f) = field.get() {
            f.set_value(&v);
            let n = v.encode_utf16().count() as u32;
            let _ = f.set_selection_range(n, n);
        }
    };
    let on_key = move |ev: web_sys::KeyboardEvent| match ev.key().as_str() {
        "Enter" => {
            ev.prevent_default();
            submit();
        }
        "ArrowUp" => {
            ev.prevent_default();
            let p = pos.get_value();
            if p > 0 {
                pos.set_value(p - 1);
                set_input(history.with_value(|h| h.get(p - 1).cloned().unwrap_or_default()));
            }
        }
        "ArrowDown" => {
            ev.prevent_default();
            let p = pos.get_value();
            let n = history.with_value(Vec::len);
            if p < n {
                pos.set_value(p + 1);
                set_input(history.with_value(|h| h.get(p + 1).cloned().unwrap_or_default()));
            }
        }
        // An empty line lets Tab move on, so the field is never a keyboard trap.
        "Tab" if !ev.shift_key() && !input.get_untracked().is_empty() => {
            ev.prevent_default();
            let c = snapshot_names.run(input.get_untracked());
            if !c.candidates.is_empty() {
                push(
                    input.get_untracked(),
                    format!("{}\n", c.candidates.join("  ")),
                    false,
                );
                request_animation_frame(scroll_down);
            }
            set_input(c.line);
        }
        _ => {}
    };
    view! {
        <div class="term">
            <div class="term-out" node_ref=out role="log" aria-label="Terminal output" tabindex="0">
                {move || entries.get().is_empty().then(|| view! {
                    <p class="muted term-empty">"Type kubectl commands below, e.g. get pods. Type help for the list."</p>
                })}
                <For each=move || entries.get() key=|e| e.id let:e>
                    <div class="term-entry">
                        <div class="term-cmd">"$ "{e.command}</div>
                        <pre class=if e.error { "term-text term-err" } else { "term-text" }>{e.text}</pre>
                    </div>
                </For>
            </div>
            <div class="term-line">
                <span class="term-prompt" aria-hidden="true">"$ kubectl"</span>
                <input
                    node_ref=field
                    type="text"
                    aria-label="Command"
                    aria-describedby="term-hint"
                    autocomplete="off"
                    autocapitalize="off"
                    spellcheck="false"
                    enterkeyhint="send"
                    on:input=move |ev| input.set(event_target_value(&ev))
                    on:keydown=on_key
                />
                <button type="button" on:click=move |_| submit()>"Run"</button>
            </div>
            <p class="muted term-hint" id="term-hint">
                "Enter runs, Up and Down recall earlier commands, Tab completes commands, types and names (on an empty line Tab moves on)."
            </p>
        </div>
    }
}
