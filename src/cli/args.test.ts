import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type ParsedArgs, UsageError, workersOption } from './command.ts';
import { main } from './main.ts';

/** Runs `main` in this process with captured streams. */
async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const io = {
    stdout: {
      write: (t: string) => {
        stdout += t;
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    stderr: {
      write: (t: string) => {
        stderr += t;
        return true;
      },
    } as unknown as NodeJS.WritableStream,
    cwd: process.cwd(),
  };
  const code = await main(argv, io);
  return { code, stdout, stderr };
}

describe('command-line numbers', () => {
  it('reads a negative number after an option as its value, and checks its range', async () => {
    const seed = await run(['grid', 'x.png', '--preset', 'light', '--out', 'g.png', '--seed', '-5']);
    assert.equal(seed.code, 2);
    assert.match(seed.stderr, /--seed must be an integer from 0 to \d+; received "-5"/);
    const short = await run(['augment', 'x', '--out', 'o', '-w', '-1']);
    assert.equal(short.code, 2);
    assert.match(short.stderr, /--workers must be an integer from 1 to 256; received "-1"/);
    // A dash-number that follows no option is not taken for a value: parseArgs says how to pass it.
    const positional = await run(['grid', '-5', '--preset', 'light', '--out', 'g.png']);
    assert.equal(positional.code, 2);
    assert.match(positional.stderr, /Unknown option '-5'.*after '--'/);
  });

  it('caps thread counts at the cores unless --force-workers is given', () => {
    const args = (values: ParsedArgs['values']): ParsedArgs => ({ values, positionals: [] });
    assert.equal(workersOption(args({ workers: '2' }), 'workers', 1, 1, 256, 'augment', 2), 2);
    assert.throws(
      () => workersOption(args({ workers: '3' }), 'workers', 1, 1, 256, 'augment', 2),
      (e: Error) => e instanceof UsageError && /--workers 3 is more than the 2 cores .*--force-workers/.test(e.message),
    );
    assert.equal(workersOption(args({ workers: '3', 'force-workers': true }), 'workers', 1, 1, 256, 'augment', 2), 3);
    assert.throws(() => workersOption(args({ workers: '300', 'force-workers': true }), 'workers', 1, 1, 256, 'a', 2));
  });

  it('refuses --workers beyond the cores of this machine on the command line', async () => {
    const r = await run(['augment', 'x', '--out', 'o', '--workers', '256']);
    assert.equal(r.code, 2);
    assert.match(r.stderr, /--workers 256 is more than the \d+ cores? of this machine/);
  });
});
