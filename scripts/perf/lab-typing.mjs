// Measures, in headless Chromium, how long the lab takes from a keystroke to updated diagnostics
// while editing a 500-line Job. Prints the figures; asserts nothing (timings are for reports, not
// tests). Usage, after `trunk build --release --offline`:
//   node scripts/perf/lab-typing.mjs            (serves dist/ itself on 127.0.0.1:8797)
import { chromium } from '@playwright/test';
import { spawn } from 'node:child_process';
import { setTimeout as sleep } from 'node:timers/promises';

const PORT = 8797;
const server = spawn('python3', ['-m', 'http.server', String(PORT), '--bind', '127.0.0.1', '--directory', 'dist'], { stdio: 'ignore' });
await sleep(800);

// A realistic 500-line Job: one container with many environment variables and mounts.
function bigJob(lines) {
  const head = [
    'apiVersion: batch/v1', 'kind: Job', 'metadata:', '  name: big', 'spec:', '  completions: 3',
    '  ttlSecondsAfterFinished: 600', '  template:', '    spec:', '      restartPolicy: Never',
    '      containers:', '      - name: main', '        image: busybox:1.36',
    '        resources:', '          requests: {cpu: 100m, memory: 64Mi}', '        env:',
  ];
  const out = [...head];
  for (let i = 0; out.length < lines; i++) out.push(`        - name: VAR_${i}`, `          value: "value ${i}"`);
  return out.join('\n') + '\n';
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
try {
  const page = await browser.newPage();
  // Long tasks (over 50 ms on the main thread) are what make typing feel stuck.
  await page.addInitScript(() => {
    window.__longTasks = [];
    new PerformanceObserver((list) => {
      for (const e of list.getEntries()) window.__longTasks.push(e.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await page.goto(`http://127.0.0.1:${PORT}/#/lab`);
  const editor = page.getByRole('textbox', { name: 'Job YAML' });
  await editor.waitFor();
  const text = bigJob(500);
  await editor.fill(text);
  const list = page.getByRole('list', { name: 'Diagnostics', exact: true });
  await page.waitForTimeout(500);
  // Put the caret right after "completions: " and toggle a minus sign: each keystroke flips the
  // Job between valid and invalid, so the diagnostics list must change every time.
  const at = text.indexOf('completions: ') + 'completions: '.length;
  const samples = [];
  await page.evaluate(() => { window.__longTasks = []; });
  for (let i = 0; i < 20; i++) {
    await editor.evaluate((el, pos) => { el.focus(); el.setSelectionRange(pos, pos); }, at);
    const before = await list.innerText();
    const t0 = await page.evaluate(() => performance.now());
    if (i % 2 === 0) await page.keyboard.type('-'); else await page.keyboard.press('Delete');
    await page.waitForFunction((prev) => {
      const el = document.querySelector('ul[aria-label="Diagnostics"]');
      return el && el.innerText !== prev;
    }, before, { timeout: 5000 });
    samples.push((await page.evaluate(() => performance.now())) - t0);
  }
  samples.sort((a, b) => a - b);
  const median = samples[Math.floor(samples.length / 2)];
  const p95 = samples[Math.floor(samples.length * 0.95) - 1];
  const longTasks = await page.evaluate(() => window.__longTasks);
  console.log(`lab: long tasks while typing: ${longTasks.length}${longTasks.length ? `, longest ${Math.max(...longTasks).toFixed(1)} ms` : ''}`);
  console.log(`lab: keystroke to updated diagnostics, 500-line Job: median ${median.toFixed(1)} ms, p95 ${p95.toFixed(1)} ms, max ${samples.at(-1).toFixed(1)} ms (${samples.length} keystrokes)`);
} finally {
  await browser.close();
  server.kill();
}
