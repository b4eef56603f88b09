//! The canvas every diagram draws in: the scroll box, the tooltip that follows hover and
//! keyboard focus, and the roving tab stop with its arrow keys (`super::nav`). The Job diagram
//! ([`super::RunDiagram`]: its backdrop, revealed items and "now" line) and the CronJob diagram
//! ([`super::cronjob::CronRunDiagram`]: one SVG) both draw in it, so they share one wiring of
//! focus, keys and tooltips.

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::nav::{Item, Move};
use super::svg;

/// The item named by the `data-item` attribute of `el`, or of its nearest ancestor with one
/// when `closest` is set.
fn item_of(target: Option<web_sys::EventTarget>, closest: bool) -> Option<Item> {
    let el = target?.dyn_into::<web_sys::Element>().ok()?;
    let el = if closest {
        el.closest("[data-item]").ok()??
    } else {
        el
    };
    Item::parse(&el.get_attribute("data-item")?)
}

/// The scroll box and the tooltip around a diagram's drawing (`children`); `moved` says where an
/// arrow key takes the focus from an item; keys no item takes go to `on_key` (the player's keys).
#[component]
pub fn Canvas(
    /// The scroll box, whose width the drawing's layout follows.
    scroll: NodeRef<leptos::html::Div>,
    /// The item last focused: the roving tab stop when the drawing draws it.
    active: RwSignal<Item>,
    /// The roving tab stop: `active`, or the first row when that is not drawn.
    stop: Memo<Item>,
    /// Where an arrow key takes the focus from an item (`None`: it stays).
    moved: Callback<(Item, Move), Option<Item>>,
    /// Keys no item takes.
    on_key: Callback<web_sys::KeyboardEvent>,
    /// Notifies whenever the drawing changes, so that a shown tooltip follows its element.
    redraw: Signal<()>,
    /// The drawing: the SVGs with the focusable items.
    children: Children,
) -> impl IntoView {
    let tip = RwSignal::new(None::<svg::Tip>);
    // The element the tooltip belongs to, so that it follows its text while the diagram plays.
    let tip_target = StoredValue::new_local(None::<web_sys::EventTarget>);
    let show_tip = move |target: Option<web_sys::EventTarget>| {
        let new = svg::tip_for(target);
        if tip.with_untracked(|t| *t != new) {
            tip.set(new);
        }
    };
    let on_tip = move |ev: web_sys::Event| {
        tip_target.set_value(ev.target());
        show_tip(ev.target());
    };
    // Whether the focus is in the diagram. A redraw may rebuild or move the focused element (a
    // CronJob row that changes shape, another run), which loses the focus; the diagram then
    // gives it to its item's element again.
    let focused = StoredValue::new(false);
    // A press of the pointer anywhere is the reader's: focus it takes away from the diagram (a
    // click on the page's background) stays away. A press on an item focuses it again.
    let press = window_event_listener(leptos::ev::pointerdown, move |_| focused.set_value(false));
    on_cleanup(move || press.remove());
    let focus_item = move |item: Item| {
        let el = scroll.get_untracked().and_then(|root| {
            let sel = item.selector();
            root.query_selector(&sel).ok().flatten()
        });
        // An SVG element has the same `focus()` as an HTML one; web-sys calls it by name.
        if let Some(el) = el {
            let _ = el.unchecked_ref::<web_sys::HtmlElement>().focus();
        }
    };
    let off_tip = move |ev: web_sys::FocusEvent| {
        tip_target.set_value(None);
        tip.set(None);
        // Focus that goes to another element is the reader's, and is not taken back. A redraw
        // that rebuilds or moves the focused element blurs it towards nothing (the browser
        // reports that while the element is still in the page), and so does a click on the
        // page's background, which the pointer's press has already told apart.
        if ev.related_target().is_some() {
            focused.set_value(false);
        }
    };
    // While the diagram plays, a shown tooltip follows its element's name (a running segment
    // that ends says so), without rebuilding the element. It reads the name in the next frame:
    // this effect can run before the redraw has written the new name, and a single change (End,
    // Step) brings no later redraw to catch up with. In the same frame a focused element that
    // the redraw rebuilt passes the focus to its item's new element, unless the focus went
    // elsewhere meanwhile.
    Effect::new(move |_| {
        redraw.track();
        request_animation_frame(move || {
            let doc = document();
            let idle = match (doc.active_element(), doc.body()) {
                (Some(el), Some(body)) => el == *body,
                (el, _) => el.is_none(),
            };
            if idle && focused.get_value() {
                focus_item(active.get_untracked());
            }
            if tip.with_untracked(Option::is_some) {
                show_tip(tip_target.get_value());
            }
        });
    });
    // The tab stop in the page: an item draws its tabindex once, when it is drawn, and this
    // moves the `0` when the stop changes (the focus moved, or the item left the drawing).
    Effect::new(move |_| {
        let item = stop.get();
        let Some(root) = scroll.get_untracked() else {
            return;
        };
        let sel = item.selector();
        if let Ok(Some(el)) = root.query_selector(&sel) {
            if let Ok(Some(old)) = root.query_selector("[tabindex=\"0\"]") {
                let _ = old.set_attribute("tabindex", "-1");
            }
            let _ = el.set_attribute("tabindex", "0");
        }
    });
    // Focus anywhere in the diagram makes that item the tab stop.
    let on_focus = move |ev: web_sys::FocusEvent| {
        if let Some(item) = item_of(ev.target(), true) {
            if active.get_untracked() != item {
                active.set(item);
            }
        }
        focused.set_value(true);
        on_tip(ev.into());
    };
    // The arrow keys move between rows and along a row; other keys go to `on_key`.
    let on_keydown = move |ev: web_sys::KeyboardEvent| {
        if let (Some(from), Some(mv)) = (item_of(ev.target(), false), Move::of_key(&ev.key())) {
            ev.prevent_default();
            if let Some(to) = moved.run((from, mv)) {
                focus_item(to);
            }
            return;
        }
        on_key.run(ev);
    };
    view! {
        <div class="diagram-scroll" node_ref=scroll on:keydown=on_keydown>
            <div class="diagram-canvas"
                on:focusin=on_focus
                on:mouseover=move |ev| on_tip(ev.into())
                on:focusout=off_tip
                on:mouseleave=move |_| tip.set(None)
            >
                {children()}
                {move || tip.get().map(|t| view! {
                    <div class="diagram-tip" role="tooltip" style:left=percent(t.left) style:top=percent(t.top)>
                        {t.text}
                    </div>
                })}
            </div>
        </div>
    }
}

/// A CSS percentage with two decimals, written from integers: formatting an f64 with a precision
/// would link the float formatter's exact mode into the guide's module (about 5 KB).
fn percent(v: f64) -> String {
    let hundredths = (v.clamp(0.0, 100.0) * 100.0).round() as u32;
    format!("{}.{:02}%", hundredths / 100, hundredths % 100)
}

#[cfg(test)]
mod tests {
    /// The tooltip's place, as CSS writes it, from the edges to the middle.
    #[test]
    fn percentages_have_two_decimals() {
        for (v, want) in [
            (0.0, "0.00%"),
            (12.5, "12.50%"),
            (33.333_33, "33.33%"),
            (66.666_7, "66.67%"),
            (100.0, "100.00%"),
            (-3.0, "0.00%"),
        ] {
            assert_eq!(super::percent(v), want, "{v}");
        }
    }
}
