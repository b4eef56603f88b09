//! "Download picture": the diagram as a standalone SVG or PNG file, for slides and READMEs.
//!
//! The picture is written by the core ([`joblab_core::draw::export`]) from the same drawing model
//! the page shows, at the moment the player shows or at a strip of moments the reader names, in
//! the light or the dark theme; it is never a copy of the live DOM, so it carries no stylesheet
//! and no CSS variable. The PNG is that SVG drawn on a canvas at twice its size. The SVG goes to
//! the canvas as a `data:` URL because the app's Content-Security-Policy allows `img-src 'self'
//! data:` and no `blob:` images.
//!
//! One control serves every diagram ([`control`]): what it exports is a [`Source`], the moments'
//! clock and a function that makes the picture. The Job diagrams' ([`PictureControl`]) draws at
//! once; the CronJob diagrams' ([`cron::CronPictureControl`]) may first load the module that holds
//! the CronJob pictures' code, which is why making a picture is asynchronous.

use std::future::Future;
use std::pin::Pin;
use std::rc::Rc;

use joblab_core::draw::export::{self, Clock, Picture, Theme};
use joblab_core::sim::Millis;
use leptos::prelude::*;
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::Run;

pub mod cron;
pub mod job;

/// How the picture is named and titled: the pattern's slug and label, or the lab's Job.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PictureName {
    /// The file name's part, e.g. `failure`.
    pub slug: &'static str,
    /// The picture's title, e.g. `Failure Handling`.
    pub title: &'static str,
}

impl Default for PictureName {
    fn default() -> PictureName {
        PictureName {
            slug: "job",
            title: "Job",
        }
    }
}

/// The PNG's scale: twice the SVG's size, for sharp slides on dense screens.
const PNG_SCALE: f64 = 2.0;
/// The largest canvas side Chromium, Firefox and Safari all draw.
const MAX_CANVAS_SIDE: f64 = 16_384.0;

/// The web component's element around `at`, if `at` is inside one's shadow root: the root's
/// `host`.
fn shadow_host(at: &web_sys::Element) -> Option<web_sys::Element> {
    let root = at.get_root_node();
    let host = js_sys::Reflect::get(&root, &JsValue::from_str("host")).ok()?;
    host.dyn_into::<web_sys::Element>().ok()
}

/// The theme the diagram at `at` shows now. Inside the web component that is the element's
/// `theme` attribute, which its stylesheet reads (`:host([theme="dark"])`, style/component.css);
/// in the app and the iframe embed it is the `data-theme` the reader or the embed URL chose; when
/// neither names one, the system's.
fn page_theme(at: Option<&web_sys::Element>) -> Theme {
    let Some(w) = web_sys::window() else {
        return Theme::Light;
    };
    let chosen = match at.and_then(shadow_host) {
        Some(host) => host.get_attribute("theme"),
        None => w
            .document()
            .and_then(|d| d.document_element())
            .and_then(|e| e.get_attribute("data-theme")),
    };
    match chosen.as_deref().and_then(Theme::parse) {
        Some(t) => t,
        None => {
            let dark = w
                .match_media("(prefers-color-scheme: dark)")
                .ok()
                .flatten()
                .is_some_and(|m| m.matches());
            if dark {
                Theme::Dark
            } else {
                Theme::Light
            }
        }
    }
}

/// The picture of `run` at `moments` (each at most the run's end) in `theme`.
fn picture(run: &Run, title: &str, moments: &[Millis], theme: Theme) -> Picture {
    let frames: Vec<_> = moments
        .iter()
        .map(|&t| run.drawing(t, export::layout()))
        .collect();
    export::picture(title, &frames, theme)
}

/// The picture that the workbench module's export `name` draws for `request` (the main module
/// of the split build, whose first load has no room for the pictures' code; `cron` says more).
#[cfg(feature = "split")]
async fn by_workbench(name: &str, request: String) -> Result<Picture, String> {
    let why =
        |_| "The picture could not be made: Joblab could not load its drawing code.".to_string();
    let module = crate::workbench::import().await.map_err(why)?;
    let f = js_sys::Reflect::get(&module, &JsValue::from_str(name))
        .map_err(why)?
        .dyn_into::<js_sys::Function>()
        .map_err(why)?;
    f.call1(&JsValue::NULL, &JsValue::from_str(&request))
        .map_err(why)?
        .as_string()
        .and_then(|answer| cron::from_workbench(&answer))
        .ok_or_else(|| "The picture could not be made.".to_string())
}

/// Ends a picture request to the workbench module (`cron::request`, `job::request`): a line of
/// the moments in ms separated by commas, then a line of the theme.
fn end_request(mut out: String, moments: &[Millis], theme: Theme) -> String {
    use std::fmt::Write as _;
    for t in moments {
        let _ = write!(out, "{t},");
    }
    if !moments.is_empty() {
        out.pop();
    }
    let _ = write!(out, "\n{}", theme.as_str());
    out
}

/// The moments and the theme that [`end_request`] wrote, from the request's last two lines;
/// `bad` says why a line cannot be read.
fn read_request_end<'a>(
    mut line: impl FnMut() -> Result<&'a str, String>,
    bad: impl Fn() -> String,
) -> Result<(Vec<Millis>, Theme), String> {
    let moments = line()?
        .split(',')
        .map(|t| t.parse::<Millis>().map_err(|_| bad()))
        .collect::<Result<Vec<_>, String>>()?;
    let theme = Theme::parse(line()?).ok_or_else(bad)?;
    Ok((moments, theme))
}

/// A picture being made: the SVG of the chosen moments in the chosen theme, or why it could not
/// be made.
pub type Making = Pin<Box<dyn Future<Output = Result<Picture, String>>>>;

/// Makes the picture of the given moments (each at most the run's end) in the given theme.
pub type Make = Rc<dyn Fn(Vec<Millis>, Theme) -> Making>;

/// What a picture control exports. (Plain functions rather than signals: a derived signal would
/// link reactive machinery the first load has no other use for.)
#[derive(Clone)]
pub struct Source {
    /// The file name's part, e.g. `failure` or `cronjobs/forbid` (written `cronjobs-forbid`).
    pub slug: String,
    /// The clock the diagram's player shows, which moments are written, read and named on.
    pub clock: Clock,
    /// When the run ends; read inside a reactive closure, it tracks the run.
    pub end: Rc<dyn Fn() -> Millis>,
    /// Makes the picture.
    pub make: Make,
}

/// Offers `blob` as a download named `file`.
fn save(blob: &web_sys::Blob, file: &str) -> Result<(), String> {
    let fail = |_| "The download could not start.".to_string();
    let url = web_sys::Url::create_object_url_with_blob(blob).map_err(fail)?;
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The download could not start.")?;
    let a: web_sys::HtmlAnchorElement = doc.create_element("a").map_err(fail)?.unchecked_into();
    a.set_href(&url);
    a.set_download(file);
    a.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// The SVG text as a file.
fn svg_blob(svg: &str) -> Result<web_sys::Blob, String> {
    let parts = js_sys::Array::of1(&JsValue::from_str(svg));
    let opts = web_sys::BlobPropertyBag::new();
    opts.set_type("image/svg+xml");
    web_sys::Blob::new_with_str_sequence_and_options(&parts, &opts)
        .map_err(|_| "The picture could not be made.".to_string())
}

/// The picture rasterised: the SVG drawn on a canvas at [`PNG_SCALE`] (less for a picture so tall
/// that the canvas would exceed what browsers draw), then encoded as PNG.
async fn png_blob(p: &Picture) -> Result<web_sys::Blob, String> {
    let fail = |_| "The PNG could not be made.".to_string();
    let url = format!(
        "data:image/svg+xml;charset=utf-8,{}",
        String::from(js_sys::encode_uri_component(&p.svg))
    );
    let img = web_sys::HtmlImageElement::new().map_err(fail)?;
    img.set_src(&url);
    wasm_bindgen_futures::JsFuture::from(img.decode())
        .await
        .map_err(fail)?;
    let scale = PNG_SCALE.min(MAX_CANVAS_SIDE / p.width.max(p.height).max(1.0));
    let (w, h) = ((p.width * scale).round(), (p.height * scale).round());
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or("The PNG could not be made.")?;
    let canvas: web_sys::HtmlCanvasElement =
        doc.create_element("canvas").map_err(fail)?.unchecked_into();
    canvas.set_width(w as u32);
    canvas.set_height(h as u32);
    let ctx: web_sys::CanvasRenderingContext2d = canvas
        .get_context("2d")
        .map_err(fail)?
        .ok_or("The PNG could not be made.")?
        .unchecked_into();
    ctx.draw_image_with_html_image_element_and_dw_and_dh(&img, 0.0, 0.0, w, h)
        .map_err(fail)?;
    let done = js_sys::Promise::new(&mut |resolve, reject| {
        if canvas.to_blob(&resolve).is_err() {
            let _ = reject.call0(&JsValue::NULL);
        }
    });
    let blob = wasm_bindgen_futures::JsFuture::from(done)
        .await
        .map_err(fail)?;
    blob.dyn_into::<web_sys::Blob>().map_err(fail)
}

/// The "Download picture" control of a Job diagram: the pictures of `run`, named and titled by
/// `name`.
#[component]
pub fn PictureControl(
    run: Memo<Run>,
    time: RwSignal<Millis>,
    ids: &'static str,
    name: PictureName,
) -> impl IntoView {
    let make: Make = Rc::new(move |moments: Vec<Millis>, theme: Theme| -> Making {
        run.with_untracked(|r| job::making(r, name.slug, name.title, moments, theme))
    });
    let source = Source {
        slug: name.slug.to_string(),
        clock: Clock::Elapsed,
        end: Rc::new(move || run.with(|r| r.end_ms)),
        make,
    };
    control(source, time, ids)
}

/// The "Download picture" disclosure beside the player: theme, "now" or a strip of moments, and
/// the SVG and PNG buttons. `ids` is unique on the page (the controller heading's id), so the
/// radio groups of two diagrams never join.
pub fn control(source: Source, time: RwSignal<Millis>, ids: &'static str) -> impl IntoView {
    let Source {
        slug,
        clock,
        end,
        make,
    } = source;
    let parts = StoredValue::new_local((slug, end, make));
    let end = move || parts.with_value(|(_, end, _)| end());
    // Read again from the control's own place in the page when it opens.
    let theme = RwSignal::new(page_theme(None));
    let strip = RwSignal::new(false);
    let moments = RwSignal::new(clock.default_moments(end(), 4));
    let edited = RwSignal::new(false);
    let message = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let open = RwSignal::new(false);

    // Opening the control starts from what the page shows: its theme, and (until the reader
    // writes their own) moments spread over the current run.
    let on_toggle = move |ev: web_sys::Event| {
        let details = ev
            .target()
            .and_then(|t| t.dyn_into::<web_sys::HtmlDetailsElement>().ok());
        let is_open = details.as_ref().is_some_and(|d| d.open());
        open.set(is_open);
        if is_open {
            theme.set(page_theme(details.as_ref().map(|d| d.unchecked_ref())));
            if !edited.get_untracked() {
                moments.set(clock.default_moments(end(), 4));
            }
        }
    };
    // The moments to draw, or the reason they cannot be read.
    let chosen = move || -> Result<Vec<Millis>, String> {
        let end = end();
        if strip.get_untracked() {
            clock.parse_moments(&moments.get_untracked(), end)
        } else {
            Ok(vec![time.get_untracked().min(end)])
        }
    };
    // Makes the picture and saves it as `extension` (`svg` or `png`), saying how that went.
    let download = move |extension: &'static str| {
        if busy.get_untracked() {
            return;
        }
        let times = match chosen() {
            Ok(times) => times,
            Err(e) => return message.set(e),
        };
        let theme = theme.get_untracked();
        let file = format!(
            "{}.{extension}",
            parts.with_value(|(slug, _, _)| clock.file_stem(slug, &times, theme))
        );
        let making = parts.with_value(|(_, _, make)| make(times, theme));
        busy.set(true);
        message.set("Making the picture…".to_string());
        wasm_bindgen_futures::spawn_local(async move {
            let result = match making.await {
                Ok(p) if extension == "png" => match png_blob(&p).await {
                    Ok(blob) => save(&blob, &file),
                    Err(e) => Err(e),
                },
                Ok(p) => svg_blob(&p.svg).and_then(|blob| save(&blob, &file)),
                Err(e) => Err(e),
            };
            busy.set(false);
            message.set(match result {
                Ok(()) => format!("Downloaded {file}."),
                Err(e) => e,
            });
        });
    };
    let theme_name = format!("{ids}-picture-theme");
    let when_name = format!("{ids}-picture-when");
    let moments_id = format!("{ids}-picture-moments");
    let theme_radio = move |t: Theme, text: &'static str, group: String| {
        view! {
            <label>
                <input type="radio" name=group value=t.as_str()
                    prop:checked=move || theme.get() == t
                    on:change=move |_| theme.set(t)/>
                {text}
            </label>
        }
    };
    // The body is built when the disclosure opens, not before: Chromium (Debian's 14x) lost the
    // layout boxes of radios built inside a closed <details> after an in-app navigation, so they
    // took no space and had no accessible role until something else relaid their label.
    let body = move || {
        let theme_name = theme_name.clone();
        let when_name = when_name.clone();
        let moments_id = moments_id.clone();
        view! {
            <div class="picture-body">
                <fieldset class="picture-choice">
                    <legend>"Theme"</legend>
                    {theme_radio(Theme::Light, "Light", theme_name.clone())}
                    {theme_radio(Theme::Dark, "Dark", theme_name)}
                </fieldset>
                <fieldset class="picture-choice">
                    <legend>"Moments"</legend>
                    <label>
                        <input type="radio" name=when_name.clone() value="now"
                            prop:checked=move || !strip.get()
                            on:change=move |_| strip.set(false)/>
                        {move || format!("Now ({})", clock.text(time.get().min(end())))}
                    </label>
                    <label>
                        <input type="radio" name=when_name value="strip"
                            prop:checked=move || strip.get()
                            on:change=move |_| strip.set(true)/>
                        "A strip of moments"
                    </label>
                    <label class="picture-moments" for=moments_id.clone()>{format!("Moments ({}, comma-separated)", clock.format())}</label>
                    <input type="text" id=moments_id class="picture-moments-input" inputmode="text"
                        autocomplete="off" spellcheck="false"
                        prop:value=move || moments.get()
                        on:input=move |ev| {
                            moments.set(event_target_value(&ev));
                            edited.set(true);
                            strip.set(true);
                        }/>
                </fieldset>
                <div class="picture-actions">
                    <button type="button" on:click=move |_| download("svg")>"Download SVG"</button>
                    <button type="button" on:click=move |_| download("png") prop:disabled=move || busy.get()>"Download PNG"</button>
                </div>
                <p class="picture-status" role="status">{move || message.get()}</p>
            </div>
        }
    };
    view! {
        <details class="picture" on:toggle=on_toggle>
            <summary>"Download picture"</summary>
            {move || open.get().then(body.clone())}
        </details>
    }
}
