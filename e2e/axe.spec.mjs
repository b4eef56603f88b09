// axe-core with the WCAG 2.2 A/AA and best-practice rules reports no violation on any page Joblab
// has: every view, every pattern's diagram, the lab with diagnostics showing, the not-found view
// and every embed (the web component on a docs page among them), in both themes, at a phone's 360 px and a desktop's 1280 px.
import { test, expect } from './fixtures.mjs';
import { axeViolations } from './axe.mjs';
import { hostUrl } from './host-page.mjs';

const VIEWS = ['concept', 'flow', 'examples', 'compare', 'practice'];
const PATTERNS = [
  'simple', 'parallel', 'failure', 'indexed', 'pod-failure-policy', 'backoff-per-index',
  'success-policy', 'deadline', 'suspend-resume', 'work-queue', 'on-failure',
];
const CRON_PATTERNS = ['schedule-history', 'forbid', 'replace', 'missed-runs'];
const THEMES = ['light', 'dark'];
const WIDTHS = [360, 1280];

const heading = (page) => page.getByRole('heading', { level: 2 }).first();
const lanes = (page) => page.locator('svg.diagram-svg [aria-label^="Pod "]');

/** Loads `hash` and waits for what it draws: the view's heading, and the Pods of a diagram. */
async function visit(page, hash, { diagram = false } = {}) {
  await page.goto(`./${hash}`);
  await expect(heading(page)).toBeVisible();
  if (diagram) await expect(lanes(page).first()).toBeVisible();
}

/** Every violation found on each of `pages` (hash and whether it draws a diagram), by page. */
async function sweep(page, pages) {
  const found = {};
  for (const [hash, diagram] of pages) {
    await visit(page, hash, { diagram });
    const v = await axeViolations(page);
    if (v.length > 0) found[hash] = v;
  }
  return found;
}

for (const theme of THEMES) {
  for (const width of WIDTHS) {
    test.describe(`${theme} theme at ${width} px`, () => {
      test.beforeEach(async ({ page }) => {
        test.setTimeout(120_000);
        // The guide follows the system's scheme in its default (automatic) theme; embeds take
        // the theme from their URL below.
        await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
        await page.setViewportSize({ width, height: 900 });
      });

      test('every view and the not-found view', async ({ page }) => {
        const pages = [...VIEWS.map((v) => [`#/${v}`, false]), ['#/no/such/view', false]];
        expect(await sweep(page, pages)).toEqual({});
      });

      test('every pattern', async ({ page }) => {
        expect(await sweep(page, PATTERNS.map((p) => [`#/diagrams/${p}`, true]))).toEqual({});
      });

      test('every CronJob pattern and the schedule explainer with a warning and an error', async ({ page }) => {
        expect(await sweep(page, CRON_PATTERNS.map((p) => [`#/cronjobs/${p}`, true]))).toEqual({});
        await visit(page, '#/schedule?schedule=30+2+*+*+*&timeZone=Europe/Berlin&from=2025-03-28T00:00:00Z');
        await expect(page.getByRole('list', { name: 'Warnings' })).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
        await page.getByRole('textbox', { name: 'schedule' }).fill('0 25 * * *');
        await expect(page.getByRole('alert')).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
      });

      test('the lab with diagnostics showing', async ({ page }) => {
        await visit(page, '#/lab', { diagram: true });
        const editor = page.getByRole('textbox', { name: 'Job YAML' });
        await expect(editor).toHaveValue(/name: pi/);
        const text = await editor.inputValue();
        await editor.fill(text.replace('backoffLimit: 4', 'completions: -1').replace('command:', 'comand:'));
        const diagnostics = page.getByRole('list', { name: 'Diagnostics', exact: true });
        await expect(diagnostics.getByRole('button', { name: /spec\.completions: Invalid value/ })).toBeVisible();
        await expect(diagnostics.getByRole('button', { name: /comand: Unknown field/ })).toBeVisible();
        expect(await axeViolations(page)).toEqual([]);
      });

      test('every embed', async ({ page }) => {
        const pages = [
          ...PATTERNS.map((p) => [`#/embed/${p}?theme=${theme}`, true]),
          ...CRON_PATTERNS.map((p) => [`#/embed/cronjobs/${p}?theme=${theme}`, true]),
          [`#/embed/lab?theme=${theme}`, true],
          [`#/embed/practice?theme=${theme}`, false],
        ];
        expect(await sweep(page, pages)).toEqual({});
      });

      test('the web component on a docs page', async ({ page }) => {
        // Job and CronJob elements side by side, as a docs page might have them
        // (e2e/component.spec.mjs tests them in depth).
        await page.goto(hostUrl(`<joblab-diagram pattern="failure" backoff-limit="2" theme="${theme}"></joblab-diagram>
<joblab-diagram pattern="indexed" theme="${theme}"></joblab-diagram>
<joblab-diagram pattern="cronjobs/forbid" theme="${theme}"></joblab-diagram>
<joblab-diagram pattern="cronjobs/missed-runs" theme="${theme}"></joblab-diagram>`));
        await expect(page.locator('joblab-diagram svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
        await expect(page.locator('joblab-diagram').nth(1).locator('svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
        for (const n of [2, 3]) {
          await expect(page.locator('joblab-diagram').nth(n).getByRole('heading', { name: 'CronJob controller' })).toBeVisible();
          await expect(page.locator('joblab-diagram').nth(n).locator('svg.diagram-svg [aria-label]').first()).toBeVisible();
        }
        expect(await axeViolations(page)).toEqual([]);
      });
    });
  }
}
