/**
 * The experiment's report: its pictures (Vega-Lite charts → PNG) and self-contained `index.html`; the shape of
 * `report.json` is in report-shape.ts. Node-only (files, sharp).
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Image } from '../../../src/core/image.ts';
import { writeFileAtomic } from '../../../src/io/atomic-write.ts';
import { encodePng } from '../../../src/viz/image-png.ts';
import { type Chart, type LineSeries, barChart, heatmap, lineChart } from '../viz/charts.ts';
import { type Section, type Table, htmlPage } from '../viz/html.ts';
import {
  type EpochRecord,
  type EvaluationReport,
  type ExperimentReport,
  MODEL_LABELS,
  type ModelKind,
  type ModelReport,
  type ProbabilityImage,
  SHIFT_KIND_LABELS,
  type ShiftReport,
} from './report-shape.ts';

export * from './report-shape.ts';

const pct = (x: number, digits = 1): string => `${(100 * x).toFixed(digits)}%`;
const kindsOf = (report: ExperimentReport): ModelKind[] =>
  (['aug', 'plain'] as const).filter((k) => report.models[k] !== undefined);

/**
 * Test accuracy against horizontal shift: one line per model and shift kind (colour: model, dash: kind).
 *
 * @example await shiftAccuracyChart([{ label: 'with augmentation', shift }])
 */
export async function shiftAccuracyChart(
  models: readonly { readonly label: string; readonly shift: ShiftReport }[],
): Promise<Chart> {
  const series: LineSeries[] = [];
  for (const { label, shift } of models) {
    for (const kind of ['zero', 'roll'] as const) {
      series.push({
        label,
        kind: SHIFT_KIND_LABELS[kind],
        points: shift.shifts.map((x, i) => ({ x, y: shift.accuracy[kind][i] })),
      });
    }
  }
  return lineChart(series, {
    title: `Test accuracy vs horizontal shift (${models[0]?.shift.testImages ?? 0} test images)`,
    xTitle: 'shift (pixels, positive = right)',
    yTitle: 'test accuracy',
    yFormat: '.0%',
    yDomain: [0, 1],
    labelTitle: 'model',
    kindTitle: 'shift',
  });
}

/**
 * The walkthrough's heatmap: class probabilities of one image (rows: shifts, columns: classes), cells annotated.
 *
 * @example await probabilityChart('with augmentation', shift, image, classNames)
 */
export async function probabilityChart(
  label: string,
  shift: ShiftReport,
  image: ProbabilityImage,
  classNames: readonly string[],
  kind: 'roll' | 'zero' = 'roll',
): Promise<Chart> {
  return heatmap(shift.probabilities[kind], {
    title: `${label[0].toUpperCase()}${label.slice(1)}: image ${image.index} (${image.className}), ${SHIFT_KIND_LABELS[kind]}`,
    rowLabels: shift.shifts.map((s) => (s > 0 ? `+${s}` : String(s))),
    colLabels: [...classNames],
    rowTitle: 'shift (pixels)',
    colTitle: 'class',
    domain: [0, 1],
  });
}

async function writePng(out: string, name: string, png: Uint8Array): Promise<string> {
  await writeFileAtomic(join(out, name), png, { overwrite: true });
  return name;
}

function shiftTable(entries: readonly { label: string; shift: ShiftReport }[]): Table {
  const shifts = entries[0]?.shift.shifts ?? [];
  const columns = ['shift (px)'];
  for (const { label } of entries) {
    columns.push(`${label}, ${SHIFT_KIND_LABELS.zero}`, `${label}, ${SHIFT_KIND_LABELS.roll}`);
  }
  return {
    columns,
    rows: shifts.map((s, i) => [
      s > 0 ? `+${s}` : String(s),
      ...entries.flatMap(({ shift }) => [pct(shift.accuracy.zero[i]), pct(shift.accuracy.roll[i])]),
    ]),
    caption: `Test accuracy on ${entries[0]?.shift.testImages ?? 0} test images, every image shifted horizontally.`,
  };
}

function summaryTable(report: ExperimentReport): Table {
  const rows = kindsOf(report).map((kind) => {
    const m = report.models[kind] as ModelReport;
    const { zero, roll } = m.shift.accuracy;
    const at = (s: number) => m.shift.shifts.indexOf(s);
    return [
      m.label,
      pct(m.final.testAccuracy),
      `${pct(Math.min(...zero))} – ${pct(Math.max(...zero))}`,
      `${pct(zero[at(-5)])} / ${pct(zero[at(5)])}`,
      `${pct(roll[at(-5)])} / ${pct(roll[at(5)])}`,
      `${m.training.meanEpochSeconds.toFixed(1)} s`,
      Math.round(m.training.imagesPerSecond),
      pct(m.training.waitShare),
    ];
  });
  return {
    columns: [
      'model',
      'unshifted test accuracy',
      'zero-filled, shifts −5…5',
      'zero-filled at −5 / +5',
      'wrap-around at −5 / +5',
      'time per epoch',
      'training images/s',
      'waiting for data',
    ],
    rows,
    caption: `After ${report.settings.epochs} epoch${report.settings.epochs === 1 ? '' : 's'} on ${report.data.trainImages} training images; accuracies on ${report.data.testImages} test images.`,
  };
}

function epochTable(report: ExperimentReport): Table {
  const rows = kindsOf(report).flatMap((kind) =>
    (report.models[kind] as ModelReport).epochs.map((e) => [
      MODEL_LABELS[kind],
      e.epoch,
      e.trainLoss.toFixed(4),
      pct(e.testAccuracy, 2),
      e.testLoss.toFixed(4),
      e.seconds.toFixed(1),
      Math.round(e.imagesPerSecond),
      pct(e.waitShare),
    ]),
  );
  return {
    columns: ['model', 'epoch', 'train loss', 'test accuracy', 'test loss', 'seconds', 'images/s', 'waiting for data'],
    rows,
  };
}

function describeRun(report: ExperimentReport): string {
  const { settings, data, environment } = report;
  const where = data.sample ? 'the small sample committed in the repository' : data.dir;
  const limits =
    data.trainImages < data.trainAvailable || data.testImages < data.testAvailable
      ? ` This is a limited run: ${data.trainImages} of ${data.trainAvailable} training images and ${data.testImages} of ${data.testAvailable} test images, so the numbers are indicative only.`
      : '';
  return (
    `The walkthrough's CNN trained on Fashion-MNIST (${data.trainImages} training images, ${data.testImages} test images, from ${where}) ` +
    `for ${settings.epochs} epoch${settings.epochs === 1 ? '' : 's'}, batches of ${settings.batchSize}, Adam ${settings.learningRate}, seed ${settings.seed}, ` +
    `on TensorFlow.js ${environment.tfjsVersion} (${environment.backend} backend, ${environment.cpus} CPUs, ` +
    `${trainingThreads(settings.threads)}). ` +
    `The augmented model sees every training image shifted by the pipeline (${settings.pipelineSource}); the other sees the images as they are.${limits}`
  );
}

function trainingThreads(threads: number | undefined): string {
  const t = threads ?? 1;
  return t === 1
    ? 'training steps on one thread'
    : `each training step split over ${t} threads, whose gradients are averaged`;
}

function speedText(report: ExperimentReport): string {
  const parts: string[] = [];
  const aug = report.models.aug;
  const plain = report.models.plain;
  if (aug !== undefined) {
    parts.push(
      `The augmented model's training loop waited for data ${pct(aug.training.waitShare, 2)} of its time: that is what augmentation (${aug.workers} worker thread${aug.workers === 1 ? '' : 's'}, batches prepared ahead of the model) cost beyond what it hid behind the training steps.`,
    );
  }
  if (aug !== undefined && plain !== undefined) {
    const ratio = aug.training.meanEpochSeconds / plain.training.meanEpochSeconds - 1;
    parts.push(
      `Its epochs took ${ratio >= 0 ? `${pct(ratio)} longer` : `${pct(-ratio)} less time`} than the plain model's (other work on the machine during the run shifts this comparison).`,
    );
  }
  parts.push(`The whole run took ${report.totalSeconds.toFixed(0)} s, test and shift evaluations included.`);
  return parts.join(' ');
}

/**
 * Renders the report's charts, writes them as PNGs into `out`, then writes `report.json` and a self-contained
 * `index.html` (the same charts embedded, plus tables), and resolves to the report with its file names and total
 * time filled in. `image` is the probability image's pixels; `elapsed` gives the run's seconds so far.
 *
 * @example const written = await writeReport(report, 'report', image, () => seconds());
 */
export async function writeReport(
  draft: ExperimentReport,
  out: string,
  image: Image,
  elapsed: () => number,
): Promise<ExperimentReport> {
  await mkdir(out, { recursive: true });
  const kinds = kindsOf(draft);
  const models = kinds.map((k) => draft.models[k] as ModelReport);
  const charts: Record<string, string> = {};
  const figures: Record<string, { png: Uint8Array; caption: string }> = {};
  const add = async (key: string, file: string, chart: { png: Uint8Array }, caption: string) => {
    charts[key] = await writePng(out, file, chart.png);
    figures[key] = { png: chart.png, caption };
  };

  await add(
    'shiftAccuracy',
    'shift-accuracy.png',
    await shiftAccuracyChart(models),
    'Test accuracy with every test image shifted horizontally by −5 … 5 pixels: solid lines fill the uncovered columns with zeros (a real translation), dashed lines wrap them around as the walkthrough’s np.roll does.',
  );
  for (const m of models) {
    const key = m.kind === 'aug' ? 'probabilitiesAug' : 'probabilitiesPlain';
    await add(
      key,
      `probabilities-${m.kind}.png`,
      await probabilityChart(m.label, m.shift, draft.probabilityImage, draft.data.classNames),
      `Model ${m.label}: softmax probability of each class for training image ${draft.probabilityImage.index} (${draft.probabilityImage.className}) at each wrap-around shift.`,
    );
  }
  const imagePng = await encodePng(image, { scale: 8 });
  charts.probabilityImage = await writePng(out, 'probability-image.png', imagePng);

  // One line per model of one value after each epoch.
  const epochChart = (pick: (e: EpochRecord) => number, title: string, yTitle: string, yFormat?: string) =>
    lineChart(
      models.map((m) => ({ label: m.label, points: m.epochs.map((e) => ({ x: e.epoch, y: pick(e) })) })),
      { title, xTitle: 'epoch', yTitle, ...(yFormat !== undefined ? { yFormat } : {}), labelTitle: 'model' },
    );
  await add(
    'epochAccuracy',
    'epoch-accuracy.png',
    await epochChart((e) => e.testAccuracy, 'Test accuracy after each epoch (unshifted)', 'test accuracy', '.1%'),
    'Accuracy on the unshifted test images after every epoch.',
  );
  const lossSeries: LineSeries[] = models.flatMap((m) => [
    { label: m.label, kind: 'test', points: m.epochs.map((e) => ({ x: e.epoch, y: e.testLoss })) },
    { label: m.label, kind: 'training', points: m.epochs.map((e) => ({ x: e.epoch, y: e.trainLoss })) },
  ]);
  await add(
    'epochLoss',
    'epoch-loss.png',
    await lineChart(lossSeries, {
      title: 'Loss after each epoch',
      xTitle: 'epoch',
      yTitle: 'softmax cross-entropy',
      labelTitle: 'model',
      kindTitle: 'data',
    }),
    'Mean softmax cross-entropy: on the test images after each epoch (solid), and on the training batches during it (dashed; augmented images for the augmented model).',
  );
  await add(
    'epochTime',
    'epoch-time.png',
    await epochChart((e) => e.seconds, 'Training time per epoch', 'seconds'),
    'Wall time of each epoch’s training loop (test evaluation not included).',
  );
  await add(
    'throughput',
    'throughput.png',
    await epochChart((e) => e.imagesPerSecond, 'Training throughput', 'images per second'),
    `Training images per second, batches of ${draft.settings.batchSize}.`,
  );
  await add(
    'dataWait',
    'data-wait.png',
    await barChart(
      models.map((m) => ({ label: m.label, value: 100 * m.training.waitShare })),
      {
        title: 'Share of training time spent waiting for data',
        format: '.2f',
        unit: '%',
        valueTitle: 'percent of the epochs’ time',
      },
    ),
    'The share of each epoch the training loop spent waiting for its next batch. Augmentation runs in worker threads ahead of the model; whatever it does not hide shows up here.',
  );

  const report: ExperimentReport = {
    ...draft,
    files: { ...draft.files, charts },
    totalSeconds: elapsed(),
  };
  const section = (heading: string, keys: string[], text?: string, table?: Table): Section => ({
    heading,
    ...(text !== undefined ? { text } : {}),
    figures: keys.filter((k) => figures[k] !== undefined).map((k) => figures[k]),
    ...(table !== undefined ? { table } : {}),
  });
  const sections: Section[] = [
    { heading: 'Summary', table: summaryTable(report) },
    section(
      'Accuracy under horizontal shifts',
      ['shiftAccuracy'],
      'A model that learned to recognise clothes wherever they are should keep its accuracy when the images move; one that learned where the pixels usually are should not.',
      shiftTable(models),
    ),
    {
      heading: `Class probabilities of training image ${report.probabilityImage.index}`,
      ...(report.probabilityImage.note !== null ? { text: `Note: ${report.probabilityImage.note}.` } : {}),
      figures: [
        {
          png: imagePng,
          caption: `Training image ${report.probabilityImage.index}: ${report.probabilityImage.className} (label ${report.probabilityImage.label}), enlarged 8×.`,
        },
        ...['probabilitiesAug', 'probabilitiesPlain'].filter((k) => figures[k] !== undefined).map((k) => figures[k]),
      ],
    },
    section('Training', ['epochAccuracy', 'epochLoss'], undefined, epochTable(report)),
    section('Speed', ['epochTime', 'throughput', 'dataWait'], speedText(report)),
  ];
  const html = htmlPage({
    title: 'augkit: training with and without augmentation',
    intro: describeRun(report),
    sections,
    embed: true,
  });
  await writeFileAtomic(join(out, report.files.html), new TextEncoder().encode(html), { overwrite: true });
  await writeFileAtomic(
    join(out, report.files.json),
    new TextEncoder().encode(`${JSON.stringify(report, null, 2)}\n`),
    { overwrite: true },
  );
  return report;
}

/**
 * Writes `augkit evaluate`'s results into `out`: `evaluation.json`, `shift-accuracy.png` and `probabilities.png`.
 * Resolves to the file names written.
 *
 * @example await writeEvaluation(evaluation, 'eval-out');
 */
export async function writeEvaluation(evaluation: EvaluationReport, out: string): Promise<string[]> {
  await mkdir(out, { recursive: true });
  const files = [
    await writePng(
      out,
      'shift-accuracy.png',
      (await shiftAccuracyChart([{ label: 'model', shift: evaluation.shift }])).png,
    ),
    await writePng(
      out,
      'probabilities.png',
      (await probabilityChart('model', evaluation.shift, evaluation.probabilityImage, evaluation.data.classNames)).png,
    ),
  ];
  await writeFileAtomic(
    join(out, 'evaluation.json'),
    new TextEncoder().encode(`${JSON.stringify(evaluation, null, 2)}\n`),
    { overwrite: true },
  );
  return ['evaluation.json', ...files];
}

/**
 * The shift evaluation as a plain-text table (shift, zero-filled and wrap-around accuracy), for the terminal.
 *
 * @example process.stdout.write(shiftText(report.models.aug.shift));
 */
export function shiftText(shift: ShiftReport): string {
  const lines = ['shift  zero-filled  wrap-around'];
  shift.shifts.forEach((s, i) => {
    const label = s > 0 ? `+${s}` : String(s);
    lines.push(
      `${label.padStart(5)}  ${pct(shift.accuracy.zero[i]).padStart(11)}  ${pct(shift.accuracy.roll[i]).padStart(11)}`,
    );
  });
  return `${lines.join('\n')}\n`;
}
