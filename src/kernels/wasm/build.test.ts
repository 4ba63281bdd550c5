import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

const root = new URL('../../../', import.meta.url).pathname;

function has(tool: string): boolean {
  try {
    execFileSync('sh', ['-c', `command -v ${tool}`], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

/** The compiler line recorded in the committed module, and the installed clang's (undefined when missing). */
function compilers(): { recorded: string | undefined; installed: string | undefined } {
  const text = readFileSync(join(root, 'src/kernels/wasm/kernels.wasm.ts'), 'utf8');
  const recorded = /^\/\/ Compiler: (.*)$/m.exec(text)?.[1];
  let installed: string | undefined;
  try {
    installed = execFileSync('clang', ['--version'], { encoding: 'utf8' }).split('\n')[0];
  } catch {
    installed = undefined;
  }
  return { recorded, installed };
}

describe('kernels.wasm.ts', () => {
  const missing = ['clang', 'wasm-ld', 'llvm-nm'].filter((tool) => !has(tool));
  const { recorded, installed } = compilers();
  let skip: string | false = false;
  if (missing.length > 0) skip = `needs ${missing.join(' and ')} (apt-get install -y clang lld llvm)`;
  // Another compiler version may emit other (equally correct) bytes: the check compares like with like only.
  else if (installed !== recorded)
    skip = `needs the compiler that built it (${recorded}); this machine has ${installed}`;
  if (skip) console.log(`# skipped: the WebAssembly rebuild check ${skip}`);

  it('is what scripts/build-wasm.sh builds from wasm/*.c (the committed module is not stale)', { skip }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'augkit-wasm-'));
    try {
      const out = join(dir, 'kernels.wasm.ts');
      execFileSync(join(root, 'scripts/build-wasm.sh'), [out], { stdio: 'ignore' });
      assert.equal(
        readFileSync(out, 'utf8'),
        readFileSync(join(root, 'src/kernels/wasm/kernels.wasm.ts'), 'utf8'),
        'run scripts/build-wasm.sh and commit src/kernels/wasm/kernels.wasm.ts',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
