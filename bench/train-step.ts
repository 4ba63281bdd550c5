/**
 * Times training steps of the walkthrough's CNN at batch 64 on the wasm backend, on 1 thread and on N data-parallel
 * threads, and lists the slowest kernels of one single-thread step.
 *
 * Run: node --import tsx bench/train-step.ts [--steps 20] [--threads 1,2] [--no-profile]
 */
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from '../examples/walkthrough/train/backend.ts';
import { createModel } from '../examples/walkthrough/train/model.ts';
import { createReplicas } from '../examples/walkthrough/train/replicas.ts';
import { type TrainingReplicas, batchLoss } from '../examples/walkthrough/train/train.ts';

const { values } = parseArgs({
  options: {
    steps: { type: 'string', default: '20' },
    threads: { type: 'string', default: '1,2' },
    'no-profile': { type: 'boolean' },
  },
});
const steps = Number(values.steps);
const threadCounts = (values.threads ?? '1').split(',').map(Number);
await initBackend('wasm');
const model = createModel({ seed: 0 });
const optimizer = tf.train.adam(1e-3);
const variables = model.trainableWeights.map((w) => w.read() as tf.Variable);
const n = 64;
const data = new Uint8Array(n * 28 * 28);
for (let i = 0; i < data.length; i++) data[i] = (i * 2654435761) >>> 24;
const images = { data, n, height: 28, width: 28, channels: 1 };
const labels = Int32Array.from({ length: n }, (_, i) => i % 10);

async function singleStep(): Promise<void> {
  const c = tf.tidy(() => optimizer.minimize(() => batchLoss(model, images, labels, 10), true, variables) as tf.Scalar);
  await c.data();
  c.dispose();
}

async function timeSteps(step: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 3; i++) await step();
  const times: number[] = [];
  for (let i = 0; i < steps; i++) {
    const t0 = performance.now();
    await step();
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b);
}

const rows: { threads: number; medianMs: number; minMs: number; imagesPerSecond: number }[] = [];
for (const threads of threadCounts) {
  let replicas: (TrainingReplicas & { dispose(): Promise<void> }) | undefined;
  if (threads > 1) replicas = await createReplicas(model, { threads });
  const times = await timeSteps(() => (replicas ? replicas.step(images, labels, optimizer) : singleStep()));
  await replicas?.dispose();
  const median = times[times.length >> 1];
  rows.push({ threads, medianMs: median, minMs: times[0], imagesPerSecond: (n * 1000) / median });
}
console.log('| threads | ms/step median | min | img/s (median) |\n|---:|---:|---:|---:|');
for (const r of rows) {
  console.log(`| ${r.threads} | ${r.medianMs.toFixed(1)} | ${r.minMs.toFixed(1)} | ${r.imagesPerSecond.toFixed(0)} |`);
}

if (!values['no-profile']) {
  const profile = await tf.profile(singleStep);
  const byKernel = new Map<string, number>();
  for (const k of profile.kernels) {
    if (k.name.endsWith('__op')) continue; // ops wrap kernels that are listed too
    const key = `${k.name} ${JSON.stringify(k.inputShapes)}`;
    byKernel.set(key, (byKernel.get(key) ?? 0) + (k.kernelTimeMs as number));
  }
  const sorted = [...byKernel].sort((a, b) => b[1] - a[1]);
  const total = sorted.reduce((s, [, t]) => s + t, 0);
  console.log(`\none single-thread step under tf.profile: kernels ${total.toFixed(1)} ms`);
  for (const [k, t] of sorted.slice(0, 16)) console.log(`${t.toFixed(1).padStart(8)} ms  ${k}`);
}
