// `augkit train`: the walkthrough's experiment — the CNN trained on Fashion-MNIST with and without translation
// augmentation, evaluated under horizontal shifts — with a progress bar, then the report. The work is
// `runExperiment` (../train/experiment.ts); this file parses options and shows progress.
import { isAbsolute, relative, resolve } from 'node:path';
import {
  type CliIO,
  type Command,
  FORCE_WORKERS,
  type ParsedArgs,
  SUMMARIES,
  UsageError,
  choiceOption,
  flag,
  integerOption,
  stringOption,
  workersOption,
} from '../../../src/cli/command.ts';
import { claimOutFolder } from '../../../src/cli/out-folder.ts';
import { readPipelineFile } from '../../../src/cli/pipeline.ts';
import type { BackendName } from '../train/backend.ts';
import type { ExperimentEvent } from '../train/experiment.ts';
import type { ExperimentReport, ModelKind } from '../train/report.ts';

const NAME = 'train';

/** Seconds as `m:ss` (or `h:mm:ss`). */
export function clock(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '--:--';
  const s = Math.round(seconds);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const ss = String(s % 60).padStart(2, '0');
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

/** `path` relative to `cwd` when it lies inside it, else absolute. */
export function displayPath(cwd: string, path: string): string {
  const rel = relative(cwd, path);
  return rel === '' ? '.' : rel.startsWith('..') || isAbsolute(rel) ? path : rel;
}

const pct = (x: number) => `${(100 * x).toFixed(1)}%`;

/**
 * Shows the experiment's progress on `stream`: on a terminal, one bar per epoch redrawn in place (images, images/s,
 * loss, ETA) and a line per finished epoch; otherwise plain lines, about ten per epoch, so logs stay readable.
 * `now` returns milliseconds (injected for tests).
 */
export function experimentProgress(
  stream: CliIO['stderr'],
  now: () => number = () => performance.now(),
): (event: ExperimentEvent) => void {
  const tty = stream.isTTY === true;
  let lastDraw = Number.NEGATIVE_INFINITY;
  let shown = false;
  let nextLine = 0;
  const clear = () => {
    if (shown) stream.write('\r\x1b[K');
    shown = false;
  };
  const say = (line: string) => {
    clear();
    stream.write(`${line}\n`);
  };
  return (event) => {
    switch (event.type) {
      case 'data':
        say(
          `data: ${event.train} training and ${event.test} test images from ${event.source.sample ? 'the committed sample' : event.source.dir}`,
        );
        return;
      case 'model':
        say(`training the model ${event.model === 'aug' ? 'with' : 'without'} augmentation (${event.model})`);
        nextLine = 0;
        return;
      case 'batch': {
        const { progress: p, imagesPerEpoch, epoch, epochs, model } = event;
        const rate = p.epochImagesPerSecond;
        const eta = clock((imagesPerEpoch - p.imagesSeen) / rate);
        const head = `${model.padEnd(5)} epoch ${epoch}/${epochs}`;
        const tail = `${p.imagesSeen}/${imagesPerEpoch}  ${rate.toFixed(0)} img/s  loss ${p.loss.toFixed(3)}  ETA ${eta}`;
        if (tty) {
          const t = now();
          if (t - lastDraw < 100 && p.imagesSeen < imagesPerEpoch) return;
          lastDraw = t;
          const columns = Math.max(60, Math.min(stream.columns ?? 80, 140));
          const cells = Math.max(10, columns - head.length - tail.length - 6);
          const filled = Math.round((p.imagesSeen / imagesPerEpoch) * cells);
          stream.write(`\r${head} [${'#'.repeat(filled)}${'-'.repeat(cells - filled)}] ${tail}\x1b[K`);
          shown = true;
        } else if (p.imagesSeen >= nextLine || p.imagesSeen === imagesPerEpoch) {
          stream.write(`${head}: ${tail}\n`);
          nextLine = p.imagesSeen + Math.max(1, Math.ceil(imagesPerEpoch / 10));
        }
        return;
      }
      case 'epoch': {
        const r = event.record;
        nextLine = 0;
        say(
          `${event.model.padEnd(5)} epoch ${r.epoch}/${event.epochs} done in ${r.seconds.toFixed(1)} s: ` +
            `${r.imagesPerSecond.toFixed(0)} img/s, waited for data ${pct(r.waitShare)}, train loss ${r.trainLoss.toFixed(4)}, ` +
            `test accuracy ${pct(r.testAccuracy)}, test loss ${r.testLoss.toFixed(4)}`,
        );
        return;
      }
      case 'stage':
        say(event.model !== undefined ? `${event.model.padEnd(5)} ${event.message}` : event.message);
        return;
    }
  };
}

/** What `augkit train` prints when done: per model, its accuracy, speed and shift table; then where the report is. */
async function summary(report: ExperimentReport, cwd: string, out: string): Promise<string> {
  const { shiftText } = await import('../train/report.ts');
  const shown = displayPath(cwd, out);
  const lines: string[] = [];
  for (const kind of ['aug', 'plain'] as const) {
    const m = report.models[kind];
    if (m === undefined) continue;
    lines.push(
      `${m.label}: test accuracy ${pct(m.final.testAccuracy)}, ${m.training.meanEpochSeconds.toFixed(1)} s per epoch, ` +
        `${m.training.imagesPerSecond.toFixed(0)} img/s, waited for data ${pct(m.training.waitShare)}`,
      shiftText(m.shift).trimEnd(),
    );
  }
  if (report.probabilityImage.note !== null) lines.push(`note: ${report.probabilityImage.note}`);
  lines.push(`report: ${shown}/index.html, ${shown}/report.json (${report.totalSeconds.toFixed(1)} s in all)`);
  return `${lines.join('\n')}\n`;
}

export const command: Command = {
  name: NAME,
  summary: SUMMARIES.train,
  usage:
    'augkit train [--epochs 10] [--out report/] [--only aug|plain] [--limit N] [--test-limit N] [--data DIR] [--pipeline FILE.json] [--seed S] [--workers W] [--threads T] [--backend wasm|cpu|node] | augkit train --merge DIR --merge DIR [--out report/]',
  help: `Trains the walkthrough's CNN on Fashion-MNIST twice — with the augmentation pipeline (default: shift
horizontally by -10…10 px, zero-filled) and without — evaluates both on the test set after every epoch, saves
them (OUT/models/aug, OUT/models/plain; reload with "augkit evaluate --model DIR"), measures their accuracy at
horizontal shifts -5…5 (wrap-around and zero-filled) and the class probabilities of training image 24150, and
writes OUT/report.json, PNG charts and a self-contained OUT/index.html. Batches of 64, Adam 1e-3, shuffled.

Options:
  --epochs N          epochs per model (default 10)
  --out DIR           report folder (default report): missing, empty or an earlier train's; a folder with other
                      files is refused unless --overwrite is given
  --overwrite         write into an --out that holds other files (files with the report's names are replaced)
  --only aug|plain    train only the model with (aug) or without (plain) augmentation
  --limit N           train on the first N training images (quick runs)
  --test-limit N      evaluate on the first N test images (default all; with --limit, N/20 but at least 100)
  --data DIR          folder with the Fashion-MNIST IDX files (default: $AUGKIT_DATA, ./data,
                      /usr/share/datasets/fashion-mnist, then the sample in the repository)
  --pipeline FILE     augmentation pipeline JSON (default the walkthrough's translation)
  --seed S            seed of weights, shuffling and augmentation (default 0)
  --workers W         worker threads that augment batches ahead of the model (default 1; 0 = none)
  --threads T         threads each training step is split over: data-parallel model replicas whose gradients
                      are averaged, the same step up to float rounding (default: cores, at most 4; 1 with node;
                      use 1 when two trainings share the machine)
  --backend NAME      wasm (default), cpu, or node (needs @tensorflow/tfjs-node)
  --force-workers     allow --workers or --threads beyond this machine's cores
  --merge DIR         (twice) combine the reports of an --only aug and an --only plain run (e.g. run in
                      parallel, one per core) into one report in --out; trains nothing
`,
  options: {
    epochs: { type: 'string' },
    out: { type: 'string' },
    only: { type: 'string' },
    limit: { type: 'string' },
    'test-limit': { type: 'string' },
    data: { type: 'string' },
    pipeline: { type: 'string' },
    seed: { type: 'string' },
    workers: { type: 'string' },
    threads: { type: 'string' },
    [FORCE_WORKERS]: { type: 'boolean' },
    backend: { type: 'string' },
    merge: { type: 'string', multiple: true },
    overwrite: { type: 'boolean' },
  },
  async run(args: ParsedArgs, io: CliIO): Promise<number> {
    const epochs = integerOption(args, 'epochs', 10, 1, 1000, NAME);
    const only = choiceOption<ModelKind>(args, 'only', ['aug', 'plain'], undefined, NAME);
    const limitRaw = stringOption(args, 'limit');
    const limit = limitRaw === undefined ? undefined : integerOption(args, 'limit', 0, 1, 10_000_000, NAME);
    const testLimitRaw = stringOption(args, 'test-limit');
    const testLimit =
      testLimitRaw === undefined ? undefined : integerOption(args, 'test-limit', 0, 1, 10_000_000, NAME);
    const seed = integerOption(args, 'seed', 0, 0, 2 ** 31 - 1, NAME);
    const workers = workersOption(args, 'workers', 1, 0, 64, NAME);
    const threadsRaw = stringOption(args, 'threads');
    const threads = threadsRaw === undefined ? undefined : workersOption(args, 'threads', 1, 1, 64, NAME);
    const backend = choiceOption<BackendName>(args, 'backend', ['wasm', 'cpu', 'node'], 'wasm', NAME) as BackendName;
    const outArg = stringOption(args, 'out') ?? 'report';
    const out = resolve(io.cwd, outArg);
    const data = stringOption(args, 'data');
    const pipelinePath = stringOption(args, 'pipeline');
    const merge = args.values.merge;
    if (Array.isArray(merge)) {
      const given = [
        'epochs',
        'only',
        'limit',
        'test-limit',
        'data',
        'pipeline',
        'seed',
        'workers',
        'threads',
        'backend',
      ].filter((name) => args.values[name] !== undefined);
      if (given.length > 0) throw new UsageError(`--merge trains nothing; it does not go with --${given[0]}`, NAME);
      if (merge.length < 2) throw new UsageError('--merge needs two report folders (--merge A --merge B)', NAME);
      await claimOutFolder(out, outArg, NAME, flag(args, 'overwrite'));
      const { mergeReports } = await import('../train/experiment.ts');
      const report = await mergeReports({
        from: merge.map((d) => resolve(io.cwd, String(d))),
        out,
        onProgress: experimentProgress(io.stderr),
      });
      io.stdout.write(await summary(report, io.cwd, out));
      return 0;
    }
    const pipeline = pipelinePath === undefined ? undefined : await readPipelineFile(resolve(io.cwd, pipelinePath));
    await claimOutFolder(out, outArg, NAME, flag(args, 'overwrite'));

    // Loaded here, not at the top: `augkit --help` and `augkit list` should not start TensorFlow.js.
    const { runExperiment } = await import('../train/experiment.ts');
    const report = await runExperiment({
      out,
      epochs,
      limit,
      testLimit,
      only,
      seed,
      data: data === undefined ? undefined : resolve(io.cwd, data),
      pipeline,
      pipelineSource: pipelinePath,
      workers,
      threads,
      backend,
      onProgress: experimentProgress(io.stderr),
    });
    io.stdout.write(await summary(report, io.cwd, out));
    return 0;
  },
};
