// Same-process A/B of bench rows across checkouts of augkit: each tree's bench/cases.ts builds the case with that
// tree's src/, and their repeats alternate in one process (the order turning each repeat), so that a busy host hits
// every tree alike. Each repeat is timed by the process's CPU time (process.cpuUsage), which leaves out the time the
// thread waited for a core: on a host with more runnable threads than cores, wall-clock repeats of the same code
// differed by a quarter. Prints each tree's median images/s and the median of the paired ratios tree / first tree.
// With several modes (`--mode batch,list`) every tree runs each mode, and the ratios are over the first tree's first
// mode (so one tree and `--mode batch,list` gives the list / batch ratio).
//   node --import tsx bench/ab-trees.ts --workload fmnist --cases multiply,fliplr|all --mode batch|list|single \
//     [--repeats 15] [--ms 40] /tmp/before /path/to/augkit
// (`git worktree add /tmp/before <commit>` and a symlink to node_modules make an old tree.) A repeat runs a few
// calls past `ms` of CPU time; the first 0.3 s of each tree's calls are a warm-up.
import { resolve } from 'node:path';
import type { Image, PixelArray } from '../src/core/image.ts';
import { batchesOf, loadWorkload, median, numberOption } from './load.ts';

interface Cases {
  readonly CASES: readonly { readonly id: string; readonly workloads?: readonly string[] }[];
  makeCase(id: string): {
    augmentImage(image: Image, options: object): Image;
    augmentImages(batch: unknown, options: object): unknown;
  };
}

const argv = process.argv.slice(2);
const take = (flag: string, fallback?: string): string => {
  const at = argv.indexOf(flag);
  if (at < 0) {
    if (fallback === undefined) throw new Error(`ab-trees: ${flag} is required`);
    return fallback;
  }
  return argv.splice(at, 2)[1];
};
const workload = take('--workload') as 'fmnist' | 'rgb256';
const caseList = take('--cases');
const modes = take('--mode', 'batch').split(',');
const positive = (v: number) => Number.isInteger(v) && v > 0;
const repeats = numberOption('ab-trees', 'repeats', 15, positive, 'a positive integer');
const ms = numberOption('ab-trees', 'ms', 40, positive, 'a positive integer');
take('--repeats', '');
take('--ms', '');
const roots = argv.map((root) => resolve(root));
if (roots.length * modes.length < 2) throw new Error('ab-trees: give at least two trees, or two modes');

const data = await loadWorkload(workload);
const b = data.batch;
const size = b.height * b.width * b.channels;
const units = batchesOf(b, 32);
const image = (d: Uint8Array): Image => ({ data: d, height: b.height, width: b.width, channels: b.channels });
const images = Array.from({ length: b.n }, (_, i) => image(b.data.subarray(i * size, (i + 1) * size)));
// The list mode's lists: the batches' images, each in a buffer of its own.
const lists = units.map((u) => ({
  images: Array.from({ length: u.batch.n }, (_, i) => image(u.batch.data.slice(i * size, (i + 1) * size))),
  indices: u.indices,
}));
const trees: Cases[] = await Promise.all(roots.map((root) => import(`${root}/bench/cases.ts`)));
// `--cases all`: every case of the workload that every tree has.
const onWorkload = (tree: Cases) =>
  tree.CASES.filter((c) => c.workloads === undefined || c.workloads.includes(workload)).map((c) => c.id);
const ids =
  caseList === 'all'
    ? onWorkload(trees[0]).filter((id) => trees.every((tree) => onWorkload(tree).includes(id)))
    : caseList.split(',');

/** The buffer of a result, handed back as the next call's `out`. */
function bufferOf(result: unknown): PixelArray {
  const first = Array.isArray(result) ? (result[0] as Image | undefined) : (result as Image);
  if (first === undefined) return new Uint8Array(0);
  const data = first.data;
  return Array.isArray(result) ? new Uint8Array(data.buffer, data.byteOffset) : data;
}

/** One call of the mode on the next image or batch, writing into the previous result's buffer; images per call. */
function way(aug: ReturnType<Cases['makeCase']>, mode: string): { per: number; call: () => void } {
  let spare: PixelArray = new Uint8Array(0);
  let i = 0;
  if (mode === 'single') {
    return {
      per: 1,
      call: () => {
        const k = i % b.n;
        const got = aug.augmentImage(images[k], { epoch: (i++ / b.n) | 0, index: k, out: spare });
        if (got.data.buffer !== spare.buffer) spare = got.data;
      },
    };
  }
  const inputs = mode === 'list' ? lists : units.map((u) => ({ images: u.batch, indices: u.indices }));
  return {
    per: 32,
    call: () => {
      const u = inputs[i % inputs.length];
      spare = bufferOf(aug.augmentImages(u.images, { epoch: i++, indices: u.indices, out: spare }));
    },
  };
}

const cpuMs = (): number => {
  const used = process.cpuUsage();
  return (used.user + used.system) / 1000;
};

for (const id of ids) {
  const ways = trees.flatMap((tree) => modes.map((mode) => way(tree.makeCase(id), mode)));
  for (const w of ways) {
    const start = cpuMs();
    while (cpuMs() - start < 300) w.call();
  }
  const rates: number[][] = ways.map(() => []);
  for (let r = 0; r < repeats; r++) {
    for (let k = 0; k < ways.length; k++) {
      const j = (k + r) % ways.length;
      const { per, call } = ways[j];
      let n = 0;
      const start = cpuMs();
      let now = start;
      while (now - start < ms) {
        call();
        n++;
        now = cpuMs();
      }
      rates[j].push((n * per * 1000) / (now - start));
    }
  }
  const medians = rates.map((rs) => Math.round(median(rs)));
  const ratios = rates.slice(1).map((rs) => median(rs.map((x, i) => x / rates[0][i])).toFixed(3));
  console.log(
    `${id} ${workload} ${modes.join(',')}: ${medians.join(' / ')} img/s; paired ratio over the first: ${ratios}`,
  );
}
process.exit(0);
