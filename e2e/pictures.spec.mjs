// Download picture (issue 17, item 6): every diagram downloads as a standalone SVG and as a PNG, at
// the current moment or as a strip of moments, in either theme. The SVG must render the same in
// Chromium and in librsvg's rsvg-convert (Debian's librsvg2-bin): each downloaded SVG is
// rasterised by both and the two PNGs are compared pixel by pixel (pngjs from npm decodes them).
//
// Tolerance: Skia and cairo antialias the edges of glyphs and shapes differently, so a pixel counts
// as different only when one of its channels differs by more than CHANNEL_TOLERANCE of 255, and a
// picture passes when at most AREA_TOLERANCE of its pixels differ. A wrong colour, a missing or
// moved shape, another font or an unresolved CSS variable changes far more than that (the spec's
// last test shows a one-token change of font fails it).
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { pathToFileURL } from 'node:url';
import { PNG } from 'pngjs';
import { test, expect } from './fixtures.mjs';
import { APP_URL } from './ports.mjs';
import { axeViolations } from './axe.mjs';
import { watchCsp, cspViolations } from './csp-watch.mjs';

/** A channel difference at or below this is antialiasing, not a difference. */
const CHANNEL_TOLERANCE = 64;
/** The most pixels, as a fraction of the picture, that may differ beyond CHANNEL_TOLERANCE. */
const AREA_TOLERANCE = 0.01;

/** The width and height a standalone SVG declares. */
function svgSize(svg) {
  const w = Number(/<svg[^>]* width="([\d.]+)"/.exec(svg)?.[1]);
  const h = Number(/<svg[^>]* height="([\d.]+)"/.exec(svg)?.[1]);
  return { w, h };
}

/** How many pixels of two same-sized PNGs differ beyond CHANNEL_TOLERANCE, and out of how many. */
function differingPixels(a, b) {
  const pa = PNG.sync.read(a);
  const pb = PNG.sync.read(b);
  if (pa.width !== pb.width || pa.height !== pb.height) {
    return { size: `${pa.width}x${pa.height} vs ${pb.width}x${pb.height}`, differing: Infinity, total: 0 };
  }
  let differing = 0;
  for (let i = 0; i < pa.data.length; i += 4) {
    for (let c = 0; c < 3; c++) {
      if (Math.abs(pa.data[i + c] - pb.data[i + c]) > CHANNEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return { size: `${pa.width}x${pa.height}`, differing, total: pa.width * pa.height };
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
  const cmp = differingPixels(a, b);
  if (cmp.differing > cmp.total * AREA_TOLERANCE) {
    writeFileSync(`${svgPath}.chromium.png`, a);
    writeFileSync(`${svgPath}.rsvg.png`, b);
  }
  testInfo.annotations.push({ type: 'pixels', description: `${svgPath}: ${cmp.differing}/${cmp.total} differ` });
  expect(cmp.differing, `${svgPath} (${cmp.size}): ${cmp.differing} of ${cmp.total} pixels differ`)
    .toBeLessThanOrEqual(cmp.total * AREA_TOLERANCE);
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
  const cmp = differingPixels(readFileSync(png.path), rsvg(svg.path, 2));
  expect(cmp.differing, `PNG vs rsvg-convert --zoom 2: ${cmp.differing}/${cmp.total}`)
    .toBeLessThanOrEqual(cmp.total * AREA_TOLERANCE);

  // A moment that cannot be read is said, and nothing downloads.
  await moments.fill('0:05, soon');
  await body.getByRole('button', { name: 'Download SVG' }).click();
  await expect(body.getByRole('status')).toHaveText(/“soon” is not a time/);
  expect(await cspViolations(page)).toEqual([]);
});

test('the control works in an embed, by keyboard, at 320 px, with no axe violation', async ({ page, context }, testInfo) => {
  await watchCsp(context);
  await page.setViewportSize({ width: 320, height: 800 });
  await page.goto(`${APP_URL}#/embed/failure?backoffLimit=1&theme=light`);
  const summary = page.getByText('Download picture', { exact: true });
  await expect(summary).toBeVisible();
  await summary.focus();
  await page.keyboard.press('Enter');
  const body = page.locator('.picture-body');
  await expect(body).toBeVisible();
  // Nothing of it leaves the phone's width.
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(320);
  for (const el of await body.locator('button, input').all()) {
    const box = await el.boundingBox();
    expect(box.x + box.width).toBeLessThanOrEqual(320);
  }
  expect(await axeViolations(page)).toEqual([]);
  // Keyboard only: Dark by the arrow keys in the theme group, then Download SVG by Enter.
  await body.getByRole('radio', { name: 'Light' }).focus();
  await page.keyboard.press('ArrowRight');
  await expect(body.getByRole('radio', { name: 'Dark' })).toBeChecked();
  await body.getByRole('button', { name: 'Download SVG' }).focus();
  const [file] = await Promise.all([page.waitForEvent('download'), page.keyboard.press('Enter')]);
  expect(file.suggestedFilename()).toMatch(/^joblab-failure-\d+m\d\ds-dark\.svg$/);
  // The embed's knobs are in the picture: backoffLimit 1 fails at the 2nd failure.
  const path = testInfo.outputPath(file.suggestedFilename());
  await file.saveAs(path);
  expect(readFileSync(path, 'utf8')).toContain('Failed (BackoffLimitExceeded): 0 succeeded, 2 failed');
  expect(await cspViolations(page)).toEqual([]);

  // The lab's diagram has the same control, named after the Job.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.goto(`${APP_URL}#/lab`);
  const lab = page.locator('.lab-diagram');
  await expect(lab).toBeVisible({ timeout: 20_000 });
  await lab.locator('.picture summary').click();
  const labFile = await download(page, lab.getByRole('button', { name: 'Download SVG' }), testInfo);
  expect(labFile.name).toMatch(/^joblab-job-\d+m\d\ds-(light|dark)\.svg$/);
  expect(await axeViolations(page)).toEqual([]);
});

test('the comparison catches a picture whose font differs between the renderers', async ({ browser }, testInfo) => {
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
  const a = await chromium(browser, goodPath);
  const b = rsvg(path);
  const cmp = differingPixels(a, b);
  expect(cmp.differing).toBeGreaterThan(cmp.total * AREA_TOLERANCE);
});
