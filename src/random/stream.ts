import { argumentError } from '../core/errors.ts';
import { philox4x32 } from './philox.ts';
import { combineHashes, hashString } from './stream-id.ts';

const TWO_POW_32 = 4294967296;
const TWO_POW_M53 = 1 / 9007199254740992;

// Philox writes into this shared scratch; each stream copies the four words into its own fields, so a stream
// allocates nothing beyond itself (streams are made per image and parameter).
const scratch = new Uint32Array(4);
// fillUint32's seed words, read straight back into locals.
const seedScratch = new Uint32Array(4);

/**
 * A sequence of random numbers at one address: key = seed, counter = (draw, stream, sample index, call).
 * Two streams with the same address give the same numbers; streams at different addresses are independent.
 * Create one per parameter with `RandomSource.stream(name)`.
 */
export class RandomStream {
  private b0 = 0;
  private b1 = 0;
  private b2 = 0;
  private b3 = 0;
  private blockCounter = 0;
  private position = 4;

  constructor(
    readonly key0: number,
    readonly key1: number,
    readonly streamId: number,
    readonly index: number,
    readonly call: number,
  ) {}

  /** A fresh stream at the same address, starting again from its first draw. */
  restart(): RandomStream {
    return new RandomStream(this.key0, this.key1, this.streamId, this.index, this.call);
  }

  /** The next uniformly distributed 32-bit unsigned integer. */
  nextUint32(): number {
    if (this.position === 4) {
      philox4x32(this.blockCounter, this.streamId, this.index, this.call, this.key0, this.key1, scratch);
      this.b0 = scratch[0];
      this.b1 = scratch[1];
      this.b2 = scratch[2];
      this.b3 = scratch[3];
      this.blockCounter = (this.blockCounter + 1) >>> 0;
      this.position = 0;
    }
    const p = this.position++;
    return p === 0 ? this.b0 : p === 1 ? this.b1 : p === 2 ? this.b2 : this.b3;
  }

  /**
   * Fills `out` with uniformly distributed 32-bit unsigned integers for per-pixel noise (Dropout masks, salt and
   * pepper): the next four Philox words seed xoshiro128**, which then fills the array. Philox in JS is too slow for
   * one draw per pixel; xoshiro128** passes BigCrush and costs far less per word (bench/README.md, "Measurements
   * behind the kernels").
   * Deterministic per address like every other draw; the stream's own sequence advances by one Philox block.
   */
  fillUint32(out: Uint32Array): void {
    this.nextXoshiroSeed(seedScratch, 0);
    let s0 = seedScratch[0];
    let s1 = seedScratch[1];
    let s2 = seedScratch[2];
    let s3 = seedScratch[3];
    const n = out.length;
    // The rotations written out: V8 does not always inline a helper into this loop (bench/README.md, as above).
    for (let i = 0; i < n; i++) {
      const m = Math.imul(s1, 5);
      const r = Math.imul((m << 7) | (m >>> 25), 9);
      const t = s1 << 9;
      s2 ^= s0;
      s3 ^= s1;
      s1 ^= s2;
      s0 ^= s3;
      s2 ^= t;
      s3 = (s3 << 11) | (s3 >>> 21);
      out[i] = r >>> 0;
    }
  }

  /**
   * Writes to `out[at … at + 3]` the xoshiro128** state that the next {@link fillUint32} call would start from, and
   * advances the stream exactly as that call does (one Philox block): for generators outside this class (the
   * WebAssembly masks) that must give fillUint32's words.
   */
  nextXoshiroSeed(out: Uint32Array, at: number): void {
    const s0 = this.nextUint32();
    const s1 = this.nextUint32();
    const s2 = this.nextUint32();
    const s3 = this.nextUint32();
    out[at] = (s0 | s1 | s2 | s3) === 0 ? 0x9e3779b9 : s0; // xoshiro's one forbidden state
    out[at + 1] = s1;
    out[at + 2] = s2;
    out[at + 3] = s3;
  }

  /** A double uniformly distributed in [0, 1), with 53 random bits. */
  random(): number {
    const hi = this.nextUint32() >>> 5; // 27 bits
    const lo = this.nextUint32() >>> 6; // 26 bits
    return (hi * 67108864 + lo) * TWO_POW_M53;
  }

  /** A double uniformly distributed in [a, b). */
  uniform(a: number, b: number): number {
    return a + (b - a) * this.random();
  }

  /** An integer uniformly distributed in [a, b], both ends included. */
  integer(a: number, b: number): number {
    return a + Math.floor(this.random() * (b - a + 1));
  }

  /** A standard normal draw (Box–Muller; two uniform draws per value, none cached, so positions stay stable). */
  normal(): number {
    const u1 = 1 - this.random(); // (0, 1]: log is finite
    const u2 = this.random();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}

/**
 * Where one sample's draws come from: a seed, a call counter, the sample's dataset index and a path in the
 * augmenter tree. Augmenters ask it for named streams (`random.stream('mul')`) and give each child its own
 * address (`random.child('1:Affine')`), so a draw never depends on what siblings or neighbours drew.
 */
export class RandomSource {
  private constructor(
    readonly key0: number,
    readonly key1: number,
    readonly call: number,
    readonly index: number,
    readonly pathHash: number,
  ) {}

  /** The root source of one sample. `seed` is a non-negative safe integer; `path` names the root augmenter. */
  static root(seed: number, call: number, index: number, path = ''): RandomSource {
    const [k0, k1] = seedToKey(seed);
    return new RandomSource(k0, k1, call >>> 0, index >>> 0, hashString(path));
  }

  /** A root source from a key already split with `seedToKey` and a path already hashed (the per-image fast path). */
  static fromKey(key0: number, key1: number, call: number, index: number, pathHash: number): RandomSource {
    return new RandomSource(key0, key1, call >>> 0, index >>> 0, pathHash);
  }

  /** The source for a child at `segment` below this one (e.g. `'1:Affine'`, or the child's `name`). */
  child(segment: string): RandomSource {
    return new RandomSource(
      this.key0,
      this.key1,
      this.call,
      this.index,
      combineHashes(this.pathHash, hashString(segment)),
    );
  }

  /** The same address with another seed: a child that was given its own `seed`. */
  withSeed(seed: number, path = ''): RandomSource {
    const [k0, k1] = seedToKey(seed);
    return new RandomSource(k0, k1, this.call, this.index, hashString(path));
  }

  /** The stream for the parameter `name` at this address. */
  stream(name: string): RandomStream {
    return new RandomStream(
      this.key0,
      this.key1,
      combineHashes(this.pathHash, streamNameHash(name)),
      this.index,
      this.call,
    );
  }
}

const nameHashes = new Map<string, number>();

/** hashString('#' + name), memoised by name so no string is built per draw. */
function streamNameHash(name: string): number {
  let h = nameHashes.get(name);
  if (h === undefined) {
    h = hashString(`#${name}`);
    nameHashes.set(name, h);
  }
  return h;
}

/** Splits a seed (a non-negative safe integer) into Philox's two 32-bit key words. */
export function seedToKey(seed: number): [number, number] {
  checkSeed(seed, 'augkit', 'seed');
  return [seed >>> 0, Math.floor(seed / TWO_POW_32) >>> 0];
}

/** Throws the template error unless `seed` is a non-negative safe integer. */
export function checkSeed(seed: unknown, owner: string, option: string): number {
  if (typeof seed !== 'number' || !Number.isSafeInteger(seed) || seed < 0) {
    throw argumentError(
      owner,
      option,
      'a non-negative integer (at most 2^53 - 1)',
      seed,
      typeof seed === 'number' ? 'range' : 'type',
    );
  }
  return seed;
}

let globalSeed: number | undefined;

/** Picks a seed from the platform's crypto generator (never Math.random). */
function freshSeed(): number {
  const words = new Uint32Array(2);
  globalThis.crypto.getRandomValues(words);
  return (words[0] & 0x1fffff) * TWO_POW_32 + words[1];
}

/**
 * Sets the root seed used by augmenters created afterwards without their own `seed` (imgaug's `ia.seed`).
 * @example iaa.seed(42); const aug = iaa.Multiply([0.5, 1.5]); // reproducible from now on
 */
export function seed(value: number): void {
  globalSeed = checkSeed(value, 'seed', 'value');
}

/** The root seed in force; an unseeded run picks one once, and this reports it. */
export function getSeed(): number {
  if (globalSeed === undefined) globalSeed = freshSeed();
  return globalSeed;
}
