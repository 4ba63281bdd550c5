import type { PixelArray } from '../core/image.ts';

/** Requests above this many bytes get fresh memory, not kept: one huge image does not stay pinned in memory. */
const KEEP_BYTES = 16 << 20;

/**
 * Memory reused across calls by code that runs synchronously and does not call itself (a kernel, an augmenter's
 * `apply`): one ArrayBuffer per slot, grown to the largest request it has served. Views of one slot share memory
 * (noise drawn as words and read as floats); views of different slots never do.
 * @example const tmp = new Scratch(); const a = tmp.f32(0, n); const b = tmp.f32(1, n); // two separate buffers
 */
export class Scratch {
  private readonly buffers: ArrayBuffer[] = [];

  /** At least `bytes` bytes for `slot`. */
  buffer(slot: number, bytes: number): ArrayBuffer {
    const kept = this.buffers[slot];
    if (kept !== undefined && kept.byteLength >= bytes) return kept;
    const fresh = new ArrayBuffer(bytes);
    if (bytes <= KEEP_BYTES) this.buffers[slot] = fresh;
    return fresh;
  }

  u8(slot: number, n: number): Uint8Array {
    return new Uint8Array(this.buffer(slot, n), 0, n);
  }

  u32(slot: number, n: number): Uint32Array {
    return new Uint32Array(this.buffer(slot, 4 * n), 0, n);
  }

  i32(slot: number, n: number): Int32Array {
    return new Int32Array(this.buffer(slot, 4 * n), 0, n);
  }

  f32(slot: number, n: number): Float32Array {
    return new Float32Array(this.buffer(slot, 4 * n), 0, n);
  }

  f64(slot: number, n: number): Float64Array {
    return new Float64Array(this.buffer(slot, 8 * n), 0, n);
  }

  /** `n` values of `like`'s type (uint8 or float32). */
  like(slot: number, like: PixelArray, n: number): PixelArray {
    return like instanceof Uint8Array ? this.u8(slot, n) : this.f32(slot, n);
  }
}
