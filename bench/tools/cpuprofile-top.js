// Self time of a .cpuprofile (from node --cpu-prof) by package, by file and by function.
//   node bench/tools/cpuprofile-top.js <file.cpuprofile> [top=30] [inclusive-filter]
// With a filter (a substring of a script URL, e.g. dist/ or axios/lib), also prints the inclusive
// (self + callees, synchronous stack only) time of the matching functions.
import { readFileSync } from 'node:fs';

const file = process.argv[2];
const top = Number(process.argv[3] ?? 30);
const filter = process.argv[4];
const profile = JSON.parse(readFileSync(file, 'utf8'));

const byId = new Map(profile.nodes.map((node) => [node.id, node]));
const selfUs = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const id = profile.samples[i];
  selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i] ?? 0));
}
const total = [...selfUs.values()].reduce((a, b) => a + b, 0);

function where(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) {
    const rest = url.slice(nm + 'node_modules/'.length).split('/');
    return rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0];
  }
  if (url.startsWith('node:')) return 'node internals';
  if (url.includes('/dist/')) return 'nestjs-playlyfe (dist)';
  if (url.includes('/bench/')) return 'bench';
  return url;
}

/** A script's path from its package (`axios/lib/core/Axios.js`) or from dist/ (`lib/...`). */
function fileOf(url) {
  if (!url) return '(native)';
  const nm = url.lastIndexOf('node_modules/');
  if (nm !== -1) return url.slice(nm + 'node_modules/'.length);
  const dist = url.indexOf('/dist/esm/');
  if (dist !== -1) return `lib/${url.slice(dist + '/dist/esm/'.length)}`;
  return url.startsWith('node:') ? url : url.split('/').slice(-2).join('/');
}

const functions = new Map();
const packages = new Map();
const files = new Map();
for (const [id, us] of selfUs) {
  const { callFrame } = byId.get(id);
  const short = callFrame.url.split('/').slice(-2).join('/');
  const key = `${callFrame.functionName || '(anonymous)'}  ${short}:${callFrame.lineNumber + 1}`;
  functions.set(key, (functions.get(key) ?? 0) + us);
  const pkg = where(callFrame.url);
  packages.set(pkg, (packages.get(pkg) ?? 0) + us);
  const file = fileOf(callFrame.url);
  files.set(file, (files.get(file) ?? 0) + us);
}

const show = (map, limit) =>
  [...map]
    .sort((a, b) => b[1] - a[1])
    .slice(0, limit)
    .map(([key, us]) => `${((us / total) * 100).toFixed(1).padStart(5)}%  ${key}`)
    .join('\n');

process.stdout.write(
  `Self time by package (${(total / 1e6).toFixed(2)} s sampled):\n${show(packages, 15)}\n\n`,
);
process.stdout.write(`Top ${top} files by self time:\n${show(files, top)}\n\n`);
process.stdout.write(`Top ${top} functions by self time:\n${show(functions, top)}\n`);

if (filter) {
  const parent = new Map();
  for (const node of profile.nodes)
    for (const child of node.children ?? []) parent.set(child, node.id);
  const label = (node) => {
    const { functionName, url, lineNumber } = node.callFrame;
    return `${functionName || '(anonymous)'}  ${url.split('/').slice(-2).join('/')}:${lineNumber + 1}`;
  };
  const inclusive = new Map();
  for (const [id, us] of selfUs) {
    const seen = new Set();
    for (let at = id; at !== undefined; at = parent.get(at)) {
      const node = byId.get(at);
      if (!node.callFrame.url.includes(filter)) continue;
      const key = label(node);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  process.stdout.write(`\nInclusive time of functions in ${filter}:\n${show(inclusive, top)}\n`);
}
