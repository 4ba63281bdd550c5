// COCO's run-length encoded segmentations (`{ counts, size: [height, width] }`, what iscrowd annotations hold): runs
// of 0s and 1s alternating, the first a run of 0s, over the pixels in column-major order (pycocotools' maskApi.c).
// `counts` is a list of run lengths, or pycocotools' compressed string (rleToString: each run, from the fourth on
// as the difference to the run two before, in 5-bit groups with a continuation bit, offset by 48).

/** How an RLE segmentation was written: pycocotools' compressed string or the plain list of runs. */
export type RleForm = 'string' | 'list';

/** A decoded RLE segmentation: the mask row-major (1 inside), and the form to write it back in. */
export interface RleMask {
  readonly form: RleForm;
  readonly height: number;
  readonly width: number;
  readonly mask: Uint8Array;
}

/**
 * Decodes an RLE segmentation of an image of `height` × `width`; returns the reason (for the caller's error, which
 * names the file and annotation) when it is malformed: not `{ counts, size }`, another size than the image's, a run
 * that is not a non-negative integer, a string with a byte outside pycocotools' alphabet, or runs that do not cover
 * the image exactly.
 */
export function decodeRle(value: Record<string, unknown>, height: number, width: number): RleMask | string {
  const { counts, size } = value;
  if (!Array.isArray(size) || size.length !== 2 || size[0] !== height || size[1] !== width) {
    return `size must be [height, width] of the image, [${height}, ${width}]; received ${JSON.stringify(size)}`;
  }
  let runs: number[];
  let form: RleForm;
  if (typeof counts === 'string') {
    const decoded = runsOfString(counts);
    if (typeof decoded === 'string') return decoded;
    runs = decoded;
    form = 'string';
  } else if (Array.isArray(counts)) {
    const bad = counts.findIndex((c) => !(typeof c === 'number' && Number.isSafeInteger(c) && c >= 0));
    if (bad >= 0)
      return `counts[${bad}] must be a run length (an integer ≥ 0); received ${JSON.stringify(counts[bad])}`;
    runs = counts as number[];
    form = 'list';
  } else {
    return `counts must be a list of run lengths or a compressed RLE string; received ${JSON.stringify(counts)}`;
  }
  const total = height * width;
  let sum = 0;
  for (let i = 0; i < runs.length; i++) {
    sum += runs[i];
    if (runs[i] < 0) return `run ${i} of counts is negative (${runs[i]})`;
  }
  if (sum !== total) return `counts cover ${sum} pixels; the image has ${height}×${width} = ${total}`;
  const mask = new Uint8Array(total);
  let at = 0;
  for (let i = 0; i < runs.length; i++) {
    if (i % 2 === 1) {
      for (let j = at; j < at + runs[i]; j++) mask[(j % height) * width + Math.floor(j / height)] = 1;
    }
    at += runs[i];
  }
  return { form, height, width, mask };
}

/** The runs of a mask (row-major, nonzero inside) of `height` × `width`, column-major from a run of 0s. */
export function runsOf(mask: Uint8Array, height: number, width: number): number[] {
  const runs: number[] = [];
  let value = 0;
  let run = 0;
  for (let x = 0; x < width; x++) {
    for (let y = 0; y < height; y++) {
      const v = mask[y * width + x] !== 0 ? 1 : 0;
      if (v !== value) {
        runs.push(run);
        run = 0;
        value = v;
      }
      run++;
    }
  }
  runs.push(run);
  return runs;
}

/** The RLE segmentation of a mask in `form`: `{ size: [height, width], counts }`. */
export function encodeRle(mask: Uint8Array, height: number, width: number, form: RleForm): Record<string, unknown> {
  const runs = runsOf(mask, height, width);
  return { size: [height, width], counts: form === 'list' ? runs : stringOfRuns(runs) };
}

/** pycocotools' rleToString. */
export function stringOfRuns(runs: readonly number[]): string {
  let s = '';
  for (let i = 0; i < runs.length; i++) {
    let x = i > 2 ? runs[i] - runs[i - 2] : runs[i];
    for (let more = true; more; ) {
      let c = x & 0x1f;
      // An arithmetic shift for the values images give (|x| < 2^31).
      x >>= 5;
      more = c & 0x10 ? x !== -1 : x !== 0;
      if (more) c |= 0x20;
      s += String.fromCharCode(c + 48);
    }
  }
  return s;
}

/** pycocotools' rleFrString; the reason when a byte is outside its alphabet or the string ends mid-run. */
export function runsOfString(s: string): number[] | string {
  const runs: number[] = [];
  let p = 0;
  while (p < s.length) {
    let x = 0;
    let k = 0;
    for (let more = true; more; k++) {
      if (p >= s.length) return `counts ends inside a run (at byte ${p})`;
      const c = s.charCodeAt(p++) - 48;
      if (c < 0 || c > 63)
        return `counts has a byte outside compressed RLE's alphabet at ${p - 1} (${JSON.stringify(s[p - 1])})`;
      if (k > 6) return `counts has a run longer than 7 groups at byte ${p - 1}`;
      x += (c & 0x1f) * 2 ** (5 * k);
      more = (c & 0x20) !== 0;
      // The last group's 0x10 bit is the sign: x |= -1 << 5 (k + 1).
      if (!more && c & 0x10) x -= 2 ** (5 * (k + 1));
    }
    if (runs.length > 2) x += runs[runs.length - 2];
    runs.push(x);
  }
  return runs;
}
