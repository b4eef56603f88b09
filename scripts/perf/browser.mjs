// Browser half of the performance report (scripts/perf-report.sh): serves dist/ on 127.0.0.1,
// drives Debian's Chromium headless through Playwright and prints four sections:
//   1. time to first render of every view, each load in a fresh (cold) browser context;
//   2. the delay from a keystroke in the lab to updated diagnostics for a 323-line Job;
//   3. frame times and long tasks while a 200-Pod diagram plays;
//   4. long tasks while typing into Jobs at the lab's simulation caps.
// Every figure comes from the page's own clock (the Performance API, performance.now() and event
// timestamps), never from round trips through Playwright. Timings are printed, never asserted;
// a measurement that cannot be made (no dist/, a selector that never appears, a page error) fails.
//
// Usage, after `trunk build --release --offline`:
//   node scripts/perf/browser.mjs [--port 8793] [--runs 5] [--keys 30] [--play-seconds 5]
//                                 [--only first-render,typing,frames,caps]
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import net from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';
import { fileURLToPath, pathToFileURL } from 'node:url';
import path from 'node:path';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const CHROMIUM = '/usr/bin/chromium';
// The same flags as playwright.config.mjs: nothing in the background competes with the page.
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update',
  '--no-first-run', '--disable-quic', '--disable-sync'];

// Targets from the performance issue. Time to first render has none yet, so those lines say so
// rather than invent one.
const LONG_TASK_MS = 50;

// The views of src/route.rs. `content` lists selectors that must all match before the view counts
// as rendered: roles, labels and structural elements rather than styling classes where possible,
// so that the list survives views whose body arrives later (e.g. from a second wasm module).
const PATTERNS = ['simple', 'parallel', 'failure', 'indexed', 'pod-failure-policy', 'backoff-per-index',
  'success-policy', 'deadline', 'suspend-resume', 'work-queue', 'on-failure'];
const DIAGRAM_LANE = '#main svg[aria-label="Pods on a time axis"] g.lane';
const VIEWS = [
  { route: '#/concept', content: ['#main article h3'] },
  { route: '#/flow', content: ['#main ol li h3'] },
  ...PATTERNS.map((p) => ({ route: `#/diagrams/${p}`, content: [DIAGRAM_LANE] })),
  { route: '#/examples', content: ['#main pre[aria-label^="Output of"]'] },
  { route: '#/compare', content: ['#main table tbody tr td'] },
  { route: '#/practice', content: ['#main article fieldset input[type="radio"]'] },
  { route: '#/lab', content: ['#main ul[aria-label="Diagnostics"]', DIAGRAM_LANE] },
];
const HEADING = '#main h2';
const DIAGNOSTICS = 'ul[aria-label="Diagnostics"]';

// The 323-line Job of the criterion benchmark `check_source/big-job-323-lines`, so the browser
// figure and the native one are about the same text.
const BIG_JOB = readFileSync(path.join(ROOT, 'crates/joblab-core/tests/data/big-job.yaml'), 'utf8');

// 200 Pods that all exist from the first second to the end of the run, so every frame while
// playing draws 200 lanes (the guide's own knobs stop at 30 completions, so this runs in the lab).
const PODS = 200;
const WIDE_JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: wide
spec:
  completions: ${PODS}
  parallelism: ${PODS}
  backoffLimit: 4
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "sleep 10"]
`;

// ---- Small helpers. ----

function parseArgs(argv) {
  const opts = { port: 8793, runs: 5, keys: 30, playSeconds: 5, only: ['first-render', 'typing', 'frames', 'caps'] };
  for (let i = 0; i < argv.length; i++) {
    const next = () => {
      if (i + 1 >= argv.length) throw new Error(`${argv[i]} needs a value`);
      return argv[++i];
    };
    switch (argv[i]) {
      case '--port': opts.port = Number(next()); break;
      case '--runs': opts.runs = Number(next()); break;
      case '--keys': opts.keys = Number(next()); break;
      case '--play-seconds': opts.playSeconds = Number(next()); break;
      case '--only': opts.only = next().split(','); break;
      default: throw new Error(`unknown argument ${argv[i]}`);
    }
  }
  for (const o of opts.only) {
    if (!['first-render', 'typing', 'frames', 'caps'].includes(o)) throw new Error(`unknown measurement ${o}`);
  }
  if (!(opts.runs >= 1 && opts.keys >= 20 && opts.playSeconds >= 1)) {
    throw new Error('need --runs >= 1, --keys >= 20 and --play-seconds >= 1');
  }
  return opts;
}

const ms = (x) => `${x.toFixed(1)} ms`;
const sorted = (xs) => [...xs].sort((a, b) => a - b);
function median(xs) {
  const s = sorted(xs);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}
// Nearest-rank percentile: a value that was actually observed.
function percentile(xs, p) {
  const s = sorted(xs);
  return s[Math.max(0, Math.ceil((p / 100) * s.length) - 1)];
}
const verdict = (ok) => (ok ? 'meets' : 'MISSES');
// One report line: a label, the figure, the target and whether the figure meets it.
const line = (label, figure, target, ok) =>
  console.log(`${label.padEnd(34)} ${figure.padStart(16)}   ${target.padEnd(32)} ${ok === undefined ? '' : verdict(ok)}`.trimEnd());
const heading = (text) => console.log(`\n== ${text} ==`);

// ---- The static server. ----

// Refuses a port something else already answers on: the figures would be about another server.
function portInUse(port) {
  return new Promise((resolve) => {
    const s = net.connect({ port, host: '127.0.0.1' }, () => { s.destroy(); resolve(true); });
    s.on('error', () => resolve(false));
  });
}

async function startServer(port) {
  if (!existsSync(path.join(ROOT, 'dist/index.html'))) {
    throw new Error('dist/index.html not found; run: trunk build --release --offline');
  }
  if (await portInUse(port)) throw new Error(`port ${port} is already in use; pass --port`);
  const server = spawn('python3', ['-m', 'http.server', String(port), '--bind', '127.0.0.1', '--directory', 'dist'],
    { cwd: ROOT, stdio: 'ignore' });
  let exited = null;
  server.on('exit', (code) => { exited = code; });
  // Poll until it answers rather than guessing how long Python takes to start.
  for (let i = 0; i < 100; i++) {
    if (exited !== null) throw new Error(`python3 -m http.server exited with ${exited}`);
    try {
      const r = await fetch(`http://127.0.0.1:${port}/index.html`);
      if (r.ok) return server;
    } catch { /* not up yet */ }
    await sleep(100);
  }
  server.kill();
  throw new Error(`the static server on port ${port} did not answer within 10 s`);
}

// Fails the measurement on any uncaught error in the page: a broken app has no timings.
function watchErrors(page) {
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  return () => {
    if (errors.length) throw new Error(`page error: ${errors.join('; ')}`);
  };
}

// Long tasks: main-thread tasks over 50 ms, the ones that make a page feel stuck. Installed before
// any page script runs, buffered so none is missed.
function installLongTaskObserver() {
  window.__longTasks = [];
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, duration: e.duration });
  }).observe({ type: 'longtask', buffered: true });
}

// ---- 1. Time to first render of each view. ----

// Runs in the page before its scripts. Records, relative to navigation start (performance.now()'s
// origin), the first animation frame after the heading and after the content entered the DOM: the
// frame that paints them.
function installRenderMarks({ heading, content }) {
  const marks = { heading: null, content: null };
  window.__renderMarks = marks;
  let headingSeen = false;
  let contentSeen = false;
  const check = () => {
    if (!headingSeen && document.querySelector(heading)) {
      headingSeen = true;
      requestAnimationFrame(() => { marks.heading = performance.now(); });
    }
    if (!contentSeen && content.every((s) => document.querySelector(s))) {
      contentSeen = true;
      requestAnimationFrame(() => { marks.content = performance.now(); });
    }
    if (headingSeen && contentSeen) observer.disconnect();
  };
  const observer = new MutationObserver(check);
  observer.observe(document, { childList: true, subtree: true });
}

async function firstRender(browser, base, runs) {
  heading(`Time to first render of each view (cold context each load, median of ${runs} runs)`);
  console.log('ms after navigation start: "wasm" when the first .wasm finished downloading, "heading" and');
  console.log('"content" the frame that paints the view\'s h2 and its main content; the range is the content');
  console.log('figure\'s min-max over the runs. One discarded load warms the browser up first.');
  console.log(`${'view'.padEnd(30)} ${'wasm'.padStart(7)} ${'heading'.padStart(9)} ${'content'.padStart(9)}   ${'content range'.padEnd(15)} target`);
  // One discarded load first: the browser's very first page pays for starting its own processes,
  // which is not the app's cost and would land on whichever view came first.
  const warm = await browser.newContext();
  try {
    const page = await warm.newPage();
    await page.goto(base + VIEWS[0].route);
    await page.locator(HEADING).waitFor({ timeout: 20_000 });
  } finally {
    await warm.close();
  }
  const all = [];
  for (const view of VIEWS) {
    const headings = [];
    const contents = [];
    const wasms = [];
    for (let r = 0; r < runs; r++) {
      // A new context has an empty HTTP cache, no service worker and no storage: a first visit.
      const context = await browser.newContext();
      try {
        await context.addInitScript(installRenderMarks, { heading: HEADING, content: view.content });
        const page = await context.newPage();
        const checkErrors = watchErrors(page);
        await page.goto(base + view.route, { waitUntil: 'commit' });
        try {
          await page.waitForFunction(() => window.__renderMarks
            && window.__renderMarks.heading !== null && window.__renderMarks.content !== null, null, { timeout: 20_000 });
        } catch {
          const missing = await page.evaluate(({ h, c }) => [h, ...c].filter((s) => !document.querySelector(s)), { h: HEADING, c: view.content });
          throw new Error(`${view.route}: never rendered; no element matches ${missing.join(', ') || '(all match, no frame came)'}`);
        }
        checkErrors();
        const m = await page.evaluate(() => ({
          ...window.__renderMarks,
          // When the first wasm module finished downloading: what the rest of the time waits on.
          wasm: performance.getEntriesByType('resource').filter((e) => e.name.endsWith('.wasm'))
            .sort((a, b) => a.startTime - b.startTime)[0]?.responseEnd ?? null,
        }));
        if (m.wasm === null) throw new Error(`${view.route}: no .wasm download in the resource timings`);
        headings.push(m.heading);
        contents.push(m.content);
        wasms.push(m.wasm);
      } finally {
        await context.close();
      }
    }
    const h = median(headings);
    const c = median(contents);
    all.push({ route: view.route, content: c });
    const range = `${Math.min(...contents).toFixed(0)}-${Math.max(...contents).toFixed(0)}`;
    console.log(`${view.route.padEnd(30)} ${median(wasms).toFixed(1).padStart(7)} ${h.toFixed(1).padStart(9)} ${c.toFixed(1).padStart(9)}   ${range.padEnd(15)} no target set`);
  }
  const slowest = all.reduce((a, b) => (b.content > a.content ? b : a));
  console.log(`slowest view: ${slowest.route}, content at ${ms(slowest.content)}`);
}

// ---- 2. Keystroke to updated diagnostics in the lab. ----

// Runs in the page before its scripts. A capture-phase keydown listener keeps the keystroke's own
// timestamp (when the browser received it, same clock as performance.now()); the first change
// inside the Diagnostics list after it ends the sample at the next animation frame, the frame that
// shows the new diagnostics. A requestAnimationFrame loop numbers the frames, so each sample also
// says in which frame after the keystroke the diagnostics were drawn: 1 is the first frame, the
// one that also draws the typed character, which is what "within one frame" asks.
function installTypingProbe(list) {
  const probe = { pending: null, samples: [], frames: [] };
  window.__typing = probe;
  let frame = 0;
  const tick = () => { frame += 1; requestAnimationFrame(tick); };
  requestAnimationFrame(tick);
  window.addEventListener('keydown', (e) => { probe.pending = { at: e.timeStamp, frame }; }, true);
  const inList = (n) => {
    const el = n.nodeType === 1 ? n : n.parentElement;
    return !!el && !!el.closest(list);
  };
  const holdsList = (n) => n.nodeType === 1 && (n.matches(list) || !!n.querySelector(list));
  new MutationObserver((records) => {
    if (probe.pending === null) return;
    if (!records.some((r) => inList(r.target) || [...r.addedNodes].some(holdsList))) return;
    const start = probe.pending;
    probe.pending = null;
    // Registered after this frame's tick, so `frame` already counts the frame that draws it.
    requestAnimationFrame(() => {
      probe.frames.push(frame - start.frame);
      probe.samples.push(performance.now() - start.at);
    });
  }).observe(document, { childList: true, subtree: true, characterData: true });
}

async function typing(browser, base, keys) {
  const lines = BIG_JOB.split('\n').length - 1;
  heading(`Lab: keystroke to updated diagnostics (${lines}-line Job, ${keys} keystrokes)`);
  console.log('From the keydown event\'s timestamp to the first animation frame after the Diagnostics list');
  console.log('changed, and in which animation frame after the keystroke that happened (1: the frame that');
  console.log('also draws the typed character). Each keystroke adds or removes a "-" after "completions: ", so every one flips the');
  console.log('Job between valid and invalid; keystrokes are 300 ms apart.');
  const context = await browser.newContext();
  try {
    await context.addInitScript(installLongTaskObserver);
    await context.addInitScript(installTypingProbe, DIAGNOSTICS);
    const page = await context.newPage();
    const checkErrors = watchErrors(page);
    await page.goto(`${base}#/lab`);
    const editor = page.getByRole('textbox', { name: 'Job YAML' });
    await editor.waitFor({ timeout: 20_000 });
    await page.locator(DIAGNOSTICS).waitFor({ state: 'attached', timeout: 20_000 });
    await editor.fill(BIG_JOB);
    // Let the pasted text settle (analysis, simulation, first draw) before measuring.
    await page.waitForTimeout(1000);
    const at = BIG_JOB.indexOf('completions: ') + 'completions: '.length;
    if (at < 'completions: '.length) throw new Error('big-job.yaml has no "completions: " to edit');
    const t0 = await page.evaluate(() => { window.__typing.samples = []; window.__typing.frames = []; window.__typing.pending = null; return performance.now(); });
    for (let i = 0; i < keys; i++) {
      // Moving the caret is not a keystroke: no keydown, so it is outside the measurement.
      await editor.evaluate((el, pos) => { el.focus(); el.setSelectionRange(pos, pos); }, at);
      await page.keyboard.press(i % 2 === 0 ? 'Minus' : 'Delete');
      try {
        await page.waitForFunction((n) => window.__typing.samples.length >= n, i + 1, { timeout: 5000 });
      } catch {
        throw new Error(`keystroke ${i + 1}: the Diagnostics list did not change within 5 s`);
      }
      await page.waitForTimeout(300);
    }
    checkErrors();
    const text = await editor.inputValue();
    if (text !== BIG_JOB) throw new Error('the editor does not hold the original Job after an even number of edits');
    const { samples, frames, longTasks } = await page.evaluate((since) => ({
      samples: window.__typing.samples,
      frames: window.__typing.frames,
      longTasks: window.__longTasks.filter((t) => t.start >= since),
    }), t0);
    const inFirst = frames.filter((f) => f <= 1).length;
    line('drawn in the first frame after the key', `${inFirst} / ${frames.length}`,
      'target: every keystroke (within one frame)', inFirst === frames.length);
    line('latest frame that drew them', String(Math.max(...frames)), 'target: 1', Math.max(...frames) <= 1);
    // In milliseconds the same wait includes where the key fell between two vsyncs (up to one frame
    // interval) plus the work of that frame, so these are information; the frame count is the target.
    const info = 'information (includes the wait for the vsync)';
    line('keystroke to diagnostics, median', ms(median(samples)), info);
    line('keystroke to diagnostics, p95', ms(percentile(samples, 95)), info);
    line('keystroke to diagnostics, max', ms(Math.max(...samples)), info);
    const longest = longTasks.length ? Math.max(...longTasks.map((t) => t.duration)) : 0;
    line('long tasks while typing', `${longTasks.length}${longTasks.length ? `, max ${ms(longest)}` : ''}`,
      'target: no long task over 50 ms', longTasks.length === 0);
  } finally {
    await context.close();
  }
}

/** The lab in a new browser context that records long tasks; the caller closes the context. */
async function openLab(browser, base) {
  const context = await browser.newContext();
  await context.addInitScript(installLongTaskObserver);
  const page = await context.newPage();
  const checkErrors = watchErrors(page);
  await page.goto(`${base}#/lab`);
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await editor.waitFor({ timeout: 20_000 });
  return { context, page, editor, checkErrors };
}

// ---- 3. Frames while a 200-Pod diagram plays. ----

async function frames(browser, base, seconds) {
  heading(`A ${PODS}-Pod diagram playing (lab: completions ${PODS}, parallelism ${PODS}; speed 1x; ${seconds} s)`);
  console.log('requestAnimationFrame deltas while the player redraws every 100 ms, and every long task in');
  console.log('that window (PerformanceObserver "longtask").');
  const { context, page, editor, checkErrors } = await openLab(browser, base);
  try {
    await editor.fill(WIDE_JOB);
    const player = page.getByRole('group', { name: 'Player' });
    const lanes = page.locator(DIAGRAM_LANE);
    // Every Pod starts in the first second, so once the new run is drawn it has all its lanes.
    await player.waitFor({ timeout: 20_000 });
    try {
      await page.waitForFunction(([sel, n]) => document.querySelectorAll(sel).length >= n, [DIAGRAM_LANE, PODS], { timeout: 20_000 });
    } catch {
      throw new Error(`the lab's diagram never showed ${PODS} Pods (it shows ${await lanes.count()} lanes)`);
    }
    // Count them at the end of the run, where every Pod that ever existed is drawn.
    await player.getByRole('button', { name: 'End', exact: true }).click();
    const atEnd = await lanes.count();
    await player.getByLabel('Speed').selectOption('1');
    const play = player.getByRole('button', { name: 'Play', exact: true });
    await play.click();
    const rec = await page.evaluate((duration) => new Promise((resolve) => {
      const deltas = [];
      const start = performance.now();
      let last = null;
      const tick = (t) => {
        if (last !== null) deltas.push(t - last);
        last = t;
        if (t - start < duration) requestAnimationFrame(tick);
        else resolve({ start, end: t, deltas });
      };
      requestAnimationFrame(tick);
    }), seconds * 1000);
    // The recording only counts if the player was still playing 200 Pods when it ended.
    const stillPlaying = await player.getByRole('button', { name: 'Pause', exact: true }).count();
    const whilePlaying = await lanes.count();
    if (!stillPlaying) throw new Error(`the run ended before the ${seconds} s recording did; pass a smaller --play-seconds`);
    checkErrors();
    const longTasks = await page.evaluate(({ start, end }) =>
      window.__longTasks.filter((t) => t.start >= start && t.start <= end), rec);
    const d = rec.deltas;
    line('Pods drawn (svg lanes)', `${atEnd} / ${whilePlaying}`, 'at the end / while playing');
    line('frames', String(d.length), `in ${ms(rec.end - rec.start)}`);
    line('frame time p50', ms(median(d)), 'information only');
    line('frame time p95', ms(percentile(d, 95)), 'information only');
    line('frame time max', ms(Math.max(...d)), 'information only');
    const longest = longTasks.length ? Math.max(...longTasks.map((t) => t.duration)) : 0;
    line('long tasks while playing', `${longTasks.length}${longTasks.length ? `, max ${ms(longest)}` : ''}`,
      `target: no long task over ${LONG_TASK_MS} ms`, longTasks.length === 0);
  } finally {
    await context.close();
  }
}

// ---- 4. Typing into Jobs at the lab's simulation caps. ----

// The hostile corpus's largest simulations: every keystroke changes the Job, and redrawing a
// thousand Pods would take over 100 ms, so the lab redoes such a simulation only once typing
// pauses (src/lab/mod.rs). This counts the long tasks while typing, and after the pause.
const AT_CAPS = ['sim-two-billion-completions.yaml', 'sim-restart-storm.yaml', 'sim-failing-backoff-huge.yaml'];

async function caps(browser, base, keys) {
  heading(`Lab: typing into Jobs at the simulation caps (${keys} keystrokes each, 60 ms apart)`);
  console.log('Long tasks (PerformanceObserver "longtask") while typing into the Job\'s name, then in the');
  console.log('second after typing stops, when the simulation is redone once.');
  const { context, page, editor, checkErrors } = await openLab(browser, base);
  try {
    for (const file of AT_CAPS) {
      const text = readFileSync(path.join(ROOT, 'crates/joblab-core/tests/hostile', file), 'utf8');
      await editor.evaluate((el, t) => { el.value = t; el.dispatchEvent(new Event('input', { bubbles: true })); }, text);
      await page.waitForTimeout(1500);
      const at = text.indexOf('name: ') + 'name: '.length + 1;
      if (at <= 'name: '.length) throw new Error(`${file} has no "name: " to edit`);
      await editor.evaluate((el, pos) => { el.focus(); el.setSelectionRange(pos, pos); }, at);
      const t0 = await page.evaluate(() => performance.now());
      for (let i = 0; i < keys; i++) {
        await page.keyboard.type('x');
        await page.waitForTimeout(60);
      }
      const t1 = await page.evaluate(() => performance.now());
      await page.waitForTimeout(1000);
      const tasks = await page.evaluate(() => window.__longTasks);
      const during = tasks.filter((t) => t.start >= t0 && t.start < t1);
      const after = tasks.filter((t) => t.start >= t1);
      const worst = (l) => (l.length ? `, longest ${ms(Math.max(...l.map((t) => t.duration)))}` : '');
      line(`${file}: while typing`, `${during.length}${worst(during)}`, 'target: no long task over 50 ms', during.length === 0);
      line(`${file}: after the pause`, `${after.length}${worst(after)}`, 'information (the one redraw)');
    }
    checkErrors();
  } finally {
    await context.close();
  }
}

// ---- Main. ----

export async function main(argv) {
  const opts = parseArgs(argv);
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} not found`);
  const server = await startServer(opts.port);
  // Whatever happens, the server goes with this process.
  const stop = () => { if (server.exitCode === null) server.kill(); };
  process.on('exit', stop);
  for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => { stop(); process.exit(130); });
  let browser;
  try {
    browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
    const base = `http://127.0.0.1:${opts.port}/`;
    console.log(`headless Chromium ${browser.version()}, dist/ served by python3 -m http.server on 127.0.0.1:${opts.port}`);
    console.log('(uncompressed, no network throttling, default 1280x720 viewport)');
    if (opts.only.includes('first-render')) await firstRender(browser, base, opts.runs);
    if (opts.only.includes('typing')) await typing(browser, base, opts.keys);
    if (opts.only.includes('frames')) await frames(browser, base, opts.playSeconds);
    if (opts.only.includes('caps')) await caps(browser, base, 10);
  } finally {
    if (browser) await browser.close();
    stop();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) {
  main(process.argv.slice(2)).catch((e) => {
    console.error(`error: ${e.message}`);
    process.exit(1);
  });
}
