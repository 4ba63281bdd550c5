// The playground's pipeline model in Node: the catalogue mirrors the registry, the tree round-trips every registered
// augmenter's JSON, the TypeScript it writes builds the same augmenter (test/package.test.ts type-checks it against the
// installed package), and the URL hash holds a nested pipeline.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { loadCatalogue } from '../../playground/src/catalogue.ts';
import {
  PathError,
  hashOf,
  locate,
  nodeFromSpec,
  parseValue,
  specFromHash,
  specOf,
  toTypeScript,
} from '../../playground/src/pipeline.ts';
import { registry } from '../../src/augmenters/index.ts';
import * as iaa from '../../src/index.ts';
import { NESTED_PIPELINE } from './page.ts';

const catalogue = loadCatalogue(iaa);

/** Every registered augmenter's examples as pipeline JSON. */
const EXAMPLES = [...registry.values()].flatMap((entry) =>
  entry.definition.examples.map((options) => ({ type: entry.type, ...options }) as Record<string, unknown>),
);

const NESTED = NESTED_PIPELINE;

/** What `fromJSON` makes of a spec, as JSON: the form two specs must share to build the same augmenter. */
const canonical = (spec: unknown) => iaa.fromJSON(spec).toJSON();

/** The augmenter the generated TypeScript builds (run as JavaScript with `iaa` in scope). */
function runTypeScript(code: string): iaa.Augmenter {
  const body = code.replace(/^import .*\n/m, '').replace('export const aug =', 'return');
  return new Function('iaa', body)(iaa) as iaa.Augmenter;
}

describe('the playground’s catalogue', () => {
  it('lists every registered augmenter with the options of its definition', () => {
    assert.deepEqual([...catalogue.keys()].sort(), [...registry.keys()].sort());
    for (const [type, info] of catalogue) {
      assert.deepEqual(
        info.options.map((o) => o.name),
        registry.get(type)?.keys,
        type,
      );
    }
  });

  it('shows children, then and else as lists of augmenters, and no other option', () => {
    const holders = [...catalogue.values()].flatMap((info) =>
      info.options.filter((o) => o.holds).map((o) => `${info.type}.${o.name}:${o.holds}`),
    );
    assert.deepEqual(holders.sort(), [
      ...[
        'BlendAlpha',
        'BlendAlphaCheckerboard',
        'BlendAlphaElementwise',
        'BlendAlphaFrequencyNoise',
        'BlendAlphaHorizontalLinearGradient',
        'BlendAlphaMask',
        'BlendAlphaRegularGrid',
        'BlendAlphaSimplexNoise',
        'BlendAlphaVerticalLinearGradient',
      ].flatMap((type) => [`${type}.background:branch`, `${type}.foreground:branch`]),
      'KeepSizeByResize.children:list',
      'OneOf.children:list',
      'Sequential.children:list',
      'SomeOf.children:list',
      'Sometimes.else:branch',
      'Sometimes.then:branch',
      'WithChannels.children:list',
      'WithColorspace.children:list',
      'WithHueAndSaturation.children:list',
    ]);
  });
});

describe('the playground’s pipeline tree', () => {
  it('gives back the JSON of every registered augmenter’s example and of a nested pipeline', () => {
    for (const spec of [...EXAMPLES, NESTED]) {
      const back = specOf(nodeFromSpec(spec, catalogue), catalogue);
      assert.deepEqual(back, spec, JSON.stringify(spec));
    }
  });

  it('keeps a branch of one given as a list a list (then: [a] runs a in a Sequential, which draws differently)', () => {
    const listed = { type: 'Sometimes', p: 0.5, then: [{ type: 'Multiply', mul: [0.5, 1.5] }] };
    const single = { type: 'Sometimes', p: 0.5, then: { type: 'Multiply', mul: [0.5, 1.5] } };
    assert.deepEqual(specOf(nodeFromSpec(listed, catalogue), catalogue), listed);
    assert.deepEqual(specOf(nodeFromSpec(single, catalogue), catalogue), single);
  });

  it('reads a field as JSON, a bare word as a name, an empty field as the default, and names the path of anything else', () => {
    assert.deepEqual(parseValue(' [-30, 30] ', 'rotate'), [-30, 30]);
    assert.equal(parseValue('edge', 'mode'), 'edge');
    assert.equal(parseValue('  ', 'mode'), undefined);
    assert.throws(
      () => parseValue('[1, 2', 'children[1].rotate'),
      (e: unknown) =>
        e instanceof PathError && e.path === 'children[1].rotate' && /not a JSON value: \[1, 2/.test(e.message),
    );
  });

  it('finds the node and option a library error’s JSON path names', () => {
    const root = nodeFromSpec(NESTED, catalogue);
    const paths = new Map();
    specOf(root, catalogue, '', paths);
    const spec = { ...NESTED, children: [...NESTED.children] };
    spec.children[1] = { type: 'GaussianBlur', sigma: [3, 1] } as never;
    let path = '';
    try {
      iaa.fromJSON(spec);
    } catch (error) {
      path = (error as iaa.SpecError).path;
    }
    assert.equal(path, 'children[1].sigma');
    const found = locate(paths, path);
    assert.equal(found.node, root.slots.children[1]);
    assert.equal(found.option, 'sigma');
    const deep = locate(paths, 'children[0].then.children[1].rotate.normal[1]');
    assert.equal(deep.node, root.slots.children[0].slots.then[0].slots.children[1]);
    assert.equal(deep.option, 'rotate');
    assert.deepEqual(locate(paths, 'children[0].else[0].n'), {
      node: root.slots.children[0].slots.else[0],
      option: 'n',
    });
  });
});

describe('the playground’s TypeScript', () => {
  it('builds the augmenter of the JSON, for every registered augmenter’s example and a nested pipeline', () => {
    for (const spec of [...EXAMPLES, NESTED]) {
      const code = toTypeScript(spec, catalogue);
      assert.deepEqual(runTypeScript(code).toJSON(), canonical(spec), code);
    }
  });
});

describe('the playground’s URL hash', () => {
  it('round-trips a nested pipeline, quotes and hashes in names included', () => {
    const hash = hashOf(NESTED);
    assert.match(hash, /^#pipeline=[^#\s]*$/);
    assert.deepEqual(specFromHash(hash), NESTED);
    assert.equal(specFromHash('#other=1'), undefined);
  });

  it('reports a hash that holds no JSON', () => {
    assert.throws(() => specFromHash('#pipeline=%7B%22type'), /the URL's pipeline is not valid JSON/);
  });
});
