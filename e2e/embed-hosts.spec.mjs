// Every course host resizes frames with its own message. An embed posts its height in each of
// them (src/embed.rs, size_messages), so a course page that speaks only one of them still fits
// the frame to its content. Each parent page below listens the way its host does: the subject or
// type it reads, and for WordPress the secret it appended to the frame's URL (`#?secret=`), which
// must leave the embed's route and knobs intact.
import { test, expect } from './fixtures.mjs';
import { APP_URL, PARENT_PORT } from './ports.mjs';

const hosts = [
  {
    name: 'Canvas (lti.frameResize)',
    accepts: (d) => d && d.subject === 'lti.frameResize',
    height: (d) => d.height,
  },
  {
    name: 'Brightspace (org.imsglobal.lti.frameResize)',
    accepts: (d) => d && d.subject === 'org.imsglobal.lti.frameResize',
    height: (d) => d.height,
  },
  {
    name: 'open-iframe-resizer (iframe-resized)',
    accepts: (d) => d && d.type === 'iframe-resized' && d.width > 0,
    height: (d) => d.height,
  },
  {
    name: 'WordPress (secret, message "height")',
    secret: 'Ab12cd',
    accepts: (d) => d && d.secret === 'Ab12cd' && d.message === 'height',
    // wp-embed.js clamps the height to 200..1000 px.
    height: (d) => Math.min(1000, Math.max(200, d.value)),
  },
  {
    name: 'Joblab (joblab:height)',
    accepts: (d) => d && d.type === 'joblab:height',
    height: (d) => d.height,
  },
];

for (const host of hosts) {
  test(`the frame fits its content on a ${host.name} page`, async ({ page }) => {
    let src = `${APP_URL}#/embed/failure?backoffLimit=2&theme=dark`;
    if (host.secret) src += `#?secret=${host.secret}`;
    const iframe = `<iframe data-joblab-embed src="${src.replace(/&/g, '&amp;')}" title="Joblab: Failure Handling diagram" width="100%" height="600"></iframe>`;
    await page.goto(`http://127.0.0.1:${PARENT_PORT}/course.html?snippet=${encodeURIComponent(iframe)}`);
    // The host's listener, installed once the frame exists: only its own message moves the frame.
    await page.evaluate(({ accepts, height }) => {
      const accept = new Function('d', `return (${accepts})(d)`);
      const size = new Function('d', `return (${height})(d)`);
      const frame = document.querySelector('iframe[data-joblab-embed]');
      window.__seen = [];
      window.addEventListener('message', (e) => {
        if (e.source !== frame.contentWindow || !accept(e.data)) return;
        window.__seen.push(e.data);
        frame.height = String(size(e.data));
      });
    }, { accepts: host.accepts.toString(), height: host.height.toString() });

    const frame = page.frameLocator('iframe[data-joblab-embed]');
    await expect(frame.getByRole('heading', { level: 2 })).toHaveText('Failure Handling');
    // The host's extra in the fragment changes neither the knobs nor the theme.
    await expect(frame.locator('#knob-backoffLimit')).toHaveValue('2');
    await expect(frame.locator('html')).toHaveAttribute('data-theme', 'dark');
    // A change of content makes the embed post again, now to a listener that is there.
    await frame.locator('#knob-backoffLimit').fill('5');
    await frame.locator('#knob-backoffLimit').press('Tab');
    await page.waitForFunction(() => window.__seen.length > 0);
    const frameEl = page.locator('iframe[data-joblab-embed]');
    await expect.poll(async () => Number(await frameEl.getAttribute('height'))).not.toBe(600);
    const seen = await page.evaluate(() => window.__seen);
    const last = seen.at(-1);
    expect(Number(await frameEl.getAttribute('height'))).toBe(host.height(last));
  });
}
