// `augkit augment --coco/--yolo/--masks/--min-visibility` and `augkit grid --labels` as a user runs them.
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { encodePngClassMap, readPngClassMap } from '../../src/cli/labels-png.ts';
import { Fliplr } from '../../src/index.ts';
import { readImage } from '../../src/io/image-file.ts';
import { drawHeatmap } from '../../src/viz/draw-maps.ts';
import { listFiles, runCli, writePng } from './run-cli.ts';

const H = 10;
const W = 20;
let dir: string;
const p = (name: string) => join(dir, name);
/** `augkit augment INPUT --out OUT` with Fliplr and seed 1, and more flags. */
const flipped = (input: string, out: string, ...flags: string[]) =>
  runCli(['augment', input, '--out', out, '--pipeline', p('flip.json'), '--seed', '1', ...flags]);

before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-labels-'));
  await mkdir(join(p('in')));
  await mkdir(join(p('yolo')));
  await mkdir(join(p('masks')));
  const pixels = Array.from({ length: H * W * 3 }, (_, i) => (i * 7) % 256);
  await writePng(join(p('in'), 'a.png'), pixels, H, W, 3);
  await writePng(join(p('in'), 'b.png'), pixels, H, W, 3);
  // A box with its centre at (5, 5), 6 × 4 (x 2–8, y 3–7), and a triangle.
  await writeFile(join(p('yolo'), 'a.txt'), '0 0.25 0.5 0.3 0.4\n2 0.1 0.1 0.2 0.1 0.1 0.5\n');
  await writeFile(join(p('yolo'), 'b.txt'), '0 0.5 0.5\n');
  // Class 3 in the 5 left columns, else 0.
  const mask = Array.from({ length: H * W }, (_, i) => (i % W < 5 ? 3 : 0));
  await writePng(join(p('masks'), 'a.png'), mask, H, W, 1);
  await writePng(join(p('masks'), 'b.png'), mask, H, W, 1);
  await writeFile(join(p('flip.json')), JSON.stringify({ type: 'Fliplr', p: 1 }));
  await writeFile(join(p('shift.json')), JSON.stringify({ type: 'Affine', translatePx: { x: 15, y: 0 } }));
  const coco = {
    categories: [{ id: 1, name: 'thing' }],
    images: [
      { id: 1, file_name: 'a.png', width: W, height: H },
      { id: 2, file_name: 'b.png', width: W, height: H },
    ],
    annotations: [
      {
        id: 1,
        image_id: 1,
        category_id: 1,
        bbox: [2, 3, 6, 4],
        segmentation: [[2, 3, 8, 3, 8, 7]],
        keypoints: [2.5, 3.5, 2],
      },
      { id: 2, image_id: 2, category_id: 1, bbox: [1, 1, 2] },
    ],
  };
  await writeFile(join(p('ann.json')), JSON.stringify(coco));
});

after(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('augkit augment with labels', () => {
  it('moves YOLO boxes and polygons and mask images with Fliplr; a malformed file writes nothing for its image', async () => {
    const out = join(dir, 'out-yolo');
    const run = await flipped(p('in'), out, '--yolo', p('yolo'), '--masks', p('masks'));
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /in\/b\.png: 0 written; \S*yolo\/b\.txt:1: expected "class cx cy w h"/);
    assert.deepEqual(await listFiles(out), ['a_0.mask.png', 'a_0.png', 'a_0.txt', 'manifest.jsonl']);
    // x → 20 − x: the box's centre 5 → 15 (0.75); the triangle's points 2, 4, 2 → 18, 16, 18.
    assert.equal(
      await readFile(join(out, 'a_0.txt'), 'utf8'),
      '0 0.750000 0.500000 0.300000 0.400000\n2 0.900000 0.100000 0.800000 0.100000 0.900000 0.500000\n',
    );
    const mask = await readImage(join(out, 'a_0.mask.png'));
    assert.equal(mask.channels, 1);
    assert.deepEqual(
      Array.from(mask.data.subarray(0, W)),
      Array.from({ length: W }, (_, x) => (x >= 15 ? 3 : 0)),
    );
  });

  it('writes a COCO file for the outputs: boxes, polygons and keypoints flipped, ids per variant', async () => {
    const out = join(dir, 'out-coco');
    const run = await flipped(p('in'), out, '--n', '2', '--coco', p('ann.json'));
    assert.equal(run.code, 1, run.stdout + run.stderr);
    assert.match(run.stderr, /in\/b\.png: 0 written; \S*ann\.json: annotations\[1\] \(id 2\): bbox must be/);
    assert.ok(!(await listFiles(out)).some((f) => f.startsWith('b_')), 'nothing written for b.png');
    const coco = JSON.parse(await readFile(join(out, 'annotations.json'), 'utf8'));
    assert.deepEqual(coco.categories, [{ id: 1, name: 'thing' }]);
    assert.deepEqual(
      coco.images.map((i: Record<string, unknown>) => [i.id, i.file_name, i.width, i.height]),
      [
        [2, 'a_0.png', W, H],
        [3, 'a_1.png', W, H],
      ],
    );
    assert.deepEqual(coco.annotations[1], {
      id: 3,
      image_id: 3,
      category_id: 1,
      bbox: [12, 3, 6, 4],
      segmentation: [[18, 3, 12, 3, 12, 7]],
      keypoints: [17.5, 3.5, 2],
      num_keypoints: 1,
      area: 12,
    });
    assert.match(run.stdout, /out-coco\/annotations\.json: 2 images, 2 annotations/);
  });

  it('moves run-length encoded (crowd) segmentations as masks and writes each back in its form', async () => {
    // Crowd masks on a.png: the 2 left columns (column-major runs 0 zeros, 20 ones, 180 zeros), as a list and as
    // pycocotools' string '0d0d5'. Flipped, they are the 2 right columns: runs 180, 20 ('d5d0').
    const crowd = {
      images: [{ id: 1, file_name: 'a.png', width: W, height: H }],
      annotations: [
        {
          id: 7,
          image_id: 1,
          bbox: [0.5, 0.5, 1, 9],
          iscrowd: 1,
          segmentation: { size: [H, W], counts: [0, 20, 180] },
        },
        { id: 8, image_id: 1, bbox: [0.5, 0.5, 1, 9], iscrowd: 1, segmentation: { size: [H, W], counts: '0d0d5' } },
      ],
    };
    await writeFile(p('crowd.json'), JSON.stringify(crowd));
    const out = join(dir, 'out-crowd');
    const args = ['augment', p('in/a.png'), '--pipeline', p('flip.json'), '--seed', '1', '--coco', p('crowd.json')];
    const run = await runCli([...args, '--out', out]);
    assert.equal(run.code, 0, run.stdout + run.stderr);
    const coco = JSON.parse(await readFile(join(out, 'annotations.json'), 'utf8'));
    const common = { image_id: 1, bbox: [18.5, 0.5, 1, 9], iscrowd: 1, area: 20 };
    assert.deepEqual(coco.annotations, [
      { id: 7, ...common, segmentation: { size: [H, W], counts: [180, 20] } },
      { id: 8, ...common, segmentation: { size: [H, W], counts: 'd5d0' } },
    ]);
    assert.match(run.stdout, /2 run-length encoded \(iscrowd\) segmentations moved as masks/);
    // A malformed RLE names the file and the annotation, and nothing is written for its image.
    crowd.annotations[1].segmentation = { size: [H, W], counts: '0d0' };
    await writeFile(p('crowd.json'), JSON.stringify(crowd));
    const bad = await runCli([...args, '--out', join(dir, 'out-crowd-bad')]);
    assert.equal(bad.code, 1, bad.stdout + bad.stderr);
    assert.match(
      bad.stderr,
      /crowd\.json: annotations\[1\] \(id 8\): segmentation \(RLE\): counts cover 20 pixels; the image has 10×20 = 200/,
    );
    assert.ok(
      !(await listFiles(join(dir, 'out-crowd-bad'))).some((f) => f.startsWith('a_')),
      'nothing written for a.png',
    );
  });

  it('reads palette and 16-bit class maps with --masks and writes each back in its form', async () => {
    // Class k in column x = k (palette indices 0–19 with a 20-colour palette; 16-bit ids 1000·x), flipped: 19 − x.
    const palette = Uint8Array.from({ length: 60 }, (_, i) => (i * 37) % 256);
    const forms = [
      { kind: 'palette' as const, palette, data: Uint8Array.from({ length: H * W }, (_, i) => i % W), scale: 1 },
      { kind: 'grey16' as const, data: Uint16Array.from({ length: H * W }, (_, i) => 1000 * (i % W)), scale: 1000 },
    ];
    for (const { data, scale, ...form } of forms) {
      const masks = join(dir, `masks-${form.kind}`);
      await mkdir(masks, { recursive: true });
      await writeFile(join(masks, 'a.png'), encodePngClassMap({ data, height: H, width: W }, form));
      const out = join(dir, `out-${form.kind}`);
      const run = await flipped(p('in/a.png'), out, '--masks', masks);
      assert.equal(run.code, 0, run.stdout + run.stderr);
      const back = readPngClassMap(await readFile(join(out, 'a_0.mask.png')));
      assert.deepEqual(back?.form, form, `${form.kind}: the form and palette kept`);
      assert.deepEqual(
        Array.from(back?.map.data ?? []),
        Array.from({ length: H * W }, (_, i) => scale * (W - 1 - (i % W))),
      );
    }
  });

  it('drops what keeps less than --min-visibility inside, and clips the rest', async () => {
    const args = ['augment', p('in/a.png'), '--pipeline', p('shift.json'), '--seed', '1', '--yolo', p('yolo')];
    // The box moves to x 17–23: half of it stays inside; the triangle (x 2–4 → 17–19) stays whole.
    const half = await runCli([...args, '--out', join(dir, 'vis-04'), '--min-visibility', '0.4']);
    assert.equal(half.code, 0, half.stderr);
    assert.equal(
      await readFile(join(dir, 'vis-04', 'a_0.txt'), 'utf8'),
      '0 0.925000 0.500000 0.150000 0.400000\n2 0.850000 0.100000 0.950000 0.100000 0.850000 0.500000\n',
    );
    const strict = await runCli([...args, '--out', join(dir, 'vis-06'), '--min-visibility', '0.6']);
    assert.equal(strict.code, 0, strict.stderr);
    assert.equal(
      await readFile(join(dir, 'vis-06', 'a_0.txt'), 'utf8'),
      '2 0.850000 0.100000 0.950000 0.100000 0.850000 0.500000\n',
    );
    const bad = await runCli([...args, '--out', join(dir, 'vis-x'), '--min-visibility', '2']);
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /--min-visibility must be a number from 0 to 1; received "2"/);
  });
});

describe('augkit grid --heatmap', () => {
  it('draws the heatmap moved with each cell (jet, half opacity)', async () => {
    // 255 (1.0) in the 5 left columns, 0 elsewhere; flipped, the 5 right columns are hot.
    await writePng(
      p('heat.png'),
      Array.from({ length: H * W }, (_, i) => (i % W < 5 ? 255 : 0)),
      H,
      W,
      1,
    );
    const args = ['grid', p('in/a.png'), '--pipeline', p('flip.json'), '--seed', '1', '--rows', '1', '--cols', '1'];
    const run = await runCli([
      ...args,
      '--padding',
      '0',
      '--scale',
      '1',
      '--heatmap',
      p('heat.png'),
      '--out',
      p('heat-grid.png'),
    ]);
    assert.equal(run.code, 0, run.stderr);
    const grid = await readImage(p('heat-grid.png'));
    const image = await readImage(p('in/a.png'));
    const heat = Float32Array.from({ length: H * W }, (_, i) => (i % W >= W - 5 ? 1 : 0));
    const want = drawHeatmap(Fliplr(1).augmentImage(image), { data: heat, height: H, width: W, channels: 1 });
    assert.deepEqual(Array.from(grid.data), Array.from(want.data));
    const palette = encodePngClassMap(
      { data: new Uint8Array(H * W), height: H, width: W },
      { kind: 'palette', palette: new Uint8Array(3) },
    );
    await writeFile(p('heat-palette.png'), palette);
    const bad = await runCli([...args, '--heatmap', p('heat-palette.png'), '--out', p('heat-bad.png')]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /--heatmap \S*heat-palette\.png: a palette PNG; a heatmap is a grey image/);
  });
});

describe('augkit grid --labels', () => {
  it('draws the moved labels on each cell', async () => {
    await writeFile(
      join(p('labels.json')),
      JSON.stringify({ boundingBoxes: [{ x1: 2, y1: 3, x2: 8, y2: 7 }], keypoints: [{ x: 4.5, y: 5.5 }] }),
    );
    const run = await runCli(
      [
        'grid',
        p('in/a.png'),
        '--pipeline',
        p('flip.json'),
        '--seed',
        '1',
        '--rows',
        '1',
        '--cols',
        '1',
        '--padding',
        '0',
      ].concat(['--scale', '1', '--labels', p('labels.json'), '--out', p('grid.png')]),
    );
    assert.equal(run.code, 0, run.stderr);
    const grid = await readImage(join(p('grid.png')));
    const at = (x: number, y: number) => Array.from(grid.data.subarray((y * W + x) * 3, (y * W + x) * 3 + 3));
    // Flipped: the box covers x 12–18 (outline columns 12 and 17, rows 3 and 6), the keypoint lies in pixel (15, 5).
    for (let x = 12; x <= 17; x++) assert.deepEqual(at(x, 3), [0, 255, 0], `top edge at ${x}`);
    assert.deepEqual(at(12, 5), [0, 255, 0]);
    assert.notDeepEqual(at(11, 3), [0, 255, 0]);
    assert.notDeepEqual(at(18, 3), [0, 255, 0]);
    for (const [x, y] of [
      [14, 4],
      [16, 6],
    ])
      assert.deepEqual(at(x, y), [255, 0, 0], `keypoint square at ${x}, ${y}`);
    const bad = await runCli([
      'grid',
      p('in/a.png'),
      '--preset',
      'light',
      '--labels',
      p('yolo/b.txt'),
      '--out',
      p('g2.png'),
    ]);
    assert.equal(bad.code, 1);
    assert.match(bad.stderr, /yolo\/b\.txt:1: expected "class cx cy w h"/);
  });
});
