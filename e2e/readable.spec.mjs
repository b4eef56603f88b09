// Readable at every width and setting (issue 18): no diagram text drawn smaller than 11 CSS px
// from 320 to 1920 px, every Pod phase and marker told apart without colour under forced colours,
// and nothing lost at 400 % zoom.
import { test, expect } from './fixtures.mjs';

const PATTERNS = [
  'simple', 'parallel', 'failure', 'indexed', 'pod-failure-policy', 'backoff-per-index',
  'success-policy', 'deadline', 'suspend-resume', 'work-queue', 'on-failure',
];
const VIEWS = ['concept', 'flow', 'examples', 'compare', 'practice'];
const CRON_PATTERNS = ['schedule-history', 'forbid', 'replace', 'missed-runs'];

const lanes = (page) => page.locator('svg.diagram-svg [aria-label^="Pod "]');
const slider = (page) => page.getByRole('slider', { name: 'Time' });
const button = (page, name) => page.getByRole('button', { name, exact: true });

/**
 * The diagram texts drawn smaller than `min` CSS px: the computed font size times the SVG's scale
 * on screen (getScreenCTM), and the height of the text's box (getBoundingClientRect), which is
 * taller than the font size for any legible text.
 */
async function smallTexts(page, min) {
  return page.evaluate((min) => {
    const out = [];
    for (const t of document.querySelectorAll(':is(svg.diagram-svg, svg.diagram-bg) text')) {
      if (!t.textContent.trim()) continue;
      const scale = Math.hypot(t.getScreenCTM().a, t.getScreenCTM().b);
      const drawn = parseFloat(getComputedStyle(t).fontSize) * scale;
      const box = t.getBoundingClientRect().height;
      if (drawn < min - 0.01 || box < min - 0.01) {
        out.push(`"${t.textContent}" drawn at ${drawn.toFixed(2)} px (box ${box.toFixed(2)} px)`);
      }
    }
    return out;
  }, min);
}

/** Moves the player to `which` of the run: its start, its middle or its end. */
async function moveTo(page, which) {
  if (which === 'start') await button(page, 'Reset').click();
  else if (which === 'end') await button(page, 'End').click();
  else {
    await slider(page).evaluate((el) => {
      el.value = String(Math.floor(Number(el.max) / 2));
      el.dispatchEvent(new Event('input', { bubbles: true }));
    });
  }
}

test.describe('text size', () => {
  for (const width of [320, 360, 480, 768, 1024, 1280, 1920]) {
    test(`no diagram text under 11 px at ${width} px, in every pattern, embed and the lab`, async ({ page }) => {
      test.setTimeout(120_000);
      await page.setViewportSize({ width, height: 900 });
      const found = {};
      for (const slug of PATTERNS) {
        await page.goto(`./#/diagrams/${slug}`);
        await expect(lanes(page).first()).toBeVisible();
        for (const when of ['start', 'middle', 'end']) {
          await moveTo(page, when);
          // At the start a Job may have no Pod yet; the axis still has text.
          await expect(page.locator(':is(svg.diagram-svg, svg.diagram-bg) text').first()).toBeAttached();
          const small = await smallTexts(page, 11);
          if (small.length > 0) found[`${slug} ${when}`] = small;
        }
      }
      for (const slug of CRON_PATTERNS) {
        await page.goto(`./#/cronjobs/${slug}`);
        await expect(lanes(page).first()).toBeVisible();
        for (const when of ['start', 'middle', 'end']) {
          await moveTo(page, when);
          await expect(page.locator(':is(svg.diagram-svg, svg.diagram-bg) text').first()).toBeAttached();
          const small = await smallTexts(page, 11);
          if (small.length > 0) found[`cronjobs ${slug} ${when}`] = small;
        }
      }
      // An embed is another app on the same page: load it afresh rather than as a hash change
      // from the site, which reloads the page under the test.
      await page.goto('about:blank');
      for (const slug of CRON_PATTERNS) {
        await page.goto(`./#/embed/cronjobs/${slug}`);
        await expect(lanes(page).first()).toBeVisible();
        const small = await smallTexts(page, 11);
        if (small.length > 0) found[`embed cronjobs ${slug}`] = small;
        await page.goto('about:blank');
      }
      for (const slug of PATTERNS) {
        await page.goto(`./#/embed/${slug}`);
        await expect(lanes(page).first()).toBeVisible();
        const small = await smallTexts(page, 11);
        if (small.length > 0) found[`embed ${slug}`] = small;
      }
      await page.goto('about:blank');
      await page.goto('./#/lab');
      await expect(lanes(page).first()).toBeVisible();
      const small = await smallTexts(page, 11);
      if (small.length > 0) found.lab = small;
      expect(found).toEqual({});
    });
  }

  test('a shortened lane label keeps the full Pod name in its tooltip and accessible name', async ({ page }) => {
    await page.setViewportSize({ width: 360, height: 800 });
    await page.goto('./#/diagrams/pod-failure-policy');
    const lane = lanes(page).first();
    await expect(lane).toBeVisible();
    const shown = await lane.locator('.lane-text').textContent();
    expect(shown).toMatch(/…$/);
    const name = await lane.getAttribute('aria-label');
    expect(name.startsWith(`Pod ${shown.slice(0, -1)}`)).toBe(true);
    await lane.focus();
    await expect(page.getByRole('tooltip')).toHaveText(name);
  });

  test('on a phone the time axis scrolls inside its box, not the page', async ({ page }) => {
    await page.setViewportSize({ width: 320, height: 800 });
    await page.goto('./#/diagrams/parallel');
    await expect(lanes(page).first()).toBeVisible();
    const box = page.locator('.diagram-scroll');
    const sizes = await box.evaluate((el) => [el.scrollWidth, el.clientWidth]);
    expect(sizes[0]).toBeGreaterThan(sizes[1]);
    expect(await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)).toBeLessThanOrEqual(0);
  });
});

/**
 * What tells each kind apart without colour, read from the page: for every segment kind (in the
 * diagram and in the legend), the content of the pattern its computed fill names, or `colour`
 * when it fills with a plain colour; for every marker kind, its shape and text.
 */
async function signatures(page) {
  return page.evaluate(() => {
    const kindOf = (el, prefix) => [...el.classList].find((c) => c.startsWith(prefix) && c !== 'marker-exit');
    const fillOf = (rect) => {
      const fill = getComputedStyle(rect).fill;
      const id = /url\("?#([^")]+)"?\)/.exec(fill)?.[1];
      const pattern = id && document.getElementById(id);
      if (!pattern || pattern.tagName !== 'pattern') return `colour ${fill}`;
      // The tile's drawing, without the comment nodes the framework may leave in it.
      const tile = [...pattern.children].map((c) => c.outerHTML).join('');
      return `pattern ${pattern.dataset.pattern}: ${tile}`;
    };
    const segs = {};
    const legend = {};
    for (const g of document.querySelectorAll('svg.diagram-svg .seg')) segs[kindOf(g, 'seg-')] = fillOf(g.querySelector('rect'));
    for (const g of document.querySelectorAll('.legend .key-svg .seg')) legend[kindOf(g, 'seg-')] = fillOf(g.querySelector('rect'));
    const marks = {};
    for (const g of document.querySelectorAll('svg.diagram-svg .marker')) {
      const shape = g.querySelector('circle, rect, polygon').tagName;
      const text = g.querySelector('text')?.textContent ?? '';
      (marks[kindOf(g, 'marker-')] ??= new Set()).add(`${shape} ${text}`);
    }
    return { segs, legend, marks: Object.fromEntries(Object.entries(marks).map(([k, v]) => [k, [...v]])) };
  });
}

test.describe('forced colours', () => {
  for (const scheme of ['light', 'dark']) {
    test(`every Pod phase and marker differs by pattern, shape or text (${scheme})`, async ({ page }, testInfo) => {
      test.setTimeout(60_000);
      await page.emulateMedia({ forcedColors: 'active', colorScheme: scheme, reducedMotion: 'reduce' });
      await page.setViewportSize({ width: 1280, height: 900 });
      const segs = {};
      const marks = {};
      let legend = null;
      for (const slug of PATTERNS) {
        await page.goto(`./#/diagrams/${slug}`);
        await expect(lanes(page).first()).toBeVisible();
        const s = await signatures(page);
        legend ??= s.legend;
        expect(s.legend, slug).toEqual(legend);
        Object.assign(segs, s.segs);
        for (const [kind, sigs] of Object.entries(s.marks)) marks[kind] = [...new Set([...(marks[kind] ?? []), ...sigs])];
        if (['failure', 'on-failure', 'pod-failure-policy', 'suspend-resume'].includes(slug)) {
          await testInfo.attach(`forced colours, ${scheme}: ${slug}`, {
            body: await page.locator('.diagram-main').screenshot(),
            contentType: 'image/png',
          });
        }
      }
      // The legend shows all six segment kinds, each with a pattern of its own.
      const kinds = ['seg-pending', 'seg-running', 'seg-crashloop', 'seg-terminating', 'seg-succeeded', 'seg-failed'];
      expect(Object.keys(legend).sort()).toEqual([...kinds].sort());
      for (const k of kinds) expect(legend[k], k).toMatch(/^pattern /);
      expect(new Set(Object.values(legend)).size).toBe(kinds.length);
      // Every segment in the diagrams fills like its legend key.
      for (const [k, sig] of Object.entries(segs)) expect(sig, k).toBe(legend[k]);
      // Every marker kind occurs, and no shape-and-text of one kind is also another kind's.
      expect(Object.keys(marks).sort()).toEqual(['marker-evicted', 'marker-fail', 'marker-ok', 'marker-restart']);
      const owner = new Map();
      for (const [kind, sigs] of Object.entries(marks)) {
        for (const sig of sigs) {
          expect(owner.get(sig) ?? kind, `${sig} is both ${owner.get(sig)} and ${kind}`).toBe(kind);
          owner.set(sig, kind);
        }
      }
    });
  }
});

test.describe('at 400 % zoom (1280 px at 4x: 320 CSS px)', () => {
  test.use({ viewport: { width: 320, height: 256 }, deviceScaleFactor: 4 });

  /**
   * Elements that stick out of the viewport sideways where no scrolling box that a keyboard can
   * reach (focusable itself or holding focusable content) lets the reader bring them into view.
   * A box that clips without scrolling (the lab editor's highlighted mirror, which its textarea
   * scrolls) is judged as an element itself, not through what it clips.
   */
  async function unreachable(page) {
    return page.evaluate(() => {
      const vw = document.documentElement.clientWidth;
      const focusable = 'a[href], button, input, select, textarea, [tabindex]';
      const scrollsSideways = (el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth;
      const out = [];
      // A box that draws nothing itself (no text of its own, no background, no border) is judged
      // through its children, which are checked one by one: the diagram's reveal box reaches left
      // of its canvas by design (src/diagram/svg.rs) while the SVG in it stays in place.
      const drawsNothing = (el) => {
        if (!(el instanceof HTMLDivElement)) return false;
        const cs = getComputedStyle(el);
        const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && n.textContent.trim());
        return !ownText && cs.backgroundColor === 'rgba(0, 0, 0, 0)' && cs.backgroundImage === 'none'
          && ['Top', 'Right', 'Bottom', 'Left'].every((s) => parseFloat(cs[`border${s}Width`]) === 0);
      };
      for (const el of document.body.querySelectorAll('*')) {
        const r = el.getBoundingClientRect();
        if (r.width === 0 || r.height === 0) continue;
        if (drawsNothing(el)) continue;
        if (r.right <= vw + 1 && r.left >= -1) continue;
        let box = el.parentElement;
        while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
        if (box && box !== document.body && ['hidden', 'clip'].includes(getComputedStyle(box).overflowX)) continue;
        const reachable = box && box !== document.body && scrollsSideways(box) && (box.matches(focusable) || box.querySelector(focusable));
        if (!reachable) out.push(`${el.tagName.toLowerCase()}.${[...el.classList].join('.')} ${Math.round(r.left)}..${Math.round(r.right)}`);
      }
      return out;
    });
  }

  test('no page scrolls sideways and nothing is out of reach', async ({ page }) => {
    test.setTimeout(90_000);
    const pages = [
      ...VIEWS.map((v) => `#/${v}`),
      ...PATTERNS.map((p) => `#/diagrams/${p}`),
      ...CRON_PATTERNS.map((p) => `#/cronjobs/${p}`),
      '#/schedule',
      '#/lab', '#/no/such/view', '#/embed/failure', '#/embed/lab', '#/embed/cronjobs/forbid',
    ];
    const found = {};
    for (const hash of pages) {
      await page.goto(`./${hash}`);
      await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible();
      if (hash.includes('diagrams') || hash.includes('lab') || hash.includes('embed/failure') || hash.includes('cronjobs')) {
        await expect(lanes(page).first()).toBeVisible();
      }
      if (hash === '#/schedule') await expect(page.locator('.schedule-sentence')).toBeVisible();
      const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
      const lost = await unreachable(page);
      if (overflow > 0 || lost.length > 0) found[hash] = { overflow, lost };
    }
    expect(found).toEqual({});
  });

  test('the main controls are visible and work from the keyboard', async ({ page }) => {
    await page.goto('./#/diagrams/failure');
    await expect(lanes(page).first()).toBeVisible();
    const controls = [
      page.getByRole('navigation', { name: 'Sections' }).getByRole('link', { name: 'Lab', exact: true }),
      page.getByRole('button', { name: /theme/i }),
      page.getByRole('group', { name: 'Patterns' }).getByRole('button', { name: 'Indexed', exact: true }),
      page.getByLabel('backoffLimit'),
      button(page, 'Reset'), button(page, 'Play'), button(page, 'Step'), button(page, 'End'),
      slider(page), page.getByLabel('Speed'), lanes(page).first(),
      button(page, 'Embed'),
    ];
    for (const c of controls) {
      await c.focus();
      await expect(c).toBeFocused();
      await expect(c).toBeInViewport();
      const box = await c.boundingBox();
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.x + Math.min(box.width, 24)).toBeLessThanOrEqual(320);
    }
    // The player works at this size: End from the keyboard finishes the run.
    await button(page, 'End').focus();
    await page.keyboard.press('Enter');
    await expect(page.locator('.diagram-status')).toHaveText(/^Failed \(BackoffLimitExceeded\)/);

    await page.goto('./#/lab');
    await expect(lanes(page).first()).toBeVisible();
    for (const c of [page.getByRole('textbox', { name: 'Job YAML' }), page.getByRole('textbox', { name: 'Command' }), button(page, 'Play')]) {
      await c.focus();
      await expect(c).toBeFocused();
      await expect(c).toBeInViewport();
    }
  });
});

test.describe('the lab is built around its simulation', () => {
  const editorBox = (page) => page.locator('.lab-edit');
  const runBox = (page) => page.locator('.lab-run');

  async function openLab(page, width) {
    await page.setViewportSize({ width, height: 900 });
    await page.goto('./#/lab');
    await expect(lanes(page).first()).toBeVisible();
  }

  test('from 1280 px the editor and the simulation sit side by side; below that they stack', async ({ page }) => {
    await openLab(page, 1280);
    let [ed, run] = [await editorBox(page).boundingBox(), await runBox(page).boundingBox()];
    expect(run.x).toBeGreaterThanOrEqual(ed.x + ed.width);
    expect(Math.abs(run.y - ed.y)).toBeLessThan(2);
    // The simulation gets the wider column, and the diagram its whole width: the controller panel
    // and the terminal sit below it.
    expect(run.width).toBeGreaterThan(ed.width);
    const diagram = await page.locator('.lab-diagram .diagram-scroll').boundingBox();
    expect(diagram.width).toBeGreaterThan(run.width - 4);
    const panel = await page.locator('.lab-diagram .controller').boundingBox();
    const terminal = await page.getByRole('log', { name: 'Terminal output' }).boundingBox();
    expect(panel.y).toBeGreaterThanOrEqual(diagram.y + diagram.height);
    expect(terminal.y).toBeGreaterThanOrEqual(diagram.y + diagram.height);
    // The one-sentence explanation of the Job sits above the diagram.
    const sentence = await page.locator('.lab-run .job-sentence').boundingBox();
    expect(sentence.y + sentence.height).toBeLessThanOrEqual(diagram.y);

    await openLab(page, 1024);
    [ed, run] = [await editorBox(page).boundingBox(), await runBox(page).boundingBox()];
    expect(run.y).toBeGreaterThanOrEqual(ed.y + ed.height);
    expect(Math.abs(run.width - ed.width)).toBeLessThan(2);
  });

  test('every lab control is reached with Tab and shows visible focus', async ({ page }) => {
    test.setTimeout(60_000);
    await openLab(page, 1280);
    await page.getByRole('heading', { name: 'The YAML lab' }).focus();
    const seen = [];
    const invisible = [];
    for (let i = 0; i < 120; i += 1) {
      const before = await page.evaluate(() => document.activeElement);
      await page.keyboard.press('Tab');
      let info = await page.evaluate(() => {
        const el = document.activeElement;
        const outlined = (e) => {
          const s = getComputedStyle(e);
          return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2;
        };
        let visible = outlined(el);
        // A box that outlines itself while a part of it has focus (the editor, the file button).
        for (let a = el.parentElement; a && !visible; a = a.parentElement) visible = a.matches(':focus-within') && outlined(a);
        // Diagram items draw their focus as a thick stroke.
        const shape = el.closest('svg') && el.querySelector('rect, circle, polygon, line');
        if (shape) visible ||= parseFloat(getComputedStyle(shape).strokeWidth) >= 3;
        const name = el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30) || el.tagName;
        return { inLab: !!el.closest('.lab'), visible, name, tag: el.tagName, editor: el.matches('textarea') };
      });
      if (info.editor && (await page.evaluate((b) => b === document.activeElement, before))) break;
      if (!info.inLab) {
        if (seen.length > 0) break;
        continue;
      }
      seen.push(info.name);
      if (!info.visible) invisible.push(`${info.tag} ${info.name}`);
      // Escape, then Tab, leaves the editor (Tab alone indents).
      if (info.editor) await page.keyboard.press('Escape');
    }
    expect(invisible).toEqual([]);
    // The walk went through the editor, the player, the diagram and the terminal.
    for (const want of ['Job YAML', 'Play', 'Pod ', 'Command']) {
      expect(seen.some((n) => n.startsWith(want)), `${want} in ${seen.join(' | ')}`).toBe(true);
    }
  });
});
