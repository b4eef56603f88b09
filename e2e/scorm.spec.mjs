// `joblab scorm` (issue 17, item 5): the SCORM 1.2 package, unpacked as an LMS unpacks it and
// launched in a stand-in LMS page that provides a SCORM 1.2 API (`window.API`) and records every
// call. The package is built from dist/ by the CLI here (cargo run), so this spec tests what an
// instructor would upload. The stand-in LMS is a plain static server on LMS_PORT serving the
// package under course/ beside the LMS pages, same origin, as LMSs serve SCOs.
import { spawn, execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test, expect } from './fixtures.mjs';
import { LMS_PORT } from './ports.mjs';
import { axeViolations } from './axe.mjs';

const LMS = `http://127.0.0.1:${LMS_PORT}`;

// The SCORM 1.2 API adapter of the stand-in LMS: answers like an LMS, records each call in
// `window.calls` (in the window that holds it), and keeps the values it was given.
const API_SCRIPT = `<script>
window.calls = [];
const data = { 'cmi.core.lesson_status': 'not attempted' };
const rec = (name) => (...args) => { window.calls.push([name, ...args]); return 'true'; };
window.API = {
  LMSInitialize: rec('LMSInitialize'),
  LMSFinish: rec('LMSFinish'),
  LMSCommit: rec('LMSCommit'),
  LMSGetValue: (k) => { window.calls.push(['LMSGetValue', k]); return data[k] ?? ''; },
  LMSSetValue: (k, v) => { window.calls.push(['LMSSetValue', k, v]); data[k] = v; return 'true'; },
  LMSGetLastError: () => '0',
  LMSGetErrorString: () => 'No error',
  LMSGetDiagnostic: () => '',
};
</script>`;

const page_ = (body) => `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>LMS</title>
<link rel="icon" href="data:,"></head><body>${body}</body></html>`;

const PAGES = {
  // The SCO in a frame of the page that holds the API.
  'lms.html': page_(`${API_SCRIPT}<h1>Course</h1><iframe src="course/scorm.html" title="Course" width="1000" height="900"></iframe>`),
  // The API two frames up (the SCO in a frame of a frame), as LMS players nest their frames.
  'lms-nested.html': page_(`${API_SCRIPT}<iframe src="middle.html" title="Player" width="1000" height="900"></iframe>`),
  'middle.html': page_('<iframe src="course/scorm.html" title="Course" width="980" height="880"></iframe>'),
  // The SCO in a window the LMS page opened.
  'lms-popup.html': page_(`${API_SCRIPT}<button id="open" type="button">Open the course</button>
<script>document.getElementById('open').onclick = () => window.open('course/scorm.html', 'course');</script>`),
  // The app itself (the plain build, not a launch page) in an LMS frame, same origin: it must not
  // talk to the LMS.
  'lms-plain.html': page_(`${API_SCRIPT}<iframe src="plain/index.html#/practice" title="Course" width="1000" height="900"></iframe>`),
};

// The simulated answer of each Practice question (src/views/practice.rs's own test), as choice
// indexes, and what the learner picks here: right, wrong, right, wrong, right.
const RIGHT = [1, 0, 1, 1, 1];
const PICKS = [1, 2, 1, 0, 1];

let server;
let root;

test.beforeAll(async () => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'joblab-lms-'));
  const zip = path.join(root, 'course.zip');
  execFileSync('cargo', ['run', '-q', '-p', 'joblab-cli', '--bin', 'joblab', '--', 'scorm', '--dist', 'dist', '--out', zip], { stdio: 'inherit' });
  // Unpacked with Python's zipfile, as a check that the archive is a plain zip.
  execFileSync('python3', ['-c', 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])', zip, path.join(root, 'course')]);
  fs.cpSync('dist', path.join(root, 'plain'), { recursive: true });
  for (const [name, html] of Object.entries(PAGES)) fs.writeFileSync(path.join(root, name), html);
  server = spawn('python3', ['-m', 'http.server', String(LMS_PORT), '--bind', '127.0.0.1', '--directory', root], { stdio: 'ignore' });
  for (let i = 0; i < 100; i++) {
    try {
      if ((await fetch(`${LMS}/lms.html`)).ok) return;
    } catch {}
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('the stand-in LMS did not start');
});

test.afterAll(() => {
  server?.kill();
  if (root) fs.rmSync(root, { recursive: true, force: true });
});

/** Answers question `i` (from 0) with choice `choice` in `scope` (a page or frame locator). */
async function answer(scope, i, choice) {
  const card = scope.locator('article.question-card').nth(i);
  await card.getByRole('radio').nth(choice).check();
  await card.getByRole('button', { name: 'Run it and check' }).click();
  await expect(card.getByRole('status')).toHaveText(choice === RIGHT[i] ? /^Right\./ : /^Not this time\./);
}

const START = [
  ['LMSInitialize', ''],
  ['LMSGetValue', 'cmi.core.lesson_status'],
  ['LMSSetValue', 'cmi.core.lesson_status', 'incomplete'],
  ['LMSCommit', ''],
];
const score = (raw) => [
  ['LMSSetValue', 'cmi.core.score.min', '0'],
  ['LMSSetValue', 'cmi.core.score.max', '100'],
  ['LMSSetValue', 'cmi.core.score.raw', String(raw)],
];
const REPORTED = 'Your answers are reported to your course: each check updates your score, and answering every question completes this activity.';

test('the package launches on Practice and reports score and completion to the LMS', async ({ page }) => {
  await page.goto(`${LMS}/lms.html`);
  const sco = page.frameLocator('iframe');
  await expect(sco.getByRole('heading', { level: 2 })).toHaveText(/Practice/);
  await expect(sco.locator('.scorm-status')).toHaveText(REPORTED);
  expect(await page.evaluate(() => window.calls)).toEqual(START);

  // Each check reports the share of right answers so far; the last one completes the activity.
  const want = [...START];
  let right = 0;
  for (const [i, pick] of PICKS.entries()) {
    await answer(sco, i, pick);
    right += pick === RIGHT[i] ? 1 : 0;
    want.push(...score(Math.round((100 * right) / PICKS.length)));
    if (i === PICKS.length - 1) want.push(['LMSSetValue', 'cmi.core.lesson_status', 'completed']);
    want.push(['LMSCommit', '']);
    expect(await page.evaluate(() => window.calls)).toEqual(want);
  }
  // A second try that is right raises the score: the latest answer counts.
  await answer(sco, 1, RIGHT[1]);
  want.push(...score(80), ['LMSSetValue', 'cmi.core.lesson_status', 'completed'], ['LMSCommit', '']);
  expect(await page.evaluate(() => window.calls)).toEqual(want);

  // Leaving the SCO ends the session, once.
  await page.evaluate(() => { document.querySelector('iframe').src = 'about:blank'; });
  await expect.poll(() => page.evaluate(() => window.calls.at(-1))).toEqual(['LMSFinish', '']);
  expect((await page.evaluate(() => window.calls)).filter((c) => c[0] === 'LMSFinish')).toHaveLength(1);
});

test('the API is found in a grandparent frame', async ({ page }) => {
  await page.goto(`${LMS}/lms-nested.html`);
  const sco = page.frameLocator('iframe').frameLocator('iframe');
  await expect(sco.locator('.scorm-status')).toHaveText(REPORTED);
  await answer(sco, 0, RIGHT[0]);
  expect(await page.evaluate(() => window.calls)).toEqual([...START, ...score(20), ['LMSCommit', '']]);
});

test('the API is found through the window that opened the course', async ({ page, context }) => {
  await page.goto(`${LMS}/lms-popup.html`);
  const [popup] = await Promise.all([context.waitForEvent('page'), page.click('#open')]);
  const errors = [];
  popup.on('console', (m) => m.type() === 'error' && errors.push(m.text()));
  await expect(popup.locator('.scorm-status')).toHaveText(REPORTED);
  await answer(popup, 4, RIGHT[4]);
  expect(await page.evaluate(() => window.calls)).toEqual([...START, ...score(20), ['LMSCommit', '']]);
  await popup.close({ runBeforeUnload: true });
  await expect.poll(() => page.evaluate(() => window.calls.at(-1))).toEqual(['LMSFinish', '']);
  expect(errors).toEqual([]);
});

test('without an LMS the package works standalone and says nothing is recorded', async ({ page }) => {
  await page.goto(`${LMS}/course/scorm.html`);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText(/Practice/);
  await expect(page.locator('.scorm-status')).toHaveText(
    'No course system (SCORM API) was found, so your answers are not recorded; everything else works.',
  );
  for (const [i, pick] of PICKS.entries()) await answer(page, i, pick);
  // The launch page, with its reporting sentence and every verdict shown, passes axe.
  expect(await axeViolations(page)).toEqual([]);
  // The rest of the app is there too: the lab opens from a question.
  await page.locator('article.question-card').first().getByRole('link', { name: 'Open this Job in the lab' }).click();
  await expect(page.getByRole('textbox', { name: 'Job YAML' })).toHaveValue(/name: flaky/);
});

test('the app outside its launch page never talks to an LMS', async ({ page }) => {
  await page.goto(`${LMS}/lms-plain.html`);
  const app = page.frameLocator('iframe');
  await expect(app.getByRole('heading', { level: 2 })).toHaveText(/Practice/);
  await answer(app, 0, RIGHT[0]);
  await expect(app.locator('.scorm-status')).toHaveCount(0);
  expect(await page.evaluate(() => window.calls)).toEqual([]);
});
