// The workbench module (src/workbench.rs): the Lab, Examples and Practice bodies come from a second
// wasm module that the page imports only when a reader opens one of them. These tests pin that
// down from the outside: what is fetched when, that the heading never waits for the module, that a
// failed download is an alert with a working "Try again", and that the views work offline.
import { test as base } from '@playwright/test';
import { test, expect } from './fixtures.mjs';
import { PORT } from './ports.mjs';

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
  expect(seen.filter((u) => u.endsWith('.js'))).toHaveLength(1);
  expect(seen.filter((u) => u.endsWith('.wasm'))).toHaveLength(1);

  // Other workbench views reuse the module already in the page.
  await nav.getByRole('link', { name: 'Examples', exact: true }).click();
  await expect(page.getByRole('region', { name: 'The pi Job, from manifest to logs' })
    .getByLabel('Output of kubectl get jobs')).toContainText('Complete');
  await nav.getByRole('link', { name: 'Practice', exact: true }).click();
  await expect(page.getByRole('button', { name: 'Run it and check' }).first()).toBeVisible();
  await nav.getByRole('link', { name: 'Lab', exact: true }).click();
  await expect(page.getByRole('textbox', { name: 'Job YAML' })).toBeVisible();
  expect(seen).toHaveLength(2);
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
