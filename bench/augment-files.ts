// `npm run bench:augment [-- --files 2000 --size 640x480 --workers 1,2 --split 200]`: files per second of
// `augkit augment` with the `medium` preset on photo-sized PNG and JPEG files (half each), made in a temporary folder
// from data-sample/photos, run as the command line runs (a child process, wall time, --workers 1 and 2 taking turns);
// and where one file's time goes, decode, augment, encode and write, measured one stage at a time on this thread
// over `--split` of the files. Prints a table and writes bench/results/augment-files-<ISO date>.json.
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { availableParallelism, cpus, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { fromJSON } from '../src/augmenters/index.ts';
import { PRESETS } from '../src/cli/pipeline.ts';
import { writeFileAtomic } from '../src/io/atomic-write.ts';
import { encodeImage, readImageWithInfo } from '../src/io/image-file.ts';
import { median } from './load.ts';

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, '..');
const PHOTOS = join(ROOT, 'data-sample', 'photos');
const MAIN = join(ROOT, 'src', 'cli', 'main.ts');

function option(name: string, fallback: string): string {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}
const FILES = Number(option('files', '2000'));
const [WIDTH, HEIGHT] = option('size', '640x480').split('x').map(Number);
const WORKERS = option('workers', '1,2').split(',').map(Number);
const SPLIT = Number(option('split', '200'));
const REPEATS = Number(option('repeats', '1'));
const SEED = 1;

/** Writes FILES photo-sized files into `dir`: the 8 photos resized to WIDTH × HEIGHT, each copy cropped a little
 * differently so no two files are equal; even-numbered ones PNG, odd-numbered ones JPEG (quality 90). */
async function makeInputs(dir: string): Promise<void> {
  const names = (await readdir(PHOTOS)).filter((n) => n.endsWith('.png')).sort();
  const sources = await Promise.all(
    names.map((n) =>
      sharp(join(PHOTOS, n))
        .removeAlpha()
        .toColourspace('srgb')
        .resize(WIDTH + 32, HEIGHT + 32, { fit: 'cover' })
        .toBuffer(),
    ),
  );
  for (let i = 0; i < FILES; i++) {
    const crop = sharp(sources[i % sources.length]).extract({
      left: (i * 7) % 32,
      top: (i * 13) % 32,
      width: WIDTH,
      height: HEIGHT,
    });
    const name = `f${String(i).padStart(5, '0')}`;
    if (i % 2 === 0) await crop.png().toFile(join(dir, `${name}.png`));
    else await crop.jpeg({ quality: 90 }).toFile(join(dir, `${name}.jpg`));
  }
}

/**
 * Seconds of `augkit augment input --out out --preset medium --workers W` in a child process: `wall` from start to
 * exit, `work` as its summary line says (from the first file to the last, without starting Node and loading).
 */
function runAugment(input: string, out: string, workers: number): Promise<{ wall: number; work: number }> {
  const args = ['--import', 'tsx', MAIN, 'augment', input, '--out', out, '--preset', 'medium', '--seed', String(SEED)];
  args.push('--workers', String(workers), '--force-workers');
  const start = performance.now();
  return new Promise((resolve, reject) => {
    execFile(process.execPath, args, { cwd: ROOT, maxBuffer: 64 << 20 }, (error, stdout, stderr) => {
      const work = /wrote (\d+), failed 0, ([\d.]+) s/.exec(stdout);
      if (error || work === null || Number(work[1]) !== FILES) {
        reject(new Error(`augment --workers ${workers} failed: ${stdout}${stderr.slice(-2000)}`));
      } else resolve({ wall: (performance.now() - start) / 1000, work: Number(work[2]) });
    });
  });
}

/** Milliseconds per file of each stage, run one stage at a time on this thread, per format. */
async function split(input: string, out: string) {
  const augmenter = fromJSON({ ...PRESETS.medium, seed: SEED });
  const files = (await readdir(input)).sort().slice(0, SPLIT);
  const result: Record<string, Record<string, number>> = {};
  for (const ext of ['.png', '.jpg']) {
    const mine = files.filter((f) => f.endsWith(ext));
    if (mine.length === 0) continue;
    const ms = { decode: 0, augment: 0, encode: 0, write: 0 };
    for (const [i, f] of mine.entries()) {
      let t = performance.now();
      const { image } = await readImageWithInfo(join(input, f), { keepGreyAlpha: true });
      ms.decode += performance.now() - t;
      t = performance.now();
      const augmented = augmenter.augmentImage(image, { epoch: 0, index: i });
      ms.augment += performance.now() - t;
      t = performance.now();
      const bytes = await encodeImage(join(out, f), augmented, { quality: 90 });
      ms.encode += performance.now() - t;
      t = performance.now();
      await writeFileAtomic(join(out, f), bytes, { overwrite: true });
      ms.write += performance.now() - t;
    }
    const total = ms.decode + ms.augment + ms.encode + ms.write;
    result[ext.slice(1)] = Object.fromEntries([
      ...Object.entries(ms).map(([k, v]) => [`${k}Ms`, v / mine.length]),
      ['totalMs', total / mine.length],
      ['files', mine.length],
    ]);
  }
  return result;
}

const dir = await mkdtemp(join(tmpdir(), 'augkit-bench-augment-'));
try {
  const input = join(dir, 'in');
  mkdirSync(input);
  let t = performance.now();
  await makeInputs(input);
  console.log(
    `made ${FILES} ${WIDTH}×${HEIGHT} files (PNG and JPEG) in ${((performance.now() - t) / 1000).toFixed(1)} s`,
  );

  const seconds = new Map<number, { wall: number; work: number }[]>(WORKERS.map((w) => [w, []]));
  for (let r = 0; r < REPEATS; r++) {
    for (const w of WORKERS) {
      const out = join(dir, `out-${w}-${r}`);
      const s = await runAugment(input, out, w);
      seconds.get(w)?.push(s);
      console.log(
        `--workers ${w}: ${s.work.toFixed(1)} s (${s.wall.toFixed(1)} s wall), ${(FILES / s.work).toFixed(1)} files/s`,
      );
      await rm(out, { recursive: true, force: true });
    }
  }
  t = performance.now();
  const splitOut = join(dir, 'split');
  mkdirSync(splitOut);
  const stages = await split(input, splitOut);
  console.log(`split over ${SPLIT} files in ${((performance.now() - t) / 1000).toFixed(1)} s`);

  const rows = WORKERS.map((w) => {
    const runs = seconds.get(w) ?? [];
    const work = median(runs.map((s) => s.work));
    const wall = median(runs.map((s) => s.wall));
    return { workers: w, seconds: work, wallSeconds: wall, filesPerSecond: FILES / work, runs };
  });
  console.log('\n| --workers | files/s | seconds | wall seconds |\n|---|---|---|---|');
  for (const r of rows) {
    console.log(
      `| ${r.workers} | ${r.filesPerSecond.toFixed(1)} | ${r.seconds.toFixed(1)} | ${r.wallSeconds.toFixed(1)} |`,
    );
  }
  console.log('\n| format | decode ms | augment ms | encode ms | write ms | total ms |\n|---|---|---|---|---|---|');
  for (const [format, s] of Object.entries(stages)) {
    const cells = ['decodeMs', 'augmentMs', 'encodeMs', 'writeMs', 'totalMs'].map((k) => s[k].toFixed(1));
    console.log(`| ${format} | ${cells.join(' | ')} |`);
  }
  const date = new Date().toISOString();
  const doc = {
    date,
    machine: { cores: availableParallelism(), cpu: cpus()[0]?.model, node: process.version },
    inputs: { files: FILES, width: WIDTH, height: HEIGHT, formats: 'half PNG, half JPEG (quality 90)' },
    preset: 'medium',
    seed: SEED,
    rows,
    stagesPerFile: stages,
  };
  mkdirSync(join(HERE, 'results'), { recursive: true });
  const out = join(HERE, 'results', `augment-files-${date.replace(/:/g, '-')}.json`);
  await writeFileAtomic(out, new TextEncoder().encode(`${JSON.stringify(doc, null, 1)}\n`), { overwrite: true });
  console.log(`\nwrote ${out}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
