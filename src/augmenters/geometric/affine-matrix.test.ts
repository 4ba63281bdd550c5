import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Image } from '../../core/image.ts';
import { warpAffine } from '../../kernels/warp-affine.ts';
import {
  type AffineParams,
  DOUBLE_RULES,
  type Float32Rules,
  affineMatrix,
  fitOutput,
  invertAffine,
  isIdentityMatrix,
} from './affine-matrix.ts';

const NONE: AffineParams = { scaleX: 1, scaleY: 1, translateX: 0, translateY: 0, rotate: 0, shearX: 0, shearY: 0 };
const params = (p: Partial<AffineParams>): AffineParams => ({ ...NONE, ...p });
const square = (n: number) => ({ height: n, width: n });

function assertClose(actual: readonly number[], expected: readonly number[], tol: number): void {
  assert.equal(actual.length, expected.length);
  actual.forEach((v, i) => assert.ok(Math.abs(v - expected[i]) <= tol, `[${i}] ${v} vs ${expected[i]} (±${tol})`));
}

describe('affineMatrix', () => {
  it('gives translation −13.5 for scale 2 on 28×28 (the centre 13.5 stays put)', () => {
    assert.deepEqual(affineMatrix(params({ scaleX: 2, scaleY: 2 }), square(28)), [2, 0, -13.5, 0, 2, -13.5]);
  });

  it('equals the hand-computed matrix for scale (2, 0.5), rotate 90, translate (3, −2) on a 10×20 image', () => {
    // Main = [[sx·cos 90°, −sy·sin 90°, tx], [sx·sin 90°, sy·cos 90°, ty]] = [[0, −0.5, 3], [2, 0, −2]].
    // About c = (W/2 − 0.5, H/2 − 0.5) = (9.5, 4.5): M = T(c)·Main·T(−c), so the linear part L is Main's and the
    // translation is c + t − L·c = (9.5 + 3 − (−0.5·4.5), 4.5 − 2 − 2·9.5) = (14.75, −16.5).
    // The y-shear block R(q)·Shear(0)·R(−q) with q = 3.141592/2 is the identity up to ~1e-16, and with the double
    // rules cos(π/2) ≈ 6e-17, hence the 1e-12 tolerance.
    const m = affineMatrix(
      params({ scaleX: 2, scaleY: 0.5, rotate: 90, translateX: 3, translateY: -2 }),
      { height: 10, width: 20 },
      DOUBLE_RULES,
    );
    assertClose(m, [0, -0.5, 14.75, 2, 0, -16.5], 1e-12);
  });

  it('turns a y-shear into [[cos s, 0], [sin s, 1]] about the centre', () => {
    // R(q)·[[1, −sin s], [0, cos s]]·R(−q) with R(±q) = [[0, ∓1], [±1, 0]] multiplies out to [[cos s, 0],
    // [sin s, 1]]: columns right of the centre move down. imgaug's q = 3.141592/2 misses π/2 by 3.3e-7, so the
    // entries are off by up to ~1e-6. Translation: c − L·c = (4.5 − cos45°·4.5, 4.5 − sin45°·4.5 − 4.5).
    const s = Math.SQRT1_2;
    const m = affineMatrix(params({ shearY: 45 }), square(10), DOUBLE_RULES);
    assertClose(m, [s, 0, 4.5 - s * 4.5, s, 1, -s * 4.5], 1e-5);
  });

  it('turns an x-shear into scikit-image’s [[1, −sin s], [0, cos s]] (a turned y axis, not a textbook shear)', () => {
    const m = affineMatrix(params({ shearX: 30 }), square(28), DOUBLE_RULES);
    assertClose([m[0], m[1], m[3], m[4]], [1, -0.5, 0, Math.cos(Math.PI / 6)], 1e-12);
  });

  it('turns positive angles clockwise on screen (y down): the top-left corner moves right and up', () => {
    // The corner (0, 0) lands at (c, f), the matrix's translation.
    const m = affineMatrix(params({ rotate: 10 }), square(28));
    assert.ok(m[2] > 0 && m[5] < 0, `corner at (${m[2]}, ${m[5]})`);
    const back = affineMatrix(params({ rotate: -10 }), square(28));
    assert.ok(back[2] < 0 && back[5] > 0);
  });

  // imgaug 0.4.0's matrices, computed by scripts/affine-matrix-reference.py (numpy float32 samples, np.deg2rad,
  // scikit-image's formulas and product order); compared bit for bit.
  const reference: { p: Partial<AffineParams>; h: number; w: number; fit: boolean; m: number[]; shape: number[] }[] = [
    { p: { scaleX: 2, scaleY: 2 }, h: 28, w: 28, fit: true, m: [2, 0, 0, 0, 2, 0], shape: [55, 55] },
    {
      p: { rotate: 90 },
      h: 28,
      w: 28,
      fit: true,
      m: [
        -4.371139000186241e-8, -0.999999999999999, 27.0000011802075, 0.999999999999999, -4.371139000186241e-8,
        1.1802075300502851e-6,
      ],
      shape: [29, 29],
    },
    {
      p: { rotate: 30 },
      h: 28,
      w: 28,
      fit: true,
      m: [0.8660253964992068, -0.5000000126183913, 13.500000340696566, 0.5000000126183913, 0.8660253964992068, 0],
      shape: [38, 38],
    },
    {
      p: { rotate: 30 },
      h: 64,
      w: 64,
      fit: true,
      m: [0.8660253964992068, -0.5000000126183913, 31.500000794958655, 0.5000000126183913, 0.8660253964992068, 0],
      shape: [88, 88],
    },
    {
      p: { shearX: 30 },
      h: 28,
      w: 28,
      fit: true,
      m: [1, -0.5000000126183913, 13.500000340696566, 0, 0.8660253964992068, 0],
      shape: [25, 42],
    },
    {
      p: {
        scaleX: 1.1,
        scaleY: 0.9,
        translateX: 0.1,
        translateY: -0.05,
        translateUnit: 'percent',
        rotate: -17.3,
        shearX: 12.5,
        shearY: -7.25,
      },
      h: 32,
      w: 48,
      fit: false,
      m: [
        1.0323361239284596, 0.0753100355439003, 2.872795608276313, -0.437677772813592, 0.8968435879918197,
        10.284352023404349,
      ],
      shape: [32, 48],
    },
    {
      p: { translateX: 3, translateY: -2, rotate: 33.3, shearY: 21.7 },
      h: 28,
      w: 28,
      fit: false,
      m: [
        0.5735765108838624, -0.5490227308747191, 16.168523969876567, 0.8191521396083954, 0.8358072740292153,
        -10.841952084107746,
      ],
      shape: [28, 28],
    },
  ];
  for (const r of reference) {
    it(`reproduces imgaug 0.4.0 bit for bit: ${JSON.stringify(r.p)} on ${r.h}×${r.w}${r.fit ? ', fitOutput' : ''}`, () => {
      let m = affineMatrix(params(r.p), { height: r.h, width: r.w });
      let shape = [r.h, r.w];
      if (r.fit) {
        const fitted = fitOutput(m, { height: r.h, width: r.w });
        m = fitted.matrix;
        shape = [fitted.height, fitted.width];
      }
      assert.deepEqual(
        [...m].map((v) => v + 0),
        r.m,
      );
      assert.deepEqual(shape, r.shape);
    });
  }

  it('rejects non-finite parameters and an unknown translateUnit with the error template', () => {
    assert.throws(() => affineMatrix(params({ rotate: Number.NaN }), square(4)), {
      message: 'affineMatrix: rotate must be a finite number; received NaN',
    });
    const bad = params({ translateUnit: 'cm' as unknown as 'px' });
    assert.throws(() => affineMatrix(bad, square(4)), /translateUnit must be 'px' or 'percent'/);
  });
});

describe('fitOutput', () => {
  const fit = (p: Partial<AffineParams>, h: number, w: number, rules?: Float32Rules) => {
    const r = fitOutput(affineMatrix(params(p), { height: h, width: w }, rules), { height: h, width: w });
    return [r.height, r.width];
  };

  it('gives imgaug’s documented sizes', () => {
    assert.deepEqual(fit({ scaleX: 2, scaleY: 2 }, 28, 28), [55, 55]);
    assert.deepEqual(fit({ scaleX: 2, scaleY: 2 }, 64, 64), [127, 127]);
    assert.deepEqual(fit({ rotate: 30 }, 28, 28), [38, 38]);
    assert.deepEqual(fit({ rotate: 30 }, 64, 64), [88, 88]);
    assert.deepEqual(fit({ shearX: 30 }, 28, 28), [25, 42]);
  });

  it('gives 29×29 for rotate 90 on 28×28, imgaug 0.4.0’s float32 quirk (28×28 with double radians)', () => {
    // float32 radians leave cos(r) ≈ −4.4e-8, so the extent is 28.0000012 and ceil makes it 29.
    assert.deepEqual(fit({ rotate: 90 }, 28, 28), [29, 29]);
    assert.deepEqual(fit({ rotate: 90 }, 28, 28, DOUBLE_RULES), [28, 28]);
  });

  it('ignores translation and puts the warped corners inside the canvas', () => {
    assert.deepEqual(fit({ rotate: 30, translateX: 7, translateY: -9 }, 28, 28), [38, 38]);
    const m = affineMatrix(params({ rotate: 37, scaleX: 1.3, shearX: 11, translateX: 5 }), { height: 20, width: 30 });
    const r = fitOutput(m, { height: 20, width: 30 });
    for (const [x, y] of [
      [0, 0],
      [29, 0],
      [0, 19],
      [29, 19],
    ]) {
      const [a, b, c, d, e, f] = r.matrix;
      const px = a * x + b * y + c;
      const py = d * x + e * y + f;
      assert.ok(px >= -1e-9 && px <= r.width - 1 + 1e-9 && py >= -1e-9 && py <= r.height - 1 + 1e-9);
    }
  });
});

describe('isIdentityMatrix', () => {
  it('accepts matrices within imgaug’s 1e-4 mean difference and rejects larger ones', () => {
    assert.equal(isIdentityMatrix(affineMatrix(NONE, square(28))), true);
    assert.equal(isIdentityMatrix([1, 0, 0.0009, 0, 1, 0]), true); // mean 0.0009 / 9 = 1e-4
    assert.equal(isIdentityMatrix([1, 0, 0.00091, 0, 1, 0]), false);
    assert.equal(isIdentityMatrix(affineMatrix(params({ translateX: 1 }), square(28))), false);
  });
});

describe('invertAffine', () => {
  it('inverts a matrix exactly where the numbers allow it', () => {
    assert.deepEqual(invertAffine([2, 0, -13.5, 0, 2, -13.5]), [0.5, -0, 6.75, -0, 0.5, 6.75]);
  });

  it('warping by M and then by its inverse keeps a drawn blob (IoU ≥ 0.9)', () => {
    const n = 48;
    const src: Image<Uint8Array> = { data: new Uint8Array(n * n), height: n, width: n, channels: 1 };
    // A filled off-centre ellipse, well inside the image so nothing is cut off by the rotation.
    for (let y = 0; y < n; y++) {
      for (let x = 0; x < n; x++) {
        if (((x - 20) / 9) ** 2 + ((y - 26) / 6) ** 2 <= 1) src.data[y * n + x] = 255;
      }
    }
    const cases: Partial<AffineParams>[] = [
      { rotate: 30 },
      { rotate: -75, scaleX: 1.2, scaleY: 0.9 },
      { shearX: 20, translateX: 3, translateY: -2 },
      { shearY: -15, rotate: 10 },
    ];
    for (const p of cases) {
      const m = affineMatrix(params(p), src);
      const mid: Image<Uint8Array> = { data: new Uint8Array(n * n), height: n, width: n, channels: 1 };
      const back: Image<Uint8Array> = { data: new Uint8Array(n * n), height: n, width: n, channels: 1 };
      warpAffine(src, m, mid, { order: 1, mode: 'constant', cval: 0 });
      warpAffine(mid, invertAffine(m), back, { order: 1, mode: 'constant', cval: 0 });
      let inter = 0;
      let union = 0;
      let moved = 0;
      for (let i = 0; i < n * n; i++) {
        const a = src.data[i] >= 128;
        const b = back.data[i] >= 128;
        if (a && b) inter++;
        if (a || b) union++;
        if (a !== mid.data[i] >= 128) moved++;
      }
      assert.ok(moved > 10, `${JSON.stringify(p)} should move the blob`);
      assert.ok(inter / union >= 0.9, `${JSON.stringify(p)}: IoU ${inter / union}`);
    }
  });
});
