// Offline after the first visit: the service worker precaches the app shell, and a reload with the
// network off still renders the app. Checked both from `python3 -m http.server` in dist/ (the
// default baseURL) and under a sub-path with the strict CSP (the SW must stay inside its scope).
import { test, expect } from './fixtures.mjs';
import { APP_URL, PORT } from './ports.mjs';

const ROOTS = [
  ['python3 -m http.server', `http://127.0.0.1:${PORT}/`],
  ['a sub-path with the strict CSP', APP_URL],
];

/** Waits until a service worker controls the page, and returns its scope. */
async function controlled(page) {
  await page.waitForFunction(() => navigator.serviceWorker && navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
  return page.evaluate(async () => (await navigator.serviceWorker.ready).scope);
}

for (const [name, root] of ROOTS) {
  test(`an offline reload works (${name})`, async ({ page, context }) => {
    await page.goto(`${root}#/flow`);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('From kubectl apply to Complete');
    expect(await controlled(page)).toBe(root);

    // Exactly one cache: this build's, named after the build id written into sw.js.
    const sw = await (await page.request.get(`${root}sw.js`)).text();
    const build = sw.match(/const BUILD = "([0-9a-f]{16})";/)[1];
    expect(await page.evaluate(() => caches.keys())).toEqual([`joblab-${build}`]);

    await context.setOffline(true);
    await page.reload();
    await expect(page.getByRole('heading', { level: 1, name: 'Joblab' })).toBeVisible();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('From kubectl apply to Complete');
    // Another view, also offline: routing is in the fragment, so it is the same cached shell.
    await page.goto(`${root}#/compare`);
    await expect(page.getByRole('heading', { level: 2 })).toHaveText('Job, Deployment or CronJob?');
    await context.setOffline(false);
  });
}

test('a new deploy replaces the service worker and deletes the old cache', async ({ page, context }) => {
  const root = `http://127.0.0.1:${PORT}/`;
  await page.goto(root);
  await controlled(page);
  const oldKeys = await page.evaluate(() => caches.keys());
  expect(oldKeys).toHaveLength(1);

  // Pretend a new build was deployed: sw.js comes back with another build id, as the post-build
  // hook writes it when any asset changes.
  await context.route('**/sw.js', async (route) => {
    const response = await route.fetch();
    const body = (await response.text()).replace(/const BUILD = "[0-9a-f]{16}";/, 'const BUILD = "0123456789abcdef";');
    await route.fulfill({ response, body });
  });
  await page.evaluate(async () => (await navigator.serviceWorker.getRegistration()).update());
  await page.waitForFunction(async () => {
    const keys = await caches.keys();
    return keys.length === 1 && keys[0] === 'joblab-0123456789abcdef';
  }, null, { timeout: 15_000 });
});
