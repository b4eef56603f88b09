// Download picture (issue 17, item 6): every diagram downloads as a standalone SVG and as a PNG, at
// the current moment or as a strip of moments, in either theme. The SVG must render the same in
// Chromium and in librsvg's rsvg-convert (Debian's librsvg2-bin): each downloaded SVG is
// rasterised by both and the two PNGs are compared pixel by pixel (pngjs from npm decodes them).
//
// Tolerance, in two parts, because Skia and cairo antialias the edges of glyphs and shapes
// differently (the same glyph, a slightly different grey ramp) but must paint the same colours:
// - flat areas (pixels whose 3x3 neighbourhood is one colour in both renderings: fills, stripes,
//   the background) must agree within FLAT_TOLERANCE per channel: a colour changed by a few units
//   fails here;
// - elsewhere a pixel differs only when no pixel within 1 px of it in the other rendering is within
//   EDGE_TOLERANCE per channel (both ways, as pixelmatch's anti-aliasing test does), and at most
//   EDGE_AREA of the picture may differ: a missing or moved shape or another font fails here (the
//   spec's last test shows DejaVu Serif instead of DejaVu Sans does).
// Measured on 2026-12-06 (Chromium 14x, librsvg 2.54.7): flat areas differ by at most 1, edges in
// about 0.05-0.15 % of the pixels; DejaVu Serif for DejaVu Sans makes 0.59 %.
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { test, expect, BACKUP_CRONJOB } from './fixtures.mjs';
import { APP_URL } from './ports.mjs';
import { hostUrl } from './host-page.mjs';
import { axeViolations } from './axe.mjs';
import { watchCsp, cspViolations } from './csp-watch.mjs';

/** How far apart a flat area's channels may be in the two renderings. */
const FLAT_TOLERANCE = 3;
/** How far apart an edge pixel's channels may be from its nearest match in the other rendering. */
const EDGE_TOLERANCE = 64;
/** The most pixels, as a fraction of the picture, whose edges may differ beyond that. */
const EDGE_AREA = 0.003;

/** The width and height a standalone SVG declares. */
function svgSize(svg) {
  const w = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
  const h = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1]);
  return { w, h };
}

/** Whether the 3x3 neighbourhood of (x, y) in `im` is one colour (within 2 per channel). */
function flatAt(im, x, y) {
  const i = (y * im.width + x) * 4;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= im.width || yy >= im.height) return false;
      const j = (yy * im.width + xx) * 4;
      for (let c = 0; c < 3; c++) if (Math.abs(im.data[i + c] - im.data[j + c]) > 2) return false;
    }
  }
  return true;
}

/** Whether some pixel within 1 px of (x, y) in `b` is within EDGE_TOLERANCE of `a`'s pixel there. */
function matchedNearby(a, b, x, y) {
  const i = (y * a.width + x) * 4;
  for (let dy = -1; dy <= 1; dy++) {
    for (let dx = -1; dx <= 1; dx++) {
      const xx = x + dx;
      const yy = y + dy;
      if (xx < 0 || yy < 0 || xx >= b.width || yy >= b.height) continue;
      const j = (yy * b.width + xx) * 4;
      if ([0, 1, 2].every((c) => Math.abs(a.data[i + c] - b.data[j + c]) <= EDGE_TOLERANCE)) return true;
    }
  }
  return false;
}

/**
 * Compares two PNGs: `flatWorst` is the largest channel difference in flat areas, `edges` the
 * pixels without a match nearby, `total` the pixels.
 */
function comparePngs(bytesA, bytesB) {
  const a = PNG.sync.read(bytesA);
  const b = PNG.sync.read(bytesB);
  if (a.width !== b.width || a.height !== b.height) {
    return { size: `${a.width}x${a.height} vs ${b.width}x${b.height}`, flatWorst: Infinity, edges: Infinity, total: 0 };
  }
  let flatWorst = 0;
  let edges = 0;
  for (let y = 0; y < a.height; y++) {
    for (let x = 0; x < a.width; x++) {
      if (flatAt(a, x, y) && flatAt(b, x, y)) {
        const i = (y * a.width + x) * 4;
        for (let c = 0; c < 3; c++) flatWorst = Math.max(flatWorst, Math.abs(a.data[i + c] - b.data[i + c]));
      } else if (!matchedNearby(a, b, x, y) || !matchedNearby(b, a, x, y)) {
        edges++;
      }
    }
  }
  return { size: `${a.width}x${a.height}`, flatWorst, edges, total: a.width * a.height };
}

/** Whether a comparison is within both tolerances. */
function alike(cmp) {
  return cmp.flatWorst <= FLAT_TOLERANCE && cmp.edges <= cmp.total * EDGE_AREA;
}

/** A comparison in words, for assertion messages and annotations. */
function describe(cmp) {
  return `${cmp.size}: flat areas differ by up to ${cmp.flatWorst}, ${cmp.edges} of ${cmp.total} edge pixels (${((cmp.edges / cmp.total) * 100).toFixed(3)} %) unmatched`;
}

/** `svgPath` rasterised by rsvg-convert at `zoom`, as PNG bytes. */
function rsvg(svgPath, zoom = 1) {
  return execFileSync('rsvg-convert', ['--zoom', String(zoom), svgPath], { maxBuffer: 64 << 20 });
}

/** `svgPath` opened as a document in Chromium and screenshot at its own size, as PNG bytes. */
async function chromium(browser, svgPath) {
  const { w, h } = svgSize(readFileSync(svgPath, 'utf8'));
  const page = await browser.newPage({ viewport: { width: Math.ceil(w), height: Math.ceil(h) } });
  await page.goto(pathToFileURL(svgPath).href);
  const png = await page.screenshot({ clip: { x: 0, y: 0, width: w, height: h } });
  await page.close();
  return png;
}

/** Asserts that Chromium and rsvg-convert render `svgPath` alike; returns the comparison. */
async function expectSameInBoth(browser, svgPath, testInfo) {
  const a = await chromium(browser, svgPath);
  const b = rsvg(svgPath);
  const cmp = comparePngs(a, b);
  if (!alike(cmp)) {
    writeFileSync(`${svgPath}.chromium.png`, a);
    writeFileSync(`${svgPath}.rsvg.png`, b);
  }
  testInfo.annotations.push({ type: 'pixels', description: `${svgPath}: ${describe(cmp)}` });
  expect(alike(cmp), `${svgPath} in Chromium and rsvg-convert: ${describe(cmp)}`).toBe(true);
  return cmp;
}

/** Clicks `button` and saves the download it starts into the test's output folder. */
async function download(page, button, testInfo) {
  const [file] = await Promise.all([page.waitForEvent('download'), button.click()]);
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), path };
}

/** The picture control of the page's (first) diagram, opened. */
async function openPicture(page) {
  const summary = page.locator('.picture summary').first();
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = page.locator('.picture-body').first();
  await expect(body).toBeVisible();
  return body;
}

test('every pattern downloads an SVG, in both themes, that Chromium and rsvg-convert render alike', async ({ page, browser }, testInfo) => {
  test.setTimeout(240_000);
  await page.goto(`${APP_URL}#/diagrams/simple`);
  const buttons = page.getByRole('group', { name: 'Patterns' }).getByRole('button');
  // Waits for the page to draw them (see the CronJob test below).
  await expect(buttons.nth(10)).toBeVisible();
  const count = await buttons.count();
  expect(count).toBeGreaterThanOrEqual(11);
  for (let i = 0; i < count; i++) {
    const label = await buttons.nth(i).textContent();
    await buttons.nth(i).click();
    await expect(page.locator('#diagrams-title')).toHaveText(label);
    const body = await openPicture(page);
    for (const theme of ['Light', 'Dark']) {
      await body.getByRole('radio', { name: theme }).check();
      await body.getByRole('radio', { name: /^Now \(/ }).check();
      const { name, path } = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
      // The diagram opens at the end of its run; the file names the moment and the theme.
      const end = (await page.locator('.time-out').first().textContent()).split(' / ')[1];
      const [m, s] = end.split(':');
      expect(name).toBe(`joblab-${name.split('-').slice(1, -2).join('-')}-${m}m${s}s-${theme.toLowerCase()}.svg`);
      const svg = readFileSync(path, 'utf8');
      expect(svg).toContain(`<title id="joblab-title">${label}</title>`);
      expect(svg).not.toMatch(/var\(|class=|style=|<style|href=/);
      await expect(body.getByRole('status')).toHaveText(`Downloaded ${name}.`);
      await expectSameInBoth(browser, path, testInfo);
    }
    // Closed again, so the next pattern's control starts closed too.
    await page.locator('.picture summary').first().click();
  }
});

test('a strip of chosen moments, as SVG and as a 2x PNG, in the dark theme', async ({ page, browser, context }, testInfo) => {
  await watchCsp(context);
  await page.goto(`${APP_URL}#/diagrams/pod-failure-policy`);
  const body = await openPicture(page);
  await body.getByRole('radio', { name: 'Dark' }).check();
  const moments = body.getByRole('textbox', { name: 'Moments (m:ss, comma-separated)' });
  // The field starts with moments spread over the run; typing in it chooses the strip.
  await expect(moments).toHaveValue(/^0:00, /);
  await moments.fill('0:05, 0:20, 0:00');
  await expect(body.getByRole('radio', { name: 'A strip of moments' })).toBeChecked();
  const svg = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
  expect(svg.name).toBe('joblab-pod-failure-policy-strip-dark.svg');
  const text = readFileSync(svg.path, 'utf8');
  expect([...text.matchAll(/data-moment="([^"]+)"/g)].map((m) => m[1])).toEqual(['0:00', '0:05', '0:20']);
  expect(text).toContain('fill="#0f131b"'); // the dark theme's --bg
  await expectSameInBoth(browser, svg.path, testInfo);

  // The PNG is the same picture at twice the size, as Chromium draws it on a canvas; rsvg-convert
  // at zoom 2 must agree with it within the same tolerance.
  const png = await download(page, body.getByRole('button', { name: 'Download PNG' }), testInfo);
  expect(png.name).toBe('joblab-pod-failure-policy-strip-dark.png');
  const { w, h } = svgSize(text);
  const decoded = PNG.sync.read(readFileSync(png.path));
  expect([decoded.width, decoded.height]).toEqual([Math.round(w * 2), Math.round(h * 2)]);
  const cmp = comparePngs(readFileSync(png.path), rsvg(svg.path, 2));
  expect(alike(cmp), `PNG against rsvg-convert --zoom 2: ${describe(cmp)}`).toBe(true);

  // A moment that cannot be read is said, and nothing downloads.
  await moments.fill('0:05, soon');
  await body.getByRole('button', { name: 'Download SVG' }).click();
  await expect(body.getByRole('status')).toHaveText(/“soon” is not a time/);
  expect(await cspViolations(page)).toEqual([]);
});

/**
 * In a 320 px embed: opens the picture control by the keyboard, checks that nothing of it leaves
 * the phone's width and that axe finds nothing in it, picks Dark by the arrow keys and downloads
 * the SVG by Enter. Returns the file's name and text.
 */
async function downloadDarkByKeyboardAt320(page, testInfo) {
  const summary = page.getByText('Download picture', { exact: true });
  await expect(summary).toBeVisible();
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = page.locator('.picture-body');
  await expect(body).toBeVisible();
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  for (const el of await body.locator('button, input').all()) {
    const box = await el.boundingBox();
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  }
  // The embed page's own findings are item 7's (e2e/axe.spec.mjs); this spec answers for the control.
  expect(await axeViolations(page, '.picture')).toEqual([]);
  await body.getByRole('radio', { name: 'Light' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(body.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await body.getByRole('button', { name: 'Download SVG' }).focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  return { name: file.suggestedFilename(), text: readFileSync(path, 'utf8') };
}

test('the control works in an embed, by keyboard, at 320 px, with no axe violation', async ({ page, context }, testInfo) => {
  await watchCsp(context);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${APP_URL}#/embed/failure?backoffLimit=1&theme=light`);
  const { name, text } = await downloadDarkByKeyboardAt320(page, testInfo);
  expect(name).toMatch(/^joblab-failure-\d+m\d\ds-dark\.svg$/);
  // The embed's knobs are in the picture: backoffLimit 1 fails at the 2nd failure.
  expect(text).toContain('Failed (BackoffLimitExceeded): 0 succeeded, 2 failed');
  expect(await cspViolations(page)).toEqual([]);

  // The lab's diagram has the same control, named after the Job.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${APP_URL}#/lab`);
  const lab = page.locator('.lab-diagram');
  await expect(lab).toBeVisible({ timeout: 20_000 });
  await lab.locator('.picture summary').click();
  const labFile = await download(page, lab.getByRole('button', { name: 'Download SVG' }), testInfo);
  expect(labFile.name).toMatch(/^joblab-job-\d+m\d\ds-(light|dark)\.svg$/);
  expect(await axeViolations(page, '.lab-diagram .picture')).toEqual([]);
});

test('the control works inside the web component\'s shadow root: the iframe embed\'s SVG, and a PNG', async ({ page, context }, testInfo) => {
  await watchCsp(context);
  // The iframe embed's picture of the moment it opens at (the end of the run), in its theme.
  await page.goto(`${APP_URL}#/embed/failure?backoffLimit=1&theme=dark`);
  const frameBody = await openPicture(page);
  await expect(frameBody.getByRole('radio', { name: 'Dark' })).toBeChecked();
  const framed = await download(page, frameBody.getByRole('button', { name: 'Download SVG' }), testInfo);

  // The same pattern, knobs and theme as an element on a docs page of another origin (whose CSP
  // allows data: images, as docs/embed.md asks for the PNG). The reader's system is light, so the
  // control must take the element's theme attribute, not the page's or the system's.
  await page.goto(hostUrl('<joblab-diagram pattern="failure" backoff-limit="1" theme="dark"></joblab-diagram>'));
  const el = page.locator('joblab-diagram');
  await expect(el.locator('svg.diagram-svg [aria-label^="Pod "]').first()).toBeVisible();
  const summary = el.locator('.picture summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = el.locator('.picture-body');
  await expect(body).toBeVisible();
  await expect(body.getByRole('radio', { name: 'Dark' })).toBeChecked();
  const svg = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
  await expect(body.getByRole('status')).toHaveText(`Downloaded ${svg.name}.`);
  expect(svg.name).toMatch(/^joblab-failure-\d+m\d\ds-dark\.svg$/);
  const text = readFileSync(svg.path, 'utf8');
  // Standalone: no stylesheet, class or link, so nothing of the page or the shadow root.
  expect(text).not.toMatch(/var\(|class=|style=|<style|href=/);
  expect(text).toContain('Failed (BackoffLimitExceeded): 0 succeeded, 2 failed');
  // Byte for byte what the iframe embed gives: the picture is drawn from the run, not the DOM.
  expect(svg.name).toBe(framed.name);
  expect(text).toBe(readFileSync(framed.path, 'utf8'));

  // The PNG: the SVG drawn on a canvas at twice its size, downloaded from the shadow root too.
  const { w, h } = svgSize(text);
  const png = await download(page, body.getByRole('button', { name: 'Download PNG' }), testInfo);
  expect(png.name).toBe(svg.name.replace(/\.svg$/, '.png'));
  const im = PNG.sync.read(readFileSync(png.path));
  expect([im.width, im.height]).toEqual([Math.round(w * 2), Math.round(h * 2)]);
  await expect(body.getByRole('status')).toHaveText(`Downloaded ${png.name}.`);
  expect(await axeViolations(page, 'joblab-diagram')).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('the comparison catches another font and a colour a few units off', async ({ browser }, testInfo) => {
  // Chromium's rendering of a golden picture against rsvg-convert's of the same picture in another
  // font (serif: DejaVu Serif instead of DejaVu Sans). If the comparison let that pass, its
  // tolerance would be too loose to mean anything.
  const good = readFileSync(new URL('../crates/joblab-core/tests/golden/pictures/failure-end-light.svg', import.meta.url), 'utf8');
  const bad = good.replace(/font-family="'DejaVu Sans'[^"]*"/, 'font-family="serif"');
  expect(bad).not.toBe(good);
  const path = testInfo.outputPath('bad.svg');
  writeFileSync(path, bad);
  const goodPath = testInfo.outputPath('good.svg');
  writeFileSync(goodPath, good);
  await expectSameInBoth(browser, goodPath, testInfo);
  const chromiumGood = await chromium(browser, goodPath);
  const cmp = comparePngs(chromiumGood, rsvg(path));
  expect(alike(cmp), describe(cmp)).toBe(false);
  expect(cmp.edges, describe(cmp)).toBeGreaterThan(cmp.total * EDGE_AREA);
  // A colour a few units off (--fail's blue channel, under the 0.35 opacity of failed segments).
  const recoloured = good.replaceAll('#b42318', '#b42330');
  writeFileSync(path, recoloured);
  const colour = comparePngs(chromiumGood, rsvg(path));
  expect(colour.flatWorst, describe(colour)).toBeGreaterThan(FLAT_TOLERANCE);
});

// The CronJob diagrams (guide `#/cronjobs/<slug>`, embed `#/embed/cronjobs/<slug>` and
// `<joblab-diagram pattern="cronjobs/<slug>">`) have the same control, on their wall clock. In the
// guide and the iframe embed the picture is drawn by the workbench module, which the page loads
// on the first download; the web component draws it in its own module. Both must give the same
// bytes.

test('every CronJob pattern downloads an SVG, in both themes, that Chromium and rsvg-convert render alike', async ({ page, browser, context }, testInfo) => {
  test.setTimeout(240_000);
  await watchCsp(context);
  await page.goto(`${APP_URL}#/cronjobs/schedule-history`);
  const buttons = page.getByRole('group', { name: 'CronJob patterns' }).getByRole('button');
  // Waits for the page to draw them: `count()` alone reads the page as it is, maybe still empty.
  await expect(buttons).toHaveCount(4);
  const count = await buttons.count();
  for (let i = 0; i < count; i++) {
    const label = await buttons.nth(i).textContent();
    await buttons.nth(i).click();
    await expect(page.locator('#cronjobs-title')).toHaveText(label);
    const slug = new URL(page.url()).hash.split('/').pop();
    const body = await openPicture(page);
    for (const theme of ['Light', 'Dark']) {
      await body.getByRole('radio', { name: theme }).check();
      await body.getByRole('radio', { name: /^Now \(\d\d:\d\d:\d\d\)$/ }).check();
      const { name, path } = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
      // The diagram opens at the end of its span; the file names the moment on the wall clock.
      const end = (await page.locator('.time-out').first().textContent()).split(' / ')[1];
      const [h, m, s] = end.split(':');
      expect(name).toBe(`joblab-cronjobs-${slug}-${h}h${m}m${s}s-${theme.toLowerCase()}.svg`);
      const svg = readFileSync(path, 'utf8');
      expect(svg).toContain(`<title id="joblab-title">${label}</title>`);
      expect(svg).toContain(`data-moment="${end}"`);
      expect(svg).toContain(`>At ${end} UTC: `);
      expect(svg).not.toMatch(/var\(|class=|style=|<style|href=/);
      // Every row the page draws is in the picture, with its label.
      for (const row of await page.locator('svg.diagram-svg .cron-row .lane-text').allTextContents()) {
        expect(svg).toContain(`>${row}</text>`);
      }
      await expect(body.getByRole('status')).toHaveText(`Downloaded ${name}.`);
      await expectSameInBoth(browser, path, testInfo);
    }
    await page.locator('.picture summary').first().click();
  }
  expect(await cspViolations(page)).toEqual([]);
});

test('a CronJob strip of chosen wall-clock moments, as SVG and as a 2x PNG, in the dark theme', async ({ page, browser, context }, testInfo) => {
  await watchCsp(context);
  await page.goto(`${APP_URL}#/cronjobs/missed-runs`);
  const body = await openPicture(page);
  await body.getByRole('radio', { name: 'Dark' }).check();
  const moments = body.getByRole('textbox', { name: 'Moments (HH:MM:SS, comma-separated)' });
  await expect(moments).toHaveValue('00:00:00, 00:16:40, 00:33:20, 00:50:00');
  await moments.fill('00:31, 00:10, 00:20:00');
  await expect(body.getByRole('radio', { name: 'A strip of moments' })).toBeChecked();
  const svg = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
  expect(svg.name).toBe('joblab-cronjobs-missed-runs-strip-dark.svg');
  const text = readFileSync(svg.path, 'utf8');
  expect([...text.matchAll(/data-moment="([^"]+)"/g)].map((m) => m[1])).toEqual(['00:10:00', '00:20:00', '00:31:00']);
  expect(text).toContain('fill="#0f131b"'); // the dark theme's --bg
  // What the controller did by then: suspended from 0:06, two times missed, 0:30 started late.
  expect(text).toContain('>suspended</text>');
  expect(text).toContain('>late</text>');
  await expectSameInBoth(browser, svg.path, testInfo);

  const png = await download(page, body.getByRole('button', { name: 'Download PNG' }), testInfo);
  expect(png.name).toBe('joblab-cronjobs-missed-runs-strip-dark.png');
  const { w, h } = svgSize(text);
  const decoded = PNG.sync.read(readFileSync(png.path));
  expect([decoded.width, decoded.height]).toEqual([Math.round(w * 2), Math.round(h * 2)]);
  const cmp = comparePngs(readFileSync(png.path), rsvg(svg.path, 2));
  expect(alike(cmp), `PNG against rsvg-convert --zoom 2: ${describe(cmp)}`).toBe(true);

  // A moment that cannot be read is said, and nothing downloads.
  await moments.fill('00:05, 0:5');
  await body.getByRole('button', { name: 'Download SVG' }).click();
  await expect(body.getByRole('status')).toHaveText(/“0:5” is not a time: write HH:MM:SS/);
  expect(await cspViolations(page)).toEqual([]);
});

test('the CronJob control works in an embed, by keyboard, at 320 px, with no axe violation, and takes its knobs', async ({ page, context }, testInfo) => {
  await watchCsp(context);
  await page.setViewportSize({ width: 320, height: 800 });
  // runSeconds 200 is shorter than the schedule's 5 minutes, so Forbid never has to wait.
  await page.goto(`${APP_URL}#/embed/cronjobs/forbid?runSeconds=200&theme=light`);
  const { name, text } = await downloadDarkByKeyboardAt320(page, testInfo);
  expect(name).toBe('joblab-cronjobs-forbid-00h30m00s-dark.svg');
  expect(text).toContain('>run</text>');
  expect(text).not.toContain('>skip</text>');
  // The pattern's own 400 s runs make Forbid skip: the knob is what the picture was drawn with.
  // (A new document: a change of the fragment alone keeps the embed and its open control.)
  await page.goto('about:blank');
  await page.goto(`${APP_URL}#/embed/cronjobs/forbid?theme=light`);
  const presetBody = await openPicture(page);
  const preset = await download(page, presetBody.getByRole('button', { name: 'Download SVG' }), testInfo);
  expect(readFileSync(preset.path, 'utf8')).toContain('>skip</text>');
  expect(await cspViolations(page)).toEqual([]);
});

test('the CronJob control works inside the web component\'s shadow root, byte for byte as the iframe embed\'s', async ({ page, context }, testInfo) => {
  await watchCsp(context);
  await page.goto(`${APP_URL}#/embed/cronjobs/forbid?runSeconds=200&theme=dark`);
  const frameBody = await openPicture(page);
  await expect(frameBody.getByRole('radio', { name: 'Dark' })).toBeChecked();
  const framed = await download(page, frameBody.getByRole('button', { name: 'Download SVG' }), testInfo);

  await page.goto(hostUrl('<joblab-diagram pattern="cronjobs/forbid" run-seconds="200" theme="dark"></joblab-diagram>'));
  const el = page.locator('joblab-diagram');
  await expect(el.getByRole('heading', { name: 'CronJob controller' })).toBeVisible();
  const summary = el.locator('.picture summary');
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = el.locator('.picture-body');
  await expect(body).toBeVisible();
  await expect(body.getByRole('radio', { name: 'Dark' })).toBeChecked();
  const svg = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
  await expect(body.getByRole('status')).toHaveText(`Downloaded ${svg.name}.`);
  expect(svg.name).toBe(framed.name);
  const text = readFileSync(svg.path, 'utf8');
  expect(text).not.toMatch(/var\(|class=|style=|<style|href=/);
  expect(text).toBe(readFileSync(framed.path, 'utf8'));

  const { w, h } = svgSize(text);
  const png = await download(page, body.getByRole('button', { name: 'Download PNG' }), testInfo);
  expect(png.name).toBe(svg.name.replace(/\.svg$/, '.png'));
  const im = PNG.sync.read(readFileSync(png.path));
  expect([im.width, im.height]).toEqual([Math.round(w * 2), Math.round(h * 2)]);
  await expect(body.getByRole('status')).toHaveText(`Downloaded ${png.name}.`);
  expect(await axeViolations(page, 'joblab-diagram')).toEqual([]);
  expect(await cspViolations(page)).toEqual([]);
});

test('a CronJob pasted into the lab downloads its picture, drawn from its own run', async ({ page, browser }, testInfo) => {
  await page.goto(`${APP_URL}#/lab`);
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await expect(editor).toHaveValue(/name: pi/);
  await editor.fill(BACKUP_CRONJOB);
  await expect(page.getByRole('heading', { name: "The CronJob's Jobs over time" })).toBeVisible();
  const body = await openPicture(page);
  await body.getByRole('radio', { name: 'Dark' }).check();
  const { name, path } = await download(page, body.getByRole('button', { name: 'Download SVG' }), testInfo);
  expect(name).toMatch(/^joblab-cronjob-\d\dh\d\dm\d\ds-dark\.svg$/);
  const svg = readFileSync(path, 'utf8');
  expect(svg).toContain('<title id="joblab-title">CronJob</title>');
  expect(svg).not.toMatch(/var\(|class=|style=|<style|href=/);
  // Every row the lab draws is in the picture, with its label.
  const rows = await page.locator('svg.diagram-svg .cron-row .lane-text').allTextContents();
  expect(rows.length).toBeGreaterThan(0);
  for (const row of rows) expect(svg).toContain(`>${row}</text>`);
  await expect(body.getByRole('status')).toHaveText(`Downloaded ${name}.`);
  await expectSameInBoth(browser, path, testInfo);
});
