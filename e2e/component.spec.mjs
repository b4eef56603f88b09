// The web component <joblab-diagram> (src/component.rs, public/joblab-embed.js) on a docs page of
// another origin (e2e/servers/parent_page.py, /host.html): the page loads joblab-embed.js from the
// strict app server as a module script and allows only that origin in script-src, plus
// 'wasm-unsafe-eval'. The element draws the diagram and its player in a shadow root, with no
// iframe; its attributes are reactive; two elements work independently; no style crosses the
// shadow boundary either way; and the events the reader's actions raise reach the page (the
// schema is src/events.rs, documented in docs/embed.md).
import { readFileSync } from 'node:fs';
import { test, expect } from './fixtures.mjs';
import { hostUrl } from './host-page.mjs';
import { watchCsp, cspViolations } from './csp-watch.mjs';

/** The events of src/events.rs, by type. */
const EVENTS = ['ready', 'play', 'pause', 'step', 'finished', 'answer'].map((e) => `joblab:${e}`);

/** Records every Joblab event that reaches the document, from before the page's scripts run. */
async function recordEvents(page) {
  await page.addInitScript((types) => {
    window.__events = [];
    for (const type of types) {
      document.addEventListener(type, (e) => {
        window.__events.push({
          type: e.type, detail: e.detail, target: e.target.id || String([...document.querySelectorAll('joblab-diagram')].indexOf(e.target)),
          bubbles: e.bubbles, composed: e.composed,
        });
      });
    }
  }, EVENTS);
}

const events = (page) => page.evaluate(() => window.__events);

const TWO = `<joblab-diagram id="a" pattern="failure" backoff-limit="2" theme="dark"></joblab-diagram>
<joblab-diagram id="b" pattern="parallel" completions="4" parallelism="2" theme="light"></joblab-diagram>`;

test.beforeEach(async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
});

test('two elements draw in shadow roots, under a CSP that allows only the script origin', async ({ page }) => {
  await watchCsp(page.context());
  await recordEvents(page);
  await page.goto(hostUrl(TWO));
  const a = page.locator('joblab-diagram#a');
  const b = page.locator('joblab-diagram#b');
  // Locators pierce open shadow roots: each element shows its own diagram.
  await expect(a.getByRole('heading', { level: 2 })).toHaveText('Failure Handling');
  await expect(b.getByRole('heading', { level: 2 })).toHaveText('Parallel Execution');
  await expect(a.locator('svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
  await expect(b.locator('svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
  // In a shadow root, and no frame anywhere.
  expect(await page.evaluate(() => [...document.querySelectorAll('joblab-diagram')].map((e) => !!e.shadowRoot?.querySelector('.diagram-svg')))).toEqual([true, true]);
  expect(await page.locator('iframe').count()).toBe(0);
  // The attributes set the knobs, as the iframe embed's query keys do.
  await expect(a.locator('#knob-backoffLimit')).toHaveValue('2');
  await expect(b.locator('#knob-completions')).toHaveValue('4');
  await expect(b.locator('#knob-parallelism')).toHaveValue('2');
  // Each said it was ready, on its own element, with the end of its run.
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'joblab:ready').map((e) => e.target).sort()).toEqual(['a', 'b']);
  const ready = (await events(page)).find((e) => e.target === 'a' && e.type === 'joblab:ready');
  expect(ready).toMatchObject({ bubbles: true, composed: true, detail: { type: 'joblab:ready', version: 1, source: 'failure' } });
  expect(ready.detail.endMs).toBeGreaterThan(0);

  // Independent: stepping one moves its own player only.
  const timeA = a.locator('output.time-out');
  const timeB = b.locator('output.time-out');
  const bBefore = await timeB.textContent();
  await a.getByRole('button', { name: 'Reset', exact: true }).click();
  await a.getByRole('button', { name: 'Step', exact: true }).click();
  await expect(timeA).not.toHaveText(/^0:00 \//);
  await expect(timeB).toHaveText(bBefore);
  expect(await cspViolations(page)).toEqual([]);
});

test('attributes are reactive: a knob redraws, the theme restyles', async ({ page }) => {
  await page.goto(hostUrl(TWO));
  const a = page.locator('joblab-diagram#a');
  await expect(a.locator('#knob-backoffLimit')).toHaveValue('2');
  const lanes = a.locator('svg.diagram-svg [aria-label^="Pod "]');
  await expect(lanes.first()).toBeVisible();
  const before = await lanes.count();
  await page.evaluate(() => document.querySelector('#a').setAttribute('backoff-limit', '4'));
  await expect(a.locator('#knob-backoffLimit')).toHaveValue('4');
  // More retries allowed: more Pods before the Job fails.
  await expect.poll(() => lanes.count()).toBeGreaterThan(before);
  // The theme is the stylesheet's: the element's background follows the attribute.
  const bg = () => page.evaluate(() => getComputedStyle(document.querySelector('#a')).backgroundColor);
  expect(await bg()).toBe('rgb(15, 19, 27)'); // dark --bg
  await page.evaluate(() => document.querySelector('#a').setAttribute('theme', 'light'));
  await expect.poll(bg).toBe('rgb(246, 247, 251)'); // light --bg
  // A pattern that does not exist is said, not thrown.
  await page.evaluate(() => document.querySelector('#a').setAttribute('pattern', 'nope'));
  await expect(a.getByRole('alert')).toContainText('pattern="nope" is not a diagram');
  await page.evaluate(() => document.querySelector('#a').setAttribute('pattern', 'deadline'));
  await expect(a.getByRole('heading', { level: 2 })).toHaveText('Deadline');
});

// The computed styles of the host page's own elements, which the component must leave alone.
const HOST_ELEMENTS = ['body', 'main', 'h1', '#host-text', '#host-button', '#host-svg', '#host-svg text', '#after'];
const PROPS = ['color', 'fontStyle', 'wordSpacing', 'backgroundColor', 'fontFamily', 'fontSize', 'letterSpacing', 'borderTopWidth', 'textTransform',
  'fill', 'lineHeight', 'margin', 'padding', 'display', 'boxSizing', 'outlineStyle'];

async function hostStyles(page) {
  return page.evaluate(({ selectors, props }) => Object.fromEntries(selectors.map((sel) => {
    const cs = getComputedStyle(document.querySelector(sel));
    return [sel, Object.fromEntries(props.map((p) => [p, cs[p]]))];
  })), { selectors: HOST_ELEMENTS, props: PROPS });
}

test('no style crosses the shadow boundary, in either direction', async ({ page }) => {
  // Without the component: the host's elements as its own stylesheet makes them.
  await page.goto(hostUrl(TWO, { script: false }));
  const alone = await hostStyles(page);
  expect(alone['#host-button'].color).toBe('rgb(128, 0, 128)');
  // With it: exactly the same.
  await page.goto(hostUrl(TWO));
  const a = page.locator('joblab-diagram#a');
  await expect(a.locator('svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
  expect(await hostStyles(page)).toEqual(alone);
  // And the host's rules (on svg, text, button, p, h2 and Joblab's class names) do not reach in.
  await expect(a.locator('.player')).toBeVisible();
  await expect(a.locator('.controller')).toBeVisible();
  const inside = await page.evaluate(() => {
    const root = document.querySelector('#a').shadowRoot;
    const cs = (sel) => getComputedStyle(root.querySelector(sel));
    return {
      button: cs('.player button').color,
      buttonBorder: cs('.player button').borderTopWidth,
      transform: cs('.player button').textTransform,
      svg: cs('svg.diagram-svg').backgroundColor,
      text: cs('svg.diagram-svg text').fontSize,
      h2: cs('h2').color,
      font: cs('.embed-credit').fontFamily,
      spacing: cs('.embed-credit').letterSpacing,
      // Inherited from the host's <main>, unless the element starts from initial values.
      style: cs('.embed-credit').fontStyle,
      words: cs('.embed-credit').wordSpacing,
    };
  });
  expect(inside.button).not.toBe('rgb(128, 0, 128)');
  expect(inside.buttonBorder).not.toBe('5px');
  expect(inside.transform).toBe('none');
  expect(inside.svg).not.toBe('rgb(255, 230, 230)');
  expect(inside.text).not.toBe('30px');
  expect(inside.h2).not.toBe('rgb(200, 0, 0)');
  expect(inside.font).not.toBe('serif');
  expect(inside.spacing).toBe('normal');
  expect(inside.style).toBe('normal');
  expect(inside.words).toBe('0px');
});

test('the reader\'s actions reach the page as events: play, pause, step, finished', async ({ page }) => {
  await recordEvents(page);
  await page.goto(hostUrl(TWO));
  const a = page.locator('joblab-diagram#a');
  await expect(a.locator('#knob-backoffLimit')).toHaveValue('2');
  await a.getByRole('button', { name: 'Reset', exact: true }).click();
  await a.getByRole('button', { name: 'Play', exact: true }).click();
  await a.getByRole('button', { name: 'Pause', exact: true }).click();
  await a.getByRole('button', { name: 'Step', exact: true }).click();
  // End jumps to the end of the run: the Job's outcome.
  await a.getByRole('button', { name: 'End', exact: true }).click();
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toContain('joblab:finished');
  const seen = (await events(page)).filter((e) => e.target === 'a' && e.type !== 'joblab:ready');
  expect(seen.map((e) => e.type)).toEqual(['joblab:play', 'joblab:pause', 'joblab:step', 'joblab:finished']);
  for (const e of seen) {
    expect(e).toMatchObject({ bubbles: true, composed: true, detail: { type: e.type, version: 1, source: 'failure' } });
    expect(typeof e.detail.timeMs).toBe('number');
  }
  expect(seen[0].detail.timeMs).toBe(0);
  expect(seen[2].detail.timeMs).toBeGreaterThan(seen[1].detail.timeMs);
  // Every run of this pattern fails: backoffLimit 2 is used up at the third failure.
  expect(seen[3].detail).toMatchObject({ outcome: 'Failed', reason: 'BackoffLimitExceeded' });
  // Element b did nothing, so it reported nothing but its ready.
  expect((await events(page)).filter((e) => e.target === 'b').map((e) => e.type)).toEqual(['joblab:ready']);
});

// CronJob patterns: `pattern` is what follows #/embed/ in the iframe embed's route, so
// `cronjobs/<slug>`; the CronJob knobs are their query keys in kebab case, as the Job knobs are.
// The page is docs/embed.md's snippet ("CronJob patterns"), read from there, after its script line
// (the host page loads the script from the test server); ids are given once the page has loaded.
function cronSnippet() {
  const doc = readFileSync(new URL('../docs/embed.md', import.meta.url), 'utf8');
  const section = doc.slice(doc.indexOf('#### CronJob patterns'));
  const block = /```html\n([\s\S]*?)```/.exec(section)[1].trim().split('\n');
  expect(block[0]).toBe('<script type="module" src="https://example.org/courses/k8s/joblab/joblab-embed.js"></script>');
  return block.slice(1).join('\n');
}

test('CronJob patterns beside a Job pattern (docs/embed.md\'s snippet): attributes, reactivity, events', async ({ page }) => {
  await watchCsp(page.context());
  await recordEvents(page);
  const snippet = cronSnippet();
  expect(snippet).toContain('pattern="cronjobs/missed-runs" starting-deadline-seconds="200"');
  await page.goto(hostUrl(snippet));
  await page.evaluate(() => document.querySelectorAll('joblab-diagram').forEach((e, i) => { e.id = ['j', 'c'][i]; }));
  const j = page.locator('joblab-diagram#j');
  const c = page.locator('joblab-diagram#c');
  await expect(j.getByRole('heading', { level: 2 })).toHaveText('Failure Handling');
  await expect(c.getByRole('heading', { level: 2 })).toHaveText('Missed runs and startingDeadlineSeconds');
  await expect(c.getByRole('heading', { name: 'CronJob controller' })).toBeVisible();
  await expect(c.locator('svg.diagram-svg [aria-label]').first()).toBeVisible();
  expect(await page.evaluate(() => !!document.querySelector('#c').shadowRoot?.querySelector('.diagram-svg'))).toBe(true);
  // The knob attribute sets the CronJob knob, as startingDeadlineSeconds=200 in a URL does.
  await expect(c.locator('#cron-knob-startingDeadlineSeconds')).toHaveValue('200');
  // Ready, on its own element, with the embed route as its source (as the iframe's events have).
  // An event recorded before the ids were given names its element by its place in the page, one
  // after by its id; which comes first depends on how fast the modules load, so both are read.
  const element = (target) => ({ 0: 'j', 1: 'c' })[target] ?? target;
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'joblab:ready').map((e) => element(e.target)).sort()).toEqual(['c', 'j']);
  const ready = (await events(page)).find((e) => element(e.target) === 'c' && e.type === 'joblab:ready');
  expect(ready).toMatchObject({ bubbles: true, composed: true, detail: { type: 'joblab:ready', version: 1, source: 'cronjobs/missed-runs' } });
  expect(ready.detail.endMs).toBeGreaterThan(0);

  // Reactive: startingDeadlineSeconds 0 makes every late start too late, so the run changes.
  const status = c.locator('p.diagram-status');
  const before = await status.textContent();
  await page.evaluate(() => document.querySelector('#c').setAttribute('starting-deadline-seconds', '0'));
  await expect(c.locator('#cron-knob-startingDeadlineSeconds')).toHaveValue('0');
  await expect(status).not.toHaveText(before);
  // Another CronJob pattern, and a knob only it reads.
  await page.evaluate(() => {
    const el = document.querySelector('#c');
    el.setAttribute('run-seconds', '600');
    el.setAttribute('pattern', 'cronjobs/replace');
  });
  await expect(c.getByRole('heading', { level: 2 })).toHaveText('Replace stops a run');
  await expect(c.locator('#cron-knob-runSeconds')).toHaveValue('600');
  // A Job element switched to a CronJob pattern and back.
  await page.evaluate(() => document.querySelector('#j').setAttribute('pattern', 'cronjobs/forbid'));
  await expect(j.getByRole('heading', { level: 2 })).toHaveText('Forbid skips a run');
  await expect(j.locator('#cron-knob-runSeconds')).toBeVisible();
  await page.evaluate(() => document.querySelector('#j').setAttribute('pattern', 'failure'));
  await expect(j.getByRole('heading', { level: 2 })).toHaveText('Failure Handling');
  await expect(j.locator('#knob-backoffLimit')).toHaveValue('2');
  // A bare CronJob slug is not a pattern: the message names the route form.
  await page.evaluate(() => document.querySelector('#j').setAttribute('pattern', 'forbid'));
  await expect(j.getByRole('alert')).toContainText('pattern="forbid" is not a diagram');
  await expect(j.getByRole('alert')).toContainText('cronjobs/forbid');
  await page.evaluate(() => document.querySelector('#j').setAttribute('pattern', 'failure'));
  await expect(j.locator('#knob-backoffLimit')).toHaveValue('2');

  // The reader's actions on the CronJob element reach the page, from that element only.
  const timeJ = j.locator('output.time-out');
  const jBefore = await timeJ.textContent();
  const mark = (await events(page)).length;
  await c.getByRole('button', { name: 'Reset', exact: true }).click();
  await c.getByRole('button', { name: 'Play', exact: true }).click();
  await c.getByRole('button', { name: 'Pause', exact: true }).click();
  await c.getByRole('button', { name: 'Step', exact: true }).click();
  await c.getByRole('button', { name: 'End', exact: true }).click();
  await expect.poll(async () => (await events(page)).slice(mark).map((e) => e.type)).toContain('joblab:finished');
  const seen = (await events(page)).slice(mark).filter((e) => e.type !== 'joblab:ready');
  expect(seen.map((e) => `${e.target} ${e.type}`)).toEqual(['c joblab:play', 'c joblab:pause', 'c joblab:step', 'c joblab:finished']);
  for (const e of seen) {
    expect(e).toMatchObject({ bubbles: true, composed: true, detail: { type: e.type, version: 1, source: 'cronjobs/replace' } });
    expect(typeof e.detail.timeMs).toBe('number');
  }
  expect(seen[2].detail.timeMs).toBeGreaterThan(seen[1].detail.timeMs);
  // A CronJob keeps scheduling: its run ends without a Job's outcome.
  expect(seen[3].detail).toMatchObject({ outcome: null, reason: null });
  await expect(timeJ).toHaveText(jBefore);
  expect(await cspViolations(page)).toEqual([]);
});
