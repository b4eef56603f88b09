// Embed mode: `#/embed/<pattern>?knobs&theme=` shows only the diagram, the Embed button gives the
// iframe snippet for the current knobs, and that snippet, pasted into a course page on another
// origin, makes the frame fit its content from the `joblab:height` messages.
import { test, expect } from './fixtures.mjs';
import { APP_URL, PARENT_PORT } from './ports.mjs';
import { watchCsp, cspViolations } from './csp-watch.mjs';

test('an embed URL shows only the diagram, with its knobs and theme, under the strict CSP', async ({ page, context }) => {
  await watchCsp(context);
  await page.goto(`${APP_URL}#/embed/parallel?completions=9&parallelism=2&theme=dark`);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Parallel Execution');
  await expect(page.locator('#knob-completions')).toHaveValue('9');
  await expect(page.locator('#knob-parallelism')).toHaveValue('2');
  await expect(page.locator('.diagram-status')).toHaveText(/^Complete \(\w+\): 9 succeeded/);
  await expect(page.getByRole('group', { name: 'Player' })).toBeVisible();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  // No site chrome.
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.getByRole('navigation')).toHaveCount(0);
  await expect(page.getByRole('contentinfo')).toHaveCount(0);
  await expect(page.getByRole('group', { name: 'Patterns' })).toHaveCount(0);
  expect(await cspViolations(page)).toEqual([]);

  // The lab embeds the same way.
  await page.goto(`${APP_URL}#/embed/lab?theme=light`);
  await page.reload();
  await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
  await expect(page.getByRole('banner')).toHaveCount(0);
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  expect(await cspViolations(page)).toEqual([]);
});

test('the Embed snippet resizes its frame on a course page from another origin', async ({ page, context }) => {
  await watchCsp(context);
  await context.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: new URL(APP_URL).origin });
  await page.goto(`${APP_URL}#/diagrams/parallel`);
  const completions = page.locator('#knob-completions');
  await completions.fill('4');
  await completions.press('Tab');
  await page.getByRole('button', { name: 'Embed', exact: true }).click();
  const dialog = page.getByRole('dialog', { name: 'Embed this diagram' });
  await expect(dialog).toBeVisible();
  const code = dialog.getByRole('textbox', { name: 'Embed code' });
  await expect(code).toHaveValue(/#\/embed\/parallel\?completions=4&amp;parallelism=3/);
  const snippet = await code.inputValue();
  expect(snippet).toContain(`<iframe src="${APP_URL}#/embed/parallel?`);
  expect(snippet).toMatch(/title="Joblab: Parallel Execution diagram"/);
  expect(snippet).toMatch(/width="100%"/);
  expect(snippet).toMatch(/loading="lazy"/);
  await dialog.getByRole('button', { name: 'Copy' }).click();
  await expect(dialog.getByRole('status')).toHaveText('Copied to the clipboard.');
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(snippet);
  await dialog.getByRole('button', { name: 'Close' }).click();
  await expect(dialog).toBeHidden();
  expect(await cspViolations(page)).toEqual([]);

  // The course page records the height messages it receives.
  await context.addInitScript(() => {
    if (window.top !== window) return;
    window.__heights = [];
    window.addEventListener('message', (e) => {
      if (e.data && e.data.type === 'joblab:height') window.__heights.push(e.data.height);
    });
  });
  const parent = `http://127.0.0.1:${PARENT_PORT}/course.html?snippet=${encodeURIComponent(snippet)}`;
  await page.goto(parent);
  const frameEl = page.locator('iframe[data-joblab-embed]');
  // The snippet starts the frame at 600 px; the messages replace that (possibly already done).
  expect(snippet).toContain('height="600"');
  const frame = page.frameLocator('iframe[data-joblab-embed]');
  await expect(frame.getByRole('heading', { level: 2 })).toHaveText('Parallel Execution');
  await expect(frame.locator('#knob-completions')).toHaveValue('4');

  // The frame takes the posted height, and shows its content without a scrollbar.
  await page.waitForFunction(() => window.__heights.length > 0);
  await expect.poll(async () => {
    const heights = await page.evaluate(() => window.__heights);
    return (await frameEl.getAttribute('height')) === String(heights.at(-1)) && heights.at(-1) !== 600;
  }).toBe(true);
  const first = Number(await frameEl.getAttribute('height'));
  expect((await frameEl.boundingBox()).height).toBeCloseTo(first, -1);
  const inner = await (await frameEl.elementHandle()).contentFrame();
  expect(await inner.evaluate(() => document.documentElement.scrollHeight - document.documentElement.clientHeight)).toBeLessThanOrEqual(1);

  // More Pods make a taller diagram: the frame follows.
  await frame.locator('#knob-completions').fill('30');
  await frame.locator('#knob-completions').press('Tab');
  await expect.poll(async () => Number(await frameEl.getAttribute('height'))).toBeGreaterThan(first);
  const heights = await page.evaluate(() => window.__heights);
  expect(Number(await frameEl.getAttribute('height'))).toBe(heights.at(-1));
  expect(await cspViolations(inner)).toEqual([]);
});
