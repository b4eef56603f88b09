import { test, expect } from './fixtures.mjs';

test('the app renders its title with Leptos', async ({ page }) => {
  await page.goto('./');
  // index.html has an empty body: this heading exists only if the wasm app started and rendered.
  await expect(page.getByRole('heading', { level: 1, name: 'Joblab' })).toBeVisible();
  await expect(page).toHaveTitle(/Joblab/);
});
