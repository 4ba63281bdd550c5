/**
 * How per-pixel randomness reaches a kernel: kernels import `core` only, so they take their draws through this
 * interface, which the augmenters satisfy with the random layer's per-image stream (`RandomStream`) restarted at the
 * image's address. A kernel only reads words and seeds from it; it never chooses an address.
 */
export interface PixelDraws {
  /** A fresh source at the same address, from its first draw. */
  restart(): PixelDraws;
  /**
   * Fills `out` with the next run of uint32 draws: xoshiro128** seeded by the next Philox block, so one call
   * advances the source by one block whatever the length.
   */
  fillUint32(out: Uint32Array): void;
  /**
   * Writes to `out[at … at + 3]` the xoshiro128** state the next {@link PixelDraws.fillUint32} would start from,
   * advancing the source as that call does: for WebAssembly twins that generate the same words themselves.
   */
  nextXoshiroSeed(out: Uint32Array, at: number): void;
}
