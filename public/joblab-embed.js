// Joblab's web component: <joblab-diagram pattern="failure" backoff-limit="2" theme="dark">.
// Load it as a module script from the Joblab site; docs/embed.md, "The web component", has the
// attributes, the events and a snippet for each docs-site generator. This file is the template
// scripts/postbuild.py fills in: it imports the component's module (src/component.rs, its wasm
// inlined as a string so that a host page's CSP needs only this script's origin in script-src,
// plus 'wasm-unsafe-eval') and its stylesheet, adopted by each element's shadow root so that no
// style crosses the boundary either way.
import init, { mount, observed_attributes, joblabWasm, joblabCss } from './__JOBLAB_COMPONENT__';

// The wasm's bytes travel as a string of code points 0 to 255, one per byte (a few escaped),
// which compresses as well as the binary itself; see scripts/postbuild.py.
const bytes = Uint8Array.from(joblabWasm, (c) => c.charCodeAt(0));
await init({ module_or_path: bytes });

const sheet = new CSSStyleSheet();
sheet.replaceSync(joblabCss);
// The Joblab site this script was served from, for the "Open in Joblab" link.
const appUrl = new URL('./', import.meta.url).href;

class JoblabDiagram extends HTMLElement {
  static observedAttributes = observed_attributes().split(' ');

  connectedCallback() {
    if (!this.shadowRoot) {
      const shadow = this.attachShadow({ mode: 'open' });
      shadow.adoptedStyleSheets = [sheet];
    }
    if (!this.mounted) {
      const root = document.createElement('div');
      this.shadowRoot.replaceChildren(root);
      this.mounted = mount(this, root, appUrl);
    }
  }

  disconnectedCallback() {
    // Moving the element disconnects and reconnects it: it is mounted afresh.
    this.mounted?.free();
    this.mounted = undefined;
  }

  attributeChangedCallback(name, _old, value) {
    this.mounted?.set(name, value ?? undefined);
  }
}

if (!customElements.get('joblab-diagram')) customElements.define('joblab-diagram', JoblabDiagram);
