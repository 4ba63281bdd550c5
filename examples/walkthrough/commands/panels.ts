// Figures of titled image panels for the demo and `augkit grid --titles`: each panel's pixels (upscaled with
// nearest neighbour, so they stay crisp) and its title are laid out in an SVG and rasterised to PNG by sharp,
// 1 SVG pixel = 1 PNG pixel, so the pixels are copied, never resampled.
import sharp from 'sharp';
import type { Image } from '../../../src/core/image.ts';
import { upscale } from '../../../src/viz/grid.ts';
import { encodePng } from '../../../src/viz/image-png.ts';
import { CHART_FONT } from '../viz/charts.ts';
import { base64, escapeHtml } from '../viz/html.ts';

/** One image with the title drawn above it. */
export interface Panel {
  readonly title: string;
  readonly image: Image;
}

/** Options of {@link renderPanels}. */
export interface PanelOptions {
  /** Panels per row; default all in one row. */
  readonly columns?: number;
  /** Nearest-neighbour upscaling factor applied to every panel alike, so sizes stay comparable; default 1. */
  readonly scale?: number;
  /** A heading above all panels. */
  readonly heading?: string;
}

const PAD = 12;
const TITLE_HEIGHT = 22;
const HEADING_HEIGHT = 28;
const TITLE_SIZE = 13;
// DejaVu Sans averages about 0.6 em per character; titles get at least this much room.
const CHAR_WIDTH = TITLE_SIZE * 0.62;

/**
 * The nearest-neighbour factor that brings an image's longer side close to `target` pixels (at least 1).
 * @example displayScale({ height: 28, width: 28, … }, 192) // 7
 */
export function displayScale(image: { readonly height: number; readonly width: number }, target: number): number {
  return Math.max(1, Math.round(target / Math.max(image.height, image.width)));
}

/**
 * Draws panels in a grid, each with its title above it, on white, and returns PNG bytes. Columns are as wide as the
 * widest panel (or title), rows as tall as their tallest panel; images sit centred at the top of their cell, with a
 * thin grey frame.
 * @example await renderPanels([{ title: 'original', image }, { title: 'rotate 30', image: rotated }], { scale: 7 })
 */
export async function renderPanels(panels: readonly Panel[], options: PanelOptions = {}): Promise<Buffer> {
  if (panels.length === 0) throw new RangeError('renderPanels: panels must not be empty');
  const scale = options.scale ?? 1;
  const columns = Math.min(options.columns ?? panels.length, panels.length);
  const rows = Math.ceil(panels.length / columns);
  const images = panels.map((p) => (scale > 1 ? upscale(p.image, scale) : p.image));
  const cellWidth = Math.max(
    ...images.map((img) => img.width),
    ...panels.map((p) => Math.ceil(p.title.length * CHAR_WIDTH) + 4),
  );
  // Columns share one width; each row is as tall as its tallest panel, so a row of small panels stays compact.
  const rowTops: number[] = [PAD + (options.heading ? HEADING_HEIGHT : 0)];
  for (let r = 0; r < rows; r++) {
    const inRow = images.slice(r * columns, (r + 1) * columns);
    rowTops.push(rowTops[r] + TITLE_HEIGHT + Math.max(...inRow.map((img) => img.height)) + PAD);
  }
  const width = PAD + columns * (cellWidth + PAD);
  const height = rowTops[rows];
  const parts: string[] = [`<rect width="${width}" height="${height}" fill="white"/>`];
  if (options.heading) {
    parts.push(
      `<text x="${PAD}" y="${PAD + 17}" font-family="${CHART_FONT}" font-size="16" font-weight="bold" fill="#222">${escapeHtml(options.heading)}</text>`,
    );
  }
  const pngs = await Promise.all(images.map((img) => encodePng(img)));
  panels.forEach((panel, i) => {
    const img = images[i];
    const x0 = PAD + (i % columns) * (cellWidth + PAD);
    const y0 = rowTops[Math.floor(i / columns)];
    const cx = x0 + cellWidth / 2;
    parts.push(
      `<text x="${cx}" y="${y0 + 15}" text-anchor="middle" font-family="${CHART_FONT}" font-size="${TITLE_SIZE}" fill="#222">${escapeHtml(panel.title)}</text>`,
    );
    const ix = Math.round(cx - img.width / 2);
    const iy = y0 + TITLE_HEIGHT;
    parts.push(
      `<image x="${ix}" y="${iy}" width="${img.width}" height="${img.height}" preserveAspectRatio="none" style="image-rendering:pixelated" href="data:image/png;base64,${base64(pngs[i])}"/>`,
      `<rect x="${ix - 0.5}" y="${iy - 0.5}" width="${img.width + 1}" height="${img.height + 1}" fill="none" stroke="#bbb" stroke-width="1"/>`,
    );
  });
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}">${parts.join('')}</svg>`;
  return sharp(Buffer.from(svg), { density: 72 }).png().toBuffer();
}
