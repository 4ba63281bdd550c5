import assert from 'node:assert/strict';
import { access, mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { SpecError } from '../../../src/core/errors.ts';
import {
  type ExperimentData,
  type ExperimentEvent,
  WALKTHROUGH_PIPELINE,
  defaultTestLimit,
  loadExperimentData,
  mergeReports,
  probabilityImage,
  runExperiment,
} from './experiment.ts';
import { loadModel } from './model-io.ts';
import type { ExperimentReport, ModelReport } from './report.ts';
import { evaluate } from './train.ts';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

const exists = (path: string) =>
  access(path).then(
    () => true,
    () => false,
  );

/** Asserts that `value` is an object with exactly these keys, each of the given `typeof` (or 'array'/'null'). */
function assertShape(value: unknown, shape: Record<string, string>, at: string): Record<string, unknown> {
  assert.ok(value !== null && typeof value === 'object' && !Array.isArray(value), `${at} is an object`);
  const obj = value as Record<string, unknown>;
  assert.deepEqual(Object.keys(obj).sort(), Object.keys(shape).sort(), `${at} has exactly the documented fields`);
  for (const [key, type] of Object.entries(shape)) {
    const v = obj[key];
    const actual = v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v;
    assert.ok(type.split('|').includes(actual), `${at}.${key} is ${type}; got ${actual}`);
  }
  return obj;
}

function assertModelReport(value: unknown, kind: 'aug' | 'plain', epochs: number, testImages: number): void {
  const m = assertShape(
    value,
    {
      kind: 'string',
      label: 'string',
      augmented: 'boolean',
      pipeline: kind === 'aug' ? 'object' : 'null',
      workers: 'number',
      modelDir: 'string',
      parameters: 'number',
      epochs: 'array',
      final: 'object',
      training: 'object',
      shift: 'object',
    },
    `models.${kind}`,
  );
  assert.equal(m.kind, kind);
  assert.equal(m.augmented, kind === 'aug');
  assert.equal(m.modelDir, join('models', kind));
  // The walkthrough's CNN: conv 3·3·1·64+64, conv 3·3·64·128+128, dense 3200·256+256, dense 256·10+10.
  assert.equal(m.parameters, 640 + 73_856 + 819_456 + 2_570);
  const records = m.epochs as unknown[];
  assert.equal(records.length, epochs);
  records.forEach((r, i) => {
    const e = assertShape(
      r,
      {
        epoch: 'number',
        images: 'number',
        trainLoss: 'number',
        testAccuracy: 'number',
        testLoss: 'number',
        seconds: 'number',
        waitSeconds: 'number',
        computeSeconds: 'number',
        imagesPerSecond: 'number',
        waitShare: 'number',
        evalSeconds: 'number',
      },
      `models.${kind}.epochs[${i}]`,
    );
    assert.equal(e.epoch, i + 1);
    assert.ok((e.waitShare as number) >= 0 && (e.waitShare as number) <= 1);
    assert.ok((e.imagesPerSecond as number) > 0);
  });
  assertShape(m.final, { testAccuracy: 'number', testLoss: 'number' }, `models.${kind}.final`);
  assertShape(
    m.training,
    {
      seconds: 'number',
      images: 'number',
      imagesPerSecond: 'number',
      waitSeconds: 'number',
      waitShare: 'number',
      meanEpochSeconds: 'number',
    },
    `models.${kind}.training`,
  );
  const shift = assertShape(
    m.shift,
    { shifts: 'array', accuracy: 'object', probabilities: 'object', testImages: 'number', seconds: 'number' },
    `models.${kind}.shift`,
  );
  assert.deepEqual(shift.shifts, [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5]);
  assert.equal(shift.testImages, testImages);
  const accuracy = assertShape(shift.accuracy, { roll: 'array', zero: 'array' }, `models.${kind}.shift.accuracy`);
  const probabilities = assertShape(
    shift.probabilities,
    { roll: 'array', zero: 'array' },
    `models.${kind}.shift.probabilities`,
  );
  for (const k of ['roll', 'zero'] as const) {
    assert.equal((accuracy[k] as number[]).length, 11);
    const table = probabilities[k] as number[][];
    assert.equal(table.length, 11, `${k} table has a row per shift`);
    for (const row of table) {
      assert.equal(row.length, 10, 'a column per class');
      assert.ok(Math.abs(row.reduce((a, b) => a + b, 0) - 1) < 1e-4, 'probabilities sum to 1');
    }
  }
}

describe('runExperiment', () => {
  let root = '';
  let data: ExperimentData;
  let report: ExperimentReport;
  const events: ExperimentEvent[] = [];

  before(async () => {
    root = await mkdtemp(join(tmpdir(), 'augkit-experiment-'));
    // The first 512 training and 200 test images: the same in the full dataset and in the committed sample.
    data = await loadExperimentData({ limit: 512, testLimit: 200 });
    report = await runExperiment({
      out: join(root, 'both'),
      epochs: 1,
      seed: 3,
      workers: 1,
      loaded: data,
      limit: 512,
      onProgress: (e) => events.push(e),
    });
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('writes report.json with every documented field', async () => {
    const json = JSON.parse(await readFile(join(root, 'both', 'report.json'), 'utf8'));
    assert.deepEqual(json, JSON.parse(JSON.stringify(report)), 'the file is the resolved report');
    assertShape(
      json,
      {
        format: 'string',
        version: 'number',
        createdAt: 'string',
        settings: 'object',
        data: 'object',
        environment: 'object',
        probabilityImage: 'object',
        models: 'object',
        files: 'object',
        totalSeconds: 'number',
      },
      'report',
    );
    assert.equal(json.format, 'augkit-experiment-report');
    assert.ok(!Number.isNaN(Date.parse(json.createdAt)));
    assertShape(
      json.settings,
      {
        epochs: 'number',
        batchSize: 'number',
        learningRate: 'number',
        optimizer: 'string',
        seed: 'number',
        limit: 'number',
        testLimit: 'number',
        only: 'null',
        workers: 'number',
        prefetch: 'number',
        threads: 'number',
        pipeline: 'object',
        pipelineSource: 'string',
      },
      'settings',
    );
    assert.deepEqual(
      [json.settings.epochs, json.settings.batchSize, json.settings.learningRate, json.settings.seed],
      [1, 64, 1e-3, 3],
    );
    assert.equal(json.settings.pipeline.seed, 3, 'the pipeline runs with the experiment seed');
    assertShape(
      json.data,
      {
        source: 'string',
        dir: 'string',
        sample: 'boolean',
        trainImages: 'number',
        testImages: 'number',
        trainAvailable: 'number',
        testAvailable: 'number',
        classNames: 'array',
      },
      'data',
    );
    assert.deepEqual([json.data.trainImages, json.data.testImages], [512, 200]);
    assertShape(
      json.environment,
      { backend: 'string', tfjsVersion: 'string', node: 'string', platform: 'string', cpus: 'number' },
      'environment',
    );
    assert.equal(json.environment.backend, 'wasm');
    assertShape(
      json.probabilityImage,
      { requestedIndex: 'number', index: 'number', label: 'number', className: 'string', note: 'string' },
      'probabilityImage',
    );
    assertShape(json.models, { aug: 'object', plain: 'object' }, 'models');
    assertModelReport(json.models.aug, 'aug', 1, 200);
    assertModelReport(json.models.plain, 'plain', 1, 200);
    assertShape(json.files, { json: 'string', html: 'string', charts: 'object', models: 'object' }, 'files');
  });

  it('writes every chart as a PNG and a self-contained index.html', async () => {
    const out = join(root, 'both');
    const charts = report.files.charts;
    assert.deepEqual(Object.keys(charts).sort(), [
      'dataWait',
      'epochAccuracy',
      'epochLoss',
      'epochTime',
      'probabilitiesAug',
      'probabilitiesPlain',
      'probabilityImage',
      'shiftAccuracy',
      'throughput',
    ]);
    for (const file of Object.values(charts)) {
      const bytes = await readFile(join(out, file));
      assert.deepEqual([...bytes.subarray(0, 8)], PNG_SIGNATURE, `${file} is a PNG`);
    }
    const html = await readFile(join(out, 'index.html'), 'utf8');
    const sources = [...html.matchAll(/<img src="([^"]*)"/g)].map((m) => m[1]);
    assert.equal(sources.length, Object.keys(charts).length, 'every picture is on the page');
    assert.ok(
      sources.every((s) => s.startsWith('data:image/png;base64,')),
      'every picture is embedded',
    );
    assert.ok(html.includes(`(${report.probabilityImage.className})`), 'the page names the image’s class');
    assert.ok(html.includes(report.probabilityImage.note as string), 'the page says which image replaced 24150');
  });

  it('saves both models so that they load and score as reported', async () => {
    for (const kind of ['aug', 'plain'] as const) {
      const m = report.models[kind] as ModelReport;
      const dir = join(root, 'both', m.modelDir);
      assert.ok(await exists(join(dir, 'model.json')));
      assert.ok(await exists(join(dir, 'weights.bin')));
      const model = await loadModel(dir);
      const again = await evaluate(model, data.test.images, data.test.labels);
      model.dispose();
      assert.ok(Math.abs(again.accuracy - m.final.testAccuracy) < 1e-9, `${kind}: ${again.accuracy}`);
    }
  });

  it('learns: both models are well above chance after one epoch of 512 images', () => {
    for (const kind of ['aug', 'plain'] as const) {
      const acc = (report.models[kind] as ModelReport).final.testAccuracy;
      assert.ok(acc > 0.3, `${kind} test accuracy ${acc} should be > 0.3 (chance is 0.1)`);
    }
  });

  it('measures the unshifted accuracy at shift 0 for both kinds of shift', () => {
    for (const kind of ['aug', 'plain'] as const) {
      const m = report.models[kind] as ModelReport;
      const at0 = m.shift.shifts.indexOf(0);
      assert.equal(m.shift.accuracy.roll[at0], m.final.testAccuracy);
      assert.equal(m.shift.accuracy.zero[at0], m.final.testAccuracy);
    }
  });

  it('reports progress: a batch event per batch, then the epoch, for each model in turn', () => {
    const batches = events.filter((e) => e.type === 'batch');
    assert.equal(batches.length, 2 * 8, '512 images / 64 per batch, two models');
    const order = events.filter((e) => e.type === 'model' || e.type === 'epoch').map((e) => `${e.type}:${e.model}`);
    assert.deepEqual(order, ['model:aug', 'epoch:aug', 'model:plain', 'epoch:plain']);
    assert.equal(events[0].type, 'data');
  });

  it('trains only the chosen model with only, and merges two such runs into one report', async () => {
    const small = await loadExperimentData({ limit: 128, testLimit: 100 });
    const parts = join(root, 'parts');
    const plain = await runExperiment({ out: join(parts, 'plain'), epochs: 1, only: 'plain', loaded: small });
    assert.deepEqual(Object.keys(plain.models), ['plain']);
    assert.deepEqual(Object.keys(plain.files.models), ['plain']);
    assert.equal(plain.files.charts.probabilitiesAug, undefined);
    assert.ok(await exists(join(parts, 'plain', 'probabilities-plain.png')));
    assert.ok(!(await exists(join(parts, 'plain', 'models', 'aug'))));
    const aug = await runExperiment({ out: join(parts, 'aug'), epochs: 1, only: 'aug', loaded: small });

    const merged = await mergeReports({ from: [join(parts, 'aug'), join(parts, 'plain')], out: join(root, 'merged') });
    const plainJSON = (v: unknown) => JSON.parse(JSON.stringify(v));
    assert.deepEqual(merged.models, plainJSON({ aug: aug.models.aug, plain: plain.models.plain }));
    assert.equal(merged.settings.only, null);
    assert.ok(
      merged.files.charts.probabilitiesAug !== undefined && merged.files.charts.probabilitiesPlain !== undefined,
    );
    for (const kind of ['aug', 'plain'] as const) {
      assert.deepEqual(
        await readFile(join(root, 'merged', 'models', kind, 'weights.bin')),
        await readFile(join(parts, kind, 'models', kind, 'weights.bin')),
        `${kind} model copied`,
      );
    }
    const json = JSON.parse(await readFile(join(root, 'merged', 'report.json'), 'utf8'));
    assert.deepEqual(json, plainJSON(merged));
  });

  it('refuses to merge runs that differ in more than the model', async () => {
    const other = await loadExperimentData({ limit: 128, testLimit: 100 });
    await runExperiment({ out: join(root, 'seed9'), epochs: 1, only: 'aug', seed: 9, loaded: other });
    await assert.rejects(
      mergeReports({ from: [join(root, 'seed9'), join(root, 'parts', 'plain')], out: join(root, 'never-merged') }),
      /differs from .* in settings\.seed: 0 vs 9/,
    );
    await assert.rejects(
      mergeReports({
        from: [join(root, 'parts', 'plain'), join(root, 'parts', 'plain')],
        out: join(root, 'never-merged-2'),
      }),
      /two reports hold the plain model/,
    );
    assert.ok(!(await exists(join(root, 'never-merged'))) && !(await exists(join(root, 'never-merged-2'))));
  });

  it('rejects bad options before training', async () => {
    const out = join(root, 'never');
    await assert.rejects(runExperiment({ out, epochs: 0 }), /epochs/);
    await assert.rejects(runExperiment({ out, only: 'both' as 'aug' }), /only/);
    await assert.rejects(runExperiment({ out, seed: -1 }), /seed/);
    await assert.rejects(runExperiment({ out, pipeline: { type: 'Affine', rotate: 'x' } }), SpecError);
    assert.ok(!(await exists(out)), 'nothing written');
  });
});

describe('probabilityImage', () => {
  const train = (n: number) => ({
    images: { data: new Uint8Array(n * 784), n, height: 28, width: 28, channels: 1 },
    labels: Int32Array.from({ length: n }, (_, i) => i % 10),
  });
  const names = ['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h', 'i', 'j'];

  it('uses the walkthrough’s image 24150 when the full training set is loaded', () => {
    const p = probabilityImage(train(60_000), names);
    assert.deepEqual(p, { requestedIndex: 24150, index: 24150, label: 0, className: 'a', note: null });
  });

  it('uses 24150 % n for a smaller training set and says so', () => {
    const p = probabilityImage(train(2000), names);
    assert.equal(p.index, 150);
    assert.equal(p.className, 'a');
    assert.match(p.note as string, /24150 % 2000 = 150/);
  });
});

describe('defaultTestLimit', () => {
  it('keeps the whole test set without a limit, a twentieth (at least 100) with one', () => {
    assert.equal(defaultTestLimit(undefined), undefined);
    assert.equal(defaultTestLimit(2000), 100);
    assert.equal(defaultTestLimit(12_800), 640);
    assert.equal(defaultTestLimit(256), 100);
  });
});

describe('WALKTHROUGH_PIPELINE', () => {
  it('is the walkthrough’s horizontal translation by −10 … 10 px, zero-filled', () => {
    assert.deepEqual(WALKTHROUGH_PIPELINE, {
      type: 'Sequential',
      children: [{ type: 'Affine', translatePx: { x: [-10, 10] }, mode: 'constant' }],
    });
  });
});
