// The grid of variants: cell k shows variant k (epoch k, index 0, as `augkit grid` draws it) in a canvas holding the
// exact pixels, scaled by CSS only, with the sample's labels drawn on a second canvas above it.
import * as iaa from 'augkit';
import type { Pixels, SampleLabels } from './protocol.ts';

/** How much each cell is enlarged on screen: small images to about 128 pixels, as `augkit grid` does. */
export function displayScale(height: number, width: number): number {
  return Math.max(1, Math.round(128 / Math.max(height, width)));
}

/** Makes (or empties) the `count` cells of the grid. */
export function resetGrid(grid: HTMLElement, count: number, cols: number): void {
  grid.replaceChildren();
  grid.style.setProperty('--cols', String(cols));
  for (let k = 0; k < count; k++) {
    const figure = document.createElement('figure');
    figure.className = 'cell pending';
    const frame = document.createElement('div');
    frame.className = 'frame';
    const pixels = document.createElement('canvas');
    pixels.className = 'pixels';
    pixels.setAttribute('role', 'img');
    pixels.setAttribute('aria-label', `variant ${k} (epoch ${k}), being drawn`);
    const overlay = document.createElement('canvas');
    overlay.className = 'labels';
    overlay.setAttribute('aria-hidden', 'true');
    frame.append(pixels, overlay);
    const caption = document.createElement('figcaption');
    caption.textContent = `variant ${k}`;
    figure.append(frame, caption);
    grid.append(figure);
  }
}

/** Puts variant `k`'s pixels (and labels) into its cell. */
export function showCell(
  grid: HTMLElement,
  k: number,
  image: Pixels,
  labels: SampleLabels | undefined,
  drawn: Pixels | undefined,
  ms: number,
) {
  const figure = grid.children[k] as HTMLElement | undefined;
  if (!figure) return;
  const scale = displayScale(image.height, image.width);
  const paint = (canvas: HTMLCanvasElement, pixels: Pixels | undefined) => {
    canvas.hidden = pixels === undefined;
    if (!pixels) return;
    canvas.width = pixels.width;
    canvas.height = pixels.height;
    canvas.style.width = `${pixels.width * scale}px`;
    const img = iaa.makeImage(pixels.data, pixels.height, pixels.width, pixels.channels);
    canvas.getContext('2d', { willReadFrequently: true })?.putImageData(iaa.toImageData(img) as ImageData, 0, 0);
  };
  const pixels = figure.querySelector('canvas.pixels') as HTMLCanvasElement;
  paint(pixels, image);
  // The variant with its labels drawn lies over the untouched one, which keeps the exact pixels.
  paint(figure.querySelector('canvas.labels') as HTMLCanvasElement, drawn);
  const caption = figure.querySelector('figcaption') as HTMLElement;
  caption.textContent = `variant ${k} · ${image.width}×${image.height} · ${ms.toFixed(1)} ms`;
  pixels.setAttribute(
    'aria-label',
    `variant ${k} (epoch ${k}), ${image.width}×${image.height} pixels${labels ? `, ${labels.boundingBoxes.length} boxes and ${labels.keypoints.length} keypoints` : ''}`,
  );
  // The moved labels, for whoever reads the page (tests compare them with Node's).
  figure.dataset.labels = labels ? JSON.stringify(labels) : '';
  figure.classList.remove('pending');
}
