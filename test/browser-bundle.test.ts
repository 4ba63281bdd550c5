// The `augkit` entry must run in browsers: bundle it for the browser and fail on any Node built-in, tfjs or sharp.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { build } from 'esbuild';
import { KERNELS_SHARED_WASM, KERNELS_WASM } from '../src/kernels/wasm/kernels.wasm.ts';

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
    // The kernels' own build is in, the shared build of the kernel heap (Node's worker pool) is not: 114 KB less.
    // (The two builds begin alike: each is recognised by pieces the other lacks.)
    assert.ok(code.includes(pieceNotIn(KERNELS_WASM, KERNELS_SHARED_WASM)), 'the WebAssembly kernels are missing');
    assert.ok(
      !code.includes(pieceNotIn(KERNELS_SHARED_WASM, KERNELS_WASM)),
      'the bundle carries the kernel heap build',
    );
  });
});

/** A 200-character piece of `text` that `other` does not contain. */
function pieceNotIn(text: string, other: string): string {
  for (let at = 0; at + 200 <= text.length; at += 100) {
    const piece = text.slice(at, at + 200);
    if (!other.includes(piece)) return piece;
  }
  throw new Error('no piece of the text is missing from the other');
}
