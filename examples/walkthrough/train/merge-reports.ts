// mergeReports: one report with both models from the reports of separate single-model runs.
import { cp, mkdir, readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { argumentError } from '../../../src/core/errors.ts';
import { batchImage } from '../../../src/core/image.ts';
import { loadFashionMnist } from '../../../src/io/fashion-mnist.ts';
import type { ExperimentEvent } from './experiment.ts';
import { type ExperimentReport, type ModelKind, type ModelReport, writeReport } from './report.ts';

/** Options of {@link mergeReports}. */
export interface MergeOptions {
  /** Report folders of earlier single-model runs (`only: 'aug'` and `only: 'plain'`), each with its report.json. */
  readonly from: readonly string[];
  /** Folder for the combined report; the models are copied to `out/models/aug` and `out/models/plain`. */
  readonly out: string;
  readonly onProgress?: (event: ExperimentEvent) => void;
}

async function readReport(dir: string): Promise<ExperimentReport> {
  const path = join(resolve(dir), 'report.json');
  let json: ExperimentReport;
  try {
    json = JSON.parse(await readFile(path, 'utf8'));
  } catch (error) {
    throw new Error(`mergeReports: cannot read ${path}: ${(error as Error).message}`, { cause: error });
  }
  if (json?.format !== 'augkit-experiment-report' || json.version !== 1) {
    throw new Error(`mergeReports: ${path} is not an augkit experiment report (version 1)`);
  }
  return json;
}

/**
 * Combines the reports of separate single-model runs — e.g. `--only aug` and `--only plain` run in parallel, one
 * per core — into one report with both models, as if they had been trained in one run: the models are copied into
 * `out/models`, the charts and `index.html` are drawn anew, and `report.json` lists both. The runs must agree on
 * everything but the model (epochs, seed, data, limits, pipeline); a difference is an error naming the field.
 *
 * @example await mergeReports({ from: ['/tmp/full-aug', '/tmp/full-plain'], out: 'report' });
 */
export async function mergeReports(options: MergeOptions): Promise<ExperimentReport> {
  const started = performance.now();
  const out = resolve(options.out);
  const reports = await Promise.all(options.from.map(readReport));
  if (reports.length < 2) throw argumentError('mergeReports', 'from', 'two or more report folders', options.from);
  const [first] = reports;
  const same = (name: string, pick: (r: ExperimentReport) => unknown) => {
    const want = JSON.stringify(pick(first));
    reports.forEach((r, i) => {
      if (JSON.stringify(pick(r)) !== want) {
        throw new Error(
          `mergeReports: ${options.from[i]} differs from ${options.from[0]} in ${name}: ${JSON.stringify(pick(r))} vs ${want}`,
        );
      }
    });
  };
  same('settings.epochs', (r) => r.settings.epochs);
  same('settings.seed', (r) => r.settings.seed);
  same('settings.limit', (r) => r.settings.limit);
  same('settings.testLimit', (r) => r.settings.testLimit);
  same('settings.pipeline', (r) => r.settings.pipeline);
  same('data', (r) => r.data);
  same('probabilityImage', (r) => r.probabilityImage);
  const models: Partial<Record<ModelKind, ModelReport>> = {};
  const copies: [string, string][] = [];
  for (const [i, r] of reports.entries()) {
    for (const kind of ['aug', 'plain'] as const) {
      const m = r.models[kind];
      if (m === undefined) continue;
      if (models[kind] !== undefined) throw new Error(`mergeReports: two reports hold the ${kind} model`);
      models[kind] = m;
      copies.push([resolve(options.from[i], m.modelDir), join(out, 'models', kind)]);
    }
  }
  for (const [from, to] of copies) {
    if (from === to) continue;
    await mkdir(join(out, 'models'), { recursive: true });
    await cp(from, to, { recursive: true, force: true });
  }
  const emit = options.onProgress ?? (() => {});
  // The probability image's pixels are not in the reports: read them again from the data the runs used.
  const train = await loadFashionMnist({ split: 'train', dir: first.data.dir });
  const image = batchImage(train.images, first.probabilityImage.index);
  const kinds = (['aug', 'plain'] as const).filter((k) => models[k] !== undefined);
  const draft: ExperimentReport = {
    ...first,
    createdAt: new Date().toISOString(),
    settings: {
      ...first.settings,
      only: kinds.length === 1 ? kinds[0] : null,
      workers: Math.max(...reports.map((r) => r.settings.workers)),
      // Reports written before training threads existed trained on one.
      threads: Math.max(...reports.map((r) => r.settings.threads ?? 1)),
    },
    models,
    files: { ...first.files, charts: {}, models: Object.fromEntries(kinds.map((k) => [k, join('models', k)])) },
  };
  const runSeconds = Math.max(...reports.map((r) => r.totalSeconds));
  emit({ type: 'stage', message: `writing the combined report to ${out}` });
  return writeReport(draft, out, image, () => runSeconds + (performance.now() - started) / 1000);
}
