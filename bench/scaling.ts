// `npm run bench:scaling [-- --cases a,b] [--seconds S] [--rounds R] [--outputs N]`: what 2 threads can gain on
// this machine, with none of the bench's messaging. Two worker threads each run one case's batch loop flat out
// (batches of 32 rgb256 images, each result written into the last one's buffer): each thread alone (the mean of the
// two is the 1-thread figure), then both at once, started at the same moment. Each round does so on the workload in
// plain memory (each thread's own copy) and in a SharedArrayBuffer (as the workers rows of `npm run bench` read it,
// with the results going into shared memory too). The 2-thread total over the 1-thread figure is the ceiling of the
// workers rows' ratio: on plain memory what the machine allows, on shared memory what reading and writing shared
// memory leaves of it. `--outputs N` makes each thread cycle its results through N buffers instead of one (the
// workers rows use two per thread: one being written while the calling thread still holds the other). Prints a
// markdown table and writes bench/results/scaling-<ISO date>.json.
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import type { UniformBatch } from '../src/core/image.ts';
import { writeFileAtomic } from '../src/io/atomic-write.ts';
import { makeCase } from './cases.ts';
import {
  aloneThenTogether,
  batchesOf,
  loadWorkload,
  median,
  numberOption,
  resultBuffer,
  startTsWorker,
} from './load.ts';

const MEMORIES = ['plain', 'shared'] as const;
type Memory = (typeof MEMORIES)[number];

/** One thread's run: case `caseId` on `memory` for `seconds`, started at `startAt` (Date.now()). */
interface Job {
  readonly caseId: string;
  readonly memory: Memory;
  readonly seconds: number;
  /** Result buffers the thread cycles through. */
  readonly outputs: number;
  readonly startAt: number;
}

const BATCH = 32;
/** Length of one timed slice; a thread's figure is the median over its slices. */
const SLICE_MS = 250;

/** In a worker thread: images/s of `job`, the median over its slices. */
function runJob(shared: UniformBatch<Uint8Array>, plain: UniformBatch<Uint8Array>, job: Job): number {
  const b = job.memory === 'shared' ? shared : plain;
  const units = batchesOf(b, BATCH);
  const bytes = units[0].batch.data.length;
  const outs: Uint8Array[] = Array.from({ length: job.outputs }, () =>
    job.memory === 'shared' ? new Uint8Array(new SharedArrayBuffer(bytes)) : new Uint8Array(bytes),
  );
  const aug = makeCase(job.caseId);
  let i = 0;
  const step = () => {
    const u = units[i % units.length];
    const k = i % outs.length;
    outs[k] = resultBuffer(aug.augmentImages(u.batch, { epoch: i, indices: u.indices, out: outs[k] })) ?? outs[k];
    i++;
  };
  for (let w = 0; w < 30; w++) step();
  while (Date.now() < job.startAt) {
    // Wait for the other thread: both start timing at the same moment.
  }
  const rates: number[] = [];
  const end = performance.now() + job.seconds * 1000;
  while (performance.now() < end) {
    const t0 = performance.now();
    let k = 0;
    while (performance.now() - t0 < SLICE_MS) {
      step();
      k++;
    }
    rates.push((k * BATCH * 1000) / (performance.now() - t0));
  }
  return median(rates);
}

if (!isMainThread) {
  const shared = (workerData as { shared: UniformBatch<Uint8Array> }).shared;
  const plain = { ...shared, data: Uint8Array.from(shared.data) };
  parentPort?.on('message', (job: Job) => parentPort?.postMessage(runJob(shared, plain, job)));
} else {
  await main();
}

function option(name: string, fallback: string): string {
  const k = process.argv.indexOf(`--${name}`);
  return k >= 0 && k + 1 < process.argv.length ? process.argv[k + 1] : fallback;
}

async function main(): Promise<void> {
  const HERE = dirname(fileURLToPath(import.meta.url));
  const cases = option(
    'cases',
    'copy,multiply,linear_contrast,dropout,salt_and_pepper,grayscale,resize_128_linear,gaussian_blur,affine_rotate30',
  ).split(',');
  for (const id of cases) makeCase(id); // throws on an unknown case id, naming the known ones
  const seconds = numberOption(
    'bench:scaling',
    'seconds',
    1.2,
    (v) => v > 0 && v <= 60,
    'a number of seconds in (0, 60]',
  );
  const integer = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;
  const rounds = numberOption('bench:scaling', 'rounds', 3, integer(1, 20), 'an integer from 1 to 20');
  const outputs = numberOption('bench:scaling', 'outputs', 1, integer(1, 16), 'an integer from 1 to 16');
  const data = await loadWorkload('rgb256');
  const entry = new URL(import.meta.url).href;
  const workers: Worker[] = [0, 1].map(() => startTsWorker(entry, { shared: data.shared }));
  const rows: { caseId: string; memory: Memory; one: number[]; two: number[] }[] = [];
  for (const caseId of cases) {
    const caseRows = MEMORIES.map((memory) => ({ caseId, memory, one: [] as number[], two: [] as number[] }));
    rows.push(...caseRows);
    for (let r = 0; r < rounds; r++) {
      for (const row of caseRows) {
        // 600 ms for the threads to receive the job and warm up. The per-thread speed states cancel in the ratio.
        const job: Omit<Job, 'startAt'> = { caseId, memory: row.memory, seconds, outputs };
        const { one, two } = await aloneThenTogether(workers, job, 600);
        row.one.push(one);
        row.two.push(two);
      }
      process.stderr.write(`bench:scaling: ${caseId} round ${r + 1}/${rounds}\n`);
    }
  }
  await Promise.all(workers.map((w) => w.terminate()));

  const fmt = (x: number) => Math.round(x).toLocaleString('en');
  console.log(
    `\n2 threads over 1, batch loops without messaging (rgb256, batches of 32, results cycling through ${outputs} buffer${outputs === 1 ? '' : 's'} per thread), medians of ${rounds} rounds of ${seconds} s`,
  );
  console.log('\n| case | memory | 1 thread img/s | 2 threads img/s | 2 / 1 |\n|---|---|---:|---:|---:|');
  const out = rows.map((r) => ({ ...r, oneMedian: median(r.one), twoMedian: median(r.two) }));
  for (const r of out) {
    console.log(
      `| ${r.caseId} | ${r.memory} | ${fmt(r.oneMedian)} | ${fmt(r.twoMedian)} | ${(r.twoMedian / r.oneMedian).toFixed(2)}× |`,
    );
  }
  const date = new Date().toISOString();
  mkdirSync(join(HERE, 'results'), { recursive: true });
  const file = join(HERE, 'results', `scaling-${date.replace(/:/g, '-')}.json`);
  const doc = { date, seconds, rounds, outputs, batch: BATCH, workload: data.source, rows: out };
  await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify(doc, null, 1)}\n`), { overwrite: true });
  console.log(`\nwrote ${file}`);
}
