//! Light and dark themes: the system preference by default, or the reader's remembered choice.
//!
//! The choice is stored in localStorage under [`STORAGE_KEY`] and applied as `data-theme` on the
//! root element, which the stylesheet reads; "auto" removes the attribute so that
//! `prefers-color-scheme` decides.

use leptos::prelude::*;

/// The localStorage key holding "light", "dark" or "auto".
pub const STORAGE_KEY: &str = "joblab.theme";

/// A theme choice.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Theme {
    /// Follow the system's `prefers-color-scheme`.
    Auto,
    /// Always light.
    Light,
    /// Always dark.
    Dark,
}

impl Theme {
    /// Parses a stored value; anything unknown (or absent) is Auto.
    pub fn parse(s: Option<&str>) -> Theme {
        match s {
            Some("light") => Theme::Light,
            Some("dark") => Theme::Dark,
            _ => Theme::Auto,
        }
    }

    /// The stored form.
    pub const fn as_str(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }

    /// The next choice in the toggle's cycle.
    pub const fn next(self) -> Theme {
        match self {
            Theme::Auto => Theme::Light,
            Theme::Light => Theme::Dark,
            Theme::Dark => Theme::Auto,
        }
    }
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window().and_then(|w| w.local_storage().ok().flatten())
}

/// The saved theme, or Auto when nothing (or something unreadable) is saved.
pub fn saved_theme() -> Theme {
    Theme::parse(
        storage()
            .and_then(|s| s.get_item(STORAGE_KEY).ok().flatten())
            .as_deref(),
    )
}

/// Sets `data-theme` on the root element (or removes it for Auto).
pub fn apply(theme: Theme) {
    let Some(root) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.document_element())
    else {
        return;
    };
    let _ = match theme {
        Theme::Auto => root.remove_attribute("data-theme"),
        t => root.set_attribute("data-theme", t.as_str()),
    };
}

/// Applies the saved theme before the first paint of the app.
pub fn apply_saved_theme() {
    apply(saved_theme());
}

/// A button that cycles Auto → Light → Dark and remembers the choice.
#[component]
pub fn ThemeToggle() -> impl IntoView {
    let (theme, set_theme) = signal(saved_theme());
    let label = move || format!("Theme: {}", theme.get().as_str());
    view! {
        <button class="theme-toggle" type="button" title="Switch between automatic, light and dark themes"
            on:click=move |_| {
                let next = theme.get_untracked().next();
                set_theme.set(next);
                apply(next);
                if let Some(s) = storage() {
                    // A full or disabled storage only means the choice is not remembered.
                    let _ = s.set_item(STORAGE_KEY, next.as_str());
                }
            }>
            <span aria-hidden="true" class="theme-icon">{move || match theme.get() { Theme::Auto => "◐", Theme::Light => "☀", Theme::Dark => "☾" }}</span>
            <span>{label}</span>
        </button>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_and_cycle() {
        for t in [Theme::Auto, Theme::Light, Theme::Dark] {
            assert_eq!(Theme::parse(Some(t.as_str())), t);
        }
        assert_eq!(Theme::parse(Some("purple")), Theme::Auto);
        assert_eq!(Theme::parse(None), Theme::Auto);
        assert_eq!(Theme::Auto.next().next().next(), Theme::Auto);
    }
}
