//! Knobs: number inputs that rebuild the pattern's Job and re-run the simulation at once,
//! keeping the time position (clamped to the new run's end).

use joblab_core::patterns::{Knob, Knobs, Preset};
use joblab_core::sim::Millis;
use leptos::prelude::*;

use super::Run;

/// The id of knob `k`'s input, e.g. `knob-failing-runs`. Tests, and the Embed button beside the
/// diagram, find the inputs by it.
pub fn input_id(k: Knob) -> String {
    format!("knob-{}", k.label().replace(' ', "-"))
}

/// The knobs of `preset`.
#[component]
pub fn KnobPanel(
    preset: Preset,
    knobs: RwSignal<Knobs>,
    run: Memo<Run>,
    time: RwSignal<Millis>,
) -> impl IntoView {
    let defaults = Knobs::default_for(preset);
    view! {
        <fieldset class="knobs">
            <legend>"Change the Job"</legend>
            {preset.knobs().iter().map(|&k| {
                let (lo, hi) = k.range();
                let id = input_id(k);
                view! {
                    <label class="knob">
                        <span>{preset.knob_label(k)}</span>
                        <input
                            id=id
                            type="number"
                            inputmode="numeric"
                            min=lo
                            max=hi
                            step="1"
                            prop:value=move || knobs.with(|v| v.get(k))
                            on:change=move |ev| {
                                // An empty or partial entry is ignored; out-of-range values are clamped.
                                if let Ok(v) = event_target_value(&ev).trim().parse::<i64>() {
                                    knobs.update(|ks| *ks = ks.with(k, v));
                                    let end = run.with_untracked(|r| r.end_ms);
                                    time.update(|t| *t = (*t).min(end));
                                }
                            }
                        />
                    </label>
                }
            }).collect_view()}
            <button type="button" class="knob-reset" on:click=move |_| {
                knobs.set(defaults);
                let end = run.with_untracked(|r| r.end_ms);
                time.update(|t| *t = (*t).min(end));
            }>"Preset values"</button>
        </fieldset>
    }
}
