import { test, expect } from './fixtures.mjs';

const SECTIONS = ['Concept', 'Flow', 'Diagrams', 'Examples', 'Compare', 'Practice', 'Lab'];

test('navigation marks the current section and follows back and forward', async ({ page }) => {
  await page.goto('./#/flow');
  const nav = page.getByRole('navigation', { name: 'Sections' });
  for (const name of SECTIONS) await expect(nav.getByRole('link', { name, exact: true })).toBeVisible();
  await expect(nav.getByRole('link', { name: 'Flow', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('From kubectl apply to Complete');

  await nav.getByRole('link', { name: 'Compare', exact: true }).click();
  await expect(page).toHaveURL(/#\/compare$/);
  await expect(nav.getByRole('link', { name: 'Compare', exact: true })).toHaveAttribute('aria-current', 'page');
  await expect(nav.getByRole('link', { name: 'Flow', exact: true })).not.toHaveAttribute('aria-current', 'page');

  await page.goBack();
  await expect(page).toHaveURL(/#\/flow$/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('From kubectl apply to Complete');
  await page.goForward();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Job, Deployment or CronJob?');
  await page.reload();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Job, Deployment or CronJob?');
});

test('an unknown route shows a helpful not-found view', async ({ page }) => {
  await page.goto('./#/no/such/view');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('There is no page here');
  await expect(page.getByRole('main')).toContainText('#/no/such/view');
  await page.getByRole('main').getByRole('link', { name: 'Concept' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toContainText('A Job finishes');
});

test('the compare helper recommends a workload', async ({ page }) => {
  await page.goto('./#/compare');
  const status = page.getByRole('status');
  await expect(status).toHaveText('Answer both questions to see a recommendation.');
  await page.getByRole('group', { name: /finish by itself/ }).getByLabel('Yes').check();
  await page.getByRole('group', { name: /schedule/ }).getByLabel('Yes').check();
  await expect(status).toContainText('Use a CronJob.');
  await page.getByRole('group', { name: /schedule/ }).getByLabel('No').check();
  await expect(status).toContainText('Use a Job.');
});

test('the theme toggle cycles and is remembered', async ({ page }) => {
  await page.goto('./#/concept');
  const toggle = page.getByRole('button', { name: /Theme:/ });
  await expect(toggle).toHaveText(/auto/);
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
  await toggle.click();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await page.reload();
  await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
  await expect(page.getByRole('button', { name: /Theme:/ })).toHaveText(/dark/);
});

for (const width of [360, 768, 1280]) {
  test(`no horizontal scroll at ${width} px`, async ({ page }) => {
    await page.setViewportSize({ width, height: 800 });
    for (const hash of ['#/concept', '#/flow', '#/examples', '#/compare', '#/practice']) {
      await page.goto(`./${hash}`);
      await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      expect(overflow, `${hash} at ${width}px`).toBeLessThanOrEqual(0);
    }
  });
}

test('examples show each command output at the chosen moment', async ({ page }) => {
  await page.goto('./#/examples');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('The pi Job, from manifest to logs');
  const jobs = page.getByLabel('Output of kubectl get jobs');
  await expect(jobs).toContainText('Complete');
  await expect(jobs).toContainText('1/1');
  await expect(page.getByLabel('Output of kubectl logs -l job-name=pi')).toContainText('3.14159265358979323846264338327950288');
  await page.getByRole('button', { name: 'Just created' }).click();
  await expect(jobs).toContainText('Running');
  await expect(jobs).toContainText('0/1');
  await expect(page.getByLabel('Output of kubectl get pods -l job-name=pi')).toContainText('ContainerCreating');
  const slider = page.getByRole('slider', { name: 'Simulated time' });
  await slider.focus();
  await page.keyboard.press('End');
  await expect(jobs).toContainText('Complete');
});

test('practice questions are checked against the simulation', async ({ page }) => {
  await page.goto('./#/practice');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('Practice and real-world thinking');
  const q1 = page.locator('article', { has: page.getByRole('heading', { name: 'Question 1' }) });
  const check = q1.getByRole('button', { name: 'Run it and check' });
  await expect(check).toBeDisabled();
  await q1.getByLabel('3 Pods').check();
  await check.click();
  await expect(q1.getByRole('status')).toContainText('Not this time.');
  await expect(q1.getByRole('status')).toContainText('created 2 Pod(s)');
  await q1.getByLabel('2 Pods').check();
  await check.click();
  await expect(q1.getByRole('status')).toContainText('Right.');
  await expect(q1.getByRole('status')).toContainText('Failed (BackoffLimitExceeded)');
});
