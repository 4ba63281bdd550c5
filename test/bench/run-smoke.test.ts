import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';

// A smoke test of `npm run bench`: it runs and writes well-formed JSON. No timing is asserted (the machine is shared).
describe('bench/run.ts', () => {
  it('runs a case and the copy reference in every mode (single, batch, list, workers) without OpenCV and writes their rows as JSON', () => {
    const dir = mkdtempSync(join(tmpdir(), 'augkit-bench-'));
    try {
      const out = join(dir, 'result.json');
      const r = spawnSync(
        process.execPath,
        [
          '--import',
          'tsx',
          'bench/run.ts',
          '--quick',
          '--cases',
          'multiply,copy',
          '--workloads',
          'fmnist',
          '--modes',
          'single,batch,list,workers',
          '--no-opencv',
          '--no-walkthrough',
          '--out',
          out,
        ],
        { encoding: 'utf8', timeout: 120_000 }, // only stops a hung run
      );
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stdout, /\| multiply \| fmnist \| batch \|/);
      const doc = JSON.parse(readFileSync(out, 'utf8'));
      assert.equal(doc.quick, true);
      assert.equal(doc.opencv, null);
      assert.deepEqual(
        doc.rows.map((row: { id: string; workload: string; mode: string }) => [row.id, row.workload, row.mode]),
        [
          ['multiply', 'fmnist', 'single'],
          ['multiply', 'fmnist', 'batch'],
          ['multiply', 'fmnist', 'list'],
          ['multiply', 'fmnist', 'workers'],
          ['copy', 'fmnist', 'single'],
          ['copy', 'fmnist', 'batch'],
          ['copy', 'fmnist', 'list'],
          ['copy', 'fmnist', 'workers'],
        ],
      );
      // The reference row has no target and its 2-worker gain is printed under the table.
      assert.ok(
        doc.rows.filter((row: { id: string }) => row.id === 'copy').every((row: { target?: unknown }) => !row.target),
      );
      assert.match(r.stdout, /copy \(a reference, not an augmenter[^\n]*on fmnist: 2 workers give \d+\.\d\d×/);
      for (const row of doc.rows) {
        assert.ok(row.augkit.median > 0 && row.augkit.min <= row.augkit.median && row.augkit.median <= row.augkit.max);
        assert.equal(row.augkit.repeats, 3);
        assert.ok(row.augkit.msPerCall > 0, `${row.mode}: ${row.augkit.msPerCall} ms per call`);
      }
      assert.ok(doc.notes.some((n: string) => n.includes('--no-opencv')));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
