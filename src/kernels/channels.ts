/**
 * Copies `count` channels of `n` pixels between interleaved images: channel `srcFirst + k` of `src` (with
 * `srcChannels` per pixel) to channel `dstFirst + k` of `dst` (with `dstChannels`), for k < count. Other channels of
 * `dst` are left as they are.
 *
 * @example copyChannels(rgba, 4, 0, rgb, 3, 0, 3, pixels) // drop the alpha channel
 */
export function copyChannels<A extends Uint8Array | Float32Array>(
  src: A,
  srcChannels: number,
  srcFirst: number,
  dst: A,
  dstChannels: number,
  dstFirst: number,
  count: number,
  n: number,
): void {
  if (srcFirst + count > srcChannels || dstFirst + count > dstChannels) {
    throw new RangeError(
      `copyChannels: channels ${srcFirst}…${srcFirst + count - 1} do not fit ${srcChannels} / ${dstChannels}`,
    );
  }
  if (src.length < n * srcChannels || dst.length < n * dstChannels)
    throw new RangeError('copyChannels: buffers too short');
  // Every channel of both: one copy (a histogram equalisation's RGB planes go through here whole).
  if (count === srcChannels && count === dstChannels) {
    dst.set(src.subarray(0, n * count));
    return;
  }
  for (let p = 0, s = srcFirst, d = dstFirst; p < n; p++, s += srcChannels, d += dstChannels) {
    for (let k = 0; k < count; k++) dst[d + k] = src[s + k];
  }
}

/**
 * Sets channel `channel` of the `n` pixels of `dst` (interleaved, `channels` per pixel) to `value`; the other
 * channels are left as they are.
 *
 * @example fillChannel(rgb, 3, 1, pixels, 0) // no green
 */
export function fillChannel(
  dst: Uint8Array | Float32Array,
  channels: number,
  channel: number,
  n: number,
  value: number,
) {
  for (let p = 0, d = channel; p < n; p++, d += channels) dst[d] = value;
}
