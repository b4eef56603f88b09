// Host events from the iframe embed (src/events.rs, docs/embed.md "Host events"): a course page on
// another origin records what the frame posts, and sees ready, play, pause, step and finished with
// the Job's outcome from a diagram, and each checked practice answer, marked right or wrong. The
// web component raises the same objects as DOM events (e2e/component.spec.mjs).
import { test, expect } from './fixtures.mjs';
import { APP_URL, PARENT_PORT } from './ports.mjs';

/** Opens a course page with a frame of `hash` that records every `joblab:` event but the height. */
async function coursePage(page, hash, title) {
  const src = `${APP_URL}${hash}`.replace(/&/g, '&amp;');
  const iframe = `<iframe data-joblab-embed src="${src}" title="${title}" width="100%" height="900"></iframe>`;
  await page.addInitScript(() => {
    window.__events = [];
    window.addEventListener('message', (e) => {
      const frame = document.querySelector('iframe[data-joblab-embed]');
      const d = e.data;
      if (!frame || e.source !== frame.contentWindow || !d || typeof d.type !== 'string') return;
      if (d.type.startsWith('joblab:') && d.type !== 'joblab:height') window.__events.push(d);
    });
  });
  await page.goto(`http://127.0.0.1:${PARENT_PORT}/course.html?snippet=${encodeURIComponent(iframe)}`);
  return page.frameLocator('iframe[data-joblab-embed]');
}

const events = (page) => page.evaluate(() => window.__events);

test('a diagram embed posts ready, play, pause, step and finished with the outcome', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'no-preference' });
  const frame = await coursePage(page, '#/embed/failure?backoffLimit=2', 'Joblab: Failure Handling diagram');
  await expect(frame.getByRole('heading', { level: 2 })).toHaveText('Failure Handling');
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual(['joblab:ready']);
  const [ready] = await events(page);
  expect(ready).toMatchObject({ version: 1, source: 'failure' });
  expect(ready.endMs).toBeGreaterThan(0);

  await frame.getByRole('button', { name: 'Reset', exact: true }).click();
  await frame.getByRole('button', { name: 'Play', exact: true }).click();
  await frame.getByRole('button', { name: 'Pause', exact: true }).click();
  await frame.getByRole('button', { name: 'Step', exact: true }).click();
  await frame.getByRole('button', { name: 'End', exact: true }).click();
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual([
    'joblab:ready', 'joblab:play', 'joblab:pause', 'joblab:step', 'joblab:finished',
  ]);
  const [, play, pause, step, finished] = await events(page);
  expect(play).toEqual({ type: 'joblab:play', version: 1, source: 'failure', timeMs: 0 });
  expect(pause.timeMs).toBeGreaterThanOrEqual(0);
  expect(step.timeMs).toBeGreaterThan(pause.timeMs);
  expect(finished).toEqual({
    type: 'joblab:finished', version: 1, source: 'failure', timeMs: ready.endMs,
    outcome: 'Failed', reason: 'BackoffLimitExceeded',
  });
});

test('under reduced motion, Play steps, and the embed says so', async ({ page }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  const frame = await coursePage(page, '#/embed/simple', 'Joblab: Simple diagram');
  await expect(frame.getByRole('heading', { level: 2 })).toBeVisible();
  await frame.getByRole('button', { name: 'Reset', exact: true }).click();
  await frame.getByRole('button', { name: 'Play', exact: true }).click();
  await expect.poll(async () => (await events(page)).map((e) => e.type)).toEqual(['joblab:ready', 'joblab:step']);
  // Stepping to the end finishes the run: a simple Job completes.
  for (let i = 0; i < 20; i++) {
    if ((await events(page)).some((e) => e.type === 'joblab:finished')) break;
    await frame.getByRole('button', { name: 'Step', exact: true }).click();
  }
  const finished = (await events(page)).find((e) => e.type === 'joblab:finished');
  expect(finished).toMatchObject({ source: 'simple', outcome: 'Complete', reason: 'CompletionsReached' });
});

test('a practice embed posts each checked answer, right or wrong', async ({ page }) => {
  const frame = await coursePage(page, '#/embed/practice', 'Joblab: practice questions');
  const q1 = frame.locator('article.question-card').filter({ hasText: 'Question 1' });
  const q2 = frame.locator('article.question-card').filter({ hasText: 'Question 2' });
  await expect(q1).toBeVisible({ timeout: 20_000 });
  // Question 1: backoffLimit 1 and every run fails, so 2 Pods (the second choice) is right.
  await q1.getByLabel('2 Pods').check();
  await q1.getByRole('button', { name: 'Run it and check' }).click();
  await expect(q1.locator('.verdict')).toContainText('Right.');
  // Question 2: OnFailure restarts in place, so 7 Pods is wrong.
  await q2.getByLabel('7 Pods').check();
  await q2.getByRole('button', { name: 'Run it and check' }).click();
  await expect(q2.locator('.verdict')).toContainText('Not this time.');
  await expect.poll(async () => (await events(page)).filter((e) => e.type === 'joblab:answer')).toEqual([
    { type: 'joblab:answer', version: 1, source: 'practice', question: 1, choice: 2, correct: true },
    { type: 'joblab:answer', version: 1, source: 'practice', question: 2, choice: 3, correct: false },
  ]);
  expect((await events(page))[0]).toEqual({ type: 'joblab:ready', version: 1, source: 'practice', endMs: null });
});
