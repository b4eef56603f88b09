//! The workbench module (built with `--features workbench`; see src/workbench.rs). It starts
//! nothing: the main module imports it when a reader first opens the Lab, Examples or Practice,
//! and calls `mount`; the lab's analysis worker imports it too and calls `analyse`. The exports live here because wasm-bindgen exports defined in a library are
//! not kept in a wasm executable.

use wasm_bindgen::prelude::*;

/// A mounted body. The main module calls `free()` when the view goes away, which drops the
/// handle and so unmounts the body and disposes of its reactive state.
#[wasm_bindgen]
pub struct Mounted {
    _handle: Box<dyn std::any::Any>,
}

/// Renders the workbench body called `part` (`lab`, `examples` or `practice`) into `host`.
#[wasm_bindgen]
pub fn mount(host: web_sys::HtmlElement, part: &str) -> Result<Mounted, JsValue> {
    joblab_web::workbench::mount_body(host, part)
        .map(|handle| Mounted { _handle: handle })
        .map_err(|e| JsValue::from_str(&e))
}

/// Analyses a Job's YAML for the lab's analysis worker (src/lab/analyser.rs, which also explains
/// the worker): the same analysis the page would run, as JSON.
#[wasm_bindgen]
pub fn analyse(text: &str) -> String {
    use joblab_web::lab::model::{analyse_job, encode_analysis};
    encode_analysis(&analyse_job(text))
}

/// Draws the picture of a CronJob pattern for the main module's picture control
/// (src/diagram/picture/cron.rs, `for_workbench`, which holds the contract).
#[wasm_bindgen(js_name = cronPicture)]
pub fn cron_picture(request: &str) -> Result<String, JsValue> {
    joblab_web::diagram::picture::cron::for_workbench(request).map_err(|e| JsValue::from_str(&e))
}

/// Draws the picture of a Job pattern for the main module's picture control
/// (src/diagram/picture/job.rs, `for_workbench`, which holds the contract).
#[wasm_bindgen(js_name = jobPicture)]
pub fn job_picture(request: &str) -> Result<String, JsValue> {
    joblab_web::diagram::picture::job::for_workbench(request).map_err(|e| JsValue::from_str(&e))
}

fn main() {}
