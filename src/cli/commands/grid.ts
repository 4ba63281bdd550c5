// `augkit grid <image> --pipeline FILE.json --rows R --cols C --out grid.png`: R×C augmented variants of one image
// in one picture (imgaug's draw_grid). Cell k is drawn at call k, index 0: the same bytes as variant k of
// `augkit augment <image> --n K` with the same pipeline and seed.
import { realpath } from 'node:fs/promises';
import { dirname, extname, resolve } from 'node:path';
import type { ImageLabels } from '../../augmentables/types.ts';
import type { Augmenter } from '../../augmenters/base/augmenter.ts';
import { plainFileError } from '../../core/file-errors.ts';
import type { Image } from '../../core/image.ts';
import { MAX_OUTPUT_PIXELS } from '../../core/limits.ts';
import { removeStaleTempFiles } from '../../io/atomic-write.ts';
import { readImage, writeImage } from '../../io/image-file.ts';
import { drawLabels } from '../../viz/draw.ts';
import { drawGrid, upscale } from '../../viz/grid.ts';
import { augmentKeepingAlpha, forChannels, geometryOnly, hasAlpha } from '../alpha.ts';
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
} from '../command.ts';
import { readHeatmapFile, readLabelsFile } from '../labels-file.ts';
import { PRESETS, loadPipeline } from '../pipeline.ts';

/** WebP's largest side. */
const WEBP_MAX_SIDE = 16_383;

/** Refuses a grid of `rows` × `cols` cells of `cellHeight` × `cellWidth` beyond the limits, before it is drawn. */
function checkGridSize(
  rows: number,
  cols: number,
  cellHeight: number,
  cellWidth: number,
  padding: number,
  webp: boolean,
  what: string,
): void {
  const height = rows * cellHeight + (rows + 1) * padding;
  const width = cols * cellWidth + (cols + 1) * padding;
  if (height * width > MAX_OUTPUT_PIXELS) {
    throw new CliError(
      `a ${rows}×${cols} grid of ${cellWidth}×${cellHeight} cells ${what} is ${width}×${height} = ${((height * width) / 1e6).toFixed(0)} megapixels, more than augkit's limit of ${MAX_OUTPUT_PIXELS} pixels (8192 × 8192) per image; use fewer --rows/--cols or a smaller --scale`,
    );
  }
  if (webp && Math.max(height, width) > WEBP_MAX_SIDE) {
    throw new CliError(
      `the grid would be ${width}×${height}, and WebP holds at most ${WEBP_MAX_SIDE} pixels a side; write a .png`,
    );
  }
}

/** The labels of one cell: moved at the cell's address, then scaled to the cell's upscaled pixels. */
function cellLabels(
  augmenter: Augmenter,
  labels: ImageLabels,
  image: Image,
  at: { epoch: number; index: number },
  scale: number,
  shown: string,
): ImageLabels {
  let moved: ImageLabels;
  try {
    moved = augmenter.augment({ shape: image, ...labels }, at);
  } catch (error) {
    throw new CliError(`--labels ${shown}: ${(error as Error).message}`);
  }
  if (scale === 1) return moved;
  const p = <T extends { x: number; y: number }>(q: T): T => ({ ...q, x: q.x * scale, y: q.y * scale });
  return {
    ...moved,
    keypoints: moved.keypoints?.map(p),
    boundingBoxes: moved.boundingBoxes?.map((b) => ({
      ...b,
      x1: b.x1 * scale,
      y1: b.y1 * scale,
      x2: b.x2 * scale,
      y2: b.y2 * scale,
    })),
    polygons: moved.polygons?.map((g) => ({ ...g, points: g.points.map(p) })),
    lineStrings: moved.lineStrings?.map((g) => ({ ...g, points: g.points.map(p) })),
  };
}

/** `augkit grid`. */
export const command: Command = {
  name: 'grid',
  peers: ['sharp'],
  summary: SUMMARIES.grid,
  usage:
    'augkit grid <image> (--pipeline FILE.json | --preset NAME) --rows R --cols C --out grid.png [--augment-alpha] [--labels FILE] [--heatmap FILE]',
  help: `Cell k (row by row) holds variant k of the image: drawn at call k, index 0, so it equals variant k of
"augkit augment <image> --n K" with the same pipeline and seed.

Options:
  --pipeline FILE     a pipeline in JSON (any augmenter's toJSON() form; see "augkit list")
  --preset NAME       a built-in pipeline instead: ${Object.keys(PRESETS).join(', ')}
  --rows R            rows of the grid (default 3; 1–100)
  --cols C            columns of the grid (default 4; 1–100); the grid may have at most 8192 × 8192 pixels
                      (augkit's limit per image), checked before any cell is drawn
  --out FILE          the picture to write: .png, .jpg or .webp (required)
  --seed S            seed of the draws (default: the pipeline file's, else one picked and printed)
  --scale F           nearest-neighbour upscaling of every cell (default: small images to about 128 pixels)
  --padding P         pixels between cells (default 2; imgaug has 0)
  --overwrite         replace --out if it exists
  --augment-alpha     augment an alpha channel like a colour; by default it moves with the geometry only, as in
                      "augkit augment"
  --labels FILE       draw the image's labels on every cell, moved with it (the cell's draws): a YOLO .txt, a
                      COCO .json (the entry whose file_name is the image's), augkit's JSON ({ "keypoints": [{ "x",
                      "y" }], "boundingBoxes": [{ "x1", "y1", "x2", "y2", "label" }], "polygons", "lineStrings" })
                      or a class map .png (grey or palette); boxes green with their class, keypoints red, polygons
                      blue
  --heatmap FILE      draw a heatmap on every cell, moved with it: a grey image (8-bit / 255 or 16-bit / 65535
                      gives values in [0, 1]) of any size covering the image, in jet colours at half opacity`,
  options: {
    pipeline: { type: 'string', short: 'p' },
    preset: { type: 'string' },
    rows: { type: 'string', short: 'r' },
    cols: { type: 'string', short: 'c' },
    out: { type: 'string', short: 'o' },
    seed: { type: 'string' },
    scale: { type: 'string' },
    padding: { type: 'string' },
    overwrite: { type: 'boolean' },
    'augment-alpha': { type: 'boolean' },
    labels: { type: 'string' },
    heatmap: { type: 'string' },
  },
  positionals: { min: 1, max: 1, name: 'the image to augment' },
  run: runGrid,
};

async function runGrid(args: ParsedArgs, io: CliIO): Promise<number> {
  const name = 'grid';
  const outArg = stringOption(args, 'out');
  if (outArg === undefined) throw new UsageError('missing --out FILE (e.g. --out grid.png)', name);
  if (!['.png', '.jpg', '.jpeg', '.webp'].includes(extname(outArg).toLowerCase())) {
    throw new UsageError(`--out must end in .png, .jpg, .jpeg or .webp; received "${outArg}"`, name);
  }
  const rows = integerOption(args, 'rows', 3, 1, 100, name);
  const cols = integerOption(args, 'cols', 4, 1, 100, name);
  const seed =
    stringOption(args, 'seed') === undefined ? undefined : integerOption(args, 'seed', 0, 0, 2 ** 53 - 1, name);
  const padding = integerOption(args, 'padding', 2, 0, 100, name);
  const pipeline = await loadPipeline({
    pipeline: stringOption(args, 'pipeline'),
    preset: stringOption(args, 'preset'),
    seed,
    cwd: io.cwd,
    command: name,
  });
  const inputPath = resolve(io.cwd, args.positionals[0]);
  const outPath = resolve(io.cwd, outArg);
  const [inputReal, outReal] = await Promise.all([inputPath, outPath].map((p) => realpath(p).catch(() => p)));
  if (inputReal === outReal) throw new CliError(`--out ${outArg} is the input image; choose another file`);
  let image: Image;
  try {
    image = await readImage(inputPath);
  } catch (error) {
    throw new CliError(`cannot read ${args.positionals[0]}: ${plainFileError((error as Error).cause ?? error)}`);
  }
  const autoScale = Math.max(1, Math.round(128 / Math.max(image.height, image.width)));
  const scale = integerOption(args, 'scale', autoScale, 1, 64, name);
  const webp = extname(outArg).toLowerCase() === '.webp';
  checkGridSize(rows, cols, image.height * scale, image.width * scale, padding, webp, 'of this image');
  const labelsArg = stringOption(args, 'labels');
  let labels: ImageLabels | undefined;
  if (labelsArg !== undefined) {
    try {
      labels = await readLabelsFile(resolve(io.cwd, labelsArg), labelsArg, args.positionals[0], image);
    } catch (error) {
      throw new CliError(
        `--labels ${(error as Error).message.startsWith(labelsArg) ? '' : `${labelsArg}: `}${(error as Error).message}`,
      );
    }
  }
  const heatmapArg = stringOption(args, 'heatmap');
  if (heatmapArg !== undefined) {
    try {
      const heatmaps = await readHeatmapFile(resolve(io.cwd, heatmapArg), heatmapArg);
      labels = { ...labels, heatmaps };
    } catch (error) {
      throw new CliError(`--heatmap ${(error as Error).message}`);
    }
  }
  const augmentAlpha = flag(args, 'augment-alpha');
  const geometry = augmentAlpha || !hasAlpha(image) ? undefined : geometryOnly(pipeline.spec);
  // Gray images skip the augmenters that take RGB only (the colour augmenters), as augkit augment does.
  const colours = forChannels(pipeline.spec, image.channels - (geometry ? 1 : 0)) ?? pipeline.augmenter;
  const variants: Image[] = [];
  let cellHeight = 0;
  let cellWidth = 0;
  for (let k = 0; k < rows * cols; k++) {
    const at = { epoch: k, index: 0 };
    const variant = geometry
      ? await augmentKeepingAlpha(image, (colour) => colours.augmentImage(colour, at), geometry, at)
      : colours.augmentImage(image, at);
    // A pipeline that changes the size (Resize, CropToFixedSize, fitOutput) makes larger cells: checked as they come.
    cellHeight = Math.max(cellHeight, variant.height * scale);
    cellWidth = Math.max(cellWidth, variant.width * scale);
    checkGridSize(rows, cols, cellHeight, cellWidth, padding, webp, 'after augmenting');
    const big = scale > 1 ? upscale(variant, scale) : variant;
    variants.push(
      labels === undefined
        ? big
        : drawLabels(
            big,
            cellLabels(pipeline.augmenter, labels, image, at, scale, labelsArg ?? (heatmapArg as string)),
          ),
    );
  }
  const grid = drawGrid(variants, { rows, cols, padding, background: 255 });
  const jpeg = /\.jpe?g$/i.test(outArg);
  if (jpeg && (grid.channels === 2 || grid.channels === 4)) {
    throw new CliError('the grid has an alpha channel, which JPEG cannot hold; write a .png or .webp');
  }
  try {
    await removeStaleTempFiles(dirname(outPath));
    await writeImage(outPath, grid, { overwrite: flag(args, 'overwrite') });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') {
      throw new CliError(`${outArg} exists; pass --overwrite to replace it`);
    }
    throw new CliError(`cannot write ${outArg}: ${plainFileError(error)}`);
  }
  io.stdout.write(
    `wrote ${outArg}: ${rows}×${cols} variants of ${args.positionals[0]} (${pipeline.source}, seed ${pipeline.seed}), ${grid.width}×${grid.height} pixels${
      hasAlpha(image)
        ? augmentAlpha
          ? '; alpha augmented like a colour (--augment-alpha)'
          : '; alpha moved by geometry only, unchanged by colour operations'
        : ''
    }\n`,
  );
  return 0;
}
