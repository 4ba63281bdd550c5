// Builds the playground's scripts with esbuild (a dev dependency already used by the browser and package tests; it
// bundles TypeScript for the browser in well under a second, so the page needs no other build tool):
// - from the sources, for `npm run playground` in a clone: `augkit` is bundled from src/index.ts, in memory;
// - for the package (`npm run build`): `augkit` stays an import of the package's own dist/index.js, so the page adds
//   only its own code to the package, not a second copy of the library.
// The page imports nothing but `augkit`'s public entry point, as any user's app would.
import { copyFileSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'esbuild';

const HERE = new URL('.', import.meta.url).pathname;
const ROOT = join(HERE, '..');

/** The page's static files (beside the scripts): the page, its style and the samples. */
export const STATIC_FILES = ['index.html', 'style.css'];
export const SAMPLES_DIR = join(HERE, 'samples');
export const PLAYGROUND_DIR = HERE;

/**
 * The page's script (main.js), its worker (worker.js) and their shared chunks, as file name → text. `augkit` is
 * 'source' (bundled from src/) or 'dist' (imported from `../index.js`, the package's dist/index.js).
 */
export async function buildScripts({ augkit = 'source', minify = false } = {}) {
  const resolveAugkit = {
    name: 'augkit',
    setup(b) {
      b.onResolve({ filter: /^augkit$/ }, () =>
        augkit === 'dist' ? { path: '../index.js', external: true } : { path: join(ROOT, 'src/index.ts') },
      );
    },
  };
  const result = await build({
    entryPoints: { main: join(HERE, 'src/main.ts'), worker: join(HERE, 'src/worker.ts') },
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outdir: '/playground-out',
    write: false,
    minify,
    legalComments: 'none',
    logLevel: 'silent',
    plugins: [resolveAugkit],
  });
  const files = new Map();
  for (const file of result.outputFiles) files.set(file.path.slice('/playground-out/'.length), file.text);
  return files;
}

/** Writes the built playground (scripts importing `../index.js`, page, style, samples) into `dir` (dist/playground). */
export async function writePlayground(dir) {
  mkdirSync(join(dir, 'samples'), { recursive: true });
  for (const [name, text] of await buildScripts({ augkit: 'dist', minify: true })) writeFileSync(join(dir, name), text);
  for (const name of STATIC_FILES) copyFileSync(join(HERE, name), join(dir, name));
  for (const name of readdirSync(SAMPLES_DIR)) copyFileSync(join(SAMPLES_DIR, name), join(dir, 'samples', name));
}
