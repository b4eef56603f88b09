// The release build served the strict way: under a sub-path, with the exact Content-Security-Policy
// header, precompressed assets negotiated per request. Every view must render with zero CSP
// violations, zero console errors, and no request outside the app's own directory.
import { test, expect } from './fixtures.mjs';
import { APP_URL, CSP } from './ports.mjs';
import { watchCsp, cspViolations } from './csp-watch.mjs';

const SLUGS = [
  'simple', 'parallel', 'failure', 'indexed', 'pod-failure-policy', 'backoff-per-index',
  'success-policy', 'deadline', 'suspend-resume', 'work-queue', 'on-failure',
];
const VIEWS = [
  '#/concept', '#/flow', '#/examples', '#/compare', '#/practice', '#/lab', '#/no/such/view',
  ...SLUGS.map((s) => `#/diagrams/${s}`),
];

test('every view renders under the strict CSP at a sub-path with zero violations', async ({ page, context }) => {
  await watchCsp(context);
  const requests = [];
  page.on('request', (r) => requests.push(r.url()));
  const response = await page.goto(APP_URL);
  expect(response.headers()['content-security-policy']).toBe(CSP);
  await expect(page.getByRole('heading', { level: 1, name: 'Joblab' })).toBeVisible();

  for (const hash of VIEWS) {
    await page.goto(`${APP_URL}${hash}`);
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
    // Pointer and keyboard focus are where views tend to set inline styles (tooltips).
    const shapes = page.locator('main svg [tabindex]');
    if ((await shapes.count()) > 0) {
      await shapes.first().dispatchEvent('mouseover');
      await shapes.first().focus();
      await expect(page.getByRole('tooltip')).toBeVisible();
    }
    expect(await cspViolations(page), hash).toEqual([]);
  }
  const outside = requests.filter((u) => !u.startsWith(APP_URL) && !u.startsWith('data:'));
  expect(outside, 'requests outside the app directory').toEqual([]);
});

test('index.html references only relative URLs and no inline script or style', async ({ request }) => {
  const html = await (await request.get(APP_URL)).text();
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
  expect(html).not.toMatch(/<style|\sstyle=/);
  for (const [, url] of html.matchAll(/(?:src|href)="([^"]*)"/g)) {
    expect(url, 'relative or data: URL').toMatch(/^(\.\/[^/]|data:)/);
  }
});

test('assets are hashed and sent precompressed when accepted', async ({ request }) => {
  const html = await (await request.get(APP_URL)).text();
  const assets = [...html.matchAll(/(?:src|href)="\.\/([^"]+)"/g)].map((m) => m[1]);
  expect(assets.length).toBeGreaterThanOrEqual(4);
  for (const name of assets) {
    // Trunk writes the 64-bit content hash as `{:x}`, without leading zeros, so one name in 16
    // has 15 digits (seen: joblab-web-cd67698173c9dee.js), one in 256 has 14, and so on.
    expect(name, 'content hash in the name').toMatch(/-[0-9a-f]{1,16}(_bg)?\.(js|css|wasm)$/);
    for (const [accept, encoding] of [['br, gzip', 'br'], ['gzip', 'gzip'], ['identity', undefined]]) {
      const r = await request.get(APP_URL + name, { headers: { 'Accept-Encoding': accept } });
      expect(r.status(), name).toBe(200);
      expect(r.headers()['content-encoding'], `${name} for ${accept}`).toBe(encoding);
    }
  }
  const wasm = await request.get(APP_URL + assets.find((a) => a.endsWith('.wasm')), { headers: { 'Accept-Encoding': 'br' } });
  expect(wasm.headers()['content-type']).toBe('application/wasm');
});
