// The web component in pages built by four docs-site generators (e2e/sites, built by
// scripts/component-sites.sh with the snippets docs/embed.md gives, loading joblab-embed.js from
// the strict app server): mdBook, MkDocs, Docusaurus and Hugo. In each the element draws its
// diagram in a shadow root with the attributes' knobs, and the player's events reach the page.
import { execFileSync } from 'node:child_process';
import { test, expect } from './fixtures.mjs';
import { APP_URL, PARENT_PORT } from './ports.mjs';

// Where e2e/servers/parent_page.py serves /sites/ from.
const OUT = 'target/component-sites';
const SITES = [
  ['mdBook', 'mdbook/jobs.html'],
  ['MkDocs', 'mkdocs/'],
  ['Docusaurus', 'docusaurus/'],
  ['Hugo', 'hugo/jobs/'],
];

test.describe.configure({ mode: 'serial' });

test.beforeAll(() => {
  test.setTimeout(600_000);
  execFileSync('bash', ['scripts/component-sites.sh', APP_URL, OUT], { stdio: 'inherit' });
});

for (const [name, path] of SITES) {
  test(`a ${name} page shows the diagram and reports the player's events`, async ({ page }) => {
    await page.addInitScript(() => {
      window.__steps = [];
      document.addEventListener('joblab:step', (e) => window.__steps.push(e.detail));
    });
    await page.goto(`http://127.0.0.1:${PARENT_PORT}/sites/${path}`);
    const el = page.locator('joblab-diagram');
    await expect(el).toHaveCount(1);
    await expect(el.getByRole('heading', { level: 2 })).toHaveText('Failure Handling');
    await expect(el.locator('#knob-backoffLimit')).toHaveValue('2');
    await expect(el.locator('svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
    expect(await el.evaluate((e) => !!e.shadowRoot)).toBe(true);
    await el.getByRole('button', { name: 'Reset', exact: true }).click();
    await el.getByRole('button', { name: 'Step', exact: true }).click();
    await expect.poll(() => page.evaluate(() => window.__steps.length)).toBe(1);
    expect(await page.evaluate(() => window.__steps[0])).toMatchObject({ type: 'joblab:step', version: 1, source: 'failure' });
  });
}
