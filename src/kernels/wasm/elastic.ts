/**
 * ElasticTransformation's displacement fields in WebAssembly (wasm/elastic.c): both noise planes blurred, times
 * alpha, cropped, with the same operations in the same order as the TypeScript loops in elastic-transformation.ts
 * (which stay the reference and the fallback), so the same values.
 */
import { type Exports, active, align16, arena, heapViews } from './simd.ts';

interface ElasticExports extends Exports {
  elastic_fields(
    noise: number,
    h: number,
    w: number,
    pad: number,
    k: number,
    r: number,
    alpha: number,
    tx: number,
    ty: number,
    dx: number,
    dy: number,
    acc: number,
  ): void;
}

/** Images whose fields need more of the module's memory than this are left to TypeScript (memory never shrinks). */
const MAX_BYTES = 16 << 20;

/**
 * Blurs the two padded noise planes in `noise` (each (h + 2·pad) × (w + 2·pad)) with the half kernel `kernel`
 * (taps 0 … r from the centre, r < pad), multiplies by `alpha32` and writes the h × w centres to `dx` and `dy`.
 * Returns false, having written nothing, when the WebAssembly kernels are unavailable or the image is too large.
 */
export function elasticFieldsWasm(
  noise: Float32Array,
  h: number,
  w: number,
  pad: number,
  kernel: Float64Array,
  alpha32: number,
  dx: Float32Array,
  dy: Float32Array,
): boolean {
  const exports = active() as ElasticExports | null;
  if (exports === null) return false;
  const r = kernel.length - 1;
  const noiseBytes = align16(4 * noise.length);
  const kBytes = align16(8 * kernel.length);
  const tBytes = align16(4 * (h + 2 * r) * w);
  const fBytes = align16(4 * h * w);
  const accBytes = align16(8 * w);
  const total = noiseBytes + kBytes + 2 * tBytes + 2 * fBytes + accBytes;
  if (total > MAX_BYTES) return false;
  const base = arena(exports, total);
  const kAt = base + noiseBytes;
  const txAt = kAt + kBytes;
  const tyAt = txAt + tBytes;
  const dxAt = tyAt + tBytes;
  const dyAt = dxAt + fBytes;
  const accAt = dyAt + fBytes;
  const heap = exports.memory.buffer;
  new Float32Array(heap, base, noise.length).set(noise);
  heapViews(exports).f64.set(kernel, kAt >> 3);
  exports.elastic_fields(base, h, w, pad, kAt, r, alpha32, txAt, tyAt, dxAt, dyAt, accAt);
  dx.set(new Float32Array(heap, dxAt, h * w));
  dy.set(new Float32Array(heap, dyAt, h * w));
  return true;
}
