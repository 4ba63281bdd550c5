// Micro-benchmark of the warpAffine kernel against OpenCV's cv2.warpAffine (single-threaded, called from Python per
// image) on the same kind of images and matrices: 28×28×1 and 256×256×3, orders 0/1/3, rotate 30° about the centre
// with a constant border. Run: node --import tsx bench/warp-micro.ts [--modes] [--rounds N]
// --modes adds the other border modes for bilinear. The two sides run in alternation for N rounds (default 2) and
// each keeps its best, so a busy machine skews the ratio less.
import { spawnSync } from 'node:child_process';
import type { BorderMode } from '../src/kernels/border.ts';
import { type WarpOrder, warpAffine } from '../src/kernels/warp-affine.ts';

interface Case {
  readonly size: number;
  readonly channels: number;
  readonly order: WarpOrder;
  readonly mode: BorderMode;
}

function rotateAboutCentre(size: number, deg: number): number[] {
  const r = (deg * Math.PI) / 180;
  const c = size / 2 - 0.5;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  return [cos, -sin, c - cos * c + sin * c, sin, cos, c - sin * c - cos * c];
}

function makeImages(n: number, size: number, channels: number): Uint8Array[] {
  let seed = 12345;
  const out: Uint8Array[] = [];
  for (let k = 0; k < n; k++) {
    const data = new Uint8Array(size * size * channels);
    for (let i = 0; i < data.length; i++) {
      seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
      data[i] = (seed >>> 16) & 255;
    }
    out.push(data);
  }
  return out;
}

function benchAugkit(c: Case, seconds: number): number {
  const images = makeImages(16, c.size, c.channels).map((data) => ({
    data,
    height: c.size,
    width: c.size,
    channels: c.channels,
  }));
  const out = {
    data: new Uint8Array(c.size * c.size * c.channels),
    height: c.size,
    width: c.size,
    channels: c.channels,
  };
  const m = rotateAboutCentre(c.size, 30);
  const opts = { order: c.order, mode: c.mode, cval: 0 };
  // Warm up, then time batches of calls until `seconds` have passed; report the best of 5 runs.
  for (let i = 0; i < 200; i++) warpAffine(images[i % 16], m, out, opts);
  let best = 0;
  for (let run = 0; run < 5; run++) {
    let n = 0;
    const t0 = performance.now();
    let t = t0;
    while (t - t0 < (seconds * 1000) / 5) {
      for (let i = 0; i < 16; i++) warpAffine(images[i], m, out, opts);
      n += 16;
      t = performance.now();
    }
    best = Math.max(best, (n * 1000) / (t - t0));
  }
  return best;
}

const PY = String.raw`
import json, os, sys, time
os.environ["OPENCV_FOR_THREADS_NUM"] = "1"
import numpy as np, cv2
cv2.setNumThreads(1)
cases = json.loads(sys.argv[1]); seconds = float(sys.argv[2])
modes = {"constant": cv2.BORDER_CONSTANT, "edge": cv2.BORDER_REPLICATE, "symmetric": cv2.BORDER_REFLECT,
         "reflect": cv2.BORDER_REFLECT_101, "wrap": cv2.BORDER_WRAP}
orders = {0: cv2.INTER_NEAREST, 1: cv2.INTER_LINEAR, 3: cv2.INTER_CUBIC}
res = []
rng = np.random.RandomState(1)
for c in cases:
    s, ch = c["size"], c["channels"]
    imgs = [rng.randint(0, 256, (s, s, ch) if ch > 1 else (s, s)).astype(np.uint8) for _ in range(16)]
    m = cv2.getRotationMatrix2D((s / 2 - 0.5, s / 2 - 0.5), -30, 1.0)
    f, b = orders[c["order"]], modes[c["mode"]]
    for i in range(200): cv2.warpAffine(imgs[i % 16], m, (s, s), flags=f, borderMode=b, borderValue=(0, 0, 0))
    best = 0
    for run in range(5):
        n = 0; t0 = time.perf_counter(); t = t0
        while t - t0 < seconds / 5:
            for im in imgs: cv2.warpAffine(im, m, (s, s), flags=f, borderMode=b, borderValue=(0, 0, 0))
            n += 16; t = time.perf_counter()
        best = max(best, n / (t - t0))
    res.append(best)
print(json.dumps(res))
`;

const cases: Case[] = [];
for (const [size, channels] of [
  [28, 1],
  [256, 3],
] as const) {
  for (const order of [0, 1, 3] as const) cases.push({ size, channels, order, mode: 'constant' });
  if (process.argv.includes('--modes')) {
    for (const mode of ['edge', 'symmetric', 'reflect', 'wrap'] as const)
      cases.push({ size, channels, order: 1, mode });
  }
}
const seconds = 1;
const roundsArg = process.argv.indexOf('--rounds');
const rounds = roundsArg > 0 ? Number(process.argv[roundsArg + 1]) : 2;
const ours = cases.map(() => 0);
const theirs: (number | undefined)[] = cases.map(() => undefined);
for (let r = 0; r < rounds; r++) {
  cases.forEach((c, i) => {
    ours[i] = Math.max(ours[i], benchAugkit(c, seconds));
  });
  const py = spawnSync('/usr/bin/python3', ['-c', PY, JSON.stringify(cases), String(seconds)], { encoding: 'utf8' });
  if (py.status !== 0) {
    console.error(`OpenCV side failed: ${py.stderr}`);
    continue;
  }
  (JSON.parse(py.stdout) as number[]).forEach((v, i) => {
    theirs[i] = Math.max(theirs[i] ?? 0, v);
  });
}
console.log('| case | augkit img/s | OpenCV img/s | ratio |');
console.log('|---|---:|---:|---:|');
cases.forEach((c, i) => {
  const o = theirs[i];
  const name = `${c.size}x${c.size}x${c.channels} order ${c.order} ${c.mode}`;
  console.log(
    `| ${name} | ${ours[i].toFixed(0)} | ${o ? o.toFixed(0) : '–'} | ${o ? (ours[i] / o).toFixed(2) : '–'} |`,
  );
});
