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

/**
 * Replaces a textarea's text as a paste does: one `input` event. (Playwright's fill() types long
 * text slowly, and a paste is what hostile and long inputs arrive as.)
 */
export async function paste(textarea, text) {
  await textarea.evaluate((el, t) => { el.value = t; el.dispatchEvent(new Event('input', { bubbles: true })); }, text);
}

/** The CronJob the lab's CronJob tests paste (lab-cronjob.spec.mjs, pictures.spec.mjs). */
export const BACKUP_CRONJOB = `apiVersion: batch/v1
kind: CronJob
metadata:
  name: backup
spec:
  schedule: "*/5 * * * *"
  concurrencyPolicy: Forbid
  jobTemplate:
    spec:
      template:
        spec:
          restartPolicy: Never
          containers:
          - name: dump
            image: busybox:1.36
`;
