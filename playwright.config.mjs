// End-to-end tests drive Debian's Chromium (never a downloaded browser) against the release build
// in dist/, served on 127.0.0.1 by Python's static server, exactly as a static host would serve it.
// Two more servers: dist/ under a sub-path with the strict CSP header and precompressed assets
// (e2e/servers/static_csp.py), and a "course page" on another origin that embeds the app in an
// iframe (e2e/servers/parent_page.py). Their ports are exported for the specs in e2e/ports.mjs.
import { defineConfig } from '@playwright/test';
import { PORT, CSP_PORT, PARENT_PORT, SUB_PATH } from './e2e/ports.mjs';

export default defineConfig({
  testDir: 'e2e',
  outputDir: 'test-results',
  workers: 1,
  retries: 0,
  timeout: 30_000,
  reporter: [['list']],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    screenshot: 'only-on-failure',
    trace: 'off',
    launchOptions: {
      executablePath: '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    },
  },
  webServer: [
    {
      command: `python3 -m http.server ${PORT} --bind 127.0.0.1 --directory dist`,
      url: `http://127.0.0.1:${PORT}/`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'ignore',
      timeout: 20_000,
    },
    {
      command: `python3 e2e/servers/static_csp.py --port ${CSP_PORT} --root dist --prefix ${SUB_PATH}`,
      url: `http://127.0.0.1:${CSP_PORT}${SUB_PATH}`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
    {
      command: `python3 e2e/servers/parent_page.py --port ${PARENT_PORT}`,
      url: `http://127.0.0.1:${PARENT_PORT}/health`,
      reuseExistingServer: false,
      stdout: 'ignore',
      stderr: 'pipe',
      timeout: 20_000,
    },
  ],
});
