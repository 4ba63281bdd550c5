import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as iaa from '../../index.ts';

const gray = (values: number[]) => iaa.makeImage(new Uint8Array(values), 1, values.length);
const many = (n: number, value = 100): iaa.UniformBatch => ({
  data: new Uint8Array(n * 4).fill(value),
  n,
  height: 2,
  width: 2,
  channels: 1,
});

describe('Sequential', () => {
  it('applies its children in order', () => {
    // (200 * 0.5) * 0.5 = 50; the other order gives the same, so use a clipping step to see the order:
    // Multiply(2) then Multiply(0.5): 200 → 255 → 127; reversed: 200 → 100 → 200.
    const out = iaa.Sequential([iaa.Multiply(2), iaa.Multiply(0.5)]).augmentImage(gray([200]));
    assert.deepEqual(Array.from(out.data), [127]);
    const rev = iaa.Sequential([iaa.Multiply(0.5), iaa.Multiply(2)]).augmentImage(gray([200]));
    assert.deepEqual(Array.from(rev.data), [200]);
  });

  it('with randomOrder uses both orders about equally often', () => {
    const seq = iaa.Sequential([iaa.Multiply(2), iaa.Multiply(0.5)], { randomOrder: true, seed: 3 });
    const out = seq.augmentImages(many(2000, 200)) as iaa.UniformBatch;
    let clipped = 0;
    for (let i = 0; i < out.n; i++) if (out.data[i * 4] === 127) clipped++;
    assert.ok(Math.abs(clipped / 2000 - 0.5) < 0.04, `share ${clipped / 2000}`);
  });

  it('copies the image when it has no children', () => {
    const image = gray([1, 2, 3]);
    const out = iaa.Sequential([]).augmentImage(image);
    assert.deepEqual(Array.from(out.data), [1, 2, 3]);
    assert.notEqual(out.data, image.data);
  });

  it('gives a child the same draws whatever its siblings draw', () => {
    const child = () => iaa.Multiply([0.1, 2], { name: 'm' });
    const quiet = iaa.Sequential([iaa.Identity(), child()], { seed: 1 });
    const busy = iaa.Sequential([iaa.Multiply([0.9, 1], { perChannel: 0.5 }), child()], { seed: 1 });
    const other = iaa.Sequential([iaa.Identity(), iaa.Multiply([0.1, 2], { name: 'n' })], { seed: 1 });
    const shape = { height: 2, width: 2, channels: 3 };
    const factor = (seq: typeof quiet, i: number) =>
      (seq.drawParams(seq.rootSource(0, i), shape).params[1] as { values: Float64Array }).values[0];
    let differs = 0;
    for (let i = 0; i < 20; i++) {
      assert.equal(factor(busy, i), factor(quiet, i), `sample ${i}`);
      if (factor(other, i) !== factor(quiet, i)) differs++;
    }
    assert.equal(differs, 20, 'another name draws other values, so the equality above is not trivial');
  });

  it('threads a changed shape through later children (fitOutput, then per-pixel and per-channel draws)', () => {
    const seq = iaa.Sequential(
      [iaa.Affine({ rotate: [20, 40], fitOutput: true }), iaa.Dropout(0.5, { perChannel: true }), iaa.Fliplr(1)],
      { seed: 4 },
    );
    const data = new Uint8Array(6 * 28 * 28 * 3).fill(200);
    const batch: iaa.UniformBatch = { data, n: 6, height: 28, width: 28, channels: 3 };
    const out = seq.augmentImages(batch, { epoch: 0 });
    assert.ok(Array.isArray(out), 'different angles give different canvases, so a list comes back');
    const sizes = new Set((out as iaa.Image[]).map((img) => `${img.height}x${img.width}`));
    assert.ok(sizes.size > 1);
    for (const img of out as iaa.Image[]) {
      assert.ok(img.height > 28 && img.width > 28);
      // Dropout drew one decision per value of the enlarged canvas: zeros appear all over it, channel by channel.
      let zeros = 0;
      for (const v of img.data) if (v === 0) zeros++;
      assert.ok(zeros > img.data.length * 0.4, `zeros ${zeros} of ${img.data.length}`);
    }
    const single = iaa.batchToImages(batch).map((img, i) => seq.augmentImage(img, { epoch: 0, index: i }));
    single.forEach((img, i) => assert.ok(iaa.imagesEqual(img, (out as iaa.Image[])[i])));
  });

  it('rejects non-augmenter children and unknown options', () => {
    assert.throws(
      () => iaa.Sequential([iaa.Multiply(1), 5 as never]),
      /Sequential: children\[1\] must be an augmenter; received 5/,
    );
    assert.throws(() => iaa.Sequential([], { randomorder: true } as never), /unknown option "randomorder"/);
    assert.throws(() => iaa.Sequential([], { randomOrder: 'yes' as never }), /randomOrder must be true or false/);
  });
});

describe('Sometimes', () => {
  it('applies then with probability p and else otherwise', () => {
    const aug = iaa.Sometimes(0.3, iaa.Multiply(0), iaa.Multiply(2), { seed: 5 });
    const out = aug.augmentImages(many(4000, 100)) as iaa.UniformBatch;
    let zero = 0;
    let doubled = 0;
    for (let i = 0; i < out.n; i++) {
      if (out.data[i * 4] === 0) zero++;
      else if (out.data[i * 4] === 200) doubled++;
    }
    assert.equal(zero + doubled, 4000);
    assert.ok(Math.abs(zero / 4000 - 0.3) < 0.025, `share ${zero / 4000}`);
  });

  it('leaves images unchanged when the coin says no and there is no else', () => {
    const out = iaa.Sometimes(0, iaa.Multiply(0)).augmentImage(gray([9, 8]));
    assert.deepEqual(Array.from(out.data), [9, 8]);
  });

  it('accepts arrays of augmenters as branches', () => {
    const out = iaa.Sometimes(1, [iaa.Multiply(0.5), iaa.Multiply(0.5)]).augmentImage(gray([200]));
    assert.deepEqual(Array.from(out.data), [50]);
  });

  it('rejects p outside [0, 1]', () => {
    assert.throws(() => iaa.Sometimes(1.5, iaa.Identity()), /Sometimes: p must be a number in \[0, 1\]/);
  });
});

describe('OneOf', () => {
  it('applies exactly one child per image, each about equally often', () => {
    const aug = iaa.OneOf([iaa.Multiply(0), iaa.Multiply(2), iaa.Multiply(0.5)], { seed: 2 });
    const out = aug.augmentImages(many(3000, 100)) as iaa.UniformBatch;
    const counts = new Map<number, number>();
    for (let i = 0; i < out.n; i++) counts.set(out.data[i * 4], (counts.get(out.data[i * 4]) ?? 0) + 1);
    assert.deepEqual(
      [...counts.keys()].sort((a, b) => a - b),
      [0, 50, 200],
    );
    for (const c of counts.values()) assert.ok(Math.abs(c / 3000 - 1 / 3) < 0.03);
  });
  it('rejects an empty list', () => {
    assert.throws(() => iaa.OneOf([]), /OneOf: children must be a non-empty array/);
  });
});

describe('SomeOf', () => {
  it('applies n children per image', () => {
    // Each child multiplies by 0.5: the result tells how many ran (100 → 50 → 25 …).
    const half = () => iaa.Multiply(0.5);
    const aug = iaa.SomeOf(2, [half(), half(), half()], { seed: 1 });
    const out = aug.augmentImages(many(100, 100)) as iaa.UniformBatch;
    for (let i = 0; i < out.n; i++) assert.equal(out.data[i * 4], 25);
  });
  it('draws n from a range per image, clipped to the number of children', () => {
    const half = () => iaa.Multiply(0.5);
    const aug = iaa.SomeOf([0, 5], [half(), half()], { seed: 1 });
    const out = aug.augmentImages(many(600, 100)) as iaa.UniformBatch;
    const seen = new Set<number>();
    for (let i = 0; i < out.n; i++) seen.add(out.data[i * 4]);
    assert.deepEqual(
      [...seen].sort((a, b) => a - b),
      [25, 50, 100],
    );
  });
  it('rejects a negative n', () => {
    assert.throws(() => iaa.SomeOf(-1, [iaa.Identity()]), /SomeOf: n must be an integer ≥ 0/);
  });
});

describe('fromJSON', () => {
  it('rebuilds a nested pipeline that behaves identically', () => {
    const original = iaa.Sequential(
      [
        iaa.Sometimes(0.5, iaa.Multiply(iaa.iap.normal(1, 0.3)), [iaa.Multiply([0.1, 0.2])]),
        iaa.OneOf([iaa.Multiply(0.5), iaa.Identity()]),
        iaa.SomeOf([0, 1], [iaa.Multiply(2, { perChannel: 0.5 })], { randomOrder: true }),
      ],
      { randomOrder: true, seed: 17 },
    );
    const json = JSON.parse(JSON.stringify(original.toJSON()));
    const copy = iaa.fromJSON(json);
    assert.deepEqual(copy.toJSON(), original.toJSON());
    const batch: iaa.UniformBatch = {
      data: new Uint8Array(40 * 3).map((_, i) => (i * 13) & 255),
      n: 40,
      height: 1,
      width: 1,
      channels: 3,
    };
    assert.deepEqual(copy.augmentImages(batch, { epoch: 2 }), original.augmentImages(batch, { epoch: 2 }));
  });

  it('uses the documented JSON shapes', () => {
    const json = iaa.Sequential([iaa.Multiply([0.8, 1.2])], { randomOrder: true, seed: 3 }).toJSON();
    assert.deepEqual(json, {
      type: 'Sequential',
      seed: 3,
      randomOrder: true,
      children: [{ type: 'Multiply', mul: [0.8, 1.2], perChannel: false }],
    });
    assert.deepEqual(iaa.Multiply(iaa.iap.uniform(0, 1)).toJSON().mul, { uniform: [0, 1] });
  });

  it('holds the seed in use, so an unseeded augmenter is rebuilt with the same draws elsewhere', () => {
    const aug = iaa.Sequential([iaa.Multiply([0.1, 2])]);
    const json = aug.toJSON();
    assert.equal(json.seed, aug.seed);
    assert.equal((json.children as { seed?: number }[])[0].seed, undefined);
    iaa.seed(aug.seed + 1);
    const batch: iaa.UniformBatch = { data: new Uint8Array(20).fill(100), n: 20, height: 1, width: 1, channels: 1 };
    assert.deepEqual(iaa.fromJSON(json).augmentImages(batch, { epoch: 0 }), aug.augmentImages(batch, { epoch: 0 }));
  });

  it('names the JSON path of a problem', () => {
    const bad = (spec: unknown, re: RegExp) => assert.throws(() => iaa.fromJSON(spec), re);
    bad(
      { type: 'Sequential', children: [{ type: 'Identity' }, { type: 'Multiply', mul: [2, 1] }] },
      /^SpecError: children\[1\]\.mul: expected .*min > max/,
    );
    bad(
      { type: 'Sequential', children: [{ type: 'Multiply', mull: 2 }] },
      /children\[0\]\.mull: unknown option for Multiply/,
    );
    bad({ type: 'Sequental' }, /type: unknown augmenter "Sequental" \(known: .*Sequential/);
    bad({ type: 'Multiply', mul: { gauss: [1, 2] } }, /mul: unknown parameter kind "gauss"/);
    bad({ type: 'Multiply', mul: { uniform: [1, 'a'] } }, /mul\.uniform\[1\]: expected a finite number/);
    bad(
      { type: 'Sometimes', p: 0.5, then: { type: 'Multiply', perChannel: 3 } },
      /then\.perChannel: expected a boolean/,
    );
    bad([1, 2], /expected an augmenter object/);
    bad({ mul: 2 }, /type: expected the name of an augmenter/);
  });
});
