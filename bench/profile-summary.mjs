// Summarises a V8 .cpuprofile: self time by package (or "(garbage collector)", "(program)", "(idle)").
import fs from 'node:fs';

const profile = JSON.parse(fs.readFileSync(process.argv[2], 'utf8'));
const byId = new Map(profile.nodes.map((n) => [n.id, n]));
const self = new Map();
const deltas = profile.timeDeltas;
for (let i = 0; i < profile.samples.length; i++) {
  const node = byId.get(profile.samples[i]);
  self.set(node.id, (self.get(node.id) ?? 0) + (deltas[i] ?? 0));
}
const group = (node) => {
  const { url, functionName } = node.callFrame;
  if (!url) return functionName || '(native)';
  const m = url.match(/node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (m) return m[1];
  if (url.startsWith('node:')) return url;
  const src = url.match(/\/(src|bench|test)\/(.*)$/);
  return src ? `${src[1]}/${src[2].split('/').slice(0, 2).join('/')}` : url;
};
const totals = new Map();
const functions = new Map();
let all = 0;
let idle = 0;
for (const [id, us] of self) {
  const node = byId.get(id);
  const g = group(node);
  if (g === '(idle)') idle += us;
  all += us;
  totals.set(g, (totals.get(g) ?? 0) + us);
  const f = `${g} ${node.callFrame.functionName || '(anonymous)'}`;
  functions.set(f, (functions.get(f) ?? 0) + us);
}
const busy = all - idle;
console.log(`busy ${(busy / 1e3).toFixed(0)} ms of ${(all / 1e3).toFixed(0)} ms sampled`);
const top = (map, n) => [...map].filter(([k]) => k !== '(idle)').sort((a, b) => b[1] - a[1]).slice(0, n);
for (const [g, us] of top(totals, 18)) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${g}`);
console.log('--- functions');
for (const [f, us] of top(functions, 25)) console.log(`${((100 * us) / busy).toFixed(1).padStart(5)}%  ${f}`);
