//! Never losing work: the autosave in localStorage, share links in the URL fragment, download
//! and open. Every browser call here may fail (private mode, quota, no clipboard); failures come
//! back as a sentence for the lab's quiet notice line, never as a panic or a thrown error.

use joblab_core::share::{self, SharedState};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;

/// The localStorage key. The `v1` is the layout of [`Saved`]; a new layout gets a new key.
pub const KEY: &str = "joblab.lab.v1";

/// What the autosave keeps.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Saved {
    /// The Job YAML.
    pub job: String,
    /// The scenario YAML.
    pub scenario: String,
    /// The seed (also inside the scenario; kept for the record).
    pub seed: u64,
    /// The last preset or loaded text, so "unsaved edits" survives a reload.
    pub base: String,
}

/// localStorage, if this page may use it: a frame with `sandbox` and no `allow-same-origin` has an
/// opaque origin and no storage, and a browser that blocks third-party storage refuses it to a
/// frame from another site; both throw on reading `window.localStorage`, which is `Err` here.
fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok().flatten()
}

/// Whether the autosave can work on this page.
pub fn available() -> bool {
    storage().is_some()
}

/// Whether this page is inside a frame.
fn in_frame() -> bool {
    web_sys::window().is_some_and(|w| match w.parent() {
        Ok(Some(p)) => !js_sys::Object::is(&p, &w),
        _ => false,
    })
}

/// What the lab says when there is no storage: the autosave is off, and what keeps work instead
/// (Share, which needs nothing from the browser; not Download, which a sandboxed frame without
/// `allow-downloads` refuses).
pub fn unavailable() -> String {
    let place = if in_frame() {
        "in this frame"
    } else {
        "in this browser"
    };
    format!(
        "Autosave is off {place}: the browser gives this page no storage here. Use Share for a \
         link that keeps your work."
    )
}

/// Writes the autosave; `Err` carries a sentence for the notice.
pub fn save(s: &Saved) -> Result<(), String> {
    let json = serde_json::to_string(s).map_err(|e| e.to_string())?;
    let st = storage().ok_or_else(unavailable)?;
    st.set_item(KEY, &json).map_err(|_| {
        "Autosave failed (storage is full or blocked); use Download to keep your YAML.".to_string()
    })
}

/// Reads the autosave: `Ok(None)` when there is none, `Err` when it is unreadable.
pub fn load() -> Result<Option<Saved>, String> {
    let Some(st) = storage() else {
        return Ok(None);
    };
    let Some(raw) = st.get_item(KEY).ok().flatten() else {
        return Ok(None);
    };
    serde_json::from_str::<Saved>(&raw)
        .map(Some)
        .map_err(|_| "The saved lab state could not be read and was ignored.".to_string())
}

/// The editor text the panic hook rescued before the last reload (src/panic.rs), taken once, so a
/// later reload goes back to the autosave.
pub fn take_rescued() -> Option<String> {
    let storage = web_sys::window()?.session_storage().ok().flatten()?;
    let text = storage.get_item(crate::panic::RESCUE_KEY).ok().flatten()?;
    let _ = storage.remove_item(crate::panic::RESCUE_KEY);
    Some(text)
}

/// The share code in the current location (`#/lab?s=<code>`), if any.
pub fn share_code_in_location() -> Option<String> {
    let hash = web_sys::window()?.location().hash().ok()?;
    code_of_fragment(&hash)
}

/// The `s` parameter of a fragment like `#/lab?s=abc&x=1`.
pub fn code_of_fragment(fragment: &str) -> Option<String> {
    // Not what a host appended after a second `#` (WordPress's `#?secret=`).
    let (_, query) = crate::route::own_part(fragment).split_once('?')?;
    query
        .split('&')
        .find_map(|p| p.strip_prefix("s="))
        .map(str::to_string)
}

/// The full share URL for `state` (this page with `#/lab?s=<code>`).
pub fn share_url(state: &SharedState) -> String {
    let code = share::encode(state);
    let base = web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|h| h.split('#').next().unwrap_or("").to_string())
        .unwrap_or_default();
    format!("{base}#/lab?s={code}")
}

/// Puts `url` in the address bar without a navigation or a history entry (and so without a
/// `hashchange`, which would rebuild the view).
pub fn replace_url(url: &str) {
    if let Some(h) = web_sys::window().and_then(|w| w.history().ok()) {
        let _ = h.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url));
    }
}

/// Whether the permissions policy lets this page write to the clipboard. A frame from another
/// origin (a sandboxed frame's opaque origin included) gets `clipboard-write` only from its
/// parent's `allow` attribute; without it the API is refused, and Chromium also logs a console
/// error, so the policy is asked first (Chromium's `document.featurePolicy`; a browser without
/// one is simply tried).
fn clipboard_allowed() -> bool {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return false;
    };
    let Some(policy) = js_sys::Reflect::get(&doc, &"featurePolicy".into())
        .ok()
        .filter(|p| p.is_object())
    else {
        return true;
    };
    let Some(allows) = js_sys::Reflect::get(&policy, &"allowsFeature".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
    else {
        return true;
    };
    allows
        .call1(&policy, &"clipboard-write".into())
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(true)
}

/// Copies `text` to the clipboard; resolves to whether it worked.
pub async fn copy(text: &str) -> bool {
    if !clipboard_allowed() {
        return false;
    }
    let Some(clip) = web_sys::window().map(|w| w.navigator().clipboard()) else {
        return false;
    };
    wasm_bindgen_futures::JsFuture::from(clip.write_text(text))
        .await
        .is_ok()
}

/// Offers `text` as a download named `job.yaml`.
pub fn download(text: &str) -> Result<(), String> {
    let fail = |_| "The download could not start.".to_string();
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("text/yaml");
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts).map_err(fail)?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(fail)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The download could not start.")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download("job.yaml");
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Reads the first file of a file input as text, refusing files above the core's input limit.
pub async fn read_file(input: &web_sys::HtmlInputElement) -> Result<String, String> {
    let file = input
        .files()
        .and_then(|f| f.get(0))
        .ok_or("No file was chosen.")?;
    if file.size() > joblab_core::limits::MAX_INPUT_BYTES as f64 {
        return Err(format!(
            "{} is larger than {} bytes, the most the lab reads.",
            file.name(),
            joblab_core::limits::MAX_INPUT_BYTES
        ));
    }
    let text = wasm_bindgen_futures::JsFuture::from(file.text())
        .await
        .map_err(|_| format!("{} could not be read.", file.name()))?;
    text.as_string()
        .ok_or_else(|| format!("{} is not text.", file.name()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_the_code_in_a_fragment() {
        assert_eq!(code_of_fragment("#/lab?s=abc"), Some("abc".into()));
        assert_eq!(code_of_fragment("#/lab?x=1&s=abc"), Some("abc".into()));
        assert_eq!(code_of_fragment("#/lab"), None);
        assert_eq!(code_of_fragment("#/lab?x=1"), None);
    }
}
