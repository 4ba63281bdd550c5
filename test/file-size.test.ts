// STYLE.md: files in src/ stay under about 500 lines, split by concern. Generated files are exempt: the WebAssembly
// modules in base64 (*.wasm.ts) and augmenters/index.ts (scripts/gen-augmenters-index.ts).
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const LIMIT = 500;
const GENERATED = [/\.wasm\.ts$/, /^src\/augmenters\/index\.ts$/];

function filesUnder(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : [join(dir, e.name)],
  );
}

/** Lines as `wc -l` counts them: newline characters, plus a last line without one. */
function lineCount(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) n++;
  return text.length > 0 && !text.endsWith('\n') ? n + 1 : n;
}

describe('source files', () => {
  it('counts lines as wc -l does', () => {
    assert.deepEqual(['', 'a', 'a\n', 'a\nb', 'a\nb\n', '\n\n'].map(lineCount), [0, 1, 1, 2, 2, 2]);
  });

  it(`are at most ${LIMIT} lines each in src/ (generated files aside)`, () => {
    const files = filesUnder('src')
      .map((f) => f.split('\\').join('/'))
      .filter((f) => !GENERATED.some((g) => g.test(f)));
    assert.ok(files.length > 100, `found only ${files.length} files under src/`);
    const over = files
      .map((f) => [f, lineCount(readFileSync(f, 'utf8'))] as const)
      .filter(([, n]) => n > LIMIT)
      .map(([f, n]) => `${f}: ${n} lines`);
    assert.deepEqual(over, [], 'split these by concern (tables, validation, drivers, loops …)');
  });
});
