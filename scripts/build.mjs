// `npm run build` (and `prepack`): compiles src/ (tests aside) to dist/ as ES modules with `.d.ts` files and source
// maps, by tsconfig.build.json. tsc rewrites the sources' relative `./x.ts` imports to `./x.js` in the JavaScript
// (rewriteRelativeImportExtensions) but leaves them as `.ts` in the declarations: TypeScript 5 finds the `.d.ts`
// behind them, but TypeScript 4 rejects a `.ts` extension in an import (TS2691), so this script rewrites the
// declarations' relative specifiers to `.js` too (test/package.test.ts checks the installed package for them). dist/ is removed first: a file
// deleted from src/ must not linger in the package. Last, it builds the playground into dist/playground.
import { spawnSync } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { writePlayground } from '../playground/build.mjs';

const ROOT = new URL('..', import.meta.url).pathname;
const DIST = join(ROOT, 'dist');

rmSync(DIST, { recursive: true, force: true });
const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.build.json'], {
  cwd: ROOT,
  stdio: 'inherit',
});
if (tsc.status !== 0) process.exit(tsc.status ?? 1);

/** Every file under `dir` whose name ends with `suffix`. */
function filesUnder(dir, suffix, out = []) {
  for (const name of readdirSync(dir)) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) filesUnder(path, suffix, out);
    else if (name.endsWith(suffix)) out.push(path);
  }
  return out;
}

// `from './x.ts'`, `import('./x.ts')` and `import './x.ts'` with a relative path: the only forms tsc writes.
const RELATIVE_TS = /((?:from|import)\s*\(?\s*['"])(\.{1,2}\/[^'"]*?)\.ts(['"])/g;
let rewritten = 0;
for (const path of filesUnder(DIST, '.d.ts')) {
  const text = readFileSync(path, 'utf8');
  const out = text.replace(RELATIVE_TS, (_, head, specifier, tail) => {
    rewritten++;
    return `${head}${specifier}.js${tail}`;
  });
  if (out !== text) writeFileSync(path, out);
}
const left = filesUnder(DIST, '.d.ts').filter((path) => /['"]\.{1,2}\/[^'"]*\.ts['"]/.test(readFileSync(path, 'utf8')));
if (left.length > 0) {
  console.error(`build: relative .ts specifiers left in ${left.join(', ')}`);
  process.exit(1);
}
// The playground for `augkit playground` (its scripts import dist/index.js rather than bundling the library again).
await writePlayground(join(DIST, 'playground'));
console.log(
  `build: dist/ written (${rewritten} declaration imports pointed at .js), the playground in dist/playground`,
);
