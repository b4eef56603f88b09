// The lab's keystroke-to-diagnostics measurement alone (323-line Job), as in the performance
// report; the measurement itself lives in browser.mjs so there is only one copy of it.
// Usage, after `trunk build --release --offline`:
//   node scripts/perf/lab-typing.mjs [--port 8797] [--keys 30]
import { main } from './browser.mjs';

main(['--port', '8797', ...process.argv.slice(2), '--only', 'typing']).catch((e) => {
  console.error(`error: ${e.message}`);
  process.exit(1);
});
