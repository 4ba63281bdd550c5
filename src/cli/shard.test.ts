import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { UsageError } from './command.ts';
import {
  WHOLE,
  manifestName,
  parseShard,
  shardFromEnvironment,
  shardOfManifestName,
  shardOption,
  shareOf,
} from './shard.ts';

const usage = (pattern: RegExp) => (error: unknown) => error instanceof UsageError && pattern.test(error.message);

describe('shareOf', () => {
  it('gives disjoint shares whose union is every position once, in order, for any length and count', () => {
    fc.assert(
      fc.property(fc.nat(200), fc.integer({ min: 1, max: 50 }), (length, count) => {
        const items = Array.from({ length }, (_, i) => `f${i}`);
        const seen: number[] = [];
        for (let index = 0; index < count; index++) {
          const share = shareOf(items, { index, count, source: 'test' });
          for (const { item, position } of share) {
            assert.equal(item, items[position]);
            assert.equal(position % count, index);
          }
          // Sorted within a share, and balanced: sizes differ by at most one.
          assert.deepEqual(
            share.map((s) => s.position),
            [...share.map((s) => s.position)].sort((a, b) => a - b),
          );
          assert.ok(Math.abs(share.length - length / count) < 1);
          seen.push(...share.map((s) => s.position));
        }
        assert.deepEqual(
          seen.sort((a, b) => a - b),
          items.map((_, i) => i),
        );
      }),
    );
  });

  it('takes every position for the whole run', () => {
    assert.deepEqual(
      shareOf(['a', 'b', 'c'], WHOLE).map((s) => s.position),
      [0, 1, 2],
    );
  });
});

describe('parseShard and shardOption', () => {
  it('parses i/n and refuses what is not a shard', () => {
    assert.deepEqual(parseShard('2/8', 'augment'), { index: 2, count: 8, source: '--shard 2/8' });
    assert.deepEqual(parseShard(' 0 / 1 ', 'augment'), { index: 0, count: 1, source: '--shard 0 / 1' });
    assert.throws(() => parseShard('3/2', 'augment'), usage(/shard 3 of 2 does not exist: .* 0 to 1/));
    assert.throws(() => parseShard('1/1', 'augment'), usage(/counted from 0/));
    assert.throws(() => parseShard('0/0', 'augment'), usage(/shard count must be from 1 to 1000000/));
    for (const bad of ['x', '', '1', '1/', '/2', '-1/2', '1.5/3', '1/2/3', '0x1/2', '99999999999999999999/3']) {
      assert.throws(() => parseShard(bad, 'augment'), usage(/--shard must be i\/n/), bad);
    }
  });

  it('goes without --shard to the whole run, and refuses --shards without --shard auto', () => {
    assert.equal(shardOption(undefined, undefined, {}, 'augment'), WHOLE);
    assert.throws(() => shardOption(undefined, 3, {}, 'augment'), usage(/--shards N goes with --shard auto/));
    assert.throws(() => shardOption('1/3', 3, {}, 'augment'), usage(/not with --shard i\/n/));
    assert.equal(shardOption('auto', 4, { JOB_COMPLETION_INDEX: '3' }, 'augment').index, 3);
  });
});

describe('shardFromEnvironment', () => {
  const auto = (env: Record<string, string>, shards?: number) => shardFromEnvironment(env, shards, 'augment');

  it('reads a Kubernetes Indexed Job, which needs --shards', () => {
    assert.deepEqual(auto({ JOB_COMPLETION_INDEX: '4' }, 5), {
      index: 4,
      count: 5,
      source: 'JOB_COMPLETION_INDEX=4',
    });
    assert.throws(() => auto({ JOB_COMPLETION_INDEX: '4' }), usage(/needs --shards N, the Job's completions/));
    assert.throws(() => auto({ JOB_COMPLETION_INDEX: '5' }, 5), usage(/shard 5 of 5 does not exist/));
    assert.throws(() => auto({ JOB_COMPLETION_INDEX: 'two' }, 5), usage(/JOB_COMPLETION_INDEX must be a whole number/));
  });

  it('reads a Slurm job array, 0-based whatever its first index and step', () => {
    assert.deepEqual(auto({ SLURM_ARRAY_TASK_ID: '2', SLURM_ARRAY_TASK_COUNT: '3' }), {
      index: 2,
      count: 3,
      source: 'SLURM_ARRAY_TASK_ID=2',
    });
    // --array=1-8
    const base = { SLURM_ARRAY_TASK_MIN: '1', SLURM_ARRAY_TASK_COUNT: '8' };
    assert.equal(auto({ ...base, SLURM_ARRAY_TASK_ID: '1' }).index, 0);
    assert.equal(auto({ ...base, SLURM_ARRAY_TASK_ID: '8' }).index, 7);
    // --array=10-40:10 → 10, 20, 30, 40
    const stepped = { SLURM_ARRAY_TASK_MIN: '10', SLURM_ARRAY_TASK_STEP: '10', SLURM_ARRAY_TASK_COUNT: '4' };
    assert.equal(auto({ ...stepped, SLURM_ARRAY_TASK_ID: '30' }).index, 2);
    assert.throws(() => auto({ ...stepped, SLURM_ARRAY_TASK_ID: '25' }), usage(/is not in the array/));
    assert.throws(() => auto({ SLURM_ARRAY_TASK_ID: '0' }), usage(/needs SLURM_ARRAY_TASK_COUNT or --shards N/));
    assert.equal(auto({ SLURM_ARRAY_TASK_ID: '0' }, 2).count, 2);
    assert.throws(
      () => auto({ SLURM_ARRAY_TASK_ID: '0', SLURM_ARRAY_TASK_COUNT: '3' }, 4),
      usage(/--shards 4 disagrees with SLURM_ARRAY_TASK_COUNT=3/),
    );
  });

  it('reads an AWS Batch array job, which needs --shards', () => {
    assert.deepEqual(auto({ AWS_BATCH_JOB_ARRAY_INDEX: '0' }, 2), {
      index: 0,
      count: 2,
      source: 'AWS_BATCH_JOB_ARRAY_INDEX=0',
    });
    assert.throws(() => auto({ AWS_BATCH_JOB_ARRAY_INDEX: '0' }), usage(/an AWS Batch array job\) needs --shards N/));
  });

  it('prefers Kubernetes, then Slurm, then AWS Batch, and names all three when none is set', () => {
    const all = { JOB_COMPLETION_INDEX: '1', SLURM_ARRAY_TASK_ID: '2', AWS_BATCH_JOB_ARRAY_INDEX: '3' };
    assert.equal(auto(all, 4).source, 'JOB_COMPLETION_INDEX=1');
    assert.equal(auto({ ...all, JOB_COMPLETION_INDEX: '' }, 4).source, 'SLURM_ARRAY_TASK_ID=2');
    assert.throws(
      () => auto({ OTHER: '1' }, 4),
      usage(/none of JOB_COMPLETION_INDEX, SLURM_ARRAY_TASK_ID, AWS_BATCH_JOB_ARRAY_INDEX is set/),
    );
  });
});

describe('manifest names', () => {
  it('name a whole run manifest.jsonl and shard i of n manifest-i-of-n.jsonl, and read back', () => {
    assert.equal(manifestName(WHOLE), 'manifest.jsonl');
    assert.equal(manifestName({ index: 2, count: 8 }), 'manifest-2-of-8.jsonl');
    assert.deepEqual(shardOfManifestName('manifest-2-of-8.jsonl'), { index: 2, count: 8 });
    assert.deepEqual(shardOfManifestName('manifest.jsonl'), { index: 0, count: 1 });
    for (const other of ['manifest-8-of-8.jsonl', 'manifest-1-of-2.json', 'a_0.png', 'manifest-x-of-2.jsonl']) {
      assert.equal(shardOfManifestName(other), undefined, other);
    }
  });
});
