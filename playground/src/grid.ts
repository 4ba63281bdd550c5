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

const BOX_COLOURS = ['#ffde00', '#00e5ff', '#ff4fd8', '#7CFC00', '#ff8c00'];

/** Draws boxes and keypoints (imgaug's coordinates: pixel (0, 0) covers [0, 1)²) on `overlay`, at `scale`. */
function drawLabels(overlay: HTMLCanvasElement, labels: SampleLabels, scale: number): void {
  const ctx = overlay.getContext('2d');
  if (!ctx) return;
  ctx.clearRect(0, 0, overlay.width, overlay.height);
  ctx.lineWidth = 2;
  ctx.font = '12px system-ui, sans-serif';
  labels.boundingBoxes.forEach((box, i) => {
    const colour = BOX_COLOURS[i % BOX_COLOURS.length];
    ctx.strokeStyle = colour;
    const x = box.x1 * scale;
    const y = box.y1 * scale;
    ctx.strokeRect(x, y, (box.x2 - box.x1) * scale, (box.y2 - box.y1) * scale);
    if (box.label) {
      const w = ctx.measureText(box.label).width + 6;
      ctx.fillStyle = colour;
      ctx.fillRect(x - 1, y - 15, w, 15);
      ctx.fillStyle = '#000';
      ctx.fillText(box.label, x + 2, y - 3);
    }
  });
  for (const point of labels.keypoints) {
    ctx.beginPath();
    ctx.arc(point.x * scale, point.y * scale, 3.5, 0, 2 * Math.PI);
    ctx.fillStyle = '#ff2d2d';
    ctx.fill();
    ctx.strokeStyle = '#fff';
    ctx.lineWidth = 1.5;
    ctx.stroke();
  }
}

/** Puts variant `k`'s pixels (and labels) into its cell. */
export function showCell(grid: HTMLElement, k: number, image: Pixels, labels: SampleLabels | undefined, ms: number) {
  const figure = grid.children[k] as HTMLElement | undefined;
  if (!figure) return;
  const pixels = figure.querySelector('canvas.pixels') as HTMLCanvasElement;
  const overlay = figure.querySelector('canvas.labels') as HTMLCanvasElement;
  const scale = displayScale(image.height, image.width);
  pixels.width = image.width;
  pixels.height = image.height;
  pixels.style.width = `${image.width * scale}px`;
  const ctx = pixels.getContext('2d', { willReadFrequently: true });
  const img = iaa.makeImage(image.data, image.height, image.width, image.channels);
  ctx?.putImageData(iaa.toImageData(img) as ImageData, 0, 0);
  const labelScale = scale * (window.devicePixelRatio || 1);
  overlay.width = Math.round(image.width * labelScale);
  overlay.height = Math.round(image.height * labelScale);
  overlay.style.width = `${image.width * scale}px`;
  if (labels) drawLabels(overlay, labels, labelScale);
  else overlay.getContext('2d')?.clearRect(0, 0, overlay.width, overlay.height);
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
