// `augkit demo`: the walkthrough's 16 figures as PNGs and an index.html with captions, on a Fashion-MNIST training
// image (the committed sample suffices, so it works offline) or on the user's photo.
import { access, mkdir, readdir, writeFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import type { Augmenter } from '../../../src/augmenters/base/augmenter.ts';
import * as iaa from '../../../src/augmenters/public.ts';
import {
  CliError,
  type CliIO,
  type Command,
  type ParsedArgs,
  SUMMARIES,
  UsageError,
  flag,
  integerOption,
  stringOption,
} from '../../../src/cli/command.ts';
import { claimOutFolder, outMarker } from '../../../src/cli/out-folder.ts';
import { plainFileError } from '../../../src/core/file-errors.ts';
import { type Image, type UniformBatch, batchImage } from '../../../src/core/image.ts';
import { writeFileAtomic } from '../../../src/io/atomic-write.ts';
import { loadFashionMnist } from '../../../src/io/fashion-mnist.ts';
import { readImage } from '../../../src/io/image-file.ts';
import { seed as setRootSeed } from '../../../src/random/stream.ts';
import { drawLabels } from '../../../src/viz/draw.ts';
import { barChart } from '../viz/charts.ts';
import { type Section, htmlPage } from '../viz/html.ts';
import { type Panel, displayScale, renderPanels } from './panels.ts';

/** Figure 16's labels of data-sample/photos/astronaut.png, placed by eye. */
const PHOTO_LABELS = {
  boundingBoxes: [
    { x1: 78, y1: 8, x2: 152, y2: 100, label: 'face' },
    { x1: 140, y1: 168, x2: 252, y2: 256, label: 'helmet' },
    { x1: 176, y1: 0, x2: 232, y2: 138, label: 'shuttle' },
  ],
  keypoints: [
    { x: 101.5, y: 53.5, label: 'left eye' },
    { x: 124.5, y: 52.5, label: 'right eye' },
    { x: 113.5, y: 64.5, label: 'nose' },
    { x: 112.5, y: 76.5, label: 'mouth' },
  ],
};

/** The file that marks a folder as the demo's own, so a later run may replace what it wrote there. */
export const DEMO_MARKER = outMarker('demo');

/** Photos given with --image are shrunk to at most this many pixels on their longer side, to keep figures small. */
export const MAX_PHOTO_SIDE = 256;

/** What the demo augments: the image, how it was found, and a batch of 32 for the timing figure. */
interface DemoInput {
  readonly image: Image;
  readonly description: string;
  readonly batch: UniformBatch;
}

/** One figure of the page. */
interface DemoFigure {
  readonly file: string;
  readonly heading: string;
  readonly caption: string;
  readonly text?: string;
  readonly table?: Section['table'];
}

async function loadInput(args: ParsedArgs, io: CliIO): Promise<DemoInput> {
  const path = stringOption(args, 'image');
  if (path !== undefined) {
    if (stringOption(args, 'index') !== undefined)
      throw new UsageError('--index picks a Fashion-MNIST image; it does not go with --image', 'demo');
    let photo: Image;
    try {
      photo = await readImage(resolve(io.cwd, path));
    } catch (error) {
      throw new CliError(`cannot read ${path}: ${plainFileError((error as Error).cause ?? error)}`);
    }
    const image = await shrink(photo);
    const n = 32;
    const size = image.data.length;
    const data = new Uint8Array(size * n);
    for (let i = 0; i < n; i++) data.set(image.data as Uint8Array, i * size);
    const resized = image === photo ? '' : `, shrunk to ${image.width}×${image.height}`;
    return {
      image,
      description: `${path} (${photo.width}×${photo.height}, ${photo.channels} channel${photo.channels === 1 ? '' : 's'}${resized})`,
      batch: { data, n, height: image.height, width: image.width, channels: image.channels },
    };
  }
  const fm = await loadFashionMnist({ split: 'train' });
  const index = integerOption(args, 'index', 0, 0, fm.images.n - 1, 'demo');
  const n = Math.min(32, fm.images.n);
  const per = fm.images.height * fm.images.width * fm.images.channels;
  const batch: UniformBatch = { ...fm.images, n, data: fm.images.data.subarray(0, n * per) };
  const where = fm.source.sample ? 'the sample committed in the repository' : fm.source.dir;
  return {
    image: batchImage(fm.images, index),
    description: `Fashion-MNIST training image ${index} (${fm.classNames[fm.labels[index]]}, 28×28 gray) from ${where}`,
    batch,
  };
}

async function shrink(image: Image): Promise<Image> {
  if (Math.max(image.height, image.width) <= MAX_PHOTO_SIDE) return image;
  const { data, info } = await sharp(image.data as Uint8Array, {
    raw: { width: image.width, height: image.height, channels: image.channels as 1 | 2 | 3 | 4 },
  })
    .resize({ width: MAX_PHOTO_SIDE, height: MAX_PHOTO_SIDE, fit: 'inside' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return {
    data: new Uint8Array(data.buffer, data.byteOffset, data.length),
    height: info.height,
    width: info.width,
    channels: info.channels,
  };
}

function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** Times `run` (milliseconds per call): a warm-up, then repeats for about `budget` ms (at least 5 times). */
function time(run: (rep: number) => void, budget: number): { ms: number; reps: number } {
  for (let rep = 0; rep < 3; rep++) run(rep);
  const samples: number[] = [];
  const start = performance.now();
  for (let rep = 0; samples.length < 5 || (performance.now() - start < budget && samples.length < 2000); rep++) {
    const t0 = performance.now();
    run(rep + 3);
    samples.push(performance.now() - t0);
  }
  return { ms: median(samples), reps: samples.length };
}

/** The batch timing of figure 15: 32 images augmented one call each, then in one batch call. */
export function measureBatchTiming(batch: UniformBatch, budget = 400) {
  const aug = iaa.Affine({ translatePx: { x: [-10, 10] } });
  const images = Array.from({ length: batch.n }, (_, i) => batchImage(batch, i));
  const single = time((rep) => {
    for (let i = 0; i < images.length; i++) aug.augmentImage(images[i], { epoch: rep, index: i });
  }, budget);
  const batched = time((rep) => {
    aug.augmentImages(batch, { epoch: rep });
  }, budget);
  return { n: batch.n, single, batched, speedup: single.ms / batched.ms };
}

const fmt = (v: number, digits = 3) => Number(v.toPrecision(digits)).toString();

async function writeFigure(out: string, file: string, png: Buffer): Promise<void> {
  await writeFileAtomic(join(out, file), png, { overwrite: true });
}

async function runDemo(args: ParsedArgs, io: CliIO): Promise<number> {
  const started = performance.now();
  const outArg = stringOption(args, 'out') ?? 'augkit-demo';
  const out = resolve(io.cwd, outArg);
  const shown = relative(io.cwd, out) || '.';
  const seed = integerOption(args, 'seed', 1, 0, 2 ** 53 - 1, 'demo');
  const input = await loadInput(args, io);
  await claimOutFolder(out, shown, 'demo', flag(args, 'overwrite'));
  setRootSeed(seed);

  const { image } = input;
  const scale = displayScale(image, 192);
  const smallScale = displayScale(image, 112);
  const original: Panel = { title: 'original', image };
  const one = (aug: Augmenter, index = 0) => aug.augmentImage(image, { epoch: 0, index });
  const figures: DemoFigure[] = [];
  const add = async (figure: DemoFigure, panels: Panel[], columns?: number, panelScale = scale) => {
    await writeFigure(out, figure.file, await renderPanels(panels, { columns, scale: panelScale }));
    figures.push(figure);
    io.stderr.write(`  ${figure.file}\n`);
  };
  io.stderr.write(`augkit demo: ${input.description}, seed ${seed} → ${shown}/\n`);

  await add({ file: '01-original.png', heading: '1. The original image', caption: input.description }, [original]);
  await add(
    {
      file: '02-affine-scale-2.png',
      heading: '2. Zoom in: Affine scale 2',
      caption: 'iaa.Affine({ scale: 2 }): twice the size around the centre; the output keeps the input’s size.',
    },
    [original, { title: 'scale 2', image: one(iaa.Affine({ scale: 2 })) }],
  );
  await add(
    {
      file: '03-affine-translate-px-10.png',
      heading: '3. Shift: Affine translatePx 10',
      caption: 'iaa.Affine({ translatePx: 10 }): 10 pixels right and 10 down; uncovered pixels get cval 0.',
    },
    [original, { title: 'translatePx 10', image: one(iaa.Affine({ translatePx: 10 })) }],
  );
  await add(
    {
      file: '04-affine-translate-px-xy.png',
      heading: '4. Shift per axis: translatePx {x: 10, y: 2}',
      caption: 'iaa.Affine({ translatePx: { x: 10, y: 2 } }): 10 pixels right, 2 down.',
    },
    [original, { title: 'x 10, y 2', image: one(iaa.Affine({ translatePx: { x: 10, y: 2 } })) }],
  );
  const row = (fitOutput: boolean): Panel[] => [
    { title: 'original', image },
    { title: 'scale 2', image: one(iaa.Affine({ scale: 2, fitOutput })) },
    { title: 'translatePx 10', image: one(iaa.Affine({ translatePx: 10, fitOutput })) },
    { title: 'rotate 30', image: one(iaa.Affine({ rotate: 30, fitOutput })) },
    { title: 'shear 30', image: one(iaa.Affine({ shear: 30, fitOutput })) },
  ];
  await add(
    {
      file: '05-fit-output.png',
      heading: '5. fitOutput: false (top row) and true (bottom row)',
      caption:
        'Top: the output keeps the input’s size and corners are cut off. Bottom: with fitOutput the output grows to ' +
        'hold the whole transformed image (scale 2 doubles it; a translation alone changes nothing).',
    },
    [
      ...row(false).map((p) => ({ ...p, title: `${p.title}` })),
      ...row(true).map((p) => ({ ...p, title: `${p.title}, fit` })),
    ],
    5,
    smallScale,
  );
  await add(
    {
      file: '06-rotate-cval-255.png',
      heading: '6. Rotate 30 with fitOutput and cval 255',
      caption: 'iaa.Affine({ rotate: 30, fitOutput: true, cval: 255 }): the corners the rotation uncovers are white.',
    },
    [original, { title: 'rotate 30, cval 255', image: one(iaa.Affine({ rotate: 30, fitOutput: true, cval: 255 })) }],
  );
  const modes = ['constant', 'edge', 'symmetric', 'reflect', 'wrap'] as const;
  await add(
    {
      file: '07-modes.png',
      heading: '7. The five border modes',
      caption:
        'iaa.Affine({ rotate: 30, fitOutput: true, cval: 0, mode }): how pixels outside the image are filled — ' +
        'constant (cval), edge (nearest edge pixel), symmetric and reflect (mirrored, with and without the edge ' +
        'pixel), wrap (tiled).',
    },
    modes.map((mode) => ({ title: mode, image: one(iaa.Affine({ rotate: 30, fitOutput: true, cval: 0, mode })) })),
    5,
    smallScale,
  );
  const rotate = iaa.Affine({ rotate: [-45, 45] });
  await add(
    {
      file: '08-rotate-draws.png',
      heading: '8. Four draws of rotate [-45, 45]',
      caption:
        'iaa.Affine({ rotate: [-45, 45] }) on the same image four times (indices 0–3): each draw takes its own ' +
        'angle from the range.',
    },
    [0, 1, 2, 3].map((i) => ({ title: `draw ${i + 1}`, image: one(rotate, i) })),
  );
  const pixel: [string, string, string, string, Augmenter][] = [
    [
      '09-multiply.png',
      '9. Multiply 0.5',
      'iaa.Multiply(0.5): every pixel value halved — darker.',
      'Multiply 0.5',
      iaa.Multiply(0.5),
    ],
    [
      '10-linear-contrast.png',
      '10. LinearContrast 0.5',
      'iaa.LinearContrast(0.5): values pulled halfway towards the middle grey (128) — less contrast.',
      'LinearContrast 0.5',
      iaa.LinearContrast(0.5),
    ],
    [
      '11-gaussian-blur.png',
      '11. GaussianBlur sigma 1',
      'iaa.GaussianBlur(1): a Gaussian blur with a standard deviation of 1 pixel.',
      'GaussianBlur 1',
      iaa.GaussianBlur(1),
    ],
    [
      '12-dropout.png',
      '12. Dropout 0.2',
      'iaa.Dropout(0.2): each pixel set to 0 with probability 0.2.',
      'Dropout 0.2',
      iaa.Dropout(0.2),
    ],
    [
      '13-salt-and-pepper.png',
      '13. SaltAndPepper 0.2',
      'iaa.SaltAndPepper(0.2): each pixel replaced with probability 0.2 by white (salt) or black (pepper).',
      'SaltAndPepper 0.2',
      iaa.SaltAndPepper(0.2),
    ],
  ];
  for (const [file, heading, caption, title, aug] of pixel) {
    await add({ file, heading, caption }, [original, { title, image: one(aug) }]);
  }
  const pipeline = iaa.Sequential([iaa.Dropout(0.2), iaa.Affine({ rotate: [-30, 30] })], { randomOrder: true });
  await add(
    {
      file: '14-sequential.png',
      heading: '14. Sequential [Dropout 0.2, Affine rotate [-30, 30]] with randomOrder',
      caption:
        'iaa.Sequential([iaa.Dropout(0.2), iaa.Affine({ rotate: [-30, 30] })], { randomOrder: true }): eight ' +
        'draws; the order of the two steps is chosen per image (dropout before rotation gives blurred-looking ' +
        'holes, after it sharp black pixels).',
    },
    Array.from({ length: 8 }, (_, i) => ({ title: `draw ${i + 1}`, image: one(pipeline, i) })),
    4,
  );

  const timing = measureBatchTiming(input.batch);
  const perImage = (ms: number) => (ms * 1000) / timing.n;
  const rate = (ms: number) => (timing.n * 1000) / ms;
  const chart = await barChart(
    [
      { label: `${timing.n} calls of augmentImage`, value: timing.single.ms },
      { label: `1 call of augmentImages (${timing.n})`, value: timing.batched.ms },
    ],
    {
      title: `Augmenting ${timing.n} images with Affine translatePx x [−10, 10]`,
      valueTitle: `milliseconds for ${timing.n} images (median)`,
      unit: ' ms',
    },
  );
  await writeFigure(out, '15-batch-timing.png', chart.png);
  figures.push({
    file: '15-batch-timing.png',
    heading: '15. One call per image versus one batch call',
    caption: `${timing.n} images augmented with iaa.Affine({ translatePx: { x: [-10, 10] } }), measured now on this machine: one augmentImage call per image versus one augmentImages call for the batch (median of ${timing.single.reps} and ${timing.batched.reps} runs). The batch call is ${fmt(timing.speedup)}× faster.`,
    table: {
      columns: ['how', `ms for ${timing.n} images`, 'µs per image', 'images/s'],
      rows: [
        [
          'one call per image',
          fmt(timing.single.ms),
          fmt(perImage(timing.single.ms)),
          Math.round(rate(timing.single.ms)),
        ],
        [
          'one batch call',
          fmt(timing.batched.ms),
          fmt(perImage(timing.batched.ms)),
          Math.round(rate(timing.batched.ms)),
        ],
      ],
    },
  });
  io.stderr.write('  15-batch-timing.png\n');

  const photo = await readImage(fileURLToPath(new URL('../../../data-sample/photos/astronaut.png', import.meta.url)));
  const detection = iaa.Sequential([iaa.Fliplr(0.5), iaa.Affine({ rotate: [-25, 25], scale: [0.8, 1.1] })]);
  const labelled = (index: number | undefined): Image => {
    if (index === undefined) return drawLabels(photo, PHOTO_LABELS);
    const out = detection.augment({ image: photo, ...PHOTO_LABELS }, { epoch: 0, index });
    return drawLabels(out.image, out);
  };
  await add(
    {
      file: '16-labels.png',
      heading: '16. Labels move with the image: boxes and keypoints',
      caption:
        'aug.augment({ image, boundingBoxes, keypoints }) with iaa.Sequential([iaa.Fliplr(0.5), iaa.Affine({ rotate: ' +
        '[-25, 25], scale: [0.8, 1.1] })]), five draws, drawn with drawLabels: each box (green, with its label) is ' +
        'the envelope of its four moved corners, as in imgaug; the keypoints (red: eyes, nose, mouth) move with ' +
        'the pixels. The photo is data-sample/photos/astronaut.png (NASA, public domain).',
    },
    [undefined, 0, 1, 2, 3, 4].map((i) => ({
      title: i === undefined ? 'labels' : `draw ${i + 1}`,
      image: labelled(i),
    })),
    3,
    1,
  );

  const page = htmlPage({
    title: 'augkit demo: the walkthrough’s figures',
    intro: `Every figure of the walkthrough, made now from ${input.description}, with seed ${seed}. Small images are enlarged with nearest-neighbour sampling, so each square is one pixel.\n\nRun it again with "augkit demo --image PATH" on your own photo, or "augkit demo --index N" for another Fashion-MNIST image.`,
    sections: figures.map((f) => ({
      heading: f.heading,
      ...(f.text !== undefined ? { text: f.text } : {}),
      figures: [{ src: f.file, caption: f.caption }],
      ...(f.table !== undefined ? { table: f.table } : {}),
    })),
  });
  await writeFileAtomic(join(out, 'index.html'), Buffer.from(page), { overwrite: true });
  const seconds = (performance.now() - started) / 1000;
  io.stdout.write(
    `Batch timing: ${timing.n} images, ${fmt(timing.single.ms)} ms one call each, ${fmt(timing.batched.ms)} ms in one batch call (${fmt(timing.speedup)}× faster)\n` +
      `Wrote ${figures.length} figures in ${seconds.toFixed(1)} s. Open ${join(out, 'index.html')}\n`,
  );
  return 0;
}

/** `augkit demo`. */
export const command: Command = {
  name: 'demo',
  summary: SUMMARIES.demo,
  usage: 'augkit demo [--out DIR] [--image PATH] [--index N] [--seed S]',
  help: `Draws every figure of the walkthrough — Affine's scale, translation, rotation, shear, fitOutput, cval and
modes, Multiply, LinearContrast, GaussianBlur, Dropout, SaltAndPepper, a Sequential pipeline — and times one call
per image against one batch call. Fashion-MNIST comes from $AUGKIT_DATA, ./data, Debian's dataset package or the
sample committed in the repository, so no download is needed.

Options:
  --out DIR           where the figures and index.html go (default ./augkit-demo); a folder holding other files
                      is refused unless --overwrite is given
  --image PATH        use your own photo (PNG, JPEG, WebP, TIFF) instead of Fashion-MNIST; photos larger than
                      ${MAX_PHOTO_SIDE} pixels are shrunk to ${MAX_PHOTO_SIDE} on their longer side first
  --index N           which Fashion-MNIST training image (default 0)
  --seed S            seed of the random draws (default 1)
  --overwrite         write into a folder that was not made by the demo (its files with the demo's names are replaced)`,
  options: {
    out: { type: 'string', short: 'o' },
    image: { type: 'string' },
    index: { type: 'string' },
    seed: { type: 'string' },
    overwrite: { type: 'boolean' },
  },
  run: runDemo,
};
