import type { RandomStream } from './stream.ts';

/**
 * Standard normal draws for per-pixel noise, by Marsaglia and Tsang's ziggurat ("The Ziggurat Method for Generating
 * Random Variables", J. Stat. Softw. 5(8), 2000) with 128 layers. About 98.8% of the draws take one 32-bit word, a
 * table lookup, a multiply and a compare; the rest take a few more words (and, rarely, Math.exp or Math.log).
 * Box–Muller, which this replaces for AdditiveGaussianNoise, spent a logarithm, a square root and a cosine on every
 * value.
 *
 * One word gives the layer (its low 7 bits), the sign (bit 7) and a 24-bit position in the layer (the top 24 bits),
 * so the three never share bits. Words come from the stream in blocks of {@link NORMAL_WORDS} through
 * `fillUint32`, so the draws depend only on the stream (not on how many values a caller asks for at a time).
 */
export const NORMAL_WORDS = 4096;

const LAYERS = 128;
/** Where the base layer's tail starts, and the area of each layer (Marsaglia and Tsang's constants for 128). */
const R = 3.442619855899;
const AREA = 9.91256303526217e-3;
const POSITION = 16777216; // 2^24

// Layer i spans x in [0, X[i]); its part fully under the curve is [0, X[i − 1]). X[0] is the base layer's width
// taken as a rectangle of the layer's area (the tail included), so a position beyond R falls in the tail.
const width = new Float64Array(LAYERS); // X[i] / 2^24: position → x
const inner = new Uint32Array(LAYERS); // X[i − 1] / X[i] · 2^24: positions below it are accepted at once
const density = new Float64Array(LAYERS); // exp(−X[i]² / 2)
{
  const f = (x: number) => Math.exp(-0.5 * x * x);
  const q = AREA / f(R);
  width[0] = q / POSITION;
  inner[0] = Math.floor((R / q) * POSITION);
  density[0] = 1;
  width[LAYERS - 1] = R / POSITION;
  density[LAYERS - 1] = f(R);
  let x = R;
  for (let i = LAYERS - 2; i >= 1; i--) {
    const next = Math.sqrt(-2 * Math.log(AREA / x + f(x)));
    inner[i + 1] = Math.floor((next / x) * POSITION);
    x = next;
    width[i] = x / POSITION;
    density[i] = f(x);
  }
  inner[1] = 0;
}

/** The ziggurat's tables, for the WebAssembly noise kernel (wasm/noise.c), which must draw the same values. */
export const ZIGGURAT = { width, inner, density } as const;

const TAIL_SCALE = 1 / R;
const U32 = 1 / 4294967296;

/**
 * Fills arrays with standard normal draws from one stream at a time (call {@link NormalSampler.start} per stream).
 * Keeps the stream's unread words between `fill` calls, so values continue where the last call stopped.
 */
export class NormalSampler {
  private readonly words = new Uint32Array(NORMAL_WORDS);
  private position = NORMAL_WORDS;
  private stream: RandomStream | undefined;

  /** Reads from the start of `stream` from now on. */
  start(stream: RandomStream): void {
    this.stream = stream.restart();
    this.position = NORMAL_WORDS;
  }

  /** Writes the next `count` standard normal values to `out[0 … count − 1]`. */
  fill(out: Float64Array, count: number = out.length): void {
    const words = this.words;
    let p = this.position;
    for (let k = 0; k < count; k++) {
      if (p === NORMAL_WORDS) p = this.refill();
      const u = words[p++];
      const layer = u & (LAYERS - 1);
      const at = u >>> 8;
      if (at < inner[layer]) {
        const x = at * width[layer];
        out[k] = u & 128 ? -x : x;
        continue;
      }
      this.position = p;
      out[k] = this.slow(u);
      p = this.position;
    }
    this.position = p;
  }

  private refill(): number {
    if (this.stream === undefined) throw new Error('NormalSampler: start(stream) was not called');
    this.stream.fillUint32(this.words);
    return 0;
  }

  private next(): number {
    if (this.position === NORMAL_WORDS) this.position = this.refill();
    return this.words[this.position++];
  }

  /** A word that missed its layer's inner part: the tail, a wedge, or a new word (Marsaglia and Tsang's nfix). */
  private slow(first: number): number {
    let u = first;
    for (;;) {
      const layer = u & (LAYERS - 1);
      const at = u >>> 8;
      const negative = (u & 128) !== 0;
      if (at < inner[layer]) {
        const x = at * width[layer];
        return negative ? -x : x;
      }
      if (layer === 0) {
        // The tail beyond R: Marsaglia's method, from two uniforms in (0, 1).
        for (;;) {
          const x = -Math.log((this.next() + 0.5) * U32) * TAIL_SCALE;
          const y = -Math.log((this.next() + 0.5) * U32);
          if (y + y >= x * x) return negative ? -(R + x) : R + x;
        }
      }
      const x = at * width[layer];
      const lower = density[layer];
      if (lower + (this.next() + 0.5) * U32 * (density[layer - 1] - lower) < Math.exp(-0.5 * x * x)) {
        return negative ? -x : x;
      }
      u = this.next();
    }
  }
}
