import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.ts';
import { createModel } from './model.ts';
import { WASM_TRAINING_KERNELS, registerWasmTrainingKernels, wasmTrainingKernelsRegistered } from './wasm-kernels.ts';

/** A small seeded generator (mulberry32) so inputs are the same on every run. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function randomArray(n: number, seed: number, lo = -1, hi = 1): Float32Array {
  const r = rng(seed);
  const out = new Float32Array(n);
  for (let i = 0; i < n; i++) out[i] = lo + (hi - lo) * r();
  return out;
}

const size = (shape: number[]) => shape.reduce((a, b) => a * b, 1);

/** Runs `fn` on the cpu backend and on wasm (with the replacements) and returns both results as arrays. */
async function onBoth(fn: () => tf.Tensor[]): Promise<{ cpu: Float32Array[]; wasm: Float32Array[] }> {
  const results: Record<string, Float32Array[]> = {};
  for (const name of ['cpu', 'wasm'] as const) {
    await initBackend(name);
    const ts = fn();
    results[name] = await Promise.all(ts.map(async (t) => (await t.data()) as Float32Array));
    tf.dispose(ts);
  }
  return { cpu: results.cpu, wasm: results.wasm };
}

/** max |a − b| / max |ref|: the relative error the checks bound. */
function relativeError(ref: Float32Array, got: Float32Array): number {
  assert.equal(got.length, ref.length, 'result sizes differ');
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < ref.length; i++) {
    diff = Math.max(diff, Math.abs(ref[i] - got[i]));
    scale = Math.max(scale, Math.abs(ref[i]));
  }
  assert.ok(scale > 0, 'the reference is all zeros, so the comparison would prove nothing');
  return diff / scale;
}

function assertClose(cpu: Float32Array[], wasm: Float32Array[], tol = 1e-5): void {
  assert.equal(wasm.length, cpu.length);
  for (let i = 0; i < cpu.length; i++) {
    const err = relativeError(cpu[i], wasm[i]);
    assert.ok(err <= tol, `output ${i}: relative error ${err} > ${tol}`);
  }
}

interface ConvCase {
  readonly name: string;
  readonly x: [number, number, number, number];
  readonly w: [number, number, number, number];
  readonly stride: number;
  readonly pad: 'valid' | 'same';
}

const convCases: ConvCase[] = [
  { name: 'conv1-like, 3×3 valid', x: [2, 10, 10, 1], w: [3, 3, 1, 8], stride: 1, pad: 'valid' },
  { name: 'conv2-like, 3×3 valid, many channels', x: [2, 7, 7, 16], w: [3, 3, 16, 12], stride: 1, pad: 'valid' },
  { name: '3×2 same', x: [3, 9, 8, 5], w: [3, 2, 5, 4], stride: 1, pad: 'same' },
  { name: '3×3 stride 2 valid', x: [3, 9, 8, 5], w: [3, 3, 5, 4], stride: 2, pad: 'valid' },
  { name: '5×5 stride 2 same', x: [2, 10, 10, 3], w: [5, 5, 3, 2], stride: 2, pad: 'same' },
];

/** Gradients of Σ conv2d(x, w)·dy with respect to x and w (Conv2DBackpropInput and Conv2DBackpropFilter). */
function convGrads(c: ConvCase): () => tf.Tensor[] {
  return () =>
    tf.tidy(() => {
      const x = tf.tensor4d(randomArray(size(c.x), 1), c.x);
      const w = tf.tensor4d(randomArray(size(c.w), 2), c.w);
      const outShape = tf.conv2d(x, w, c.stride, c.pad).shape;
      const dy = tf.tensor(randomArray(size(outShape), 3), outShape);
      const g = tf.grads((xx: tf.Tensor, ww: tf.Tensor) =>
        tf.sum(tf.mul(tf.conv2d(xx as tf.Tensor4D, ww as tf.Tensor4D, c.stride, c.pad), dy)),
      );
      return g([x, w]);
    });
}

interface PoolCase {
  readonly name: string;
  readonly shape: [number, number, number, number];
  readonly size: number;
  readonly stride: number;
  readonly pad: 'valid' | 'same';
  readonly values: 'negative' | 'ties' | 'mixed';
}

const poolCases: PoolCase[] = [
  {
    name: '2×2 stride 2, all-negative windows',
    shape: [4, 6, 6, 3],
    size: 2,
    stride: 2,
    pad: 'valid',
    values: 'negative',
  },
  { name: '2×2 stride 2, ties', shape: [3, 6, 6, 2], size: 2, stride: 2, pad: 'valid', values: 'ties' },
  {
    name: '2×2 stride 2, odd sizes (last row and column unused)',
    shape: [2, 7, 5, 3],
    size: 2,
    stride: 2,
    pad: 'valid',
    values: 'mixed',
  },
  { name: '3×3 stride 1 same, ties', shape: [2, 5, 5, 2], size: 3, stride: 1, pad: 'same', values: 'ties' },
  { name: '3×3 stride 2 same, mixed signs', shape: [2, 7, 7, 3], size: 3, stride: 2, pad: 'same', values: 'mixed' },
];

function poolInput(c: PoolCase): Float32Array {
  const n = size(c.shape);
  if (c.values === 'negative') return randomArray(n, 4, -2, -0.01);
  if (c.values === 'mixed') return randomArray(n, 5);
  // Three levels, all ≤ 0: most windows hold a repeated maximum, so the first-maximum rule is exercised.
  return randomArray(n, 6, 0, 3).map((v) => -Math.floor(v));
}

function poolGrad(c: PoolCase): () => tf.Tensor[] {
  return () =>
    tf.tidy(() => {
      const x = tf.tensor4d(poolInput(c), c.shape);
      const outShape = tf.maxPool(x, c.size, c.stride, c.pad).shape;
      const dy = tf.tensor(randomArray(size(outShape), 7, 0.5, 1.5), outShape);
      const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(xx as tf.Tensor4D, c.size, c.stride, c.pad), dy)));
      return [g(x)];
    });
}

describe('wasm training kernels', () => {
  before(async () => {
    await initBackend('wasm');
  });

  it('registers all five kernel names, and registering again changes nothing', () => {
    assert.deepEqual(
      [...WASM_TRAINING_KERNELS],
      ['Conv2DBackpropFilter', 'Conv2DBackpropInput', 'BatchMatMul', 'MaxPoolGrad', 'Sum'],
    );
    assert.equal(wasmTrainingKernelsRegistered(), true);
    const before = WASM_TRAINING_KERNELS.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);
    registerWasmTrainingKernels();
    const after = WASM_TRAINING_KERNELS.map((n) => tf.getKernel(n, 'wasm')?.kernelFunc);
    assert.deepEqual(after, before);
  });

  describe('Conv2DBackpropFilter and Conv2DBackpropInput match the cpu backend', () => {
    for (const c of convCases) {
      it(c.name, async () => {
        const { cpu, wasm } = await onBoth(convGrads(c));
        assertClose(cpu, wasm);
      });
    }
  });

  describe('MaxPoolGrad matches the cpu backend', () => {
    for (const c of poolCases) {
      it(c.name, async () => {
        const { cpu, wasm } = await onBoth(poolGrad(c));
        assertClose(cpu, wasm);
      });
    }

    it('sends an all-negative window’s gradient to that window’s maximum', async () => {
      await initBackend('wasm');
      // One 2×2 window, maximum −1 at index 2; the stock kernel sends the gradient to index 0.
      const x = tf.tensor4d([-4, -3, -1, -2], [1, 2, 2, 1]);
      const g = tf.grad((xx: tf.Tensor) => tf.sum(tf.mul(tf.maxPool(xx as tf.Tensor4D, 2, 2, 'valid'), 5)))(x);
      assert.deepEqual(Array.from(await g.data()), [0, 0, 5, 0]);
      tf.dispose([x, g]);
    });
  });

  describe('BatchMatMul with transpose flags matches the cpu backend', () => {
    for (const [ta, tb] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ] as const) {
      it(`transposeA ${ta}, transposeB ${tb}, batched and unbatched`, async () => {
        const { cpu, wasm } = await onBoth(() =>
          tf.tidy(() => {
            const a2 = tf.tensor2d(randomArray(35, 8), ta ? [7, 5] : [5, 7]);
            const b2 = tf.tensor2d(randomArray(42, 9), tb ? [6, 7] : [7, 6]);
            const a3 = tf.tensor3d(randomArray(3 * 35, 10), ta ? [3, 7, 5] : [3, 5, 7]);
            const b3 = tf.tensor3d(randomArray(3 * 42, 11), tb ? [3, 6, 7] : [3, 7, 6]);
            return [tf.matMul(a2, b2, ta, tb), tf.matMul(a3, b3, ta, tb)];
          }),
        );
        assertClose(cpu, wasm);
      });
    }

    it('gives the dense layer’s gradients (the transposed products) as on cpu', async () => {
      const { cpu, wasm } = await onBoth(() =>
        tf.tidy(() => {
          const x = tf.tensor2d(randomArray(8 * 20, 12), [8, 20]);
          const w = tf.tensor2d(randomArray(20 * 6, 13), [20, 6]);
          const dy = tf.tensor2d(randomArray(8 * 6, 14), [8, 6]);
          return tf.grads((xx: tf.Tensor, ww: tf.Tensor) => tf.sum(tf.mul(tf.matMul(xx, ww), dy)))([x, w]);
        }),
      );
      assertClose(cpu, wasm);
    });
  });

  describe('Sum matches the cpu backend', () => {
    const cases: [string, number[], number[] | number, boolean][] = [
      ['leading axes [0, 1, 2] (a bias gradient)', [4, 5, 6, 7], [0, 1, 2], false],
      ['leading axes, keepDims', [4, 5, 6, 7], [0, 1, 2], true],
      ['leading axes given out of order and negative', [4, 5, 6], [1, -3], false],
      ['axis 0 of a matrix', [9, 4], 0, false],
      ['a non-leading axis (delegated)', [4, 5, 6], [1], false],
      ['all axes (delegated)', [4, 5], [0, 1], false],
    ];
    for (const [name, shape, axis, keepDims] of cases) {
      it(name, async () => {
        const { cpu, wasm } = await onBoth(() =>
          tf.tidy(() => [tf.sum(tf.tensor(randomArray(size(shape), 15), shape), axis, keepDims)]),
        );
        assertClose(cpu, wasm);
      });
    }

    it('keeps the reduced dims as 1s with keepDims', async () => {
      await initBackend('wasm');
      const s = tf.sum(tf.ones([2, 3, 4]), [0, 1], true);
      assert.deepEqual(s.shape, [1, 1, 4]);
      assert.deepEqual(Array.from(await s.data()), [6, 6, 6, 6]);
      s.dispose();
    });
  });

  it('gives the whole model’s variableGrads as on cpu', async () => {
    // 16×16 inputs keep the cpu reference fast; the layers are the walkthrough's (flatten is 2·2·128 here).
    const n = 4;
    const images = randomArray(n * 16 * 16, 16, 0, 1);
    const labels = tf.util.createShuffledIndices(n);
    let weights: Float32Array[] = [];
    const grads: Record<string, Float32Array[]> = {};
    for (const name of ['cpu', 'wasm'] as const) {
      await initBackend(name);
      const model = createModel({ seed: 3, inputShape: [16, 16, 1] });
      if (name === 'cpu')
        weights = await Promise.all(model.getWeights().map(async (w) => (await w.data()) as Float32Array));
      else model.setWeights(weights.map((w, i) => tf.tensor(w, model.getWeights()[i].shape)));
      const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
      const { value, grads: g } = tf.tidy(() => {
        const x = tf.tensor4d(images, [n, 16, 16, 1]);
        const y = tf.oneHot(
          tf.tensor1d(
            Array.from(labels, (l) => l % 10),
            'int32',
          ),
          10,
        );
        return tf.variableGrads(() => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar, vars);
      });
      grads[name] = await Promise.all(vars.map(async (v) => (await g[v.name].data()) as Float32Array));
      tf.dispose([value, ...Object.values(g)]);
      model.dispose();
    }
    assert.equal(grads.wasm.length, 8);
    assertClose(grads.cpu, grads.wasm);
  });

  it('leaks nothing: tensors and backend data are the same before and after 50 training steps', async () => {
    await initBackend('wasm');
    const model = createModel({ seed: 5, inputShape: [12, 12, 1] });
    const optimizer = tf.train.adam(1e-3);
    const vars = model.trainableWeights.map((w) => w.read() as tf.Variable);
    const x = tf.tensor4d(randomArray(4 * 144, 17, 0, 1), [4, 12, 12, 1]);
    const y = tf.oneHot(tf.tensor1d([1, 2, 3, 4], 'int32'), 10);
    const step = () => {
      const cost = optimizer.minimize(
        () => tf.losses.softmaxCrossEntropy(y, model.apply(x) as tf.Tensor) as tf.Scalar,
        true,
        vars,
      );
      cost?.dispose();
    };
    step(); // Adam creates its moment variables on the first step.
    const backend = tf.backend() as unknown as { numDataIds(): number };
    const tensorsBefore = tf.memory().numTensors;
    const dataBefore = backend.numDataIds();
    for (let i = 0; i < 50; i++) step();
    assert.equal(tf.memory().numTensors, tensorsBefore);
    assert.equal(backend.numDataIds(), dataBefore);
    tf.dispose([x, y]);
    optimizer.dispose();
    model.dispose();
  });
});
