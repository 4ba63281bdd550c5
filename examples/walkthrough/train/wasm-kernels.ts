/**
 * The kernel registrations that make training on the wasm backend correct and fast
 * (`/work/shared/TFJS_WASM_TRAINING.md` §3): the missing `Conv2DBackpropFilter` (with an im2col variant for the
 * first layer's few-tap filters), a correct `MaxPoolGrad`, and faster `Conv2DBackpropInput` (stride 1),
 * `BatchMatMul` with transpose flags and `Sum` over leading axes. The doc's "six" counts one missing, one wrong and
 * four slow kernels; MaxPoolGrad is both wrong and slow, so five kernel names are registered.
 *
 * Every kernel here works on TensorInfos only and never calls `tf.*` ops: it calls the backend's own kernel
 * functions and frees each intermediate exactly once with `backend.disposeData`.
 */
import * as tf from '@tensorflow/tfjs';
import type { BackendWasm } from '@tensorflow/tfjs-backend-wasm';

type TensorInfo = tf.TensorInfo;
type KernelFunc = tf.KernelFunc;
type KernelArgs = Parameters<KernelFunc>[0];
type ExplicitPadding = [[number, number], [number, number], [number, number], [number, number]];

const BACKEND = 'wasm';

/** The kernel names this module registers for the wasm backend, in registration order. */
export const WASM_TRAINING_KERNELS = [
  'Conv2DBackpropFilter',
  'Conv2DBackpropInput',
  'BatchMatMul',
  'MaxPoolGrad',
  'Sum',
] as const;

/** One of the kernel names augkit registers for wasm. */
export type WasmTrainingKernel = (typeof WASM_TRAINING_KERNELS)[number];

function kernel(name: string): KernelFunc {
  const config = tf.getKernel(name, BACKEND);
  if (config === undefined) throw new Error(`wasm-kernels: the wasm backend has no ${name} kernel`);
  return config.kernelFunc;
}

/** Calls a registered wasm kernel on TensorInfos; the result is a fresh TensorInfo owned by the caller. */
function run(
  name: string,
  inputs: Record<string, TensorInfo>,
  backend: BackendWasm,
  attrs: Record<string, unknown>,
): TensorInfo {
  return kernel(name)({ inputs, backend, attrs: attrs as tf.NamedAttrMap }) as TensorInfo;
}

/** Views a tensor under another shape of the same size; only ever pass the view as a kernel input. */
function alias(info: TensorInfo, shape: number[]): TensorInfo {
  return { dataId: info.dataId, shape, dtype: info.dtype };
}

function convInfo(xShape: number[], filterShape: number[], attrs: Record<string, unknown>): tf.backend_util.Conv2DInfo {
  const fmt = tf.backend_util.convertConv2DDataFormat((attrs.dataFormat as 'NHWC' | 'NCHW' | undefined) ?? 'NHWC');
  return tf.backend_util.computeConv2DInfo(
    xShape as [number, number, number, number],
    filterShape as [number, number, number, number],
    attrs.strides as [number, number] | number,
    1,
    attrs.pad as 'valid' | 'same' | number | ExplicitPadding,
    attrs.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
    false,
    fmt,
  );
}

/**
 * dW[fh,fw,ci,co] = Σ_{b,oh,ow} xPadded[b, oh·sH+fh, ow·sW+fw, ci] · dy[b,oh,ow,co]: a valid convolution of x
 * (batch as channel) with dy (batch as input channel), the forward strides becoming dy's dilations.
 */
function conv2DBackpropFilter({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { x, dy } = inputs as { x: TensorInfo; dy: TensorInfo };
  const be = backend as BackendWasm;
  const a = (attrs ?? {}) as Record<string, unknown>;
  if (a.dataFormat !== undefined && a.dataFormat !== 'NHWC') {
    throw new Error(`wasm-kernels: Conv2DBackpropFilter supports NHWC only; received ${String(a.dataFormat)}`);
  }
  const filterShape = a.filterShape as number[];
  const info = convInfo(x.shape, filterShape, a);
  const p = info.padInfo;
  if (filterShape[0] * filterShape[1] * filterShape[2] <= SMALL_K && x.dtype === 'float32') {
    return conv2DBackpropFilterIm2col(x, dy, info, be);
  }
  const xT = run('Transpose', { x }, be, { perm: [3, 1, 2, 0] });
  const dyT = run('Transpose', { x: dy }, be, { perm: [1, 2, 0, 3] });
  let r = run('Conv2D', { x: xT, filter: dyT }, be, {
    strides: [1, 1],
    dilations: [info.strideHeight, info.strideWidth],
    dataFormat: 'NHWC',
    pad: [
      [0, 0],
      [p.top, p.bottom],
      [p.left, p.right],
      [0, 0],
    ],
    dimRoundingMode: undefined,
  });
  be.disposeData(xT.dataId);
  be.disposeData(dyT.dataId);
  const [fh, fw] = filterShape;
  if (r.shape[1] !== fh || r.shape[2] !== fw) {
    // Strided convolutions leave rows and columns that the forward pass never reached.
    const sliced = run('Slice', { x: r }, be, { begin: [0, 0, 0, 0], size: [r.shape[0], fh, fw, r.shape[3]] });
    be.disposeData(r.dataId);
    r = sliced;
  }
  const out = run('Transpose', { x: r }, be, { perm: [1, 2, 0, 3] });
  be.disposeData(r.dataId);
  return out;
}

/** Filters with at most this many taps (FH·FW·Ci) take the im2col path: the first layer of an image model. */
const SMALL_K = 64;

/**
 * dW as one product for filters with few taps: dW[k, co] = Σ_m cols[m, k] · dy[m, co] over the M = B·OH·OW output
 * positions, with cols (im2col of x, zero where padded) written in JS and the product run as dyᵀ · cols, so the
 * matmul needs no transpose flag and takes XNNPACK's fast path.
 */
function conv2DBackpropFilterIm2col(
  x: TensorInfo,
  dy: TensorInfo,
  info: tf.backend_util.Conv2DInfo,
  be: BackendWasm,
): TensorInfo {
  const { batchSize, inHeight, inWidth, inChannels: ci, outHeight, outWidth, outChannels: co } = info;
  const { filterHeight: fh, filterWidth: fw, strideHeight: sh, strideWidth: sw } = info;
  const m = batchSize * outHeight * outWidth;
  const k = fh * fw * ci;
  const dyT = run('Transpose', { x: alias(dy, [m, co]) }, be, { perm: [1, 0] });
  const cols = be.makeOutput([1, m, k], 'float32');
  const xv = be.typedArrayFromHeap(x) as Float32Array;
  const cv = be.typedArrayFromHeap(cols) as Float32Array;
  const top = info.padInfo.top;
  const left = info.padInfo.left;
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * inHeight * inWidth * ci;
    for (let oh = 0; oh < outHeight; oh++) {
      for (let ow = 0; ow < outWidth; ow++) {
        for (let i = 0; i < fh; i++) {
          const h = oh * sh - top + i;
          const rowOk = h >= 0 && h < inHeight;
          for (let j = 0; j < fw; j++) {
            const w = ow * sw - left + j;
            if (rowOk && w >= 0 && w < inWidth) {
              const src = base + (h * inWidth + w) * ci;
              for (let c = 0; c < ci; c++) cv[o++] = xv[src + c];
            } else {
              for (let c = 0; c < ci; c++) cv[o++] = 0;
            }
          }
        }
      }
    }
  }
  const prod = run('BatchMatMul', { a: alias(dyT, [1, co, m]), b: cols }, be, {
    transposeA: false,
    transposeB: false,
  });
  be.disposeData(dyT.dataId);
  be.disposeData(cols.dataId);
  const out = run('Transpose', { x: alias(prod, [co, k]) }, be, { perm: [1, 0] });
  be.disposeData(prod.dataId);
  out.shape = [fh, fw, ci, co];
  return out;
}

/** Wraps the stock Conv2DBackpropInput: stride 1 goes through XNNPACK as a "full" convolution, the rest to `orig`. */
function makeConv2DBackpropInput(orig: KernelFunc): KernelFunc {
  return (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { dy, filter } = inputs as { dy: TensorInfo; filter: TensorInfo };
    const a = (attrs ?? {}) as Record<string, unknown>;
    const be = backend as BackendWasm;
    const info = convInfo(a.inputShape as number[], filter.shape, a);
    const nhwc = a.dataFormat === undefined || a.dataFormat === 'NHWC';
    if (!nhwc || info.strideHeight !== 1 || info.strideWidth !== 1 || dy.dtype !== 'float32') {
      return orig(args) as TensorInfo;
    }
    const [fh, fw] = filter.shape;
    const p = info.padInfo;
    const reversed = run('Reverse', { x: filter }, be, { dims: [0, 1] });
    const wf = run('Transpose', { x: reversed }, be, { perm: [0, 1, 3, 2] });
    be.disposeData(reversed.dataId);
    const dx = run('Conv2D', { x: dy, filter: wf }, be, {
      strides: [1, 1],
      dilations: [1, 1],
      dataFormat: 'NHWC',
      pad: [
        [0, 0],
        [fh - 1 - p.top, fh - 1 - p.bottom],
        [fw - 1 - p.left, fw - 1 - p.right],
        [0, 0],
      ],
      dimRoundingMode: undefined,
    });
    be.disposeData(wf.dataId);
    return dx;
  };
}

/** Wraps the stock BatchMatMul: transposed operands are copied first, so the call takes the XNNPACK path. */
function makeBatchMatMul(orig: KernelFunc): KernelFunc {
  return (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const a = (attrs ?? {}) as Record<string, unknown>;
    if (!a.transposeA && !a.transposeB) return orig(args) as TensorInfo;
    const be = backend as BackendWasm;
    const swapLast = (t: TensorInfo): TensorInfo => {
      const perm = t.shape.map((_, i) => i);
      const r = perm.length;
      [perm[r - 2], perm[r - 1]] = [perm[r - 1], perm[r - 2]];
      return run('Transpose', { x: t }, be, { perm });
    };
    const { a: ma, b: mb } = inputs as { a: TensorInfo; b: TensorInfo };
    const aT = a.transposeA ? swapLast(ma) : ma;
    const bT = a.transposeB ? swapLast(mb) : mb;
    const out = orig({ inputs: { a: aT, b: bT }, backend, attrs: { ...a, transposeA: false, transposeB: false } });
    if (aT !== ma) be.disposeData(aT.dataId);
    if (bT !== mb) be.disposeData(bT.dataId);
    return out as TensorInfo;
  };
}

/**
 * The max-pool gradient, routed like the cpu backend: to the first strict maximum of each window (running max
 * from -Infinity, compared with `>`), accumulated where windows overlap. The stock wasm kernel starts from the
 * smallest positive float and so sends the gradient of any all-non-positive window to element 0 of the tensor.
 */
function maxPoolGrad({ inputs, backend, attrs }: KernelArgs): TensorInfo {
  const { dy, input } = inputs as { dy: TensorInfo; input: TensorInfo };
  const be = backend as BackendWasm;
  const a = (attrs ?? {}) as Record<string, unknown>;
  const info = tf.backend_util.computePool2DInfo(
    input.shape as [number, number, number, number],
    a.filterSize as [number, number] | number,
    a.strides as [number, number] | number,
    1,
    a.pad as 'valid' | 'same' | number,
    a.dimRoundingMode as 'floor' | 'round' | 'ceil' | undefined,
  );
  const out = be.makeOutput(input.shape, 'float32');
  // Views only after the last allocation: heap growth detaches earlier ones.
  const xv = be.typedArrayFromHeap(input) as Float32Array;
  const dyv = be.typedArrayFromHeap(dy) as Float32Array;
  const dx = be.typedArrayFromHeap(out) as Float32Array;
  dx.fill(0);
  const { batchSize, inHeight, inWidth, inChannels: ch, outHeight, outWidth } = info;
  const { strideHeight: sh, strideWidth: sw, filterHeight: fh, filterWidth: fw } = info;
  const padTop = info.padInfo.top;
  const padLeft = info.padInfo.left;
  const rowStride = inWidth * ch;
  const imageStride = inHeight * rowStride;
  if (fh === 2 && fw === 2 && sh === 2 && sw === 2 && padTop === 0 && padLeft === 0) {
    maxPoolGrad2x2(xv, dyv, dx, batchSize, outHeight, outWidth, ch, rowStride, imageStride);
    return out;
  }
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    const base = b * imageStride;
    for (let oh = 0; oh < outHeight; oh++) {
      const h0 = oh * sh - padTop;
      const hStart = Math.max(0, h0);
      const hEnd = Math.min(inHeight, h0 + fh);
      for (let ow = 0; ow < outWidth; ow++) {
        const w0 = ow * sw - padLeft;
        const wStart = Math.max(0, w0);
        const wEnd = Math.min(inWidth, w0 + fw);
        for (let c = 0; c < ch; c++, o++) {
          let best = Number.NEGATIVE_INFINITY;
          let bestIdx = -1;
          for (let h = hStart; h < hEnd; h++) {
            let idx = base + h * rowStride + wStart * ch + c;
            for (let w = wStart; w < wEnd; w++, idx += ch) {
              const v = xv[idx];
              if (v > best) {
                best = v;
                bestIdx = idx;
              }
            }
          }
          if (bestIdx >= 0) dx[bestIdx] += dyv[o];
        }
      }
    }
  }
  return out;
}

/** Wraps the stock Sum: a float32 sum over axes 0…k−1 is accumulated in JS (no transpose), the rest goes to `orig`. */
/**
 * The 2×2, stride-2, unpadded case of {@link maxPoolGrad} (the walkthrough's pooling): the same rule — the first
 * strict maximum in row-major window order takes the gradient, a window of NaN or −∞ only takes none — with the four
 * candidates unrolled. Windows do not overlap, so every input position is written at most once.
 */
function maxPoolGrad2x2(
  xv: Float32Array,
  dyv: Float32Array,
  dx: Float32Array,
  batchSize: number,
  outHeight: number,
  outWidth: number,
  ch: number,
  rowStride: number,
  imageStride: number,
): void {
  let o = 0;
  for (let b = 0; b < batchSize; b++) {
    for (let oh = 0; oh < outHeight; oh++) {
      const row = b * imageStride + 2 * oh * rowStride;
      for (let ow = 0; ow < outWidth; ow++) {
        const i00 = row + 2 * ow * ch;
        for (let c = 0; c < ch; c++, o++) {
          const a = i00 + c;
          const bb = a + ch;
          const cc = a + rowStride;
          const d = cc + ch;
          let best = Number.NEGATIVE_INFINITY;
          let idx = -1;
          let v = xv[a];
          if (v > best) {
            best = v;
            idx = a;
          }
          v = xv[bb];
          if (v > best) {
            best = v;
            idx = bb;
          }
          v = xv[cc];
          if (v > best) {
            best = v;
            idx = cc;
          }
          if (xv[d] > best) idx = d;
          if (idx >= 0) dx[idx] = dyv[o];
        }
      }
    }
  }
}

function makeSum(orig: KernelFunc): KernelFunc {
  return (args: KernelArgs): TensorInfo => {
    const { inputs, backend, attrs } = args;
    const { x } = inputs as { x: TensorInfo };
    const a = (attrs ?? {}) as Record<string, unknown>;
    const rank = x.shape.length;
    const axes = [...tf.util.parseAxisParam(a.axis as number | number[], x.shape)].sort((p, q) => p - q);
    const k = axes.length;
    const leading = k > 0 && k < rank && axes.every((axis, i) => axis === i);
    if (!leading || x.dtype !== 'float32') return orig(args) as TensorInfo;
    const be = backend as BackendWasm;
    const kept = x.shape.slice(k);
    const outShape = a.keepDims ? [...x.shape.slice(0, k).map(() => 1), ...kept] : kept;
    const cols = kept.reduce((p, q) => p * q, 1);
    const rows = x.shape.slice(0, k).reduce((p, q) => p * q, 1);
    const out = be.makeOutput(outShape, 'float32');
    const xv = be.typedArrayFromHeap(x) as Float32Array;
    const ov = be.typedArrayFromHeap(out) as Float32Array;
    // Float64 accumulation: the rows can number in the hundreds of thousands (bias gradients).
    const acc = new Float64Array(cols);
    for (let r = 0, i = 0; r < rows; r++) {
      for (let c = 0; c < cols; c++, i++) acc[c] += xv[i];
    }
    for (let c = 0; c < cols; c++) ov[c] = acc[c];
    return out;
  };
}

const installed = new Map<string, KernelFunc>();

function override(name: string, make: (orig: KernelFunc) => KernelFunc): void {
  const current = tf.getKernel(name, BACKEND);
  if (current !== undefined && current.kernelFunc === installed.get(name)) return;
  if (current === undefined) throw new Error(`wasm-kernels: the wasm backend has no ${name} kernel to replace`);
  const mine = make(current.kernelFunc);
  tf.unregisterKernel(name, BACKEND);
  tf.registerKernel({ kernelName: name, backendName: BACKEND, kernelFunc: mine });
  installed.set(name, mine);
}

/**
 * Registers the training kernels for the wasm backend; calling it again changes nothing.
 *
 * Call it after `await tf.setBackend('wasm')` and `await tf.ready()` (the stock kernels bind their C functions when
 * the backend initialises, and the replacements delegate to them). `initBackend('wasm')` does all of this.
 * `names` selects a subset, for measuring one replacement against the stock kernel; without
 * Conv2DBackpropFilter the wasm backend cannot train convolutions at all, and without MaxPoolGrad its max-pool
 * gradients are wrong.
 *
 * @example
 * await tf.setBackend('wasm');
 * await tf.ready();
 * registerWasmTrainingKernels();
 */
export function registerWasmTrainingKernels(names: readonly WasmTrainingKernel[] = WASM_TRAINING_KERNELS): void {
  if (tf.findBackend(BACKEND) === null) {
    throw new Error('wasm-kernels: initialise the wasm backend (setBackend + ready) before registering kernels');
  }
  for (const name of names) {
    if (!WASM_TRAINING_KERNELS.includes(name)) {
      throw new RangeError(`registerWasmTrainingKernels: unknown kernel name ${JSON.stringify(name)}`);
    }
  }
  const wanted = new Set(names);
  if (wanted.has('Conv2DBackpropFilter')) {
    const filter = tf.getKernel('Conv2DBackpropFilter', BACKEND);
    if (filter?.kernelFunc !== conv2DBackpropFilter) {
      // A later tfjs may ship its own; ours is checked against the cpu backend, so it wins.
      if (filter !== undefined) tf.unregisterKernel('Conv2DBackpropFilter', BACKEND);
      tf.registerKernel({ kernelName: 'Conv2DBackpropFilter', backendName: BACKEND, kernelFunc: conv2DBackpropFilter });
      installed.set('Conv2DBackpropFilter', conv2DBackpropFilter);
    }
  }
  if (wanted.has('Conv2DBackpropInput')) override('Conv2DBackpropInput', makeConv2DBackpropInput);
  if (wanted.has('BatchMatMul')) override('BatchMatMul', makeBatchMatMul);
  if (wanted.has('MaxPoolGrad')) override('MaxPoolGrad', () => maxPoolGrad);
  if (wanted.has('Sum')) override('Sum', makeSum);
}

/** True when every kernel of {@link WASM_TRAINING_KERNELS} is augkit's replacement. */
export function wasmTrainingKernelsRegistered(): boolean {
  return WASM_TRAINING_KERNELS.every((name) => {
    const k = tf.getKernel(name, BACKEND);
    return k !== undefined && k.kernelFunc === installed.get(name);
  });
}
