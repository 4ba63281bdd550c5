// The `augkit` entry must run in browsers: bundle it for the browser and fail on any Node built-in, tfjs or sharp.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { SHARED_WASM } from '../src/kernels/wasm/shared.wasm.ts';
import { familyModules, pieceNotIn } from './helpers/wasm-modules.ts';

describe('browser bundle of augkit', () => {
  it('bundles src/index.ts for the browser without Node built-ins, tfjs or sharp', async () => {
    const forbidden: string[] = [];
    const result = await build({
      entryPoints: ['src/index.ts'],
      bundle: true,
      platform: 'browser',
      format: 'esm',
      write: false,
      logLevel: 'silent',
      plugins: [
        {
          name: 'forbid',
          setup(b) {
            b.onResolve({ filter: /^(node:|@tensorflow\/|sharp$|vega)/ }, (args) => {
              forbidden.push(`${args.path} (imported by ${args.importer})`);
              return { path: args.path, external: true };
            });
            b.onResolve(
              { filter: /^(fs|path|os|child_process|worker_threads|url|zlib|crypto|stream|util)$/ },
              (args) => {
                forbidden.push(`${args.path} (imported by ${args.importer})`);
                return { path: args.path, external: true };
              },
            );
          },
        },
      ],
    });
    assert.deepEqual(forbidden, []);
    assert.equal(result.errors.length, 0);
    const code = result.outputFiles[0].text;
    assert.ok(code.includes('Multiply'), 'the bundle does not contain the augmenters');
    // Every family's own module is in, the shared build of the kernel heap (Node's worker pool) is not: 138 KB less.
    // (The two builds begin alike: each is recognised by pieces the other lacks.)
    const modules = familyModules();
    assert.deepEqual([...modules.keys()].sort(), Object.keys(SHARED_WASM).sort());
    for (const [family, base64] of modules) {
      assert.ok(code.includes(pieceNotIn(base64, SHARED_WASM[family])), `the ${family} kernels are missing`);
      assert.ok(
        !code.includes(pieceNotIn(SHARED_WASM[family], base64)),
        `the bundle carries the kernel heap build of ${family}`,
      );
    }
  });
});
