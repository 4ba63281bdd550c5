// Pillow's ImageOps.equalize and ImageOps.autocontrast (Pillow 9.4, ImageOps.py): a lookup table per band, built
// from the band's histogram with Python's integer and float arithmetic, which JavaScript's doubles reproduce.

/** Counts the values of channel `channel` of interleaved `data` into `hist` (256 entries, zeroed first). */
export function channelHistogram(data: Uint8Array, channels: number, channel: number, hist: Int32Array): Int32Array {
  hist.fill(0);
  for (let i = channel; i < data.length; i += channels) hist[data[i]]++;
  return hist;
}

/** Fills `lut` with the identity. */
function identity(lut: Uint8Array): Uint8Array {
  for (let v = 0; v < 256; v++) lut[v] = v;
  return lut;
}

/**
 * `ImageOps.equalize`'s table for one band: with `step` = (count of all values − count of the highest value
 * present) // 255 and n starting at step // 2, value v maps to n // step before v's count is added to n (clipped to
 * 255, as `Image.point` does). A band of one value, or one whose step is 0 (fewer than 256 values below its
 * highest), keeps its values.
 */
export function pilEqualizeLut(hist: Int32Array, lut: Uint8Array): Uint8Array {
  let total = 0;
  let present = 0;
  let last = 0;
  for (let v = 0; v < 256; v++) {
    if (hist[v] === 0) continue;
    total += hist[v];
    present++;
    last = hist[v];
  }
  if (present <= 1) return identity(lut);
  const step = Math.floor((total - last) / 255);
  if (step === 0) return identity(lut);
  let n = Math.floor(step / 2);
  for (let v = 0; v < 256; v++) {
    lut[v] = Math.min(255, Math.floor(n / step));
    n += hist[v];
  }
  return lut;
}

/**
 * `ImageOps.autocontrast(image, cutoff)`'s table for one band: `cutoff` percent of the values (n · cutoff // 100,
 * in integers) are removed from the histogram's low end and as many from its high end; the lowest value lo and
 * the highest hi left are stretched to 0 and 255 (v ↦ int(v · 255 / (hi − lo) − lo · 255 / (hi − lo)), clipped).
 * A band with hi ≤ lo keeps its values. `hist` is changed (the cut counts are removed).
 */
export function pilAutocontrastLut(hist: Int32Array, cutoff: number, lut: Uint8Array): Uint8Array {
  if (cutoff !== 0) {
    let n = 0;
    for (let v = 0; v < 256; v++) n += hist[v];
    cutEnd(hist, Math.floor((n * cutoff) / 100), 0, 1);
    cutEnd(hist, Math.floor((n * cutoff) / 100), 255, -1);
  }
  let lo = 0;
  while (lo < 255 && hist[lo] === 0) lo++;
  let hi = 255;
  while (hi > 0 && hist[hi] === 0) hi--;
  if (hi <= lo) return identity(lut);
  const scale = 255 / (hi - lo);
  const offset = -lo * scale;
  for (let v = 0; v < 256; v++) lut[v] = Math.min(255, Math.max(0, Math.trunc(v * scale + offset)));
  return lut;
}

/** Removes `cut` counts from one end of `hist`, walking from `from` in direction `dir` (Pillow's loops). */
function cutEnd(hist: Int32Array, cut: number, from: number, dir: 1 | -1): void {
  let left = cut;
  for (let v = from; v >= 0 && v < 256; v += dir) {
    if (left > hist[v]) {
      left -= hist[v];
      hist[v] = 0;
    } else {
      hist[v] -= left;
      left = 0;
    }
    if (left <= 0) break;
  }
}
