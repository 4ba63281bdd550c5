// What the headless-Chromium test computes twice, in Node and in the page (page.ts): the SHA-256 of one example of
// every registered augmenter on a photo, and of two epochs of a DataLoader. WebCrypto is in both, so the same code
// hashes on both sides.
import { registry } from '../../src/augmenters/index.ts';
import * as iaa from '../../src/index.ts';

/** Hex SHA-256 of `data`'s bytes. */
export async function sha256(data: ArrayBufferView): Promise<string> {
  const view = new Uint8Array(data.buffer, data.byteOffset, data.byteLength);
  const digest = await crypto.subtle.digest('SHA-256', view.slice());
  return Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
}

/** Per registered augmenter type: its first example (seed 5) on `photo`, as "H×W×C sha256". */
export async function exampleHashes(photo: iaa.Image): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const entry of registry.values()) {
    const aug = iaa.fromJSON({ type: entry.type, seed: 5, ...entry.definition.examples[0] });
    const image = aug.augmentImage(photo, { epoch: 1, index: 3 });
    out[entry.type] = `${image.height}×${image.width}×${image.channels} ${await sha256(image.data)}`;
  }
  return out;
}

/** The names of the kernels whose WebAssembly twin has run in this thread. */
export function wasmKernelsRun(): string[] {
  return Object.entries(iaa.kernelRuns())
    .filter(([, runs]) => runs.wasm > 0)
    .map(([name]) => name)
    .sort();
}

/** 12 tiles of 40×40 cut from `photo`, as a dataset. */
function tiles(photo: iaa.Image): iaa.ArrayDataset {
  const n = 12;
  const side = 40;
  const { width, channels } = photo;
  const data = new Uint8Array(n * side * side * channels);
  for (let i = 0; i < n; i++) {
    const top = (i * 17) % (photo.height - side);
    const left = (i * 29) % (width - side);
    for (let y = 0; y < side; y++) {
      const from = ((top + y) * width + left) * channels;
      data.set(photo.data.subarray(from, from + side * channels), (i * side + y) * side * channels);
    }
  }
  return new iaa.ArrayDataset({ data, n, height: side, width: side, channels }, new Int32Array(n));
}

/** SHA-256 of two shuffled epochs of a DataLoader over tiles of `photo`, with `workers` workers. */
export async function loaderHash(photo: iaa.Image, workers: number): Promise<string> {
  const augment = iaa.Sequential(
    [
      iaa.Affine({ rotate: [-30, 30], scale: [0.8, 1.2] }),
      iaa.GaussianBlur([0, 1.5]),
      iaa.Multiply([0.6, 1.4], { perChannel: 0.5 }),
      iaa.Dropout([0, 0.1]),
    ],
    { seed: 9 },
  );
  const loader = new iaa.DataLoader(tiles(photo), { batchSize: 5, shuffle: true, seed: 3, augment, workers });
  const parts: string[] = [];
  try {
    for (let epoch = 0; epoch < 2; epoch++) {
      for await (const batch of loader) {
        parts.push(`${Array.from(batch.indices).join(',')}:${await sha256((batch.images as iaa.UniformBatch).data)}`);
      }
    }
  } finally {
    await loader.close();
  }
  return sha256(new TextEncoder().encode(parts.join('\n')));
}
