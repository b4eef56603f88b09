// The Diagrams view: every pattern draws from the simulation, the player moves time, the
// failure pattern ends as the issue requires, tooltips show on keyboard focus, and nothing
// scrolls sideways on a phone.
import { test, expect } from './fixtures.mjs';

const LABELS = [
  'Simple Job', 'Parallel Execution', 'Failure Handling', 'Indexed', 'Pod failure policy',
  'Backoff per index', 'Success policy', 'Deadline', 'Suspend and resume', 'Work queue',
  'OnFailure restarts',
];

const patterns = (page) => page.getByRole('group', { name: 'Patterns' });
// Lanes are the only elements whose accessible name starts with "Pod " (segments and markers
// name their Pod at the end).
const lanes = (page) => page.locator('svg.diagram-svg [aria-label^="Pod "]');
const status = (page) => page.locator('.diagram-status[role="status"]');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const slider = (page) => page.getByRole('slider', { name: 'Time' });

test('every pattern button renders its diagram', async ({ page }) => {
  await page.goto('./#/diagrams/simple');
  for (const label of LABELS) {
    await patterns(page).getByRole('button', { name: label, exact: true }).click();
    await expect(page.getByRole('heading', { level: 2 })).toHaveText(label);
    await expect(patterns(page).getByRole('button', { name: label, exact: true })).toHaveAttribute('aria-pressed', 'true');
    await expect(lanes(page).first()).toBeVisible();
    await expect(status(page)).toHaveText(/^(Complete|Failed) \(\w+\): \d+ succeeded, \d+ failed, \d+ active/);
  }
  // The buttons go through the URL, so back returns to the previous pattern.
  await page.goBack();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Work queue');
});

test('Failure Handling ends with exactly three failed Pods and BackoffLimitExceeded', async ({ page }) => {
  await page.goto('./#/diagrams/failure');
  await button(page, 'Reset').click();
  await expect(status(page)).toHaveText(/^Running: 0 succeeded, 0 failed, 1 active/);
  await button(page, 'End').click();
  await expect(status(page)).toHaveText('Failed (BackoffLimitExceeded): 0 succeeded, 3 failed, 0 active');
  await expect(lanes(page)).toHaveCount(3);
  for (const lane of await lanes(page).all()) {
    await expect(lane).toHaveAttribute('aria-label', /^Pod fail-fast-\w+: Failed, exit code 1, ran \d+:\d\d to \d+:\d\d$/);
  }
  const svg = page.locator('svg.diagram-svg');
  await expect(svg.getByRole('img', { name: /^Backoff 10s:/ })).toHaveCount(1);
  await expect(svg.getByRole('img', { name: /^Backoff 20s:/ })).toHaveCount(1);
  await expect(page.locator('.controller')).toContainText('failed 3 / backoffLimit 2 (fails at 3)');
});

test('Play advances the Time slider and the counters; Pause stops it', async ({ page }) => {
  await page.goto('./#/diagrams/parallel');
  await button(page, 'Reset').click();
  await expect(slider(page)).toHaveValue('0');
  await page.getByLabel('Speed').selectOption('10');
  await button(page, 'Play').click();
  await expect(button(page, 'Pause')).toBeVisible();
  await expect.poll(async () => Number(await slider(page).inputValue())).toBeGreaterThan(0);
  await expect(status(page)).toHaveText(/^Running: [1-9]\d* succeeded/, { timeout: 10_000 });
  await button(page, 'Pause').click();
  const paused = await slider(page).inputValue();
  await page.waitForTimeout(400);
  await expect(slider(page)).toHaveValue(paused);
});

test('Step moves to the next event, the slider and the arrow keys move time', async ({ page }) => {
  await page.goto('./#/diagrams/failure');
  await button(page, 'Reset').click();
  const step = button(page, 'Step');
  await step.click();
  const first = Number(await slider(page).inputValue());
  await step.click();
  await step.click();
  const third = Number(await slider(page).inputValue());
  expect(third).toBeGreaterThan(first);
  await expect(page.locator('.time-out')).toHaveText(/^\d+:\d\d \/ 1:0\d$/);
  await slider(page).focus();
  await page.keyboard.press('End');
  await expect(status(page)).toHaveText(/^Failed \(BackoffLimitExceeded\)/);
  await page.keyboard.press('Home');
  await expect(slider(page)).toHaveValue('0');
});

test('a tooltip shows when a Pod lane gets keyboard focus', async ({ page }) => {
  await page.goto('./#/diagrams/failure');
  await button(page, 'End').click();
  // Tab from the slider into the diagram: the first focusable element there is the first lane.
  await slider(page).focus();
  const lane = lanes(page).first();
  for (let i = 0; i < 5; i += 1) {
    await page.keyboard.press('Tab');
    if (await lane.evaluate((el) => el === document.activeElement)) break;
  }
  await expect(lane).toBeFocused();
  const tip = page.getByRole('tooltip');
  await expect(tip).toBeVisible();
  await expect(tip).toHaveText(await lane.getAttribute('aria-label'));
  // The diagram is one tab stop (e2e/redraw.spec.mjs): the arrow keys move along the first lane,
  // to its first segment, which names its Pod at the end.
  await page.keyboard.press('ArrowRight');
  await expect(tip).toHaveText(/\(Pod fail-fast-\w+\)$/);
  // It sits just above the focused segment, starting where the segment starts: placed from the
  // segment's own box.
  const seg = await page.evaluate(() => {
    const r = document.activeElement.getBoundingClientRect();
    return { left: r.left, top: r.top };
  });
  const box = await tip.boundingBox();
  expect(Math.abs(box.x - seg.left)).toBeLessThan(2);
  expect(Math.abs(box.y + box.height + 4 - seg.top)).toBeLessThan(2);
});

test('knobs re-run the simulation and keep the time position', async ({ page }) => {
  await page.goto('./#/diagrams/failure');
  await button(page, 'End').click();
  const limit = page.getByLabel('backoffLimit');
  await limit.fill('0');
  await limit.dispatchEvent('change');
  await expect(status(page)).toHaveText('Failed (BackoffLimitExceeded): 0 succeeded, 1 failed, 0 active');
  await expect(lanes(page)).toHaveCount(1);
  await button(page, 'Preset values').click();
  // The time stayed at the shorter run's end (clamped), so the longer run shows that moment:
  // the first Pod has failed and the replacement waits for its backoff.
  const kept = await slider(page).inputValue();
  expect(Number(kept)).toBeGreaterThan(0);
  await expect(lanes(page)).toHaveCount(1);
  await expect(status(page)).toHaveText('Running: 0 succeeded, 1 failed, 0 active');
  await button(page, 'End').click();
  await expect(lanes(page)).toHaveCount(3);
});

test('deep link loads the pattern with aria-pressed', async ({ page }) => {
  await page.goto('./#/diagrams/parallel');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Parallel Execution');
  await expect(patterns(page).getByRole('button', { name: 'Parallel Execution', exact: true })).toHaveAttribute('aria-pressed', 'true');
  await expect(patterns(page).getByRole('button', { name: 'Simple Job', exact: true })).toHaveAttribute('aria-pressed', 'false');
  await expect(lanes(page)).toHaveCount(6);
});

test('no horizontal scroll at 360 px', async ({ page }) => {
  await page.setViewportSize({ width: 360, height: 800 });
  for (const slug of ['failure', 'parallel', 'backoff-per-index']) {
    await page.goto(`./#/diagrams/${slug}`);
    await expect(lanes(page).first()).toBeVisible();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow, slug).toBeLessThanOrEqual(0);
  }
});

test.describe('with prefers-reduced-motion', () => {
  test.use({ reducedMotion: 'reduce' });

  test('Play steps one event instead of animating; Space on the diagram does too', async ({ page }) => {
    await page.goto('./#/diagrams/failure');
    await expect(page.getByText('Reduced motion is on')).toBeVisible();
    await button(page, 'Reset').click();
    await button(page, 'Play').click();
    const after = await slider(page).inputValue();
    expect(Number(after)).toBeGreaterThan(0);
    await expect(button(page, 'Play')).toBeVisible();
    await page.waitForTimeout(400);
    await expect(slider(page)).toHaveValue(after);
    await lanes(page).first().focus();
    await page.keyboard.press('Space');
    await expect.poll(async () => Number(await slider(page).inputValue())).toBeGreaterThan(Number(after));
  });
});
