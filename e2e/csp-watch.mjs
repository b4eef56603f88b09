// Records Content-Security-Policy violations in the page and every frame, so a spec can assert
// there were none. Chromium also logs most violations to the console (which the shared fixture
// fails on), but the `securitypolicyviolation` event is the one the spec defines, and it also fires
// for report-only cases and inside iframes whose console we might not see.
export async function watchCsp(context) {
  await context.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      const v = `${e.violatedDirective} blocked ${e.blockedURI || '(inline)'} at ${e.sourceFile}:${e.lineNumber}`;
      window.__cspViolations.push(v);
      // Surface it to the console too, so the fixture's console check fails even if a spec forgets.
      console.error(`CSP violation: ${v}`);
    });
  });
}

/** The violations recorded so far in `frame` (a Page or a Frame). */
export async function cspViolations(frame) {
  return frame.evaluate(() => window.__cspViolations ?? ['watchCsp was not installed']);
}
