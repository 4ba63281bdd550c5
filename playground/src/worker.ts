// The page's augmentation worker: the page never runs a pipeline itself, so it stays responsive however slow the
// pipeline is. One job at a time; a newer request makes the current job stop after its current image.
import * as iaa from 'augkit';
import type { Pixels, RunRequest, WorkerReply } from './protocol.ts';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<RunRequest>) => void) | null;
  postMessage(message: WorkerReply): void;
};

let latest = 0;
let queue: Promise<void> = Promise.resolve();

scope.onmessage = (event) => {
  const request = event.data;
  latest = request.job;
  queue = queue.then(() => run(request)).catch(() => undefined);
};

/** Lets queued messages arrive (a newer job) between images. */
const yieldToMessages = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

const isStale = (job: number) => job !== latest;

function errorReply(job: number, error: unknown): WorkerReply {
  const e = error as { message?: string; path?: string };
  return {
    kind: 'error',
    job,
    message: e?.message ?? String(error),
    ...(typeof e?.path === 'string' ? { path: e.path } : {}),
  };
}

/** The augmenter specs of every node of `spec`, by JSON path ('' = the root). */
function nodeSpecs(spec: unknown, path = '', out = new Map<string, Record<string, unknown>>()) {
  if (spec === null || typeof spec !== 'object') return out;
  if (Array.isArray(spec)) {
    spec.forEach((child, i) => nodeSpecs(child, `${path}[${i}]`, out));
    return out;
  }
  const record = spec as Record<string, unknown>;
  if (typeof record.type !== 'string') return out;
  out.set(path, record);
  for (const [key, value] of Object.entries(record)) {
    const child = path ? `${path}.${key}` : key;
    const isAugmenter = (v: unknown) =>
      v !== null && typeof v === 'object' && typeof (v as { type?: unknown }).type === 'string';
    if (isAugmenter(value)) nodeSpecs(value, child, out);
    else if (Array.isArray(value) && value.length > 0 && value.every(isAugmenter)) nodeSpecs(value, child, out);
  }
  return out;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

async function run(request: RunRequest): Promise<void> {
  const { job, spec, cells, labels } = request;
  if (isStale(job)) return;
  await iaa.wasmKernelsReady();
  const image = iaa.makeImage(request.image.data, request.image.height, request.image.width, request.image.channels);
  let aug: iaa.Augmenter;
  try {
    aug = iaa.fromJSON(spec);
  } catch (error) {
    scope.postMessage(errorReply(job, error));
    return;
  }
  for (let k = 0; k < cells; k++) {
    await yieldToMessages();
    if (isStale(job)) return;
    try {
      const start = performance.now();
      const at = { epoch: k, index: 0 };
      let out: iaa.Image;
      let moved: { boundingBoxes: iaa.BoundingBox[]; keypoints: iaa.Keypoint[] } | undefined;
      if (labels) {
        const result = aug.augment({ image, boundingBoxes: labels.boundingBoxes, keypoints: labels.keypoints }, at);
        out = result.image;
        moved = { boundingBoxes: [...result.boundingBoxes], keypoints: [...result.keypoints] };
      } else {
        out = aug.augmentImage(image, at);
      }
      const ms = performance.now() - start;
      // Copied, not transferred: a detached ArrayBuffer would slow every typed-array loop of this thread for good
      // (README, Speed), and the times measured here with it.
      const pixelsOf = (image: iaa.Image): Pixels => ({
        data: image.data as Uint8Array,
        height: image.height,
        width: image.width,
        channels: image.channels,
      });
      // The labels drawn as `augkit grid --labels` draws them (augkit's drawLabels), beside the untouched pixels.
      const drawn = moved ? { labels: moved, drawn: pixelsOf(iaa.drawLabels(out, moved)) } : {};
      scope.postMessage({ kind: 'cell', job, k, image: pixelsOf(out), ms, ...drawn });
    } catch (error) {
      scope.postMessage(errorReply(job, error));
      return;
    }
  }
  // Each augmenter alone (with its children) on the photo, so the page can say where the time goes.
  const nodes = [...nodeSpecs(spec)];
  // The root too, without labels and after the grid's first calls (which compile and warm up), as its children are.
  const msPerImage: Record<string, number> = {};
  const runs = Math.min(cells, 4);
  let done = 0;
  for (const [path, nodeSpec] of nodes) {
    const samples: number[] = [];
    try {
      const node = iaa.fromJSON(nodeSpec);
      for (let k = 0; k < runs; k++) {
        await yieldToMessages();
        if (isStale(job)) return;
        const start = performance.now();
        node.augmentImage(image, { epoch: k, index: 0 });
        samples.push(performance.now() - start);
      }
      msPerImage[path] = median(samples);
    } catch {
      // A child that cannot run alone on the photo (its input in the pipeline differs) gets no time.
    }
    done++;
    scope.postMessage({ kind: 'timing', job, msPerImage: { ...msPerImage }, done, total: nodes.length });
  }
  scope.postMessage({ kind: 'done', job });
}
