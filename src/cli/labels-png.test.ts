import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import fc from 'fast-check';
import { readImageWithInfo } from '../io/image-file.ts';
import { encodePngClassMap, readPngClassMap } from './labels-png.ts';

// Written by Pillow 9.4: a 4 × 3 palette image (indices [[0 1 2 3] [3 2 1 0] [1 1 0 2]], palette black, maroon,
// green, olive; Pillow stores 4 colours at 2 bits per pixel) and a 3 × 2 16-bit grey image [[0 300 65535] [1000 7 256]].
const PALETTE_2BIT =
  'iVBORw0KGgoAAAANSUhEUgAAAAQAAAADAgMAAADJmkZVAAAADFBMVEUAAACAAAAAgACAgAA47ASAAAAADklEQVR4nGOQZnjCEAQAA4sBUm73ClYAAAAASUVORK5CYII=';
const GREY_16 =
  'iVBORw0KGgoAAAANSUhEUgAAAAMAAAACEAAAAADoj+WFAAAAFklEQVR4nGNgYGDU+f+fgfkFAzsjAwAXcQMfY+aP5QAAAABJRU5ErkJggg==';
const bytes = (b64: string) => new Uint8Array(Buffer.from(b64, 'base64'));

describe('class-map PNGs: palette indices and 16-bit grey', () => {
  it("reads Pillow's palette and 16-bit PNGs as stored", () => {
    const palette = readPngClassMap(bytes(PALETTE_2BIT));
    assert.deepEqual(Array.from(palette?.map.data ?? []), [0, 1, 2, 3, 3, 2, 1, 0, 1, 1, 0, 2]);
    assert.deepEqual([palette?.map.height, palette?.map.width], [3, 4]);
    assert.deepEqual(
      Array.from(palette?.form.kind === 'palette' ? palette.form.palette : []),
      [0, 0, 0, 128, 0, 0, 0, 128, 0, 128, 128, 0],
    );
    const grey = readPngClassMap(bytes(GREY_16));
    assert.ok(grey?.map.data instanceof Uint16Array);
    assert.deepEqual(Array.from(grey.map.data), [0, 300, 65535, 1000, 7, 256]);
    assert.equal(grey.form.kind, 'grey16');
  });

  it('leaves other files to sharp (undefined) and names what it cannot read', () => {
    assert.equal(readPngClassMap(new Uint8Array([1, 2, 3])), undefined);
    const truncated = bytes(PALETTE_2BIT).subarray(0, 60);
    assert.throws(() => readPngClassMap(truncated), /truncated PNG/);
  });

  it('writes PNGs that a standard decoder reads as the palette colours and 16-bit values, and reads them back', async () => {
    const map = { data: Uint8Array.from([2, 0, 1, 3, 3, 1]), height: 2, width: 3 };
    const form = readPngClassMap(bytes(PALETTE_2BIT))?.form;
    assert.ok(form);
    const dir = await mkdtemp(join(tmpdir(), 'augkit-png-'));
    const decode = async (png: Uint8Array) => {
      await writeFile(join(dir, 'm.png'), png);
      return readImageWithInfo(join(dir, 'm.png'));
    };
    const png = encodePngClassMap(map, form);
    const { image } = await decode(png);
    const rgb = Array.from({ length: 6 }, (_, p) =>
      Array.from(image.data.subarray(p * image.channels, p * image.channels + 3)),
    );
    const colours = [
      [0, 0, 0],
      [128, 0, 0],
      [0, 128, 0],
      [128, 128, 0],
    ];
    assert.deepEqual(
      rgb,
      Array.from(map.data, (i) => colours[i]),
    );
    assert.deepEqual(readPngClassMap(png), { map, form });
    const grey = { data: Uint16Array.from([0, 65535, 300, 1]), height: 2, width: 2 };
    const info = await decode(encodePngClassMap(grey, { kind: 'grey16' }));
    assert.equal(info.info.bitsPerSample, 16);
    await rm(dir, { recursive: true });
    assert.throws(
      () => encodePngClassMap({ ...map, data: Uint8Array.from([4, 0, 0, 0, 0, 0]) }, form),
      /class 4 at \(0, 0\) does not fit a 4-colour palette PNG/,
    );
  });

  it('round-trips any 16-bit map', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 7 }),
        fc.integer({ min: 1, max: 7 }),
        fc.array(fc.integer({ min: 0, max: 65535 }), { minLength: 49, maxLength: 49 }),
        (h, w, values) => {
          const map = { data: Uint16Array.from(values.slice(0, h * w)), height: h, width: w };
          assert.deepEqual(readPngClassMap(encodePngClassMap(map, { kind: 'grey16' }))?.map, map);
        },
      ),
      { numRuns: 100 },
    );
  });
});
