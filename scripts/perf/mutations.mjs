// DOM mutations per animation frame in a diagram, against the Pods whose drawing changed in that
// frame. Shared by the performance report (scripts/perf/browser.mjs) and the end-to-end test
// (e2e/redraw.spec.mjs), which both pass these functions to page.evaluate.
//
// A MutationObserver on the diagram's SVG counts mutation records (an attribute set, a text
// change, a batch of nodes added or removed); every animation frame takes the count since the
// previous one. Independently of the observer, each frame serializes every Pod's lane (its label
// group and its segments and markers) and compares it with the previous frame's: a lane that
// differs, or is new, is a Pod that changed. The redraw is right when the records per frame follow
// the changed Pods, not the Pods drawn.

/** Starts the probe on the diagram `svgSelector` (runs in the page). */
export function startMutationProbe(svgSelector) {
  const svg = document.querySelector(svgSelector);
  if (!svg) throw new Error(`no element matches ${svgSelector}`);
  const lanesOf = () => [...svg.querySelectorAll('g.lane')].map((g) => {
    const items = g.nextElementSibling;
    return g.outerHTML + (items && items.classList.contains('lane-items') ? items.outerHTML : '');
  });
  const probe = { frames: [], running: true, pending: 0 };
  window.__mutationProbe = probe;
  const observer = new MutationObserver((records) => { probe.pending += records.length; });
  observer.observe(svg, { subtree: true, childList: true, attributes: true, characterData: true });
  let previous = lanesOf();
  const tick = () => {
    if (!probe.running) return;
    const records = probe.pending + observer.takeRecords().length;
    probe.pending = 0;
    const lanes = lanesOf();
    let changed = 0;
    for (let i = 0; i < lanes.length; i++) if (lanes[i] !== previous[i]) changed += 1;
    // A Pod that disappeared (time moved back) changed too.
    changed += Math.max(0, previous.length - lanes.length);
    previous = lanes;
    probe.frames.push({ records, changed, lanes: lanes.length });
    requestAnimationFrame(tick);
  };
  requestAnimationFrame(tick);
  probe.stop = () => { probe.running = false; observer.disconnect(); };
}

/** Stops the probe and returns its frames: `{ records, changed, lanes }` each (runs in the page). */
export function stopMutationProbe() {
  const probe = window.__mutationProbe;
  probe.stop();
  return probe.frames;
}

/**
 * Sums up probed frames against an allowance of `fixed + perPod * changed` records per frame.
 * Frames in which nothing was redrawn (no record) are left out of the medians.
 */
export function summarize(frames, { fixed, perPod }) {
  const redrawn = frames.filter((f) => f.records > 0);
  const worst = redrawn.reduce((w, f) => {
    const over = f.records - (fixed + perPod * f.changed);
    return w === null || over > w.over ? { ...f, over } : w;
  }, null);
  const sum = (xs) => xs.reduce((a, b) => a + b, 0);
  const med = (xs) => {
    if (xs.length === 0) return 0;
    const s = [...xs].sort((a, b) => a - b);
    const m = Math.floor(s.length / 2);
    return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
  };
  return {
    frames: frames.length,
    redrawn: redrawn.length,
    lanes: frames.length ? Math.max(...frames.map((f) => f.lanes)) : 0,
    recordsMedian: med(redrawn.map((f) => f.records)),
    recordsMax: redrawn.length ? Math.max(...redrawn.map((f) => f.records)) : 0,
    changedMedian: med(redrawn.map((f) => f.changed)),
    changedMax: redrawn.length ? Math.max(...redrawn.map((f) => f.changed)) : 0,
    recordsPerChangedPod: sum(redrawn.map((f) => f.records)) / Math.max(1, sum(redrawn.map((f) => f.changed))),
    worst,
    withinAllowance: worst === null || worst.over <= 0,
  };
}
