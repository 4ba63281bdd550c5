import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { runCli } from '../../../test/cli/run-cli.ts';
import type { ExperimentEvent } from '../train/experiment.ts';
import type { EvaluationReport, ExperimentReport } from '../train/report.ts';
import { clock, displayPath, experimentProgress } from './train.ts';

let dir = '';
before(async () => {
  dir = await mkdtemp(join(tmpdir(), 'augkit-cli-train-'));
});
after(async () => {
  await rm(dir, { recursive: true, force: true });
});

// The CI smoke test: the quick run, end to end as a child process. It takes about 45 s on a quiet 2-core
// machine; no time is asserted (a loaded machine can take minutes), the 600 s timeout only stops a hung run.
describe('augkit train --limit 2000 --epochs 1', () => {
  let run: Awaited<ReturnType<typeof runCli>>;
  let seconds = 0;
  const out = () => join(dir, 'report');

  before(async () => {
    const start = performance.now();
    run = await runCli(['train', '--limit', '2000', '--epochs', '1', '--out', out()], { timeout: 600_000 });
    seconds = (performance.now() - start) / 1000;
  });

  it('exits 0 and writes the report for both models', async (t) => {
    assert.equal(run.code, 0, run.stderr);
    const report = JSON.parse(await readFile(join(out(), 'report.json'), 'utf8')) as ExperimentReport;
    assert.deepEqual(Object.keys(report.models).sort(), ['aug', 'plain']);
    assert.equal(report.data.trainImages, 2000);
    assert.equal(report.settings.epochs, 1);
    for (const file of [report.files.html, ...Object.values(report.files.charts)]) {
      assert.ok((await readFile(join(out(), file))).length > 0, file);
    }
    for (const kind of ['aug', 'plain'] as const) {
      const acc = report.models[kind]?.final.testAccuracy ?? 0;
      assert.ok(acc > 0.3, `${kind}: test accuracy ${acc} is well above chance (0.1)`);
    }
    t.diagnostic(`augkit train --limit 2000 --epochs 1 took ${seconds.toFixed(1)} s`);
  });

  it('prints progress lines on stderr (not a terminal) and the summary on stdout', () => {
    assert.match(run.stderr, /aug {3}epoch 1\/1: \d+\/2000 +\d+ img\/s +loss \d\.\d{3} +ETA \d+:\d\d/);
    assert.match(run.stderr, /plain epoch 1\/1 done in [\d.]+ s: \d+ img\/s, waited for data [\d.]+%/);
    assert.ok(!run.stderr.includes('\r'), 'no bar redraws in a log');
    assert.match(run.stdout, /with augmentation: test accuracy [\d.]+%/);
    assert.match(run.stdout, /shift {2}zero-filled {2}wrap-around/);
    assert.match(run.stdout, /24150 % 2000 = 150/);
    assert.match(run.stdout, /report: .*index\.html/);
  });

  it('saves models that augkit evaluate loads and measures', async () => {
    const evalOut = join(dir, 'eval');
    const ev = await runCli(
      ['evaluate', '--model', join(out(), 'models', 'plain'), '--limit', '100', '--out', evalOut],
      { timeout: 120_000 },
    );
    assert.equal(ev.code, 0, ev.stderr);
    assert.match(ev.stdout, /^shift {2}zero-filled {2}wrap-around\n/);
    assert.equal(ev.stdout.match(/^ +[+-]?\d +[\d.]+% +[\d.]+%$/gm)?.length, 11, 'a row per shift');
    // Progress on stderr (not a terminal): a line per pass over the test images, 11 shifts × 2 kinds.
    assert.equal(ev.stderr.match(/^\[ ?\d+\/22\] shift pass \d+ of 22$/gm)?.length, 22, ev.stderr);
    const evaluation = JSON.parse(await readFile(join(evalOut, 'evaluation.json'), 'utf8')) as EvaluationReport;
    assert.equal(evaluation.format, 'augkit-evaluation');
    assert.equal(evaluation.shift.testImages, 100);
    assert.equal(evaluation.shift.probabilities.roll.length, 11);
    for (const png of ['shift-accuracy.png', 'probabilities.png']) {
      assert.ok((await readFile(join(evalOut, png))).length > 0, png);
    }
  });
});

describe('augkit evaluate errors', () => {
  it('exits 1 with the model folder’s problem, in one line, for a corrupt model.json', async () => {
    const bad = join(dir, 'corrupt');
    await mkdir(bad, { recursive: true });
    await writeFile(join(bad, 'model.json'), '{"modelTopology": ');
    const run = await runCli(['evaluate', '--model', bad]);
    assert.equal(run.code, 1);
    assert.equal(
      run.stderr,
      `augkit evaluate: ${join(bad, 'model.json')}: is not valid JSON (Unexpected end of JSON input)\n`,
    );
    assert.equal(run.stdout, '');
  });

  it('exits 1 naming the folder when it does not exist', async () => {
    const missing = join(dir, 'no-such-model');
    const run = await runCli(['evaluate', '--model', missing]);
    assert.equal(run.code, 1);
    assert.equal(run.stderr, `augkit evaluate: ${missing}: the model directory does not exist\n`);
  });

  it('exits 2 without --model', async () => {
    const run = await runCli(['evaluate']);
    assert.equal(run.code, 2);
    assert.match(run.stderr, /--model DIR is required/);
  });
});

describe('augkit train usage errors', () => {
  it('exits 2 on a bad --only, --epochs or --backend, before loading TensorFlow.js', async () => {
    for (const [args, message] of [
      [['train', '--only', 'both'], /--only must be one of aug, plain; received "both"/],
      [['train', '--epochs', '0'], /--epochs must be an integer from 1 to 1000/],
      [['train', '--backend', 'gpu'], /--backend must be one of wasm, cpu, node/],
      [['train', '--threads', '0'], /--threads must be an integer from 1 to 64/],
    ] as const) {
      const run = await runCli([...args]);
      assert.equal(run.code, 2, args.join(' '));
      assert.match(run.stderr, message);
    }
  });

  it('exits 1 naming the file for a pipeline that is not JSON', async () => {
    const file = join(dir, 'broken.json');
    await writeFile(file, '{ nope');
    const run = await runCli(['train', '--pipeline', file, '--out', join(dir, 'never')]);
    assert.equal(run.code, 1);
    assert.match(run.stderr, /pipeline .*broken\.json is not valid JSON/);
  });
});

describe('experimentProgress', () => {
  const batch = (imagesSeen: number, imagesPerEpoch = 1000): ExperimentEvent => ({
    type: 'batch',
    model: 'aug',
    epoch: 2,
    epochs: 10,
    imagesPerEpoch,
    progress: {
      batch: imagesSeen / 100 - 1,
      batchSize: 100,
      imagesSeen,
      loss: 0.5,
      waitMs: 0,
      computeMs: 500,
      imagesPerSecond: 200,
      epochImagesPerSecond: 200,
      waitShare: 0,
    },
  });

  it('writes about ten plain lines per epoch when not on a terminal', () => {
    const written: string[] = [];
    const show = experimentProgress({ write: (s: string) => written.push(s) } as never);
    for (let seen = 100; seen <= 1000; seen += 100) show(batch(seen));
    assert.equal(written.length, 10);
    assert.equal(written[0], 'aug   epoch 2/10: 100/1000  200 img/s  loss 0.500  ETA 0:05\n');
    assert.equal(written[9], 'aug   epoch 2/10: 1000/1000  200 img/s  loss 0.500  ETA 0:00\n');
  });

  it('redraws one bar in place on a terminal, at most every 100 ms, and always at the end of the epoch', () => {
    const written: string[] = [];
    let t = 0;
    const show = experimentProgress(
      { write: (s: string) => written.push(s), isTTY: true, columns: 100 } as never,
      () => t,
    );
    show(batch(100));
    t = 50;
    show(batch(200)); // too soon: skipped
    t = 200;
    show(batch(1000));
    assert.equal(written.length, 2);
    assert.ok(written.every((s) => s.startsWith('\r') && s.endsWith('\x1b[K')));
    assert.match(written[1], /^\raug {3}epoch 2\/10 \[#+\] 1000\/1000 {2}200 img\/s {2}loss 0\.500 {2}ETA 0:00/);
    show({ type: 'stage', message: 'writing the report' });
    assert.equal(written.slice(2).join(''), '\r\x1b[Kwriting the report\n', 'the bar is cleared before a message');
  });
});

describe('clock and displayPath', () => {
  it('formats seconds as m:ss or h:mm:ss', () => {
    assert.deepEqual(
      [clock(0), clock(65.4), clock(3725), clock(Number.POSITIVE_INFINITY)],
      ['0:00', '1:05', '1:02:05', '--:--'],
    );
  });

  it('shows paths inside the folder relative to it, others absolute', () => {
    assert.equal(displayPath('/a/b', '/a/b/report'), 'report');
    assert.equal(displayPath('/a/b', '/a/b'), '.');
    assert.equal(displayPath('/a/b', '/tmp/report'), '/tmp/report');
  });
});
