import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { RandomSource } from '../random/stream.ts';
import { drawNamed } from './constant.ts';
import * as iap from './index.ts';
import { enumArg, numberArg, probabilityArg } from './sugar.ts';

const rng = (name = 'x', index = 0) => RandomSource.root(2024, 0, index).stream(name);

function draws(p: iap.Param<number>, n = 20_000): number[] {
  const s = rng();
  return Array.from({ length: n }, () => p.draw(s));
}

const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;

describe('iap distributions', () => {
  it('constant always gives its value', () => {
    assert.deepEqual(draws(iap.constant(3), 5), [3, 3, 3, 3, 3]);
  });

  it('uniform(a, b) stays in [a, b) with mean (a + b) / 2', () => {
    const xs = draws(iap.uniform(2, 4));
    assert.ok(xs.every((x) => x >= 2 && x < 4));
    assert.ok(Math.abs(mean(xs) - 3) < 0.02);
  });

  it('discreteUniform(a, b) gives every integer of [a, b] about equally often', () => {
    const xs = draws(iap.discreteUniform(-1, 2));
    const counts = [-1, 0, 1, 2].map((v) => xs.filter((x) => x === v).length / xs.length);
    for (const c of counts) assert.ok(Math.abs(c - 0.25) < 0.015, `share ${c}`);
    assert.ok(xs.every(Number.isInteger));
  });

  it('choice picks values with the given probabilities', () => {
    const p = iap.choice(['edge', 'constant'], [0.8, 0.2]);
    const s = rng();
    const n = 20_000;
    let edge = 0;
    for (let i = 0; i < n; i++) if (p.draw(s) === 'edge') edge++;
    assert.ok(Math.abs(edge / n - 0.8) < 0.015);
  });

  it('normal(m, s) has the requested mean and spread, and nests parameters', () => {
    const xs = draws(iap.normal(5, 2));
    assert.ok(Math.abs(mean(xs) - 5) < 0.05);
    const sd = Math.sqrt(mean(xs.map((x) => (x - 5) ** 2)));
    assert.ok(Math.abs(sd - 2) < 0.05);
    const nestedXs = draws(iap.normal(iap.choice([-100, 100]), 0));
    assert.deepEqual(
      [...new Set(nestedXs)].sort((a, b) => a - b),
      [-100, 100],
    );
  });

  it('truncatedNormal stays inside [low, high]', () => {
    const xs = draws(iap.truncatedNormal(0, 10, -1, 2));
    assert.ok(xs.every((x) => x >= -1 && x <= 2));
    assert.ok(xs.some((x) => x < -0.9) && xs.some((x) => x > 1.9));
  });

  it('binomial(p) is 1 with probability p', () => {
    assert.ok(Math.abs(mean(draws(iap.binomial(0.3))) - 0.3) < 0.015);
  });

  it('clip bounds another parameter, and arithmetic combines parameters', () => {
    assert.ok(draws(iap.clip(iap.normal(0, 5), -1, 1)).every((x) => x >= -1 && x <= 1));
    assert.deepEqual(draws(iap.add(iap.constant(2), 3), 2), [5, 5]);
    assert.deepEqual(draws(iap.multiply(iap.constant(2), -3), 2), [-6, -6]);
    assert.deepEqual(draws(iap.subtract(10, iap.constant(4)), 1), [6]);
    assert.deepEqual(draws(iap.divide(9, 3), 1), [3]);
    assert.deepEqual(iap.add(iap.uniform(0, 1), iap.uniform(2, 3)).bounds, [2, 4]);
  });

  it('drawMany fills a typed array with the same values as repeated draws', () => {
    const p = iap.uniform(0, 10);
    const out = new Float64Array(9);
    p.drawMany(rng('m'), out);
    const s = rng('m');
    assert.deepEqual(
      Array.from(out),
      Array.from({ length: 9 }, () => p.draw(s)),
    );
  });

  it('rebuilds every parameter from its JSON spec with identical draws', () => {
    const params = [
      iap.uniform(-1, 1),
      iap.discreteUniform(0, 9),
      iap.choice([1, 2, 3], [0.2, 0.3, 0.5]),
      iap.normal(iap.uniform(0, 1), 2),
      iap.truncatedNormal(0, 1, -0.5, 0.5),
      iap.binomial(0.25),
      iap.clip(iap.normal(0, 3), null, 1),
      iap.add(iap.uniform(0, 1), 1),
      iap.multiply(2, iap.choice([-1, 1])),
    ];
    for (const p of params) {
      const copy = iap.fromSpec(JSON.parse(JSON.stringify(p.spec))) as iap.Param<number>;
      assert.deepEqual(draws(copy, 50), draws(p, 50), JSON.stringify(p.spec));
    }
  });

  it('rejects bad arguments with the template error', () => {
    assert.throws(
      () => iap.uniform(2, 1),
      /iap.uniform: a must be two finite numbers a ≤ b; received \[2, 1\] \(a > b\)/,
    );
    assert.throws(() => iap.uniform(Number.NaN, 1), RangeError);
    assert.throws(() => iap.discreteUniform(0.5, 2), RangeError);
    assert.throws(() => iap.binomial(1.5), /iap.binomial: p must be a probability in \[0, 1\]; received 1.5/);
    assert.throws(() => iap.normal(0, -1), /std must be a finite number ≥ 0/);
    assert.throws(() => iap.choice([]), TypeError);
    assert.throws(() => iap.choice([1, 2], [1]), TypeError);
    assert.throws(() => iap.constant(Number.POSITIVE_INFINITY), RangeError);
    assert.throws(() => iap.fromSpec({ gamma: [1, 2] }), /unknown parameter kind "gamma"/);
    assert.throws(() => iap.fromSpec({ uniform: [1] }), /takes \[a, b\]/);
  });
});

describe('option sugar', () => {
  it('turns a number into a constant and [a, b] into a uniform or integer range', () => {
    assert.deepEqual(numberArg('T', 'x', 2).spec, 2);
    assert.deepEqual(numberArg('T', 'x', [1, 2]).spec, { uniform: [1, 2] });
    assert.deepEqual(numberArg('T', 'x', [-10, 10], { integer: true }).spec, { discreteUniform: [-10, 10] });
  });

  it('names the owner, option, value and accepted range when it rejects', () => {
    assert.throws(
      () => numberArg('Multiply', 'mul', [1.5, 0.5]),
      /Multiply: mul must be .*received \[1.5, 0.5\] \(min > max\)/,
    );
    assert.throws(() => numberArg('Multiply', 'mul', Number.NaN), /Multiply: mul must be .*received NaN/);
    assert.throws(() => numberArg('Multiply', 'mul', '2'), TypeError);
    assert.throws(() => numberArg('Multiply', 'mul', [1, 2, 3]), TypeError);
    assert.throws(() => numberArg('GaussianBlur', 'sigma', -1, { min: 0 }), /sigma must be a number ≥ 0/);
    assert.throws(() => numberArg('Affine', 'scale', 0, { min: 0, minExclusive: true }), /scale must be a number > 0/);
    assert.throws(() => numberArg('Affine', 'translatePx', 1.5, { integer: true }), RangeError);
  });

  it('clips a parameter whose values may leave the option range, and rejects one entirely outside', () => {
    const p = numberArg('GaussianBlur', 'sigma', iap.normal(0, 5), { min: 0 });
    assert.ok(draws(p, 2000).every((x) => x >= 0));
    assert.throws(() => numberArg('Dropout', 'p', iap.uniform(2, 3), { min: 0, max: 1 }), /values lie in \[2, 3\]/);
  });

  it('rejects a bounded parameter that leaves the option range, naming its bounds', () => {
    const bad = (value: unknown, rules: Parameters<typeof numberArg>[3], re: RegExp) =>
      assert.throws(
        () => numberArg('Dropout', 'p', value, rules),
        (e: Error) => e instanceof RangeError && re.test(e.message),
      );
    bad(
      iap.uniform(-5, 5),
      { min: 0, max: 1 },
      /^Dropout: p must be a number in \[0, 1\].*\(its values lie in \[-5, 5\]\)/,
    );
    bad(iap.uniform(-1e9, 1e9), { min: 0, max: 100 }, /its values lie in \[-1000000000, 1000000000\]/);
    bad(iap.choice([0.5, 2]), { min: 0, max: 1 }, /its values lie in \[0.5, 2\]/);
    bad(iap.clip(iap.normal(0, 1), -1, 1), { min: 0 }, /its values lie in \[-1, 1\]/);
    // An exclusive minimum excludes a parameter that can reach it (scale 0 is singular).
    bad(iap.uniform(0, 2), { min: 0, minExclusive: true }, /its values lie in \[0, 2\]/);
    // Within the range, a bounded parameter is kept as it is (no clip wrapped around it).
    const inside = iap.uniform(0.1, 0.9);
    assert.equal(numberArg('Dropout', 'p', inside, { min: 0, max: 1 }), inside);
  });

  it('refuses a parameter of names where a nested number is expected (a sum would become a string)', () => {
    assert.throws(
      () => iap.normal(iap.choice(['a', 'b']) as never, 1),
      /iap.normal: mean must be a finite number or a numeric iap parameter/,
    );
    assert.throws(
      () => iap.add(1, iap.constant('x') as never),
      /iap.add: b must be a finite number or a numeric iap parameter/,
    );
    assert.throws(
      () => iap.fromSpec({ normal: ['x', 1] }),
      /normal: iap.normal: mean must be a finite number or a numeric/,
    );
  });

  it('clips an unbounded parameter into the range, including an exclusive minimum and integer rounding', () => {
    const scale = numberArg('Affine', 'scale', iap.normal(0, 1), { min: 0, minExclusive: true, max: 1000 });
    assert.deepEqual(scale.spec, { clip: [{ normal: [0, 1] }, Number.MIN_VALUE, 1000] });
    assert.ok(draws(scale, 2000).every((x) => x > 0 && x <= 1000));
    const px = numberArg('Resize', 'size', iap.normal(3, 100), { integer: true, min: 1, max: 5 });
    const values = draws(px, 2000);
    assert.ok(values.every((x) => Number.isInteger(x) && x >= 1 && x <= 5));
    assert.deepEqual([Math.min(...values), Math.max(...values)], [1, 5]);
  });

  it('reads perChannel-style options as probabilities', () => {
    assert.equal(probabilityArg('T', 'perChannel', true).draw(rng()), 1);
    assert.equal(probabilityArg('T', 'perChannel', false).draw(rng()), 0);
    assert.ok(Math.abs(mean(draws(probabilityArg('T', 'perChannel', 0.5))) - 0.5) < 0.02);
    assert.throws(() => probabilityArg('T', 'perChannel', 2), /perChannel must be a boolean, a probability/);
    // A parameter keeps to [0, 1] as for numeric options (its JSON form must build again); a normal is read as is.
    assert.throws(
      () => probabilityArg('T', 'perChannel', iap.constant(1e300)),
      /its values lie in \[1e\+300, 1e\+300\]/,
    );
    assert.deepEqual(probabilityArg('T', 'perChannel', iap.uniform(0, 1)).spec, { uniform: [0, 1] });
    assert.ok(probabilityArg('T', 'perChannel', iap.normal(0.5, 1)));
  });

  it('reads named choices and rejects unknown names', () => {
    assert.equal(enumArg('Affine', 'mode', 'edge', ['edge', 'constant']).draw(rng()), 'edge');
    assert.throws(
      () => enumArg('Affine', 'mode', 'mirror', ['edge', 'constant']),
      /Affine: mode must be one of "edge", "constant"/,
    );
    assert.throws(() => enumArg('Affine', 'mode', iap.choice(['edge', 'bogus']), ['edge', 'constant']), RangeError);
  });

  it('never returns values outside an option range for any random range (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.double({ min: 0, max: 10, noNaN: true }), (a, b) => {
        const [lo, hi] = a <= b ? [a, b] : [b, a];
        const p = numberArg('T', 'x', [lo, hi], { min: 0 });
        const s = rng();
        for (let i = 0; i < 20; i++) {
          const v = p.draw(s);
          if (v < lo || v > hi) return false;
        }
        return true;
      }),
    );
  });
});

describe('drawNamed', () => {
  it('gives what drawing from the named stream gives, and makes no stream for a parameter with one value', () => {
    const random = RandomSource.root(3, 1, 7);
    let made = 0;
    const counting = new Proxy(random, {
      get(target, key, receiver) {
        if (key === 'stream') made++;
        return Reflect.get(target, key, receiver);
      },
    });
    const cases: [iap.Param<number | string>, boolean][] = [
      [iap.constant(2.5), false],
      [iap.constant('edge'), false],
      [numberArg('T', 'x', [0.25, 0.25]), false],
      [numberArg('T', 'x', [0, 1]), true],
      [iap.normal(0, 1), true],
    ];
    for (const [p, draws] of cases) {
      made = 0;
      const got = drawNamed(p, counting, 'x');
      assert.equal(got, p.draw(random.stream('x')), JSON.stringify(p.spec));
      assert.equal(made, draws ? 1 : 0, `streams made for ${JSON.stringify(p.spec)}`);
    }
  });
});
