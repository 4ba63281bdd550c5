import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../../', import.meta.url).pathname;
const here = join(root, 'src/kernels/wasm');

/** The generated modules in `dir` (every family's, the shared build and the layout): `*.wasm.ts`. */
const generated = (dir: string): string[] =>
  readdirSync(dir)
    .filter((name) => name.endsWith('.wasm.ts'))
    .sort();

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The compiler line recorded in the committed modules, and the installed clang's (undefined when missing). */
function compilers(): { recorded: string | undefined; installed: string | undefined } {
  const text = readFileSync(join(here, 'layout.wasm.ts'), 'utf8');
  const recorded = /^\/\/ Compiler: (.*)$/m.exec(text)?.[1];
  let installed: string | undefined;
  try {
    installed = execFileSync('clang', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    installed = undefined;
  }
  return { recorded, installed };
}

describe('the generated WebAssembly modules (src/kernels/wasm/*.wasm.ts)', () => {
  const missing = ['clang', 'wasm-ld', 'llvm-nm'].filter((tool) => !has(tool));
  const { recorded, installed } = compilers();
  let skip: string | false = false;
  if (missing.length > 0) skip = `needs ${missing.join(' and ')} (apt-get install -y clang lld llvm)`;
  // Another compiler version may emit other (equally correct) bytes: the check compares like with like only.
  else if (installed !== recorded)
    skip = `needs the compiler that built it (${recorded}); this machine has ${installed}`;
  if (skip) console.log(`# skipped: the WebAssembly rebuild check ${skip}`);

  it('are what scripts/build-wasm.sh builds from wasm/*.c (the committed modules are not stale)', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'augkit-wasm-'));
    try {
      execFileSync(join(root, 'scripts/build-wasm.sh'), [dir], { stdio: 'ignore' });
      const fix = 'run scripts/build-wasm.sh and commit src/kernels/wasm/*.wasm.ts';
      assert.deepEqual(generated(here), generated(dir), fix);
      for (const name of generated(dir)) {
        assert.equal(readFileSync(join(dir, name), 'utf8'), readFileSync(join(here, name), 'utf8'), `${name}: ${fix}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
