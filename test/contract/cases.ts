// The contract suite's example options per registered augmenter, and the helpers its checks share.
import * as iaa from '../../src/index.ts';

/** Example JSON options per augmenter type: random enough that the output depends on the draws. */
export const cases: Record<string, Record<string, unknown>[]> = {
  Identity: [{}],
  Grayscale: [{ alpha: [0, 1] }],
  AdditiveGaussianNoise: [{ scale: [0, 30], loc: [-5, 5], perChannel: 0.5 }],
  Multiply: [{ mul: [0.5, 1.5], perChannel: 0.5 }],
  Add: [{ value: [-40, 40], perChannel: 0.5 }],
  LinearContrast: [{ alpha: [0.5, 1.5], perChannel: 0.5 }],
  GammaContrast: [{ gamma: [0.5, 2] }],
  GaussianBlur: [{ sigma: [0, 2] }],
  Dropout: [{ p: [0.1, 0.3], perChannel: 0.5 }],
  SaltAndPepper: [{ p: [0.1, 0.3], perChannel: 0.5 }],
  Affine: [
    { rotate: [-45, 45], scale: [0.8, 1.2], mode: ['constant', 'edge', 'reflect', 'symmetric', 'wrap'], order: [0, 1] },
    { rotate: [-30, 30], fitOutput: true, cval: [0, 255], order: 3 },
    { translatePx: { x: [-3, 3], y: [-2, 2] }, shear: { x: [-10, 10], y: [-5, 5] } },
  ],
  Resize: [
    { size: [0.5, 1.5], interpolation: ['nearest', 'linear', 'cubic'] },
    { size: { height: [3, 9], width: 'keep' } },
  ],
  PerspectiveTransform: [
    { scale: [0.01, 0.15], mode: ['constant', 'replicate'], cval: [0, 255] },
    { scale: [0, 0.1], keepSize: false },
    { scale: 0.05, fitOutput: true },
  ],
  ElasticTransformation: [
    { alpha: [0, 40], sigma: [4, 8] },
    { alpha: [5, 20], sigma: [0, 2], order: [0, 1, 2, 3, 4, 5], mode: ['constant', 'nearest', 'reflect', 'wrap'] },
    { alpha: 30, sigma: 3, order: 1, cval: [0, 255], mode: 'constant' },
  ],
  Fliplr: [{ p: 0.5 }],
  Flipud: [{ p: 0.5 }],
  Rotate: [{ rotate: [-20, 20] }],
  ShearX: [{ shear: [-20, 20] }],
  ShearY: [{ shear: [-20, 20] }],
  ScaleX: [{ scale: [0.5, 1.5] }],
  ScaleY: [{ scale: [0.5, 1.5] }],
  TranslateX: [{ px: [-3, 3] }],
  TranslateY: [{ px: [-3, 3] }],
  Sequential: [{ randomOrder: true, children: [{ type: 'Multiply', mul: [0.5, 1.5] }, { type: 'Identity' }] }],
  Sometimes: [{ p: 0.5, then: { type: 'Multiply', mul: [0.1, 0.5] }, else: { type: 'Multiply', mul: [1.5, 2] } }],
  OneOf: [
    {
      children: [
        { type: 'Multiply', mul: [0.1, 0.5] },
        { type: 'Multiply', mul: [1.5, 2] },
      ],
    },
  ],
  SomeOf: [
    {
      n: [0, 2],
      randomOrder: true,
      children: [
        { type: 'Multiply', mul: 0.5 },
        { type: 'Multiply', mul: [1.5, 2] },
      ],
    },
  ],
};

export function randomBatch(n: number, h: number, w: number, c: number, float = false, seed = 11): iaa.UniformBatch {
  const s = iaa.RandomSource.root(seed, 0, 0).stream('pixels');
  const data = float ? new Float32Array(n * h * w * c) : new Uint8Array(n * h * w * c);
  for (let i = 0; i < data.length; i++) data[i] = float ? (s.nextUint32() & 255) / 255 : s.nextUint32() & 255;
  return { data, n, height: h, width: w, channels: c };
}

export const asList = (b: iaa.Batch): iaa.Image[] => (iaa.isUniformBatch(b) ? iaa.batchToImages(b) : [...b]);

export function sameImages(a: iaa.Batch, b: iaa.Batch): boolean {
  const x = asList(a);
  const y = asList(b);
  return x.length === y.length && x.every((img, i) => iaa.imagesEqual(img, y[i]));
}

export const build = (type: string, options: Record<string, unknown>, seed = 5) =>
  iaa.fromJSON({ type, seed, ...options });
