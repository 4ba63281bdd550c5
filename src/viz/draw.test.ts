import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { type Image, makeImage } from '../core/image.ts';
import { drawBoundingBoxes, drawKeypoints, drawLineStrings, drawPolygons } from './draw-labels.ts';
import { drawHeatmap, drawSegmentationMap } from './draw-maps.ts';

const G: readonly number[] = [0, 255, 0];

function black(height: number, width: number, channels = 3): Image<Uint8Array> {
  return makeImage(new Uint8Array(height * width * channels), height, width, channels);
}

function pixel(image: Image, y: number, x: number): number[] {
  const i = (y * image.width + x) * image.channels;
  return Array.from(image.data.subarray(i, i + image.channels));
}

/** The image as rows of '#' (pixel equal to `color`) and '.' (black); any other pixel fails. */
function art(image: Image, color: readonly number[] = G): string[] {
  const rows: string[] = [];
  for (let y = 0; y < image.height; y++) {
    let row = '';
    for (let x = 0; x < image.width; x++) {
      const p = pixel(image, y, x).slice(0, 3);
      if (p.every((v, c) => v === color[c])) row += '#';
      else if (p.every((v) => v === 0)) row += '.';
      else assert.fail(`pixel (${x}, ${y}) is ${p}, neither ${color} nor black`);
    }
    rows.push(row);
  }
  return rows;
}

describe('drawBoundingBoxes', () => {
  it('outlines the pixels the edges lie in: columns floor(x1) and ceil(x2) − 1, rows floor(y1) and ceil(y2) − 1', () => {
    const out = drawBoundingBoxes(black(8, 8), [{ x1: 1.5, y1: 1.2, x2: 6, y2: 7 }]);
    assert.deepEqual(art(out), [
      '........',
      '.#####..',
      '.#...#..',
      '.#...#..',
      '.#...#..',
      '.#...#..',
      '.#####..',
      '........',
    ]);
  });

  it('grows a thicker outline outwards and clips it to the image', () => {
    const out = drawBoundingBoxes(black(6, 7), [{ x1: 1, y1: 0, x2: 5, y2: 4 }], { thickness: 2 });
    // Edge pixels: columns 1 and 4, rows 0 and 3; the second ring: columns 0 and 5, rows −1 (cut) and 4.
    assert.deepEqual(art(out), ['######.', '##..##.', '##..##.', '######.', '######.', '.......']);
  });

  it('writes the label in a tag above the box, in black on a light colour', () => {
    const out = drawBoundingBoxes(black(30, 20), [{ x1: 3, y1: 14, x2: 12, y2: 20, label: 'H' }]);
    // The tag: 12 rows (10 of text, 1 of margin each side) ending just above the box's top row 14, from column 3
    // for 6 + 2 columns; the glyph is Pillow's default font's 'H' (courB08), rendered by Pillow.
    const glyph = ['......', '......', '##.###', '##.##.', '#####.', '##.##.', '##.##.', '##.###', '......', '......'];
    for (let y = 2; y <= 13; y++) {
      for (let x = 3; x <= 10; x++) {
        const inGlyph = y >= 3 && y <= 12 && x >= 4 && x <= 9 && glyph[y - 3][x - 4] === '#';
        assert.deepEqual(pixel(out, y, x), inGlyph ? [0, 0, 0] : G, `tag pixel (${x}, ${y})`);
      }
    }
    assert.deepEqual(pixel(out, 1, 3), [0, 0, 0], 'nothing above the tag');
    assert.deepEqual(pixel(out, 2, 11), [0, 0, 0], 'nothing right of the tag');
    assert.deepEqual(pixel(out, 14, 11), G, 'the box outline');
  });

  it('puts the tag inside the box when there is no room above, and leaves labels out on request', () => {
    const box = { x1: 0, y1: 2, x2: 10, y2: 20, label: 'x' };
    const tagged = drawBoundingBoxes(black(24, 12), [box], { color: [0, 0, 255] });
    // Inside: from the row below the top edge; white text on a dark colour.
    assert.deepEqual(pixel(tagged, 3, 1), [0, 0, 255]);
    assert.ok(
      tagged.data.some((v, i) => i % 3 === 0 && v === 255),
      'some white text pixel',
    );
    const plain = drawBoundingBoxes(black(24, 12), [box], { color: [0, 0, 255], labels: false });
    assert.deepEqual(pixel(plain, 3, 1), [0, 0, 0]);
  });

  it('blends with alpha, keeps alpha channels (opaque where drawn) and does not change its input', () => {
    const image = makeImage(new Uint8Array(4 * 4 * 4).fill(100), 4, 4, 4);
    const copy = image.data.slice();
    const out = drawBoundingBoxes(image, [{ x1: 0, y1: 0, x2: 4, y2: 4 }], { color: [200, 0, 50], alpha: 0.5 });
    assert.equal(out.channels, 4);
    assert.deepEqual(pixel(out, 0, 0), [150, 50, 75, 178]); // round(0.5·100 + 0.5·200), …, round(0.5·100 + 0.5·255)
    assert.deepEqual(pixel(out, 1, 1), [100, 100, 100, 100]);
    assert.deepEqual(image.data, copy);
  });

  it('draws on gray and float32 images as RGB', () => {
    const gray = makeImage(new Float32Array(9).fill(0.5), 3, 3, 1);
    const out = drawBoundingBoxes(gray, [{ x1: 1, y1: 1, x2: 2, y2: 2 }]);
    assert.equal(out.channels, 3);
    assert.deepEqual(pixel(out, 0, 0), [128, 128, 128]);
    assert.deepEqual(pixel(out, 1, 1), G);
  });

  it('refuses bad options and boxes with the template error', () => {
    assert.throws(() => drawBoundingBoxes(black(4, 4), [], { color: [0, 256, 0] }), /drawBoundingBoxes: color must be/);
    assert.throws(() => drawBoundingBoxes(black(4, 4), [], { thickness: 0 }), /thickness must be an integer in \[1/);
    assert.throws(
      () => drawBoundingBoxes(black(4, 4), [{ x1: 0, y1: 0, x2: Number.NaN, y2: 1 }]),
      /boundingBoxes\[0\]\.x2/,
    );
    assert.throws(() => drawBoundingBoxes(black(4, 4, 5) as Image, []), /image\.channels must be an integer in 1–4/);
  });
});

describe('drawKeypoints', () => {
  it('draws a square of size pixels centred on the pixel the point lies in, clipped to the image', () => {
    const out = drawKeypoints(black(5, 6), [
      { x: 2.7, y: 1.2 },
      { x: 5.9, y: 4.1 },
    ]);
    assert.deepEqual(art(out), ['.###..', '.###..', '.###..', '....##', '....##']);
  });

  it('reaches one pixel further right and down for an even size', () => {
    const out = drawKeypoints(black(4, 4), [{ x: 1.5, y: 1.5 }], { size: 2, color: [9, 9, 9] });
    assert.deepEqual(art(out, [9, 9, 9]), ['....', '.##.', '.##.', '....']);
  });
});

describe('drawPolygons', () => {
  it('fills the pixels whose centre is inside at fillAlpha, then outlines at alpha', () => {
    const square = {
      points: [
        { x: 1, y: 1 },
        { x: 4, y: 1 },
        { x: 4, y: 3 },
        { x: 1, y: 3 },
      ],
    };
    const out = drawPolygons(black(5, 6), [square], { color: [0, 200, 0] });
    const rows = Array.from({ length: 5 }, (_, y) => Array.from({ length: 6 }, (_, x) => pixel(out, y, x)[1]));
    assert.deepEqual(rows, [
      [0, 0, 0, 0, 0, 0],
      [0, 200, 200, 200, 200, 0],
      [0, 200, 100, 100, 200, 0],
      [0, 200, 200, 200, 200, 0],
      [0, 0, 0, 0, 0, 0],
    ]);
  });

  it('fills a triangle by pixel centres (even-odd) and leaves the outline out of nothing', () => {
    const triangle = {
      points: [
        { x: 0, y: 0 },
        { x: 8, y: 0 },
        { x: 0, y: 8 },
      ],
    };
    const out = drawPolygons(black(8, 8), [triangle], { fillAlpha: 1, alpha: 0 });
    // Pixel (x, y) is inside when x + ½ + y + ½ < 8.
    const expected = Array.from({ length: 8 }, (_, y) =>
      Array.from({ length: 8 }, (_, x) => (x + y + 1 < 8 ? '#' : '.')).join(''),
    );
    assert.deepEqual(art(out), expected);
  });
});

describe('drawLineStrings', () => {
  it('draws lines between the pixels of consecutive points, cut to the image', () => {
    const out = drawLineStrings(black(4, 5), [
      {
        points: [
          { x: 0.5, y: 0.5 },
          { x: 3.5, y: 0.5 },
          { x: 3.5, y: 100 },
        ],
      },
    ]);
    assert.deepEqual(art(out), ['####.', '...#.', '...#.', '...#.']);
  });
});

describe('drawSegmentationMap', () => {
  it('colours each class at alpha, leaves the background, and scales a smaller map by nearest neighbour', () => {
    const map = { data: new Uint8Array([0, 1, 2, 1]), height: 2, width: 2 };
    const colors = [
      [9, 9, 9],
      [0, 255, 0],
      [0, 0, 200],
    ] as const;
    const out = drawSegmentationMap(black(4, 4), map, { alpha: 1, colors });
    const g = [0, 255, 0];
    const b = [0, 0, 200];
    const k = [0, 0, 0];
    const rows = Array.from({ length: 4 }, (_, y) => Array.from({ length: 4 }, (_, x) => pixel(out, y, x)));
    assert.deepEqual(rows, [
      [k, k, g, g],
      [k, k, g, g],
      [b, b, g, g],
      [b, b, g, g],
    ]);
    const half = drawSegmentationMap(black(4, 4), map, { alpha: 0.5, colors, drawBackground: true });
    assert.deepEqual(pixel(half, 0, 0), [5, 5, 5]); // round(0.5 · 9)
    assert.deepEqual(pixel(half, 0, 3), [0, 128, 0]);
  });

  it('uses imgaug’s colours by default and refuses a map of the wrong length', () => {
    const map = { data: new Int32Array([1, 22]), height: 1, width: 2 };
    const out = drawSegmentationMap(black(1, 2), map, { alpha: 1 });
    assert.deepEqual(pixel(out, 0, 0), [230, 25, 75]);
    assert.deepEqual(pixel(out, 0, 1), [0, 0, 0], 'class 22 repeats class 0’s colour');
    assert.throws(
      () => drawSegmentationMap(black(2, 2), { data: new Uint8Array(3), height: 2, width: 2 }),
      /drawSegmentationMap: map\.data must be of length 4/,
    );
  });
});

describe('drawHeatmap', () => {
  it('draws jet colours: 0 dark blue, 0.5 green-yellow, 1 dark red', () => {
    const heat = { data: new Float32Array([0, Number.NaN, 0.5, 2, 1, -1]), height: 1, width: 3, channels: 2 };
    const first = drawHeatmap(black(1, 3), heat, { alpha: 1 });
    // jet(0) = (0, 0, 0.5); jet(128/255): red (128/255 − 0.35)/0.31, green 1, blue 1 − (128/255 − 0.34)/0.31.
    assert.deepEqual(
      [pixel(first, 0, 0), pixel(first, 0, 1), pixel(first, 0, 2)],
      [
        [0, 0, 128],
        [125, 255, 122],
        [128, 0, 0],
      ],
    );
    const second = drawHeatmap(black(1, 3), heat, { alpha: 1, channel: 1 });
    assert.deepEqual(
      [pixel(second, 0, 0), pixel(second, 0, 1), pixel(second, 0, 2)],
      [
        [0, 0, 128],
        [128, 0, 0],
        [0, 0, 128],
      ],
    );
    assert.throws(() => drawHeatmap(black(1, 3), heat, { channel: 2 }), /channel must be an integer in \[0, 1\]/);
  });
});
