//! Browser tests: components mounted in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    wasm_bindgen::JsCast::unchecked_into(div)
}

#[wasm_bindgen_test]
async fn app_renders_the_title() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), joblab_web::App);
    gloo_timers::future::TimeoutFuture::new(10).await;
    let h1 = root.query_selector("h1").unwrap().expect("an h1");
    assert_eq!(h1.text_content().unwrap(), "Joblab");
}
