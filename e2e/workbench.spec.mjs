// The workbench module (src/workbench.rs): the Lab, Examples and Practice bodies come from a second
// wasm module that the page imports only when a reader opens one of them. These tests pin that
// down from the outside: what is fetched when, that the heading never waits for the module, that a
// failed download is an alert with a working "Try again", and that the views work offline.
import { test as base } from '@playwright/test';
import { test, expect, paste } from './fixtures.mjs';
import { APP_URL, PORT } from './ports.mjs';
import { watchCsp, cspViolations } from './csp-watch.mjs';

const WORKBENCH = /joblab-workbench-[0-9a-f]{16}(_bg\.wasm|\.js)$/;

// A service worker answers from its cache without going through page.route, so the tests that
// watch or hold requests run without one; the last test is the one about the service worker.
test.use({ serviceWorkers: 'block' });
base.use({ serviceWorkers: 'block' });

/** Records the page's own requests for the workbench files. */
function watchWorkbench(page) {
  const seen = [];
  page.on('request', (r) => { if (WORKBENCH.test(new URL(r.url()).pathname)) seen.push(r.url()); });
  return seen;
}

test('a guide view does not fetch the workbench; the first workbench view does, once', async ({ page }) => {
  const seen = watchWorkbench(page);
  await page.goto('./#/flow');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('From kubectl apply to Complete');
  // The diagram is drawn by the main module alone.
  await page.goto('./#/diagrams/failure');
  await expect(page.locator('#main svg').first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(seen, 'guide views must not fetch the workbench').toEqual([]);

  const nav = page.getByRole('navigation', { name: 'Sections' });
  await nav.getByRole('link', { name: 'Lab', exact: true }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('The YAML lab');
  await expect(page.getByRole('list', { name: 'Diagnostics', exact: true })).toBeAttached();
  // The page's own resource timeline: the wasm was fetched once. (Chromium also lists there the
  // script imports of the lab's analysis worker, which loads the same module in its own context,
  // so the JS is not counted.)
  const wasmFetches = () => page.evaluate(() => performance.getEntriesByType('resource')
    .map((e) => new URL(e.name).pathname).filter((p) => /\/joblab-workbench-[0-9a-f]{16}_bg\.wasm$/.test(p)).length);
  expect(await wasmFetches()).toBe(1);

  // Other workbench views reuse the module already in the page.
  await nav.getByRole('link', { name: 'Examples', exact: true }).click();
  await expect(page.getByRole('region', { name: 'The pi Job, from manifest to logs' })
    .getByLabel('Output of kubectl get jobs')).toContainText('Complete');
  await nav.getByRole('link', { name: 'Practice', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run it and check' }).first()).toBeVisible();
  await nav.getByRole('link', { name: 'Lab', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Job YAML' })).toBeVisible();
  expect(await wasmFetches()).toBe(1);
  // Leaving a view unmounts its body: exactly one lab editor after coming back.
  await expect(page.getByRole('textbox', { name: 'Job YAML' })).toHaveCount(1);
});

test('a route change moves focus to the heading, which does not wait for the module', async ({ page }) => {
  // Hold the workbench back until the heading has been checked.
  let release;
  const held = new Promise((r) => { release = r; });
  await page.route(WORKBENCH, async (route) => { await held; await route.continue(); });
  await page.goto('./#/flow');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('From kubectl apply to Complete');
  await page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Lab', exact: true }).click();
  const heading = page.getByRole('heading', { level: 2, name: 'The YAML lab' });
  await expect(heading).toBeFocused();
  await expect(page.getByRole('status').filter({ hasText: 'Loading the lab…' })).toBeVisible();
  await expect(page).toHaveTitle('Lab · Joblab');
  release();
  await expect(page.getByRole('textbox', { name: 'Job YAML' })).toBeVisible();
  await expect(page.getByText('Loading the lab…')).toHaveCount(0);
});

// A failed download logs the browser's own "Failed to load resource" console error, so this test
// uses the plain fixture and allows exactly that error and nothing else.
base('a failed download is an alert with a Try again that works', async ({ page }) => {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  let fail = true;
  await page.route(WORKBENCH, (route) => (fail ? route.abort('internetdisconnected') : route.continue()));
  await page.goto('./#/lab');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('The YAML lab');
  const alert = page.getByRole('alert');
  await expect(alert).toContainText('Joblab could not load the lab');
  await expect(alert).toContainText('Check your connection, then try again.');
  fail = false;
  await alert.getByRole('button', { name: 'Try again' }).click();
  await expect(page.getByRole('textbox', { name: 'Job YAML' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveCount(0);
  expect(problems).toEqual([]);
});

test.describe('with the service worker', () => {
  test.use({ serviceWorkers: 'allow' });
  test('the workbench views work offline after a first visit to a guide view', async ({ page, context }) => {
    const root = `http://127.0.0.1:${PORT}/`;
    await page.goto(`${root}#/concept`);
    await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    // The service worker precaches the workbench in the background once installed.
    await page.waitForFunction(async () => {
      const keys = await caches.keys();
      if (keys.length !== 1) return false;
      const urls = (await (await caches.open(keys[0])).keys()).map((r) => r.url);
      return urls.some((u) => /joblab-workbench-[0-9a-f]{16}_bg\.wasm$/.test(u));
    }, null, { timeout: 15_000 });
    await context.setOffline(true);
    await page.goto(`${root}#/lab`);
    await expect(page.getByRole('textbox', { name: 'Job YAML' })).toBeVisible();
    await expect(page.getByRole('list', { name: 'Diagnostics', exact: true })).toBeAttached();
    await page.goto(`${root}#/examples`);
    await expect(page.getByLabel('Output of kubectl get jobs')).toContainText('Complete');
    await context.setOffline(false);
  });
});

/** A Job over the 64 KiB the lab analyses on the input path, with `line6` as its sixth line. */
function longJob(line6) {
  const out = ['apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: w', 'spec:', line6, '  template:', '    spec:',
    '      restartPolicy: Never', '      containers:', '      - name: c', '        image: busybox', '        env:'];
  for (let i = 0; out.join('\n').length < 80 * 1024; i++) out.push(`        - name: VAR_${i}`, `          value: "value ${i}"`);
  return out.join('\n') + '\n';
}

test('an ordinary Job is analysed on the input path; a long one in a worker', async ({ page }) => {
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto('./#/lab');
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await expect(editor).toBeVisible();
  const list = page.getByRole('list', { name: 'Diagnostics', exact: true });
  await editor.fill('apiVersion: batch/v1\nkind: Job\nmetadata:\n  name: w\nspec:\n  completions: -1\n  template:\n    spec:\n      restartPolicy: Never\n      containers:\n      - name: c\n        image: busybox\n');
  await expect(list).toContainText('6:16 spec.completions: Invalid value: -1');
  // No worker for a short Job: its diagnostics were drawn with the keystroke.
  expect(page.workers()).toEqual([]);

  await paste(editor, longJob('  parallelism: -3'));
  await expect(list).toContainText('6:16 spec.parallelism: Invalid value: -3');
  expect(page.workers().map((w) => new URL(w.url()).pathname.split('/').pop()))
    .toEqual([expect.stringMatching(/^joblab-analysis-[0-9a-f]{16}\.js$/)]);
  await paste(editor, longJob('  parallelism: 3'));
  await expect(list).not.toContainText('spec.parallelism');
  // The worker answered: the main-thread fallback would have said so.
  expect(warnings.filter((w) => /analysis worker/.test(w))).toEqual([]);
});

// Without the worker (its script blocked here; a browser without module workers is the same), the
// page analyses long Jobs on the main thread, throttled. It logs one warning and keeps working.
base('without the worker the lab still analyses, on the page', async ({ page }) => {
  const problems = [];
  page.on('console', (m) => { if (m.type() === 'error' && !/Failed to load resource/.test(m.text())) problems.push(m.text()); });
  page.on('pageerror', (e) => problems.push(e.message));
  await page.route(/joblab-analysis-[0-9a-f]{16}\.js$/, (route) => route.abort('blockedbyclient'));
  await page.goto('./#/lab');
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await expect(editor).toBeVisible();
  const list = page.getByRole('list', { name: 'Diagnostics', exact: true });
  await paste(editor, longJob('  parallelism: -2'));
  await expect(list).toContainText('6:16 spec.parallelism: Invalid value: -2');
  await paste(editor, longJob('  parallelism: 2'));
  await expect(list).not.toContainText('spec.parallelism');
  expect(problems).toEqual([]);
});

test('under the strict CSP at a sub-path, the workbench and its worker load and answer', async ({ page, context }) => {
  await watchCsp(context);
  const warnings = [];
  page.on('console', (m) => { if (m.type() === 'warning') warnings.push(m.text()); });
  await page.goto(`${APP_URL}#/lab`);
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await expect(editor).toBeVisible();
  await paste(editor, longJob('  completions: -4'));
  await expect(page.getByRole('list', { name: 'Diagnostics', exact: true }))
    .toContainText('6:16 spec.completions: Invalid value: -4');
  expect(page.workers()).toHaveLength(1);
  expect(new URL(page.workers()[0].url()).pathname.startsWith('/courses/k8s/joblab/joblab-analysis-')).toBe(true);
  expect(warnings.filter((w) => /analysis worker/.test(w))).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});
