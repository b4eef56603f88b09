// Smooth with many Pods (issue 18, item 6): a redraw changes only what changed, focus survives
// playing, and the diagram is one tab stop whose items the arrow keys walk. Counts and element
// identity only: timings are the performance report's (scripts/perf/browser.mjs), never a test's.
import { test, expect, paste } from './fixtures.mjs';
import { startMutationProbe, stopMutationProbe, summarize } from '../scripts/perf/mutations.mjs';

const svg = (page) => page.locator('svg.diagram-svg');
const lanes = (page) => page.locator('svg.diagram-svg [aria-label^="Pod "]');
const button = (page, name) => page.getByRole('button', { name, exact: true });
const slider = (page) => page.getByRole('slider', { name: 'Time' });
const focusedLabel = (page) => page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? '');
const focusInDiagram = (page) => page.evaluate(() => !!document.activeElement?.closest('svg.diagram-svg'));

// 300 Pods, 3 at a time, 11 s each (the scenario's default 1 s start and 10 s run): by 9:00 about
// 150 Pods are drawn and 3 run.
const JOB = `apiVersion: batch/v1
kind: Job
metadata:
  name: many
spec:
  completions: 300
  parallelism: 3
  template:
    spec:
      restartPolicy: Never
      containers:
      - name: work
        image: busybox:1.36
        command: ["sh", "-c", "sleep 10"]
`;

test('a redraw mutates the DOM for the Pods that changed, not for every Pod drawn', async ({ page }) => {
  await page.goto('./#/lab');
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await paste(editor, JOB);
  await expect(page.locator('.lab .time-out')).toHaveText(/ \/ (1[5-9]|2\d):\d\d$/, { timeout: 20_000 });
  await page.getByLabel('Speed').selectOption('2');
  await slider(page).fill('540');
  await expect.poll(() => lanes(page).count()).toBeGreaterThan(100);
  const drawn = await lanes(page).count();
  await page.evaluate(startMutationProbe, 'svg.diagram-svg');
  await button(page, 'Play').click();
  // Ten or more redraws (the player redraws every 100 ms), counted however slow the machine is.
  await expect.poll(() => page.evaluate(() => window.__mutationProbe.frames.filter((f) => f.records > 0).length),
    { timeout: 20_000 }).toBeGreaterThanOrEqual(10);
  await button(page, 'Pause').click();
  const frames = await page.evaluate(stopMutationProbe);
  const m = summarize(frames, { fixed: 24, perPod: 12 });
  const report = JSON.stringify({ drawn, ...m, frames: frames.filter((f) => f.records > 0).slice(0, 20) });
  test.info().annotations.push({ type: 'mutations', description: report });
  // Every redraw stays within a few records per Pod that changed...
  expect(m.withinAllowance, report).toBe(true);
  // ...the Pods that change are the few running ones, and no redraw comes near touching every
  // Pod drawn (rebuilding the SVG, as before, made well over one record per Pod drawn).
  expect(m.changedMax, report).toBeLessThanOrEqual(10);
  expect(m.recordsMax, report).toBeLessThan(drawn / 3);
});

test('a focused Pod keeps the focus while the diagram plays', async ({ page }) => {
  await page.goto('./#/diagrams/parallel');
  await button(page, 'Reset').click();
  await button(page, 'Step').click();
  await button(page, 'Step').click();
  const lane = lanes(page).first();
  await lane.focus();
  await page.evaluate(() => { document.activeElement.dataset.probe = 'focused'; });
  await page.getByLabel('Speed').selectOption('2');
  await lane.press('Space');
  await expect(button(page, 'Pause')).toBeVisible();
  // The run moves on while the Pod keeps the focus: the same element, not a new one.
  const before = Number(await slider(page).inputValue());
  await expect.poll(async () => Number(await slider(page).inputValue())).toBeGreaterThan(before + 2);
  expect(await page.evaluate(() => document.activeElement?.dataset.probe)).toBe('focused');
  await expect(lane).toBeFocused();
  // Space on the Pod pauses, and the focus stays; the tooltip shows the Pod's name of now.
  await page.keyboard.press('Space');
  await expect(button(page, 'Play')).toBeVisible();
  await expect(lane).toBeFocused();
  await expect(page.getByRole('tooltip')).toHaveText(await lane.getAttribute('aria-label'));
  // A click on the page's background while it plays takes the focus out for good.
  await lane.press('Space');
  await expect(button(page, 'Pause')).toBeVisible();
  // The tagline is outside <main> (which takes focus itself), so the press leaves the focus
  // to nothing, as a redraw that rebuilds the focused element does.
  await page.locator('.tagline').click();
  expect(await page.evaluate(() => document.activeElement === document.body)).toBe(true);
  // Until the run changes (a Pod ends or starts), which redraws the diagram, and a frame more.
  const names = () => lanes(page).evaluateAll((els) => els.map((e) => e.getAttribute('aria-label')).join());
  const shown = await names();
  await expect.poll(names).not.toBe(shown);
  await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done))));
  expect(await focusInDiagram(page)).toBe(false);
});

test('the diagram is one tab stop and the arrow keys move between Pods and their segments', async ({ page }) => {
  await page.goto('./#/diagrams/failure');
  await button(page, 'End').click();
  await expect(lanes(page)).toHaveCount(3);
  await expect(svg(page).locator('[tabindex="0"]')).toHaveCount(1);
  const items = await svg(page).locator('[tabindex]').count();
  expect(items).toBeGreaterThan(6);
  await expect(svg(page).locator('[tabindex="-1"]')).toHaveCount(items - 1);

  // Tab enters the diagram at the first Pod, and the next Tab leaves it.
  await slider(page).focus();
  for (let i = 0; i < 5 && !(await focusInDiagram(page)); i += 1) await page.keyboard.press('Tab');
  await expect(lanes(page).first()).toBeFocused();
  const first = (await lanes(page).first().getAttribute('aria-label')).match(/^Pod (\S+):/)[1];
  const second = (await lanes(page).nth(1).getAttribute('aria-label')).match(/^Pod (\S+):/)[1];
  await page.keyboard.press('Tab');
  expect(await focusInDiagram(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  await expect(lanes(page).first()).toBeFocused();

  // Right walks the first Pod's row: its segments and markers name it at the end.
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toMatch(new RegExp(`\\(Pod ${first}\\)$`));
  await page.keyboard.press('ArrowLeft');
  await expect(lanes(page).first()).toBeFocused();
  // Down goes to the next Pod; Right then along its row (the backoff gap before it names it too).
  await page.keyboard.press('ArrowDown');
  await expect(lanes(page).nth(1)).toBeFocused();
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toContain(second);
  const remembered = await focusedLabel(page);
  // Up at the first Pod and Left at a row's start keep the focus where it is.
  await page.keyboard.press('ArrowLeft');
  await page.keyboard.press('ArrowUp');
  await expect(lanes(page).first()).toBeFocused();
  await page.keyboard.press('ArrowUp');
  await page.keyboard.press('ArrowLeft');
  await expect(lanes(page).first()).toBeFocused();

  // The tab stop follows the focus: leave, come back, and the item last focused has it.
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('ArrowRight');
  expect(await focusedLabel(page)).toBe(remembered);
  await page.keyboard.press('Tab');
  expect(await focusInDiagram(page)).toBe(false);
  await page.keyboard.press('Shift+Tab');
  expect(await focusedLabel(page)).toBe(remembered);
  await expect(svg(page).locator('[tabindex="0"]')).toHaveCount(1);
  // The tooltip follows the keyboard.
  await expect(page.getByRole('tooltip')).toHaveText(remembered);
});
