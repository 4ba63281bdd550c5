import { makeImage } from '../src/index.ts';
// Writes the playground's Fashion-MNIST samples (playground/samples/fashion-mnist-*.png, 28×28 grey PNGs) from the
// bundled excerpt (data-sample/fashion-mnist, the first training images): run with
// `node --import tsx scripts/make-playground-samples.ts`. The photos there are copies of data-sample/photos.
import { loadFashionMnist, writeImage } from '../src/node.ts';

const OUT = new URL('../playground/samples/', import.meta.url).pathname;
/** Training images 0, 1 and 3 of Fashion-MNIST: an ankle boot (label 9), a T-shirt/top (0) and a dress (3). */
const PICKS = { 'ankle-boot': 0, 't-shirt': 1, dress: 3 } as const;

const { images } = await loadFashionMnist({
  split: 'train',
  dir: new URL('../data-sample/fashion-mnist', import.meta.url).pathname,
});
const size = 28 * 28;
for (const [name, index] of Object.entries(PICKS)) {
  const data = new Uint8Array(images.data.buffer, images.data.byteOffset + index * size, size).slice();
  await writeImage(`${OUT}fashion-mnist-${name}.png`, makeImage(data, 28, 28, 1), { overwrite: true });
}
console.log(`wrote ${Object.keys(PICKS).length} Fashion-MNIST samples to ${OUT}`);
