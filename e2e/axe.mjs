// Runs axe-core (npm, pinned in package.json) in a page with the WCAG 2.2 A/AA and best-practice
// rules, and returns its violations in a short form that reads well in a failed assertion.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
// The source is evaluated through the DevTools protocol rather than added as a <script>, so the
// app's strict Content-Security-Policy (which allows no inline or foreign script) does not block it.
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

/** The rule tags the issue names: WCAG 2.0, 2.1 and 2.2 at levels A and AA, and best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * The violations axe finds in `page` (or only in the elements matching the CSS selector
 * `include`) as `rule (impact): selector — summary` strings, one per violating node, so that a
 * failure names every node to fix.
 */
export async function axeViolations(page, include = null) {
  if (!(await page.evaluate(() => typeof window.axe === 'object'))) {
    await page.evaluate(AXE_SOURCE);
  }
  return page.evaluate(async ([tags, include]) => {
    const result = await window.axe.run(include ? { include: [include] } : document, {
      runOnly: { type: 'tag', values: tags },
      resultTypes: ['violations'],
    });
    return result.violations.flatMap((v) =>
      v.nodes.map((n) => `${v.id} (${v.impact}): ${n.target.join(' ')} — ${n.failureSummary.replace(/\s+/g, ' ')}`),
    );
  }, [AXE_TAGS, include]);
}
