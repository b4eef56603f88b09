// Ports and paths of the test servers (playwright.config.mjs starts them; specs build URLs).
// JOBLAB_E2E_PORT_BASE moves them all, so two checkouts can run their specs side by side.
const BASE = Number(process.env.JOBLAB_E2E_PORT_BASE || 8787);
/** Plain `python3 -m http.server` in dist/, the default baseURL. */
export const PORT = BASE;
/** dist/ under SUB_PATH with the strict CSP header and .br/.gz (e2e/servers/static_csp.py). */
export const CSP_PORT = BASE + 1;
/** A course page on another origin that embeds the app (e2e/servers/parent_page.py). */
export const PARENT_PORT = BASE + 2;
/** Where static_csp.py serves the build, as a course site would. */
export const SUB_PATH = '/courses/k8s/joblab/';
/** The app's URL on the strict server. */
export const APP_URL = `http://127.0.0.1:${CSP_PORT}${SUB_PATH}`;
/** The exact policy the app must satisfy with zero violations. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:";
/** A stand-in LMS that serves an unpacked `joblab scorm` package (started by e2e/scorm.spec.mjs). */
export const LMS_PORT = BASE + 3;
