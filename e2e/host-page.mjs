// The docs page of another origin that hosts the web component (e2e/servers/parent_page.py,
// /host.html), for e2e/component.spec.mjs and e2e/axe.spec.mjs.
import { APP_URL, PARENT_PORT } from './ports.mjs';

/** joblab-embed.js on the strict app server. */
export const SCRIPT = `${APP_URL}joblab-embed.js`;

/** The host page with `snippet`, with the component's script or (`script: false`) without it. */
export function hostUrl(snippet, { script = true } = {}) {
  const q = new URLSearchParams({ snippet });
  if (script) q.set('script', SCRIPT);
  return `http://127.0.0.1:${PARENT_PORT}/host.html?${q}`;
}
