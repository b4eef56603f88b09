//! The Job YAML editor: a native `<textarea>` (so selection, IME, mobile keyboards, native undo
//! and screen readers all work) with transparent text, layered over a `<pre>` mirror that draws
//! the highlighted text and the squiggles, beside a line-number gutter with diagnostic markers.
//!
//! Edits made by keys (Tab, Shift+Tab, Enter) go through `document.execCommand('insertText')`,
//! which records them in the textarea's native undo stack; setting `.value` would wipe that stack.
//! Escape, then Tab, leaves the editor, so keyboard users are never trapped.

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::HtmlTextAreaElement;

use super::highlight::{pieces, Mark};
use super::model::DiagItem;

/// The mirror's and textarea's line height in CSS pixels (style/lab.css: `line-height: 1.5rem`).
const LINE_PX: f64 = 24.0;

/// Byte offset of the UTF-16 offset `u` in `s` (textarea selections count UTF-16 units).
pub fn u16_to_byte(s: &str, u: u32) -> usize {
    let mut n = 0u32;
    for (i, c) in s.char_indices() {
        if n >= u {
            return i;
        }
        n += c.len_utf16() as u32;
    }
    s.len()
}

/// UTF-16 offset of byte offset `b` in `s`.
pub fn byte_to_u16(s: &str, b: usize) -> u32 {
    let b = b.min(s.len());
    let cut = (0..=b).rev().find(|&i| s.is_char_boundary(i)).unwrap_or(0);
    s[..cut].encode_utf16().count() as u32
}

/// Replaces the selection with `text` through the browser's editing commands (undoable), falling
/// back to `setRangeText` plus a synthetic `input` event where `execCommand` is unavailable.
fn insert(ta: &HtmlTextAreaElement, text: &str) {
    let done = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| {
            d.unchecked_into::<web_sys::HtmlDocument>()
                .exec_command_with_show_ui_and_value("insertText", false, text)
                .ok()
        })
        .unwrap_or(false);
    if !done {
        let value = ta.value();
        let start = u16_to_byte(&value, ta.selection_start().ok().flatten().unwrap_or(0));
        let end = u16_to_byte(&value, ta.selection_end().ok().flatten().unwrap_or(0));
        let (start, end) = (start.min(end), start.max(end));
        let next = format!("{}{}{}", &value[..start], text, &value[end..]);
        ta.set_value(&next);
        let caret = byte_to_u16(&next, start + text.len());
        let _ = ta.set_selection_range(caret, caret);
        if let Ok(ev) = web_sys::Event::new("input") {
            let _ = ta.dispatch_event(&ev);
        }
    }
}

/// Selects bytes `start..end` of the textarea's value.
fn select(ta: &HtmlTextAreaElement, value: &str, start: usize, end: usize) {
    let _ = ta.set_selection_range(byte_to_u16(value, start), byte_to_u16(value, end));
}

/// The byte range of the whole lines the selection touches.
fn line_block(value: &str, start: usize, end: usize) -> (usize, usize) {
    let from = value[..start].rfind('\n').map_or(0, |i| i + 1);
    let to = value[end..].find('\n').map_or(value.len(), |i| end + i);
    (from, to)
}

/// Handles Tab, Shift+Tab and Enter. Returns whether the key was consumed.
fn on_key(ta: &HtmlTextAreaElement, ev: &web_sys::KeyboardEvent, escaped: bool) -> bool {
    if ev.ctrl_key() || ev.meta_key() || ev.alt_key() || ev.is_composing() {
        return false;
    }
    let value = ta.value();
    let start = u16_to_byte(&value, ta.selection_start().ok().flatten().unwrap_or(0));
    let end = u16_to_byte(&value, ta.selection_end().ok().flatten().unwrap_or(0));
    let (start, end) = (start.min(end), start.max(end));
    match ev.key().as_str() {
        "Tab" if escaped => false,
        "Tab" if !ev.shift_key() && !value[start..end].contains('\n') => {
            insert(ta, "  ");
            true
        }
        "Tab" => {
            let (from, to) = line_block(&value, start, end);
            let block = &value[from..to];
            let mut removed_first = 0usize;
            let new: Vec<String> = block
                .split('\n')
                .enumerate()
                .map(|(i, l)| {
                    if ev.shift_key() {
                        let n = l.len() - l.trim_start_matches(' ').len();
                        let n = n.min(2);
                        if i == 0 {
                            removed_first = n;
                        }
                        l[n..].to_string()
                    } else {
                        format!("  {l}")
                    }
                })
                .collect();
            let new = new.join("\n");
            if new != block {
                select(ta, &value, from, to);
                insert(ta, &new);
                let value = ta.value();
                if start == end {
                    let caret = start.saturating_sub(removed_first).max(from);
                    select(ta, &value, caret, caret);
                } else {
                    select(ta, &value, from, from + new.len());
                }
            }
            true
        }
        "Enter" if !ev.shift_key() => {
            let line_start = value[..start].rfind('\n').map_or(0, |i| i + 1);
            let before = &value[line_start..start];
            let mut indent = before.len() - before.trim_start_matches(' ').len();
            let trimmed = before.trim();
            if trimmed.starts_with("- ") {
                indent += 2;
            }
            if trimmed.ends_with(':') {
                indent += 2;
            }
            insert(ta, &format!("\n{}", " ".repeat(indent)));
            true
        }
        _ => false,
    }
}

/// Puts the caret at byte `at` of the textarea's value, focuses it and scrolls it into view.
pub fn go_to(ta: &HtmlTextAreaElement, at: usize, line: usize) {
    let value = ta.value();
    let u = byte_to_u16(&value, at);
    let _ = ta.focus();
    let _ = ta.set_selection_range(u, u);
    let top =
        (line.saturating_sub(1) as f64 * LINE_PX - f64::from(ta.client_height()) / 3.0).max(0.0);
    ta.set_scroll_top(top as i32);
}

/// One mirror line: number, text and squiggles (the `For` key, so unchanged lines are kept).
type LineKey = (usize, String, Vec<(usize, usize, Mark)>);

fn mirror_lines(text: &str, items: &[DiagItem]) -> Vec<LineKey> {
    let mut out: Vec<LineKey> = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.to_string(), Vec::new()))
        .collect();
    for it in items {
        let Some(line) = out.get_mut(it.line.saturating_sub(1)) else {
            continue;
        };
        let len = line.1.chars().count();
        let s = it.col.saturating_sub(1);
        let e = if it.end_line == it.line {
            it.end_col.saturating_sub(1)
        } else {
            len
        };
        let e = if e <= s { s + 1 } else { e };
        let mark = if it.warning {
            Mark::Warning
        } else {
            Mark::Error
        };
        line.2.push((s, e, mark));
    }
    out
}

/// The editor. `text` follows every keystroke; `reset` is bumped when the text is replaced from
/// outside (preset, file, share link), which is the only time the textarea's value is set.
#[component]
pub fn Editor(
    text: RwSignal<String>,
    reset: RwSignal<u64>,
    items: Signal<Vec<DiagItem>>,
    ta: NodeRef<html::Textarea>,
    on_edit: Callback<()>,
) -> impl IntoView {
    let mirror: NodeRef<html::Pre> = NodeRef::new();
    let gutter: NodeRef<html::Div> = NodeRef::new();
    let escaped = StoredValue::new(false);
    Effect::new(move |_| {
        reset.track();
        if let Some(el) = ta.get() {
            let v = text.get_untracked();
            if el.value() != v {
                el.set_value(&v);
            }
        }
    });
    let lines = Memo::new(move |_| text.with(|t| items.with(|i| mirror_lines(t, i))));
    let gutter_rows = Memo::new(move |_| {
        lines.with(|ls| {
            ls.iter()
                .map(|(n, _, m)| {
                    let mark = if m.iter().any(|x| x.2 == Mark::Error) {
                        Some(Mark::Error)
                    } else if m.is_empty() {
                        None
                    } else {
                        Some(Mark::Warning)
                    };
                    (*n, mark)
                })
                .collect::<Vec<_>>()
        })
    });
    let sync_scroll = move || {
        if let (Some(t), Some(m), Some(g)) = (ta.get(), mirror.get(), gutter.get()) {
            m.set_scroll_top(t.scroll_top());
            m.set_scroll_left(t.scroll_left());
            g.set_scroll_top(t.scroll_top());
        }
    };
    view! {
        <div class="ed">
            <div class="ed-gutter" node_ref=gutter aria-hidden="true">
                <For each=move || gutter_rows.get() key=|r| *r let:r>
                    <div class=match r.1 { Some(Mark::Error) => "gl gl-err", Some(Mark::Warning) => "gl gl-warn", None => "gl" }>
                        {match r.1 { Some(Mark::Error) => "✖ ", Some(Mark::Warning) => "▲ ", None => "" }}
                        {r.0}
                    </div>
                </For>
            </div>
            <div class="ed-body">
                <pre class="ed-mirror" node_ref=mirror aria-hidden="true">
                    <For each=move || lines.get() key=|l| l.clone() let:l>
                        <span class="ml">
                            {pieces(&l.1, &l.2).into_iter().map(|p| {
                                let class = p.class();
                                view! { <span class=class>{p.text}</span> }
                            }).collect_view()}
                            "\n"
                        </span>
                    </For>
                </pre>
                <textarea
                    class="ed-input"
                    node_ref=ta
                    aria-label="Job YAML"
                    aria-describedby="ed-hint"
                    spellcheck="false"
                    autocapitalize="off"
                    autocomplete="off"
                    wrap="off"
                    prop:value=text.get_untracked()
                    on:input=move |ev| {
                        if let Some(t) = ev.target().and_then(|t| t.dyn_into::<HtmlTextAreaElement>().ok()) {
                            text.set(t.value());
                            on_edit.run(());
                        }
                        sync_scroll();
                    }
                    on:scroll=move |_| sync_scroll()
                    on:blur=move |_| escaped.set_value(false)
                    on:keydown=move |ev: web_sys::KeyboardEvent| {
                        let Some(t) = ta.get() else { return };
                        if ev.key() == "Escape" {
                            escaped.set_value(true);
                            return;
                        }
                        if on_key(&t, &ev, escaped.get_value()) {
                            ev.prevent_default();
                        }
                        if ev.key() != "Shift" {
                            escaped.set_value(false);
                        }
                    }
                ></textarea>
            </div>
        </div>
        <p class="ed-hint muted" id="ed-hint">
            "Tab indents two spaces, Shift+Tab outdents, Enter keeps the indentation. "
            "To leave the editor with the keyboard, press Escape, then Tab. Ctrl+Z undoes, Ctrl+Shift+Z or Ctrl+Y redoes."
        </p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets_convert_between_utf16_and_bytes() {
        let s = "a π 😀 b";
        for (b, u) in [(0, 0), (1, 1), (2, 2), (4, 3), (5, 4), (9, 6), (s.len(), 8)] {
            assert_eq!(byte_to_u16(s, b), u, "byte {b}");
            assert_eq!(u16_to_byte(s, u), b, "u16 {u}");
        }
        assert_eq!(byte_to_u16(s, 3), 2, "inside a character rounds down");
        assert_eq!(u16_to_byte(s, 99), s.len());
    }

    #[test]
    fn mirror_marks_the_first_line_of_a_span() {
        let items = vec![DiagItem {
            line: 2,
            col: 3,
            end_line: 4,
            end_col: 1,
            warning: false,
            label: String::new(),
            start: 0,
        }];
        let lines = mirror_lines("a\nbbbb\nc", &items);
        assert_eq!(lines[1].2, vec![(2, 4, Mark::Error)]);
        assert!(lines[0].2.is_empty() && lines[2].2.is_empty());
        assert_eq!(line_block("ab\ncd\nef", 4, 4), (3, 5));
    }
}
