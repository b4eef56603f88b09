// Embeds where the browser takes things away (issue 17, item 3): a frame sandboxed with only
// `allow-scripts` (WordPress embeds, many LMS editors), whose origin is opaque, so it has no
// localStorage, no sessionStorage, no service worker and no clipboard; and a frame on a course page
// of another site, where Chromium blocks third-party storage (Chromium 156 as Playwright runs it
// blocks it by default; each test first checks that the frame really has no storage). In both,
// every diagram embed and the lab must work, the lab must say that its autosave is off, and there
// must be no console error. The app is served by e2e/servers/static_csp.py, which sends the strict
// CSP and `Access-Control-Allow-Origin: *` as docs/deploy.md asks of a host (an opaque origin makes
// every module script, the wasm fetch and the stylesheets CORS requests).
import { test, expect } from './fixtures.mjs';
import { APP_URL, PARENT_PORT } from './ports.mjs';
import { axeViolations } from './axe.mjs';

// Every pattern slug (src/route.rs), with its label: the embed's level-2 heading.
const PATTERNS = [
  ['simple', 'Simple Job'],
  ['parallel', 'Parallel Execution'],
  ['failure', 'Failure Handling'],
  ['indexed', 'Indexed'],
  ['pod-failure-policy', 'Pod failure policy'],
  ['backoff-per-index', 'Backoff per index'],
  ['success-policy', 'Success policy'],
  ['deadline', 'Deadline'],
  ['suspend-resume', 'Suspend and resume'],
  ['work-queue', 'Work queue'],
  ['on-failure', 'OnFailure restarts'],
];

const CASES = [
  {
    name: 'a frame sandboxed with allow-scripts only (opaque origin)',
    parent: `http://127.0.0.1:${PARENT_PORT}`,
    app: APP_URL,
    attrs: 'sandbox="allow-scripts"',
    storageError: /sandboxed and lacks the 'allow-same-origin' flag/,
    place: 'in this frame',
  },
  {
    name: 'a frame on another site, with third-party storage blocked',
    // localhost and 127.0.0.1 are different sites, so the app's frame is third-party.
    parent: `http://localhost:${PARENT_PORT}`,
    app: APP_URL,
    attrs: '',
    storageError: /Access is denied/,
    place: 'in this frame',
  },
];

function coursePage(parent, frames) {
  const snippet = frames
    .map(([src, title, attrs]) => `<iframe ${attrs} src="${src}" title="${title}" width="100%" height="700"></iframe>`)
    .join('\n');
  return `${parent}/course.html?snippet=${encodeURIComponent(snippet)}`;
}

/** What reading `localStorage` does in `frame`: "ok" or the error's message. */
const storageIn = (frame) =>
  frame.evaluate(() => {
    try {
      void localStorage.length;
      return 'ok';
    } catch (e) {
      return e.message;
    }
  });

for (const c of CASES) {
  test(`every diagram embed works in ${c.name}`, async ({ page }) => {
    test.setTimeout(90_000);
    await page.goto(coursePage(c.parent, PATTERNS.map(([slug, label]) => [`${c.app}#/embed/${slug}`, `Joblab: ${label}`, c.attrs])));
    for (const [i, [slug, label]] of PATTERNS.entries()) {
      const frame = page.frameLocator('iframe').nth(i);
      await expect(frame.getByRole('heading', { level: 2 }), slug).toHaveText(label);
      await expect(frame.locator('.diagram-status'), slug).toHaveText(/\S/);
    }
    const frames = page.frames().filter((f) => f !== page.mainFrame());
    expect(frames).toHaveLength(PATTERNS.length);
    // The precondition: the browser really gives these frames no storage.
    expect(await storageIn(frames[0])).toMatch(c.storageError);

    // The player works: Reset, then Step moves the time on.
    const frame = page.frameLocator('iframe').nth(2);
    const time = frame.getByRole('slider', { name: 'Time' });
    await frame.getByRole('button', { name: 'Reset', exact: true }).click();
    await expect(time).toHaveValue('0');
    await frame.getByRole('button', { name: 'Step', exact: true }).click();
    await expect(time).not.toHaveValue('0');
  });

  test(`the lab works in ${c.name} and says its autosave is off`, async ({ page }) => {
    await page.goto(coursePage(c.parent, [[`${c.app}#/embed/lab`, 'Joblab: the YAML lab', c.attrs]]));
    const frame = page.frameLocator('iframe');
    const editor = frame.getByRole('textbox', { name: 'Job YAML' });
    await expect(editor).toHaveValue(/name: pi/);
    expect(await storageIn(page.frames()[1])).toMatch(c.storageError);
    const notice = frame.locator('.lab-notice');
    await expect(notice).toHaveText(
      `Autosave is off ${c.place}: the browser gives this page no storage here. Use Share for a link that keeps your work.`,
    );
    // Checking works (the analysis worker may be refused here; the page analyses itself).
    const pi = await editor.inputValue();
    await editor.fill(pi.replace('backoffLimit: 4', 'completions: -1'));
    await expect(
      frame.getByRole('list', { name: 'Diagnostics', exact: true }).getByRole('button', { name: /spec\.completions: Invalid value: -1/ }),
    ).toBeVisible();
    await editor.fill(pi);
    await expect(frame.getByRole('group', { name: 'Pods on a time axis' })).toBeVisible();
    // Edits cannot be saved: the notice still says why rather than failing.
    await expect(notice).toContainText('Autosave is off');
    // The frame's page, notice included, passes axe.
    expect(await axeViolations(page.frames()[1])).toEqual([]);
    // Share: no clipboard here, so the link is offered in the field instead.
    await frame.getByRole('button', { name: 'Share', exact: true }).click();
    await expect(notice).toHaveText('Copy the share link from the field below.');
    await expect(frame.getByRole('textbox', { name: 'Share link' })).toHaveValue(/#\/lab\?s=/);
  });
}

// The control: a same-site frame keeps its storage, and the lab says nothing about autosave.
test('a same-site frame keeps its storage and its autosave', async ({ page }) => {
  await page.goto(coursePage(`http://127.0.0.1:${PARENT_PORT}`, [[`${APP_URL}#/embed/lab`, 'Joblab: the YAML lab', '']]));
  const frame = page.frameLocator('iframe');
  await expect(frame.getByRole('textbox', { name: 'Job YAML' })).toHaveValue(/name: pi/);
  expect(await storageIn(page.frames()[1])).toBe('ok');
  await expect(frame.locator('.lab-notice')).not.toContainText('Autosave');
});
