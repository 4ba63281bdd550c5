// The package's public surface is deliberate: README.md's "Public API" list names exactly what each entry point
// exports, every exported name has a doc comment, and the plumbing stays internal. Read with the TypeScript
// compiler API (test/helpers/public-api.ts), not a build or a TypeDoc run.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { registry } from '../src/augmenters/index.ts';
import { ENTRY_POINTS, entryPointExports } from './helpers/public-api.ts';

const START = '<!-- public-api:start (checked by test/public-api.test.ts) -->';
const END = '<!-- public-api:end -->';

/** README.md's list: entry point → the names on its line (for `augkit`, plus every registered augmenter). */
function readmeList(): Map<string, string[]> {
  const readme = readFileSync(new URL('../README.md', import.meta.url), 'utf8');
  const start = readme.indexOf(START);
  const end = readme.indexOf(END);
  assert.ok(start >= 0 && end > start, `README.md lacks the markers ${START} … ${END}`);
  const out = new Map<string, string[]>();
  for (const line of readme
    .slice(start + START.length, end)
    .trim()
    .split('\n')) {
    const match = /^- `([^`]+)`[^:]*: (.*)$/.exec(line);
    assert.ok(match, `README.md's Public API list: cannot read the line "${line}"`);
    const names = [...match[2].matchAll(/`([^`]+)`/g)].map((m) => m[1]);
    // A namespaced augmenter (pillike.Affine) is exported inside its namespace (pillike).
    if (match[2].includes('every augmenter listed above'))
      names.push(...new Set([...registry.keys()].map((type) => type.split('.')[0])));
    out.set(match[1], names.sort());
  }
  return out;
}

describe('the public API', () => {
  it('is what README.md lists for each entry point', () => {
    const listed = readmeList();
    assert.deepEqual([...listed.keys()].sort(), Object.keys(ENTRY_POINTS).sort(), 'the entry points');
    for (const [entry, names] of entryPointExports()) {
      const exported = names.map((n) => n.name);
      const readme = listed.get(entry) ?? [];
      const missing = exported.filter((n) => !readme.includes(n));
      const gone = readme.filter((n) => !exported.includes(n));
      assert.deepEqual(
        { missing, gone },
        { missing: [], gone: [] },
        `${entry} (${ENTRY_POINTS[entry]}): README.md's Public API list lacks ${missing.join(', ') || 'nothing'} and names ${gone.join(', ') || 'nothing'} it does not export`,
      );
    }
  });

  it('has a doc comment on every exported name (a namespace on each of its names)', () => {
    const undocumented: string[] = [];
    for (const [entry, names] of entryPointExports()) {
      for (const name of names) {
        if (name.documented) continue;
        const members = name.undocumentedMembers;
        undocumented.push(`${entry}: ${name.name}${members.length > 0 ? ` (${members.join(', ')})` : ''}`);
      }
    }
    assert.deepEqual(undocumented, [], `exports without a doc comment:\n${undocumented.join('\n')}`);
  });

  it('keeps the plumbing internal', () => {
    const all = [...entryPointExports().values()].flat();
    const exported = new Set(all.map((n) => n.name));
    for (const name of [
      'registry',
      'definedFactories',
      'setDefaultAugmentPool',
      'encodeIdx',
      'decodeIdxBytes',
      'isGzip',
    ]) {
      assert.ok(!exported.has(name), `${name} is exported`);
    }
    const augmenter = all.find((n) => n.name === 'Augmenter');
    assert.deepEqual(augmenter?.internalMembers, [
      'applyBatchInto',
      'applyUniformBatch',
      'childJSON',
      'childSource',
      'hasOwnSeed',
      'rootSource',
    ]);
  });
});
