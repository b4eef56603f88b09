// Prints criterion's point estimates for the performance report (scripts/perf-report.sh), read
// from the files criterion writes (target/criterion/**/new/{benchmark,estimates}.json) rather than
// from its console output. Only results written since --since (epoch ms) count, so a benchmark
// that did not run in this report can never show an old figure; a required one that is missing
// fails the script.
//
//   node scripts/perf/criterion.mjs --dir target/criterion --since <epoch ms>
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';

// The figures the performance issue asks for, with their targets (nanoseconds); `null` means no
// target has been set, and the line says so. Any other benchmark found is listed after these.
const REQUIRED = [
  { id: 'check_source/pi', what: 'parse, decode, validate and locate the pi Job', target: 200e3 },
  { id: 'check_source/big-job-323-lines', what: 'the same for a 323-line Job', target: null },
  { id: '10k completions, parallelism 1000, 10% failures', what: 'simulate 10 000 completions, parallelism 1 000, 10 % failures', target: 50e6 },
  { id: 'drawing model, 200-Pod snapshot', what: 'drawing model of a 200-Pod snapshot', target: null },
];

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i += 2) {
    if (argv[i] === '--dir') opts.dir = argv[i + 1];
    else if (argv[i] === '--since') opts.since = Number(argv[i + 1]);
    else throw new Error(`unknown argument ${argv[i]}`);
  }
  if (!opts.dir || !Number.isFinite(opts.since)) throw new Error('usage: criterion.mjs --dir <criterion dir> --since <epoch ms>');
  return opts;
}

// Every `new/` directory under `dir`, wherever criterion's name sanitising put it.
function findResults(dir) {
  const out = [];
  const walk = (d) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      if (!e.isDirectory()) continue;
      const p = path.join(d, e.name);
      if (e.name === 'new' && existsSync(path.join(p, 'benchmark.json'))) out.push(p);
      else walk(p);
    }
  };
  walk(dir);
  return out;
}

// Criterion's own headline figure: the slope of the linear regression when it sampled linearly,
// else the mean (flat sampling, used for slow benchmarks, has no slope).
function headline(est) {
  const e = est.slope ?? est.mean;
  return { point: e.point_estimate, lo: e.confidence_interval.lower_bound, hi: e.confidence_interval.upper_bound, kind: est.slope ? 'slope' : 'mean' };
}

function fmt(ns) {
  const [v, unit] = ns < 1e3 ? [ns, 'ns'] : ns < 1e6 ? [ns / 1e3, 'µs'] : ns < 1e9 ? [ns / 1e6, 'ms'] : [ns / 1e9, 's'];
  return `${v.toPrecision(4)} ${unit}`;
}

function main() {
  const { dir, since } = parseArgs(process.argv.slice(2));
  if (!existsSync(dir)) throw new Error(`${dir} not found: did cargo bench run?`);
  const results = new Map();
  for (const p of findResults(dir)) {
    const estimates = path.join(p, 'estimates.json');
    if (!existsSync(estimates) || statSync(estimates).mtimeMs < since) continue;
    const bench = JSON.parse(readFileSync(path.join(p, 'benchmark.json'), 'utf8'));
    results.set(bench.full_id, headline(JSON.parse(readFileSync(estimates, 'utf8'))));
  }
  const missing = REQUIRED.filter((r) => !results.has(r.id)).map((r) => r.id);
  if (missing.length) throw new Error(`no fresh criterion result for: ${missing.join('; ')}`);
  const rows = [
    ...REQUIRED,
    ...[...results.keys()].filter((id) => !REQUIRED.some((r) => r.id === id)).sort().map((id) => ({ id, what: '', target: null })),
  ];
  console.log('criterion\'s point estimate (slope, or mean when sampled flat) and its 95 % confidence interval');
  for (const r of rows) {
    const e = results.get(r.id);
    const target = r.target === null ? 'no target set' : `target <= ${fmt(r.target)}`;
    const verdict = r.target === null ? '' : e.point <= r.target ? 'meets' : 'MISSES';
    const figure = `${fmt(e.point)}${e.kind === 'mean' ? ' (mean)' : ''}`;
    console.log(`${r.id.padEnd(48)} ${figure.padStart(16)}  [${fmt(e.lo)} - ${fmt(e.hi)}]`.padEnd(96)
      + `${target.padEnd(20)} ${verdict}`.trimEnd());
    if (r.what) console.log(`  = ${r.what}`);
  }
}

try {
  main();
} catch (e) {
  console.error(`error: ${e.message}`);
  process.exit(1);
}
