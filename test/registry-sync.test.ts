// The files that come from the augmenter definitions must match them: src/augmenters/index.ts (the one list),
// the README's augmenter list and docs/augmenters.md.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { REGENERATE, findAugmenters, generatedFiles } from '../scripts/augmenter-list.ts';
import { registry } from '../src/augmenters/index.ts';
import * as iaa from '../src/index.ts';

describe('the registry as the one list', () => {
  it('keeps the generated index, the README list and docs/augmenters.md in sync with the definitions', async () => {
    for (const { path, content } of await generatedFiles()) {
      assert.ok(
        readFileSync(path, 'utf8') === content,
        `${path} is out of date with the definitions: run ${REGENERATE}`,
      );
    }
  });

  it('registers every augmenter defined under src/augmenters, by its export name (namespace.Name in a namespace)', () => {
    const found = findAugmenters();
    const names = found.map((a) => a.type);
    assert.ok(names.length >= 27, `found ${names.length} definitions`);
    assert.deepEqual([...registry.keys()].sort(), [...names].sort());
    for (const name of names) assert.equal(registry.get(name)?.definition.type, name, `${name}'s type`);
    for (const a of found) {
      assert.equal(a.type, a.namespace ? `${a.namespace}.${a.name}` : a.name);
      const top = iaa as unknown as Record<string, Record<string, { definition?: unknown }>>;
      const factory = a.namespace ? top[a.namespace][a.name] : top[a.name];
      assert.equal(factory?.definition, registry.get(a.type)?.definition, a.type);
    }
    assert.ok(
      names.includes('pillike.FilterBlur') && !names.includes('FilterBlur'),
      'pillike.* live in their namespace',
    );
  });

  it('documents every option of every augmenter with a type and a doc sentence', () => {
    for (const entry of registry.values()) {
      for (const [key, def] of Object.entries(entry.definition.options)) {
        assert.ok(
          def.meta.type.length > 0 && def.meta.doc.endsWith('.'),
          `${entry.type}.${key}: ${JSON.stringify(def.meta)}`,
        );
      }
    }
  });
});
