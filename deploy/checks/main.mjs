// node main.mjs REPO RENDERED [--self-test]
// RENDERED holds k8s-<overlay>.yaml and kafka-<overlay>.yaml (kubectl kustomize output, deploy/check).
// Every object must pass its schema (schema.mjs) and every pair our rules (rules.mjs); exit 1 otherwise.
// --self-test instead breaks the production pair in memory, one way at a time, and exits 1 unless each
// breakage is reported by the check that should catch it.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseAllDocuments } from 'yaml';
import { repoFacts } from './repo.mjs';
import { ruleProblems } from './rules.mjs';
import { schemaProblems } from './schema.mjs';
import { BREAKAGES } from './breakages.mjs';

const [root, rendered, mode] = process.argv.slice(2);
const repo = repoFacts(root);

function load(file) {
  return parseAllDocuments(readFileSync(join(rendered, file), 'utf8')).map((d) => d.toJS()).filter(Boolean);
}

async function problemsOf(pair) {
  const problems = [];
  for (const object of [...pair.k8s, ...pair.kafka]) {
    for (const p of await schemaProblems(object)) {
      problems.push(`[schema] ${object.kind} ${object.metadata?.name}: ${p}`);
    }
  }
  return problems.concat(ruleProblems({ ...pair, repo }));
}

const overlays = readdirSync(rendered).filter((f) => f.startsWith('k8s-')).map((f) => f.slice(4, -5)).sort();
if (overlays.length === 0) {
  console.error(`no rendered overlays in ${rendered}`);
  process.exit(1);
}
const pairs = Object.fromEntries(overlays.map((o) => [o, { k8s: load(`k8s-${o}.yaml`), kafka: load(`kafka-${o}.yaml`) }]));

let failed = false;
if (mode === '--self-test') {
  for (const { what, expect, breakIt } of BREAKAGES) {
    const pair = structuredClone(pairs.production);
    breakIt(pair);
    const problems = await problemsOf(pair);
    const caught = problems.some((p) => p.includes(expect));
    failed ||= !caught;
    console.log(`${caught ? 'rejected' : 'NOT REJECTED'}: ${what}${caught ? '' : `\n  expected a problem containing "${expect}", got:\n  ${problems.join('\n  ') || '(none)'}`}`);
  }
} else {
  for (const [overlay, pair] of Object.entries(pairs)) {
    const problems = await problemsOf(pair);
    failed ||= problems.length > 0;
    console.log(`${overlay}: ${pair.k8s.length} + ${pair.kafka.length} objects, ${problems.length ? `${problems.length} problems` : 'valid, every rule holds'}`);
    problems.forEach((p) => console.log(`  ${p}`));
  }
}
process.exit(failed ? 1 : 0);
