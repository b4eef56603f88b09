//! Browser tests: components mounted in headless Chromium by wasm-bindgen-test.
#![cfg(target_arch = "wasm32")]

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let document = web_sys::window().unwrap().document().unwrap();
    let div = document.create_element("div").unwrap();
    document.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

/// Lets Leptos run its effects and re-render.
async fn settle() {
    gloo_timers::future::TimeoutFuture::new(20).await;
}

fn text(root: &web_sys::HtmlElement, selector: &str) -> String {
    root.query_selector(selector)
        .unwrap()
        .unwrap_or_else(|| panic!("no element matches {selector}"))
        .text_content()
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn app_renders_the_title() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), joblab_web::App);
    settle().await;
    assert_eq!(text(&root, "h1"), "Joblab");
}

#[wasm_bindgen_test]
async fn the_hash_picks_the_view_and_marks_the_nav_link() {
    let window = web_sys::window().unwrap();
    window.location().set_hash("#/flow").unwrap();
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), joblab_web::App);
    settle().await;
    assert_eq!(text(&root, "#main h2"), "From kubectl apply to Complete");
    assert_eq!(text(&root, "nav a[aria-current=\"page\"]"), "Flow");

    window.location().set_hash("#/compare").unwrap();
    settle().await;
    assert_eq!(text(&root, "#main h2"), "Job, Deployment or CronJob?");
    assert_eq!(text(&root, "nav a[aria-current=\"page\"]"), "Compare");
    window.location().set_hash("").unwrap();
}

#[wasm_bindgen_test]
async fn the_compare_helper_answers_after_both_questions() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), joblab_web::views::compare::Compare);
    settle().await;
    assert!(text(&root, "[role=status]").contains("Answer both questions"));
    let radios = root.query_selector_all("input[type=radio]").unwrap();
    // ends = Yes, scheduled = No.
    radios
        .item(0)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    radios
        .item(3)
        .unwrap()
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    settle().await;
    assert!(
        text(&root, "[role=status]").contains("Use a Job."),
        "{}",
        text(&root, "[role=status]")
    );
}

#[wasm_bindgen_test]
async fn examples_render_simulated_kubectl_output() {
    let root = container();
    let _handle = leptos::mount::mount_to(root.clone(), || {
        joblab_web::workbench::section(joblab_web::workbench::Part::Examples)
    });
    settle().await;
    let jobs = text(&root, "pre[aria-label=\"Output of kubectl get jobs\"]");
    assert!(jobs.starts_with("NAME"), "{jobs}");
    assert!(jobs.contains("Complete"), "{jobs}");
}

#[wasm_bindgen_test]
async fn the_panic_panel_shows_details_as_text_and_offers_a_reload() {
    let details = "Joblab 0.1.0: panicked at src/x.rs:1:1: <img src=x onerror=alert(1)></script>";
    joblab_web::panic::show_panel(details);
    let document = web_sys::window().unwrap().document().unwrap();
    let panel = document
        .get_element_by_id("panic-panel")
        .expect("the panel is shown");
    assert_eq!(panel.get_attribute("role").as_deref(), Some("alertdialog"));
    assert_eq!(
        panel
            .query_selector("h2")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        "Joblab stopped working"
    );
    let buttons = panel.query_selector_all("button").unwrap();
    let names: Vec<String> = (0..buttons.length())
        .filter_map(|i| buttons.item(i).and_then(|b| b.text_content()))
        .collect();
    assert_eq!(names, ["Reload, keeping my YAML", "Copy details"]);
    // The details quote whatever the panic said: they must stay text, never markup.
    assert_eq!(
        panel
            .query_selector("pre")
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap(),
        details
    );
    assert!(panel.query_selector("img").unwrap().is_none());
    // Focus goes to the first action, for keyboard and screen-reader users.
    let active = document.active_element().unwrap();
    assert_eq!(active.text_content().unwrap(), "Reload, keeping my YAML");
    // A second panic does not stack a second panel.
    joblab_web::panic::show_panel("again");
    assert_eq!(
        document
            .query_selector_all("#panic-panel")
            .unwrap()
            .length(),
        1
    );
    panel.remove();
}

/// A real `panic!` in the app's code, with the hook the app installs at start: the panel must
/// come up with the panic's own message, as text. The panic runs in a timer callback (as a panic
/// in an event handler would), so it traps that callback only and this test goes on to look.
#[wasm_bindgen_test]
async fn a_real_panic_goes_through_the_hook_to_the_panel() {
    joblab_web::panic::install();
    let document = web_sys::window().unwrap().document().unwrap();
    assert!(document.get_element_by_id("panic-panel").is_none());
    // An editor holding text the autosave has not written yet.
    let editor: web_sys::HtmlTextAreaElement = document
        .create_element("textarea")
        .unwrap()
        .unchecked_into();
    editor.set_attribute("aria-label", "Job YAML").unwrap();
    editor.set_value("kind: Job # typed just before the panic");
    document.body().unwrap().append_child(&editor).unwrap();
    let boom = wasm_bindgen::closure::Closure::once_into_js(|| {
        // The message quotes markup on purpose: the panel must show it as text.
        let quoted = "<img src=x onerror=alert(1)>";
        if !quoted.is_empty() {
            panic!("deliberate panic for the test: {quoted}");
        }
    });
    web_sys::window()
        .unwrap()
        .set_timeout_with_callback_and_timeout_and_arguments_0(boom.unchecked_ref(), 0)
        .unwrap();
    gloo_timers::future::TimeoutFuture::new(100).await;
    let panel = document
        .get_element_by_id("panic-panel")
        .expect("the hook showed the panel");
    let details = panel
        .query_selector("pre")
        .unwrap()
        .unwrap()
        .text_content()
        .unwrap();
    assert!(
        details.contains("deliberate panic for the test: <img src=x onerror=alert(1)>"),
        "{details}"
    );
    assert!(details.starts_with("Joblab "), "{details}");
    assert!(panel.query_selector("img").unwrap().is_none());
    // The hook kept the editor's text for the reload, and the lab takes it back once.
    assert_eq!(
        joblab_web::lab::storage::take_rescued().as_deref(),
        Some("kind: Job # typed just before the panic")
    );
    assert_eq!(joblab_web::lab::storage::take_rescued(), None);
    panel.remove();
    editor.remove();
}
