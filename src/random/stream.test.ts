import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { RandomSource, RandomStream, checkSeed, seedToKey } from './stream.ts';

/** The mean and the mean square of `n` values of `draw`. */
function moments(n: number, draw: () => number): { mean: number; meanSquare: number } {
  let sum = 0;
  let sq = 0;
  for (let i = 0; i < n; i++) {
    const v = draw();
    sum += v;
    sq += v * v;
  }
  return { mean: sum / n, meanSquare: sq / n };
}

describe('RandomStream', () => {
  it('gives the same numbers for the same address', () => {
    const a = RandomSource.root(7, 3, 11, 'Multiply').stream('mul');
    const b = RandomSource.root(7, 3, 11, 'Multiply').stream('mul');
    const xs = Array.from({ length: 10 }, () => a.nextUint32());
    const ys = Array.from({ length: 10 }, () => b.nextUint32());
    assert.deepEqual(xs, ys);
  });

  it('gives different numbers when the seed, call, index, path or stream name differ', () => {
    const first = (s: RandomStream) => [s.nextUint32(), s.nextUint32()].join(',');
    const base = first(RandomSource.root(7, 3, 11, 'Multiply').stream('mul'));
    const variants = [
      RandomSource.root(8, 3, 11, 'Multiply').stream('mul'),
      RandomSource.root(7, 4, 11, 'Multiply').stream('mul'),
      RandomSource.root(7, 3, 12, 'Multiply').stream('mul'),
      RandomSource.root(7, 3, 11, 'Add').stream('mul'),
      RandomSource.root(7, 3, 11, 'Multiply').stream('perChannel'),
      RandomSource.root(7, 3, 11, 'Multiply').child('0:Affine').stream('mul'),
    ].map(first);
    for (const v of variants) assert.notEqual(v, base);
    assert.equal(new Set(variants).size, variants.length);
  });

  it('fillUint32 is xoshiro128** seeded by the next Philox block (a direct reference, 300 words)', () => {
    const seedWords = RandomSource.root(5, 2, 7).stream('ref');
    const seed = Uint32Array.from({ length: 4 }, () => seedWords.nextUint32());
    const expected = xoshiroWords(seed, 300);
    const got = new Uint32Array(300);
    RandomSource.root(5, 2, 7).stream('ref').fillUint32(got);
    assert.deepEqual(Array.from(got), expected);
  });

  it('nextXoshiroSeed gives the state fillUint32 starts from and advances the stream as fillUint32 does', () => {
    const seeded = RandomSource.root(5, 2, 7).stream('ref');
    const filled = RandomSource.root(5, 2, 7).stream('ref');
    const state = new Uint32Array(8);
    const got = new Uint32Array(50);
    for (let chunk = 0; chunk < 2; chunk++) {
      seeded.nextXoshiroSeed(state, 4 * chunk);
      filled.fillUint32(got);
      assert.deepEqual(Array.from(got), xoshiroWords(state.subarray(4 * chunk, 4 * chunk + 4), 50), `chunk ${chunk}`);
    }
    assert.notDeepEqual(Array.from(state.subarray(0, 4)), Array.from(state.subarray(4)));
    assert.equal(seeded.nextUint32(), filled.nextUint32());
  });

  it('nextXoshiroSeed and fillUint32 replace the all-zero state (xoshiro would give only zeros) by s0 = 0x9e3779b9', () => {
    // Philox never gives four zero words in practice, so a stream that does stands in for that case.
    class ZeroStream extends RandomStream {
      override nextUint32(): number {
        return 0;
      }
    }
    const zero = new ZeroStream(0, 0, 0, 0, 0);
    const state = new Uint32Array(4);
    zero.nextXoshiroSeed(state, 0);
    assert.deepEqual(Array.from(state), [0x9e3779b9, 0, 0, 0]);
    const got = new Uint32Array(20);
    zero.fillUint32(got);
    assert.deepEqual(Array.from(got), xoshiroWords(state, 20));
    assert.ok(got.some((v) => v !== 0));
  });

  it('fillUint32 gives the same words for the same address, uniform in every bit', () => {
    const a = new Uint32Array(100_000);
    const b = new Uint32Array(100_000);
    RandomSource.root(1, 0, 0).stream('x').fillUint32(a);
    RandomSource.root(1, 0, 0).stream('x').fillUint32(b);
    assert.deepEqual(a, b);
    const other = new Uint32Array(8);
    RandomSource.root(1, 0, 1).stream('x').fillUint32(other);
    assert.notDeepEqual(Array.from(other), Array.from(a.subarray(0, 8)));
    for (let bit = 0; bit < 32; bit++) {
      let ones = 0;
      for (const v of a) ones += (v >>> bit) & 1;
      assert.ok(Math.abs(ones / a.length - 0.5) < 0.01, `bit ${bit}: ${ones / a.length}`);
    }
  });

  it('fillUint32 continues the stream: two fills differ, and draws after it are the next Philox block', () => {
    const s = RandomSource.root(3, 0, 0).stream('y');
    const first = new Uint32Array(16);
    const second = new Uint32Array(16);
    s.fillUint32(first);
    s.fillUint32(second);
    assert.notDeepEqual(Array.from(first), Array.from(second));
    const t = RandomSource.root(3, 0, 0).stream('y');
    for (let i = 0; i < 8; i++) t.nextUint32();
    assert.equal(s.nextUint32(), t.nextUint32());
  });

  it('restart() replays the stream from its first draw', () => {
    const a = RandomSource.root(5, 1, 2).stream('mask');
    const xs = [a.nextUint32(), a.nextUint32(), a.nextUint32()];
    const b = a.restart();
    assert.deepEqual([b.nextUint32(), b.nextUint32(), b.nextUint32()], xs);
  });

  it('random() lies in [0, 1) and has mean 0.5 and variance 1/12 over 100k draws', () => {
    const s = RandomSource.root(123, 0, 0).stream('u');
    const { mean, meanSquare } = moments(100_000, () => {
      const u = s.random();
      assert.ok(u >= 0 && u < 1);
      return u;
    });
    assert.ok(Math.abs(mean - 0.5) < 0.005, `mean ${mean}`);
    assert.ok(Math.abs(meanSquare - mean * mean - 1 / 12) < 0.002);
  });

  it('integer(a, b) hits both ends and nothing outside', () => {
    const s = RandomSource.root(9, 0, 0).stream('i');
    const seen = new Set<number>();
    for (let i = 0; i < 2000; i++) seen.add(s.integer(-2, 2));
    assert.deepEqual(
      [...seen].sort((x, y) => x - y),
      [-2, -1, 0, 1, 2],
    );
  });

  it('normal() has mean 0 and standard deviation 1 over 100k draws', () => {
    const s = RandomSource.root(77, 0, 0).stream('n');
    const { mean, meanSquare } = moments(100_000, () => s.normal());
    assert.ok(Math.abs(mean) < 0.02);
    assert.ok(Math.abs(Math.sqrt(meanSquare) - 1) < 0.02);
  });

  it('pins the first draws of a fixed address (a change here changes every user result)', () => {
    const s = RandomSource.root(42, 0, 0, 'Multiply').stream('mul');
    const got = [s.nextUint32(), s.nextUint32(), s.nextUint32(), s.nextUint32()];
    // Recorded from this implementation when the addressing scheme was fixed; Philox itself is pinned by
    // philox.test.ts, this pins the hashing of paths and names on top of it.
    assert.deepEqual(got, GOLDEN_FIRST_DRAWS);
  });

  it('gives the same draws in another process', () => {
    const code = `import { RandomSource } from './src/random/stream.ts';
      const s = RandomSource.root(42, 0, 0, 'Multiply').stream('mul');
      console.log(JSON.stringify([s.nextUint32(), s.nextUint32(), s.nextUint32(), s.nextUint32()]));`;
    const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8' });
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), GOLDEN_FIRST_DRAWS);
  });
});

describe('seeds', () => {
  it('splits a 53-bit seed into two key words', () => {
    assert.deepEqual(seedToKey(0), [0, 0]);
    assert.deepEqual(seedToKey(2 ** 32 + 5), [5, 1]);
    assert.deepEqual(seedToKey(2 ** 53 - 1), [0xffffffff, 0x1fffff]);
  });
  it('rejects negative, fractional and unsafe seeds with the template error', () => {
    assert.throws(
      () => checkSeed(-1, 'Multiply', 'seed'),
      /Multiply: seed must be a non-negative integer.*received -1/,
    );
    assert.throws(() => checkSeed(1.5, 'Multiply', 'seed'), RangeError);
    assert.throws(() => checkSeed(2 ** 53, 'Multiply', 'seed'), RangeError);
    assert.throws(() => checkSeed('3', 'Multiply', 'seed'), TypeError);
  });
});

const GOLDEN_FIRST_DRAWS = [2190594050, 1831980030, 351458629, 501782675];

/** xoshiro128** written directly: the first `n` words from state `seed`. */
function xoshiroWords(seed: Uint32Array, n: number): number[] {
  let [s0, s1, s2, s3] = Array.from(seed, (v) => v | 0);
  const rotl = (x: number, k: number) => (x << k) | (x >>> (32 - k));
  const words: number[] = [];
  for (let i = 0; i < n; i++) {
    words.push(Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0);
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
  }
  return words;
}
