//! The web component's module (built with `--features split`; see src/component.rs). It starts
//! nothing: `joblab-embed.js` (public/joblab-embed.js) initialises it, defines `<joblab-diagram>`
//! with [`observed_attributes`], and calls [`mount`] for each element. The exports live here
//! because wasm-bindgen exports defined in a library are not kept in a wasm executable.

use wasm_bindgen::prelude::*;

/// A mounted element. `joblab-embed.js` calls `set` on every attribute change and `free()` when
/// the element leaves the document, which unmounts it.
#[wasm_bindgen]
pub struct Mounted {
    inner: joblab_web::component::Mounted,
}

#[wasm_bindgen]
impl Mounted {
    /// Records a changed attribute; `undefined` or `null` means it was removed.
    pub fn set(&self, name: &str, value: Option<String>) {
        self.inner.set(name, value);
    }
}

/// Renders the element `host` into `root`, a node of its shadow root; `app_url` is the Joblab
/// site the script came from.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, root: web_sys::HtmlElement, app_url: String) -> Mounted {
    // This module has no workbench module to load the pictures' code from, so it carries that
    // code and draws them itself (src/diagram/picture/cron.rs and job.rs).
    joblab_web::diagram::picture::cron::draw_here();
    joblab_web::diagram::picture::job::draw_here();
    Mounted {
        inner: joblab_web::component::mount(host, root, app_url),
    }
}

/// The attributes the element observes, separated by spaces.
#[wasm_bindgen]
pub fn observed_attributes() -> String {
    joblab_web::component::observed_attributes().join(" ")
}

fn main() {}
