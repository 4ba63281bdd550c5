// Self-contained HTML pages for the demo and the training report, built as strings. Browser-safe: no Node
// built-ins, so the playground can build the same page.
import { argumentError } from '../../../src/core/errors.ts';

/** One picture with its caption. Give exactly one source: `src`, `dataUri` or `png`. */
export interface Figure {
  /** A relative path or an http(s) URL, written into the page as it is (not embedded). */
  readonly src?: string;
  /** A ready `data:image/…` URI. */
  readonly dataUri?: string;
  /** PNG bytes (a Node Buffer works), always embedded as a data URI. */
  readonly png?: Uint8Array;
  readonly caption: string;
  /** Text for screen readers and broken images; default the caption. */
  readonly alt?: string;
  /** Display width in CSS pixels; default the image's own width (at most the page's). */
  readonly width?: number;
}

/** A table: column headings and rows of cells; numbers are right-aligned. */
export interface Table {
  readonly columns: readonly string[];
  readonly rows: readonly (readonly (string | number)[])[];
  readonly caption?: string;
}

/** A part of the page: a heading, then text, figures and a table, each optional. */
export interface Section {
  readonly heading: string;
  /** Plain text; a blank line starts a new paragraph. */
  readonly text?: string;
  readonly figures?: readonly Figure[];
  readonly table?: Table;
}

/** What {@link htmlPage} builds. */
export interface Page {
  readonly title: string;
  /** Plain text under the title. */
  readonly intro?: string;
  readonly sections: readonly Section[];
  /**
   * When true, every figure must be embedded (`png` or `dataUri`, or a `data:` `src`), so the page is one file
   * that can be mailed or moved; a figure that only links a file is an error. Default false.
   */
  readonly embed?: boolean;
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/**
 * Escapes text for HTML content and quoted attribute values (`& < > " '`).
 *
 * @example escapeHtml('<script>alert("x")</script>') // '&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'
 */
export function escapeHtml(text: string): string {
  return String(text).replace(/[&<>"']/g, (c) => ESCAPES[c]);
}

const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

/**
 * Encodes bytes as base64 (RFC 4648, with padding), in browsers and Node alike.
 *
 * @example base64(new Uint8Array([104, 105])) // 'aGk='
 */
export function base64(bytes: Uint8Array): string {
  const parts: string[] = [];
  let chunk = '';
  const full = bytes.length - (bytes.length % 3);
  for (let i = 0; i < full; i += 3) {
    const n = (bytes[i] << 16) | (bytes[i + 1] << 8) | bytes[i + 2];
    chunk += BASE64[n >> 18] + BASE64[(n >> 12) & 63] + BASE64[(n >> 6) & 63] + BASE64[n & 63];
    // Join in chunks: one huge string built by += is slow to flatten in some engines.
    if (chunk.length >= 8192) {
      parts.push(chunk);
      chunk = '';
    }
  }
  const rest = bytes.length - full;
  if (rest === 1) {
    const n = bytes[full] << 16;
    chunk += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}==`;
  } else if (rest === 2) {
    const n = (bytes[full] << 16) | (bytes[full + 1] << 8);
    chunk += `${BASE64[n >> 18]}${BASE64[(n >> 12) & 63]}${BASE64[(n >> 6) & 63]}=`;
  }
  parts.push(chunk);
  return parts.join('');
}

/**
 * Turns PNG bytes into a `data:image/png;base64,…` URI for an `<img src>`.
 *
 * @example pngDataUri(await encodePng(image)) // 'data:image/png;base64,iVBORw0KGgo…'
 */
export function pngDataUri(png: Uint8Array): string {
  if (!(png instanceof Uint8Array)) throw argumentError('pngDataUri', 'png', 'a Uint8Array or a Buffer', png, 'type');
  return `data:image/png;base64,${base64(png)}`;
}

const CSS = `
body { font-family: "DejaVu Sans", system-ui, sans-serif; max-width: 1100px; margin: 2rem auto; padding: 0 1rem;
  color: #222; line-height: 1.45; }
h1 { font-size: 1.7rem; } h2 { font-size: 1.25rem; margin-top: 2.2rem; border-bottom: 1px solid #ddd; }
.figures { display: flex; flex-wrap: wrap; gap: 1.2rem; align-items: flex-start; }
figure { margin: 0; max-width: 100%; }
figure img { max-width: 100%; height: auto; image-rendering: pixelated; border: 1px solid #eee; }
figcaption { font-size: 0.9rem; color: #444; margin-top: 0.3rem; max-width: 36rem; }
table { border-collapse: collapse; margin: 1rem 0; font-size: 0.92rem; }
th, td { border: 1px solid #ccc; padding: 0.25rem 0.6rem; } th { background: #f4f4f4; text-align: left; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
caption { caption-side: bottom; font-size: 0.85rem; color: #555; padding-top: 0.3rem; }
`.trim();

function paragraphs(text: string): string {
  return text
    .split(/\n\s*\n/)
    .map((p) => p.trim())
    .filter((p) => p.length > 0)
    .map((p) => `<p>${escapeHtml(p)}</p>`)
    .join('\n');
}

function checkString(name: string, value: unknown, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string') throw argumentError('htmlPage', name, 'a string', value, 'type');
}

// Links may be relative paths or http(s) URLs; script-running schemes would break the promise that the page is
// only pictures and text.
function checkSrc(name: string, src: string): void {
  const scheme = /^\s*([a-zA-Z][a-zA-Z0-9+.-]*):/.exec(src)?.[1].toLowerCase();
  if (scheme !== undefined && scheme !== 'http' && scheme !== 'https' && scheme !== 'data') {
    throw argumentError('htmlPage', name, 'a relative path, an http(s) URL or a data:image/ URI', src);
  }
  if (scheme === 'data' && !/^\s*data:image\//i.test(src)) {
    throw argumentError('htmlPage', name, 'a data:image/ URI', src);
  }
}

function figureSource(figure: Figure, at: string, embed: boolean): string {
  const given = (['src', 'dataUri', 'png'] as const).filter((key) => figure[key] !== undefined);
  if (given.length !== 1) {
    throw argumentError('htmlPage', at, 'a figure with exactly one of src, dataUri or png', given.join(', ') || figure);
  }
  if (figure.png !== undefined) return pngDataUri(figure.png);
  const key = given[0] as 'src' | 'dataUri';
  const uri = figure[key] as string;
  checkString(`${at}.${key}`, uri);
  checkSrc(`${at}.${key}`, uri);
  if (key === 'dataUri' && !/^\s*data:image\//i.test(uri)) {
    throw argumentError('htmlPage', `${at}.dataUri`, 'a data:image/ URI', uri);
  }
  if (embed && !/^\s*data:/i.test(uri)) {
    throw argumentError('htmlPage', `${at}.src`, 'embedded (png or dataUri) when embed is true', uri);
  }
  return uri;
}

function renderFigure(figure: Figure, at: string, embed: boolean): string {
  if (figure === null || typeof figure !== 'object')
    throw argumentError('htmlPage', at, 'a figure object', figure, 'type');
  checkString(`${at}.caption`, figure.caption);
  checkString(`${at}.alt`, figure.alt, true);
  const src = figureSource(figure, at, embed);
  let width = '';
  if (figure.width !== undefined) {
    if (typeof figure.width !== 'number' || !Number.isFinite(figure.width) || figure.width <= 0) {
      throw argumentError('htmlPage', `${at}.width`, 'a number > 0', figure.width);
    }
    width = ` width="${Math.round(figure.width)}"`;
  }
  const alt = figure.alt ?? figure.caption;
  return (
    `<figure><img src="${escapeHtml(src)}" alt="${escapeHtml(alt)}"${width}>` +
    `<figcaption>${escapeHtml(figure.caption)}</figcaption></figure>`
  );
}

function renderTable(table: Table, at: string): string {
  if (table === null || typeof table !== 'object') throw argumentError('htmlPage', at, 'a table object', table, 'type');
  if (!Array.isArray(table.columns) || !Array.isArray(table.rows)) {
    throw argumentError('htmlPage', at, 'a table { columns, rows }', table, 'type');
  }
  table.columns.forEach((c, i) => checkString(`${at}.columns[${i}]`, c));
  checkString(`${at}.caption`, table.caption, true);
  const head = `<tr>${table.columns.map((c) => `<th>${escapeHtml(c)}</th>`).join('')}</tr>`;
  const body = table.rows.map((row, r) => {
    if (!Array.isArray(row) || row.length !== table.columns.length) {
      throw argumentError('htmlPage', `${at}.rows[${r}]`, `a row of ${table.columns.length} cells`, row);
    }
    const cells = row.map((cell: unknown, c: number) => {
      if (typeof cell === 'number') return `<td class="num">${escapeHtml(String(cell))}</td>`;
      checkString(`${at}.rows[${r}][${c}]`, cell);
      return `<td>${escapeHtml(cell as string)}</td>`;
    });
    return `<tr>${cells.join('')}</tr>`;
  });
  const caption = table.caption !== undefined ? `<caption>${escapeHtml(table.caption)}</caption>` : '';
  return `<table>${caption}<thead>${head}</thead><tbody>\n${body.join('\n')}\n</tbody></table>`;
}

/**
 * Builds a complete HTML page (one string, inline CSS, no scripts, no external resources other than linked
 * figures) with a title and sections of text, captioned figures and tables. All text is escaped.
 *
 * Figures are shown at their own size, never wider than the page, with `image-rendering: pixelated` so upscaled
 * small images stay crisp. With `embed: true`, every figure must carry its pixels (`png` or `dataUri`), which
 * makes the page self-contained.
 *
 * @example htmlPage({ title: 'augkit demo', embed: true, sections: [
 *   { heading: 'Affine', figures: [{ png: await encodePng(grid), caption: 'rotate 30, fitOutput' }] }] })
 * @example htmlPage({ title: 'Report', sections: [{ heading: 'Accuracy', figures: [{ src: 'accuracy.png',
 *   caption: 'Test accuracy vs shift' }], table: { columns: ['shift', 'accuracy'], rows: [[0, 0.91]] } }] })
 */
export function htmlPage(page: Page): string {
  if (page === null || typeof page !== 'object') throw argumentError('htmlPage', 'page', 'a page object', page, 'type');
  checkString('title', page.title);
  checkString('intro', page.intro, true);
  if (!Array.isArray(page.sections))
    throw argumentError('htmlPage', 'sections', 'a list of sections', page.sections, 'type');
  const embed = page.embed ?? false;
  const sections = page.sections.map((section, s) => {
    const at = `sections[${s}]`;
    if (section === null || typeof section !== 'object')
      throw argumentError('htmlPage', at, 'a section object', section, 'type');
    checkString(`${at}.heading`, section.heading);
    checkString(`${at}.text`, section.text, true);
    const parts = [`<h2>${escapeHtml(section.heading)}</h2>`];
    if (section.text !== undefined) parts.push(paragraphs(section.text));
    if (section.figures !== undefined) {
      if (!Array.isArray(section.figures)) {
        throw argumentError('htmlPage', `${at}.figures`, 'a list of figures', section.figures, 'type');
      }
      const figures = section.figures.map((f: Figure, i: number) => renderFigure(f, `${at}.figures[${i}]`, embed));
      if (figures.length > 0) parts.push(`<div class="figures">\n${figures.join('\n')}\n</div>`);
    }
    if (section.table !== undefined) parts.push(renderTable(section.table, `${at}.table`));
    return `<section>\n${parts.join('\n')}\n</section>`;
  });
  return [
    '<!DOCTYPE html>',
    '<html lang="en">',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeHtml(page.title)}</title>`,
    `<style>\n${CSS}\n</style>`,
    '</head>',
    '<body>',
    `<h1>${escapeHtml(page.title)}</h1>`,
    page.intro !== undefined ? paragraphs(page.intro) : '',
    ...sections,
    '</body>',
    '</html>',
    '',
  ]
    .filter((line, i, all) => line !== '' || i === all.length - 1)
    .join('\n');
}
