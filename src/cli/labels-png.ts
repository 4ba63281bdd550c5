// Class-map PNGs that a decoder to RGB would change: palette PNGs (VOC style: the palette index is the class) and
// 16-bit grey PNGs (class ids up to 65535). Read here from the PNG's own bytes (the index and the 16-bit value as
// stored) and written back in the same form, with the input's palette; other masks go through sharp (labels-read.ts).
import { crc32, deflateSync, inflateSync } from 'node:zlib';
import type { SegmentationMap } from '../augmentables/types.ts';

/** How a class-map PNG stores its ids: palette indices (with the palette to write back), or 16-bit grey. */
export type PngClassForm =
  | { readonly kind: 'palette'; readonly palette: Uint8Array; readonly transparency?: Uint8Array }
  | { readonly kind: 'grey16' };

/** A class map read from a palette or 16-bit PNG, with the form to write it back in. */
export interface PngClassMap {
  readonly map: SegmentationMap;
  readonly form: PngClassForm;
}

const SIGNATURE = [137, 80, 78, 71, 13, 10, 26, 10];

/**
 * The class map of a palette (colour type 3, 1–8 bits) or 16-bit grey (colour type 0) PNG; undefined for any other
 * file (not a PNG, or another colour type or depth). Throws an Error with the reason for a PNG it cannot read
 * (interlaced, truncated, a bad filter byte).
 */
export function readPngClassMap(bytes: Uint8Array): PngClassMap | undefined {
  if (bytes.length < 8 || SIGNATURE.some((b, i) => bytes[i] !== b)) return undefined;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  let width = 0;
  let height = 0;
  let depth = 0;
  let colour = -1;
  let interlace = 0;
  let palette: Uint8Array | undefined;
  let transparency: Uint8Array | undefined;
  const data: Uint8Array[] = [];
  let ended = false;
  for (let at = 8; at + 8 <= bytes.length; ) {
    const length = view.getUint32(at);
    const type = String.fromCharCode(...bytes.subarray(at + 4, at + 8));
    const body = bytes.subarray(at + 8, at + 8 + length);
    if (body.length !== length) throw new Error(`truncated PNG (chunk ${type})`);
    if (type === 'IHDR') {
      width = view.getUint32(at + 8);
      height = view.getUint32(at + 12);
      depth = body[8];
      colour = body[9];
      interlace = body[12];
      if (!((colour === 3 && depth <= 8) || (colour === 0 && depth === 16))) return undefined;
    } else if (type === 'PLTE') palette = Uint8Array.from(body);
    else if (type === 'tRNS') transparency = Uint8Array.from(body);
    else if (type === 'IDAT') data.push(body);
    else if (type === 'IEND') {
      ended = true;
      break;
    }
    at += 12 + length;
  }
  if (colour < 0) throw new Error('a PNG without IHDR');
  if (!ended) throw new Error('truncated PNG (no IEND chunk)');
  if (interlace !== 0) throw new Error('an interlaced PNG class map (write it without interlacing)');
  if (colour === 3 && palette === undefined) throw new Error('a palette PNG without PLTE');
  const bits = colour === 3 ? depth : 16;
  const rowBytes = Math.ceil((width * bits) / 8);
  const raw = unfilter(inflateSync(Buffer.concat(data)), height, rowBytes, Math.max(1, bits / 8));
  if (colour === 0) {
    const out = new Uint16Array(width * height);
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++)
        out[y * width + x] = (raw[y * rowBytes + 2 * x] << 8) | raw[y * rowBytes + 2 * x + 1];
    }
    return { map: { data: out, height, width }, form: { kind: 'grey16' } };
  }
  const out = new Uint8Array(width * height);
  const perByte = 8 / depth;
  const max = (1 << depth) - 1;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const byte = raw[y * rowBytes + Math.floor(x / perByte)];
      out[y * width + x] = (byte >> (8 - depth * ((x % perByte) + 1))) & max;
    }
  }
  const form: PngClassForm = transparency
    ? { kind: 'palette', palette: palette as Uint8Array, transparency }
    : { kind: 'palette', palette: palette as Uint8Array };
  return { map: { data: out, height, width }, form };
}

/** PNG's five row filters undone, in place over the inflated bytes (one filter byte before each row). */
function unfilter(inflated: Uint8Array, height: number, rowBytes: number, bpp: number): Uint8Array {
  if (inflated.length < height * (rowBytes + 1)) throw new Error('truncated PNG image data');
  const out = new Uint8Array(height * rowBytes);
  for (let y = 0; y < height; y++) {
    const filter = inflated[y * (rowBytes + 1)];
    const src = inflated.subarray(y * (rowBytes + 1) + 1, (y + 1) * (rowBytes + 1));
    const row = y * rowBytes;
    for (let i = 0; i < rowBytes; i++) {
      const a = i >= bpp ? out[row + i - bpp] : 0;
      const b = y > 0 ? out[row - rowBytes + i] : 0;
      const c = i >= bpp && y > 0 ? out[row - rowBytes + i - bpp] : 0;
      let v: number;
      if (filter === 0) v = src[i];
      else if (filter === 1) v = src[i] + a;
      else if (filter === 2) v = src[i] + b;
      else if (filter === 3) v = src[i] + ((a + b) >> 1);
      else if (filter === 4) {
        const p = a + b - c;
        const pa = Math.abs(p - a);
        const pb = Math.abs(p - b);
        const pc = Math.abs(p - c);
        v = src[i] + (pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
      } else throw new Error(`a PNG row with filter ${filter}`);
      out[row + i] = v & 0xff;
    }
  }
  return out;
}

/**
 * A class map as a PNG in `form`: 8-bit palette indices with the given palette (and transparency), or 16-bit grey.
 * Throws when an id does not fit (an index past the palette, a value over 65535).
 */
export function encodePngClassMap(map: SegmentationMap, form: PngClassForm): Uint8Array {
  const { data, height, width } = map;
  const palette = form.kind === 'palette';
  const colours = palette ? form.palette.length / 3 : 65536;
  const rowBytes = palette ? width : 2 * width;
  const raw = new Uint8Array(height * (rowBytes + 1));
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const v = data[y * width + x];
      if (v < 0 || v >= colours) {
        throw new Error(
          `class ${v} at (${x}, ${y}) does not fit a ${palette ? `${colours}-colour palette` : '16-bit'} PNG`,
        );
      }
      const at = y * (rowBytes + 1) + 1;
      if (palette) raw[at + x] = v;
      else {
        raw[at + 2 * x] = v >> 8;
        raw[at + 2 * x + 1] = v & 0xff;
      }
    }
  }
  const header = new Uint8Array(13);
  const view = new DataView(header.buffer);
  view.setUint32(0, width);
  view.setUint32(4, height);
  header[8] = palette ? 8 : 16;
  header[9] = palette ? 3 : 0;
  const chunks = [chunk('IHDR', header)];
  if (palette) {
    chunks.push(chunk('PLTE', form.palette));
    if (form.transparency) chunks.push(chunk('tRNS', form.transparency));
  }
  chunks.push(chunk('IDAT', deflateSync(raw)), chunk('IEND', new Uint8Array(0)));
  return Buffer.concat([Uint8Array.from(SIGNATURE), ...chunks]);
}

function chunk(type: string, body: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + body.length);
  const view = new DataView(out.buffer);
  view.setUint32(0, body.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(body, 8);
  view.setUint32(8 + body.length, crc32(out.subarray(4, 8 + body.length)));
  return out;
}
