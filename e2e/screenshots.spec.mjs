// Saves a screenshot of every view at phone, tablet and desktop widths in both themes, for people
// to look at (e2e/screenshots/, not committed). It also fails on console errors, like every test.
import { test, expect } from './fixtures.mjs';

const VIEWS = ['concept', 'flow', 'diagrams/failure', 'examples', 'compare', 'practice'];
const WIDTHS = [360, 768, 1280];
const THEMES = ['light', 'dark'];

for (const theme of THEMES) {
  test(`screenshots in the ${theme} theme`, async ({ page }) => {
    await page.emulateMedia({ colorScheme: theme, reducedMotion: 'reduce' });
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      for (const view of VIEWS) {
        await page.goto(`./#/${view}`);
        await expect(page.getByRole('heading', { level: 2 })).toBeVisible();
        await page.screenshot({ path: `e2e/screenshots/${view.replace('/', '-')}-${width}-${theme}.png`, fullPage: true });
      }
    }
  });
}
