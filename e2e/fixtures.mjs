// A `page` fixture that fails the test on any console error or uncaught page error, so that a
// broken build or a panic in the app can never pass silently.
import { test as base, expect } from '@playwright/test';

export const test = base.extend({
  page: async ({ page }, use, testInfo) => {
    const problems = [];
    page.on('console', (msg) => {
      if (msg.type() === 'error') problems.push(`console.error: ${msg.text()}`);
    });
    page.on('pageerror', (err) => problems.push(`pageerror: ${err.message}`));
    await use(page);
    if (problems.length > 0) {
      testInfo.annotations.push({ type: 'browser-errors', description: problems.join('\n') });
    }
    expect(problems, 'console and page errors').toEqual([]);
  },
});

export { expect };
