import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';

/** What {@link bailoutsOf} read from V8's `--trace-deopt` output of a script. */
export interface Bailouts {
  /** The control function (optimised for numbers, then given a string) bailed out: the trace was read. */
  readonly controlSeen: boolean;
  /**
   * Code of the watched files' functions that bailed out at the same place more than once:
   * `name (opt id N, offset B)` and the count.
   */
  readonly repeated: readonly (readonly [string, number])[];
}

/**
 * Runs the ES module `code` (imports relative to the project's root) in a new Node process under `--trace-deopt`
 * and reports the bailouts that repeat. One compiled code object bailing out again and again at one place is V8
 * giving up on code it keeps running: a long loop compiled in its middle (on-stack replacement) had no type
 * feedback for the code after it, so that code bailed out there on every call (see the word loops in
 * src/kernels/lut.ts). A control function bails out once on purpose (optimised for numbers, then given a string),
 * so that a change in the trace's format fails the test instead of passing it. Only functions declared in `files`
 * (paths from the project's root) are watched: the loader's own code (tsx, source maps) bails out repeatedly too.
 */
export function bailoutsOf(code: string, files: readonly string[]): Bailouts {
  const watched = new Set<string>();
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(/function\s+(\w+)/g)) watched.add(m[1]);
  }
  // Optimised on the spot (V8's natives syntax), so that its bailout does not wait for a background compile.
  const control = `
    function control(x) { return x + 1; }
    %PrepareFunctionForOptimization(control);
    control(1);
    control(2);
    %OptimizeFunctionOnNextCall(control);
    control(3);
    console.log(control('once'));`;
  const r = spawnSync(
    process.execPath,
    ['--trace-deopt', '--allow-natives-syntax', '--import', 'tsx', '--input-type=module', '-e', `${code}\n${control}`],
    { encoding: 'utf8', maxBuffer: 64 << 20 },
  );
  if (r.status !== 0) throw new Error(`the script failed (status ${r.status}):\n${r.stderr}`);
  const counts = new Map<string, number>();
  let controlSeen = false;
  for (const m of r.stdout.matchAll(/\[bailout [^\n]*?<JSFunction (\S+)[^\n]*?opt id (\d+), bytecode offset (\d+)/g)) {
    if (m[1] === 'control') controlSeen = true;
    if (!watched.has(m[1])) continue;
    const key = `${m[1]} (opt id ${m[2]}, offset ${m[3]})`;
    counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return {
    controlSeen,
    repeated: [...counts].filter(([, n]) => n >= 2),
  };
}
