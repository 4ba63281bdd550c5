// `npm run bench:shared-wasm [-- --seconds S] [--rounds R] [--outputs N]`: what the WebAssembly kernels of the rows
// that miss 1.8× with 2 workers (dropout, grayscale, resize_128_linear) would gain from working on shared memory in
// place. Builds wasm/*.c twice with Debian's clang and lld, as scripts/build-wasm.sh does, into a temporary folder:
// as committed (the module owns its memory) and with one imported shared memory (-matomics, --shared-memory) that
// both threads' instances use, each with its own stack, tables and scratch. Then runs each kernel on rgb256-sized
// batches of 32 (random bytes: these kernels' speed does not depend on the values; 6 batches cycled, results cycling
// through --outputs buffers per thread, default 2 as in the workers rows) in two worker threads, each alone and then
// both at once, five ways:
//   copy-plain     today's path on plain memory: each chunk of 2 images copied into the module's memory, the kernel,
//                  the chunk copied out (what the 1-thread `batch` rows do)
//   copy-sab       the same with input and outputs in SharedArrayBuffers (what the `workers` rows do)
//   direct-plain   input and outputs inside the module's own memory, the kernel reading and writing them where they
//                  are (impossible across threads: the control for direct-shared)
//   direct-shared  the same inside the shared WebAssembly memory
//   staged-shared  input and outputs inside the shared memory, each chunk through the thread's own staging area with
//                  a SIMD copy loop compiled into the module
// Dropout works in place, so its direct routes first copy the input to the output (the same SIMD loop). Only the
// kernels are timed (no augmenter, no messages): each figure is a ceiling for its route. Prints a table and writes
// bench/results/shared-wasm-<ISO date>.json. Skips with a message when clang or wasm-ld is missing.
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMainThread, parentPort, workerData } from 'node:worker_threads';
import { writeFileAtomic } from '../src/io/atomic-write.ts';
import { aloneThenTogether, median, numberOption, startTsWorker } from './load.ts';

const H = 256;
const W = 256;
const C = 3;
const SIZE = H * W * C;
const MB = 1 << 20;
const IMAGES = 192; // 6 batches, as rgb256's 200 images give
const BATCH = 32;
/** Images per kernel call in the copying routes: the chunk that mask.ts, color.ts and resize.ts keep near 512 KB. */
const PER_CHUNK = 2;
const KERNELS = ['dropout', 'grayscale', 'resize_128_linear'] as const;
type Kernel = (typeof KERNELS)[number];
const ROUTES = ['copy-plain', 'copy-sab', 'direct-plain', 'direct-shared', 'staged-shared'] as const;
type Route = (typeof ROUTES)[number];
/** Bytes of one image's result. */
const outSize = (k: Kernel) => (k === 'resize_128_linear' ? SIZE / 4 : SIZE);

/** A thread's share of a memory, as byte addresses: its outputs, tables, kernel scratch, stack and staging areas. */
interface Region {
  readonly outs: number[];
  readonly tables: number;
  readonly scratch: number;
  /** The stack grows down from here towards scratch + 1 MB. */
  readonly stackTop: number;
  readonly stageIn: number;
  readonly stageOut: number;
}

/** A Region at `at` with `outputs` result buffers of a batch each, and the address after it. */
function regionAt(at: number, outputs: number): [Region, number] {
  const outs = Array.from({ length: outputs }, (_, k) => at + k * BATCH * SIZE);
  const base = at + outputs * BATCH * SIZE;
  const region = {
    outs,
    tables: base,
    scratch: base + MB,
    stackTop: base + 3 * MB,
    stageIn: base + 3 * MB,
    stageOut: base + 4 * MB,
  };
  return [region, base + 5 * MB];
}

interface Setup {
  readonly dir: string;
  readonly memory: WebAssembly.Memory;
  readonly input: SharedArrayBuffer;
  readonly dataAt: number;
  readonly region: Region;
  readonly outputs: number;
}

interface Job {
  readonly kernel: Kernel;
  readonly route: Route;
  readonly seconds: number;
  readonly startAt: number;
}

type Fn = (...args: number[]) => void;
interface KernelExports {
  readonly memory?: WebAssembly.Memory;
  readonly __heap_base: WebAssembly.Global;
  readonly __stack_pointer?: WebAssembly.Global;
  readonly dropout_u8: Fn;
  readonly gray_rgb_u8: Fn;
  readonly halve_u8: Fn;
  readonly copy_bytes: Fn;
}

const HERE = dirname(fileURLToPath(import.meta.url));

/** Builds both modules into a new temporary folder, or says why it could not (clang or wasm-ld missing). */
function build(): { dir: string } | { missing: string } {
  const root = join(HERE, '..');
  const dir = mkdtempSync(join(tmpdir(), 'augkit-shared-wasm-'));
  // A copy the harness can call inside a module's memory: a SIMD loop (V8's memory.copy on a shared memory is a
  // race-safe word loop, as slow as its copies to and from SharedArrayBuffers).
  writeFileSync(
    join(dir, 'copy.c'),
    `#include <wasm_simd128.h>
__attribute__((export_name("copy_bytes"))) void copy_bytes(unsigned char *d, const unsigned char *s, int n) {
  int i = 0;
  for (; i + 64 <= n; i += 64) {
    v128_t a = wasm_v128_load(s + i), b = wasm_v128_load(s + i + 16);
    v128_t c = wasm_v128_load(s + i + 32), e = wasm_v128_load(s + i + 48);
    wasm_v128_store(d + i, a); wasm_v128_store(d + i + 16, b);
    wasm_v128_store(d + i + 32, c); wasm_v128_store(d + i + 48, e);
  }
  for (; i < n; i++) d[i] = s[i];
}
`,
  );
  const sources = readdirSync(join(root, 'wasm'))
    .filter((f) => f.endsWith('.c'))
    .map((f) => join(root, 'wasm', f));
  const common = [
    '--target=wasm32',
    '-O3',
    '-msimd128',
    '-mbulk-memory',
    '-ffp-contract=off',
    '-fno-builtin',
    '-nostdlib',
    '-Wl,--no-entry',
    '-Wl,--export=__heap_base',
    '-Wl,--export=copy_bytes',
  ];
  const shared = [
    '-matomics',
    '-mmutable-globals',
    '-Wl,--import-memory',
    '-Wl,--shared-memory',
    `-Wl,--initial-memory=${256 * MB}`,
    `-Wl,--max-memory=${1024 * MB}`,
    '-Wl,--export=__stack_pointer',
  ];
  try {
    execFileSync('clang', [
      ...common,
      `-Wl,--initial-memory=${128 * MB}`,
      '-o',
      join(dir, 'plain.wasm'),
      ...sources,
      join(dir, 'copy.c'),
    ]);
    execFileSync('clang', [...common, ...shared, '-o', join(dir, 'shared.wasm'), ...sources, join(dir, 'copy.c')]);
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return {
      missing: `clang/wasm-ld could not build the modules (apt-get install -y clang lld): ${(error as Error).message.split('\n')[0]}`,
    };
  }
  return { dir };
}

// ------------------------------------------------------------------------------------------------- worker thread

function workerMain(): void {
  const { dir, memory, input, dataAt, region, outputs } = workerData as Setup;
  const env = { log: Math.log, exp: Math.exp };
  const instance = (file: string, imports: Record<string, unknown>) =>
    new WebAssembly.Instance(new WebAssembly.Module(readFileSync(join(dir, file))), { env: { ...env, ...imports } })
      .exports as unknown as KernelExports;
  const sh = instance('shared.wasm', { memory });
  if ((sh.__heap_base.value as number) > MB) throw new Error('bench:shared-wasm: static data above 1 MB');
  // This thread's instance gets its own stack, in its own region.
  (sh.__stack_pointer as WebAssembly.Global).value = region.stackTop;
  const pl = instance('plain.wasm', {});
  const plMemory = pl.memory as WebAssembly.Memory;
  // The plain module's memory: static data, then a region as in the shared memory, then a copy of the input.
  const [pRegion, pDataAt] = regionAt(((pl.__heap_base.value as number) + MB) & ~(MB - 1), outputs);
  if (pDataAt + IMAGES * SIZE > plMemory.buffer.byteLength)
    throw new Error('bench:shared-wasm: plain module too small');
  new Uint8Array(plMemory.buffer).set(new Uint8Array(input), pDataAt);
  const plainInput = Uint8Array.from(new Uint8Array(input));
  const sabInput = new Uint8Array(input);
  const plainOuts = Array.from({ length: outputs }, () => new Uint8Array(BATCH * SIZE));
  const sabOuts = Array.from({ length: outputs }, () => new Uint8Array(new SharedArrayBuffer(BATCH * SIZE)));
  const lim = Math.ceil(0.2 * 2 ** 32) - 1;
  const chunks = Math.ceil(SIZE / C / 4096);
  /** Dropout(0.2)'s tables for PER_CHUNK images at `at` (steps, limits, seeds), as mask.ts fills them per chunk. */
  const tables = (heap: ArrayBufferLike, at: number): number[] => {
    new Int32Array(heap, at, PER_CHUNK).fill(C);
    new Uint32Array(heap, at + 16, PER_CHUNK).fill(lim);
    const seeds = new Uint32Array(heap, at + 32, 4 * PER_CHUNK * chunks);
    for (let i = 0; i < seeds.length; i++) seeds[i] = ((Math.random() * 2 ** 32) >>> 0) | 1;
    return [at, at + 16, at + 32];
  };
  /** The kernel on `m` images from `src` to `dst` (addresses in x's memory); Dropout copies, then works in place. */
  const run = (x: KernelExports, kernel: Kernel, src: number, dst: number, m: number, t: number[], r: Region) => {
    if (kernel === 'dropout') {
      if (src !== dst) x.copy_bytes(dst, src, m * SIZE);
      x.dropout_u8(dst, m, SIZE, t[0], t[1], t[2], r.scratch);
    } else if (kernel === 'grayscale') x.gray_rgb_u8(src, dst, (m * SIZE) / C);
    else x.halve_u8(src, dst, m, W, H, C);
  };
  const batches = IMAGES / BATCH;
  let j = 0;
  const step = (kernel: Kernel, route: Route) => {
    const b = j % batches;
    const o = j % outputs;
    const os = outSize(kernel);
    if (route === 'copy-plain' || route === 'copy-sab') {
      const src = route === 'copy-plain' ? plainInput : sabInput;
      const out = route === 'copy-plain' ? plainOuts[o] : sabOuts[o];
      const heap = new Uint8Array(plMemory.buffer);
      const t = tables(plMemory.buffer, pRegion.tables);
      // Dropout in place in the staging area (one copy in, one out), the others from one area to the other.
      const dst = kernel === 'dropout' ? pRegion.stageIn : pRegion.stageOut;
      for (let f = 0; f < BATCH; f += PER_CHUNK) {
        const from = (b * BATCH + f) * SIZE;
        heap.set(src.subarray(from, from + PER_CHUNK * SIZE), pRegion.stageIn);
        run(pl, kernel, pRegion.stageIn, dst, PER_CHUNK, t, pRegion);
        out.set(heap.subarray(dst, dst + PER_CHUNK * os), f * os);
      }
    } else {
      const plain = route === 'direct-plain';
      const x = plain ? pl : sh;
      const r = plain ? pRegion : region;
      const at = plain ? pDataAt : dataAt;
      const t = tables((plain ? plMemory : memory).buffer, r.tables);
      for (let f = 0; f < BATCH; f += PER_CHUNK) {
        const src = at + (b * BATCH + f) * SIZE;
        const dst = r.outs[o] + f * os;
        if (route === 'staged-shared') {
          const mid = kernel === 'dropout' ? r.stageIn : r.stageOut;
          x.copy_bytes(r.stageIn, src, PER_CHUNK * SIZE);
          run(x, kernel, r.stageIn, mid, PER_CHUNK, t, r);
          x.copy_bytes(dst, mid, PER_CHUNK * os);
        } else run(x, kernel, src, dst, PER_CHUNK, t, r);
      }
    }
    j++;
  };
  parentPort?.on('message', ({ kernel, route, seconds, startAt }: Job) => {
    for (let w = 0; w < 20; w++) step(kernel, route);
    while (Date.now() < startAt) {
      // Both threads start timing at the same moment.
    }
    const t0 = performance.now();
    let k = 0;
    while (performance.now() - t0 < seconds * 1000) {
      step(kernel, route);
      k++;
    }
    parentPort?.postMessage((k * BATCH * 1000) / (performance.now() - t0));
  });
  parentPort?.postMessage('ready');
}

// --------------------------------------------------------------------------------------------------- main thread

async function main(): Promise<void> {
  const script = 'bench:shared-wasm';
  const integer = (lo: number, hi: number) => (v: number) => Number.isInteger(v) && v >= lo && v <= hi;
  const seconds = numberOption(script, 'seconds', 1.2, (v) => v > 0 && v <= 60, 'a number of seconds in (0, 60]');
  const rounds = numberOption(script, 'rounds', 3, integer(1, 20), 'an integer from 1 to 20');
  const outputs = numberOption(script, 'outputs', 2, integer(1, 4), 'an integer from 1 to 4');
  const built = build();
  if ('missing' in built) {
    console.log(`bench:shared-wasm: skipped: ${built.missing}`);
    return;
  }
  try {
    // The shared memory: the module's static data below 1 MB, the input from 4 MB, then each thread's region.
    const memory = new WebAssembly.Memory({ initial: (256 * MB) / 65536, maximum: (1024 * MB) / 65536, shared: true });
    const dataAt = 4 * MB;
    const bytes = new Uint8Array(memory.buffer);
    let x = 12345;
    for (let i = 0; i < IMAGES * SIZE; i++) {
      x = (Math.imul(x, 1103515245) + 12345) | 0;
      bytes[dataAt + i] = x >>> 24;
    }
    const input = new SharedArrayBuffer(IMAGES * SIZE);
    new Uint8Array(input).set(bytes.subarray(dataAt, dataAt + IMAGES * SIZE));
    let at = dataAt + IMAGES * SIZE;
    const regions: Region[] = [];
    for (let k = 0; k < 2; k++) {
      const [region, next] = regionAt(at, outputs);
      regions.push(region);
      at = next;
    }
    if (at > memory.buffer.byteLength) throw new Error('bench:shared-wasm: layout larger than the memory');
    const workers = regions.map((region) =>
      startTsWorker(new URL(import.meta.url).href, {
        dir: built.dir,
        memory,
        input,
        dataAt,
        region,
        outputs,
      } satisfies Setup),
    );
    await Promise.all(workers.map((w) => new Promise((resolve) => w.once('message', resolve))));
    const rows = KERNELS.flatMap((kernel) =>
      ROUTES.map((route) => ({ kernel, route, one: [] as number[], two: [] as number[] })),
    );
    for (const kernel of KERNELS) {
      for (let r = 0; r < rounds; r++) {
        for (const row of rows.filter((row) => row.kernel === kernel)) {
          const { one, two } = await aloneThenTogether(workers, { kernel, route: row.route, seconds }, 200);
          row.one.push(one);
          row.two.push(two);
        }
        process.stderr.write(`bench:shared-wasm: ${kernel} round ${r + 1}/${rounds}\n`);
      }
    }
    await Promise.all(workers.map((w) => w.terminate()));
    const out = rows.map((r) => ({ ...r, oneMedian: median(r.one), twoMedian: median(r.two) }));
    const fmt = (v: number) => Math.round(v).toLocaleString('en');
    console.log(
      `\nThe WebAssembly kernels alone on rgb256-sized batches of 32, two worker threads, ${outputs} output buffer${outputs === 1 ? '' : 's'} per thread; medians of ${rounds} rounds of ${seconds} s`,
    );
    console.log(
      '\n| kernel | route | 1 thread img/s | 2 threads img/s | 2 / 1 | 2 threads over copy-plain 1 thread |\n|---|---|---:|---:|---:|---:|',
    );
    for (const r of out) {
      const plain = out.find((p) => p.kernel === r.kernel && p.route === 'copy-plain') as (typeof out)[number];
      console.log(
        `| ${r.kernel} | ${r.route} | ${fmt(r.oneMedian)} | ${fmt(r.twoMedian)} | ${(r.twoMedian / r.oneMedian).toFixed(2)}× | ${(r.twoMedian / plain.oneMedian).toFixed(2)}× |`,
      );
    }
    const date = new Date().toISOString();
    mkdirSync(join(HERE, 'results'), { recursive: true });
    const file = join(HERE, 'results', `shared-wasm-${date.replace(/:/g, '-')}.json`);
    const doc = { date, seconds, rounds, outputs, batch: BATCH, imagesPerChunk: PER_CHUNK, rows: out };
    await writeFileAtomic(file, new TextEncoder().encode(`${JSON.stringify(doc, null, 1)}\n`), { overwrite: true });
    console.log(`\nwrote ${file}`);
  } finally {
    rmSync(built.dir, { recursive: true, force: true });
  }
}

if (isMainThread) await main();
else workerMain();
