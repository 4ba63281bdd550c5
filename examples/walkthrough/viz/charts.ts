// Charts for the demo and the training report: Vega-Lite specs → SVG (vega's headless view, no canvas needed) →
// PNG (sharp's SVG rasteriser, librsvg). Node-only, because of sharp.
import sharp from 'sharp';
import { View, parse } from 'vega';
import { type TopLevelSpec, compile } from 'vega-lite';
import { argumentError } from '../../../src/core/errors.ts';

/**
 * The font family of every chart. DejaVu Sans is installed with Debian's fonts-dejavu-core and is what
 * fontconfig gives librsvg here; the fallbacks keep text visible on machines without it. Without a canvas, vega
 * estimates text widths, so layouts are sized for a font of DejaVu's width.
 */
export const CHART_FONT = 'DejaVu Sans, Verdana, Arial, sans-serif';

/** A rendered chart: the SVG vega drew, its PNG rasterisation, and the Vega-Lite spec it came from. */
export interface Chart {
  readonly svg: string;
  readonly png: Buffer;
  readonly spec: TopLevelSpec;
}

/** Options shared by every chart function. */
export interface RenderOptions {
  /** PNG pixels per SVG pixel (the SVG is drawn at 72 dpi × scale); default 2, crisp on high-density screens. */
  readonly scale?: number;
}

const BASE_CONFIG = {
  font: CHART_FONT,
  background: 'white',
  padding: 8,
  title: { fontSize: 15, anchor: 'start', offset: 10 },
  axis: { labelFontSize: 11, titleFontSize: 12, titlePadding: 8 },
  legend: { labelFontSize: 11, titleFontSize: 12, symbolStrokeWidth: 2 },
  view: { stroke: null },
} as const;

/**
 * Renders any Vega-Lite spec to SVG and PNG with the charts' font and a white background.
 *
 * The spec's own `config` overrides the defaults key by key. The PNG is `scale` times the SVG's size.
 *
 * @example const { png } = await renderVegaLite({ mark: 'bar', data: { values }, encoding })
 * @example await renderVegaLite(spec, { scale: 1 })  // PNG at the SVG's size
 */
export async function renderVegaLite(spec: TopLevelSpec, options: RenderOptions = {}): Promise<Chart> {
  const scale = options.scale ?? 2;
  if (typeof scale !== 'number' || !Number.isFinite(scale) || scale <= 0 || scale > 8) {
    throw argumentError('renderVegaLite', 'scale', 'a number in (0, 8]', scale);
  }
  const full = { ...spec, config: { ...BASE_CONFIG, ...spec.config } } as TopLevelSpec;
  const view = new View(parse(compile(full).spec), { renderer: 'none' });
  try {
    const svg = await view.toSVG();
    const png = await sharp(Buffer.from(svg), { density: 72 * scale })
      .png()
      .toBuffer();
    return { svg, png, spec: full };
  } finally {
    view.finalize();
  }
}

// A JS string as a vega expression string literal (vega's expression language reads JSON-style strings).
const literal = (s: string): string => JSON.stringify(s);

function checkText(owner: string, name: string, value: unknown, optional = false): void {
  if (optional && value === undefined) return;
  if (typeof value !== 'string') throw argumentError(owner, name, 'a string', value, 'type');
}

function checkFinite(owner: string, name: string, value: unknown): void {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw argumentError(owner, name, 'a finite number', value, typeof value === 'number' ? 'range' : 'type');
  }
}

function checkUnique(owner: string, name: string, labels: readonly string[]): void {
  const seen = new Set<string>();
  labels.forEach((label, i) => {
    checkText(owner, `${name}[${i}]`, label);
    if (seen.has(label)) throw argumentError(owner, `${name}[${i}]`, `unique within ${name}`, label, 'range');
    seen.add(label);
  });
}

function checkRange(owner: string, name: string, value: unknown): void {
  if (value === undefined) return;
  if (!Array.isArray(value) || value.length !== 2 || !value.every(Number.isFinite) || value[0] >= value[1]) {
    throw argumentError(owner, name, 'a [min, max] pair of finite numbers with min < max', value);
  }
}

/** One bar: its category label and its value. */
export interface BarRow {
  readonly label: string;
  readonly value: number;
}

/** Options of {@link barChart}. */
export interface BarChartOptions extends RenderOptions {
  readonly title: string;
  /** The value axis' title, e.g. "milliseconds for 32 images". */
  readonly valueTitle?: string;
  /** The category axis' title; none by default. */
  readonly labelTitle?: string;
  /** d3-format of the value labels drawn at the end of each bar; default ",.4~r" (4 significant digits). */
  readonly format?: string;
  /** Text appended to each value label, e.g. " ms". */
  readonly unit?: string;
  /** Bars grow to the right (default, room for long labels) or, when false, upwards. */
  readonly horizontal?: boolean;
  /** Length of the value axis in pixels; default 360. */
  readonly length?: number;
}

/**
 * Draws a bar per row, in the given order, with each bar's value written at its end.
 *
 * @example await barChart([{ label: '32 images, one call each', value: 41.2 }, { label: 'one batch call of 32', value: 6.3 }],
 *   { title: 'Augmenting 32 images', valueTitle: 'milliseconds', unit: ' ms' })
 */
export async function barChart(rows: readonly BarRow[], options: BarChartOptions): Promise<Chart> {
  const owner = 'barChart';
  if (!Array.isArray(rows) || rows.length === 0) {
    throw argumentError(
      owner,
      'rows',
      'a non-empty list of { label, value }',
      rows,
      Array.isArray(rows) ? 'range' : 'type',
    );
  }
  rows.forEach((row, i) => {
    if (row === null || typeof row !== 'object')
      throw argumentError(owner, `rows[${i}]`, 'a { label, value } object', row, 'type');
    checkFinite(owner, `rows[${i}].value`, row.value);
  });
  checkUnique(
    owner,
    'labels',
    rows.map((row) => row.label),
  );
  checkText(owner, 'title', options?.title);
  const {
    title,
    valueTitle,
    labelTitle = null,
    format = ',.4~r',
    unit = '',
    horizontal = true,
    length = 360,
  } = options;
  const values = rows.map(({ label, value }) => ({ label, value }));
  const labels = values.map((row) => row.label);
  const band = horizontal ? 'y' : 'x';
  const measure = horizontal ? 'x' : 'y';
  const spec: TopLevelSpec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    transform: [{ calculate: `format(datum.value, ${literal(format)}) + ${literal(unit)}`, as: 'text' }],
    [horizontal ? 'width' : 'height']: length,
    [horizontal ? 'height' : 'width']: { step: horizontal ? 32 : 56 },
    encoding: {
      [band]: { field: 'label', type: 'nominal', sort: labels, title: labelTitle, axis: { labelLimit: 320 } },
      [measure]: { field: 'value', type: 'quantitative', title: valueTitle ?? null },
    },
    layer: [
      { mark: { type: 'bar', color: '#4c78a8' } },
      {
        mark: horizontal
          ? { type: 'text', align: 'left', baseline: 'middle', dx: 4, fontSize: 12 }
          : { type: 'text', align: 'center', baseline: 'bottom', dy: -4, fontSize: 12 },
        encoding: { text: { field: 'text', type: 'nominal' } },
      },
    ],
  } as TopLevelSpec;
  return renderVegaLite(spec, options);
}

/** One line: its points, its name (the colour and the legend entry) and an optional kind (the stroke dash). */
export interface LineSeries {
  /** Shown by colour, e.g. the model: "with augmentation". */
  readonly label: string;
  /** Shown by stroke dash, e.g. the shift kind: "wrap-around". Give it for every series or for none. */
  readonly kind?: string;
  readonly points: readonly { readonly x: number; readonly y: number }[];
}

/** Options of {@link lineChart}. */
export interface LineChartOptions extends RenderOptions {
  readonly title: string;
  readonly xTitle?: string;
  readonly yTitle?: string;
  /** Legend title for the colours; default none. */
  readonly labelTitle?: string;
  /** Legend title for the dashes; default none. */
  readonly kindTitle?: string;
  /** y axis range; default the data's range (zero not forced). */
  readonly yDomain?: readonly [number, number];
  /** d3-format of the y axis labels, e.g. ".0%" for accuracies in 0–1. */
  readonly yFormat?: string;
  /** d3-format of the x axis labels; default "d" when every x is an integer. */
  readonly xFormat?: string;
  /** Plot size in pixels; default 420 × 260. */
  readonly width?: number;
  readonly height?: number;
}

/**
 * Draws one line with point markers per series: x and y from the points, colour from `label`, stroke dash from
 * `kind`. Series keep the given order in the legend.
 *
 * @example await lineChart([
 *   { label: 'with augmentation', kind: 'zero-filled', points: shifts.map((x, i) => ({ x, y: accAug[i] })) },
 *   { label: 'without', kind: 'zero-filled', points: shifts.map((x, i) => ({ x, y: accPlain[i] })) },
 * ], { title: 'Test accuracy vs horizontal shift', xTitle: 'shift (px)', yTitle: 'accuracy', yFormat: '.0%' })
 */
export async function lineChart(series: readonly LineSeries[], options: LineChartOptions): Promise<Chart> {
  const owner = 'lineChart';
  if (!Array.isArray(series) || series.length === 0) {
    throw argumentError(
      owner,
      'series',
      'a non-empty list of { label, kind?, points }',
      series,
      Array.isArray(series) ? 'range' : 'type',
    );
  }
  const withKind = series.filter((s) => s !== null && typeof s === 'object' && s.kind !== undefined).length;
  const values: { label: string; kind: string; x: number; y: number }[] = [];
  const seen = new Set<string>();
  series.forEach((s, i) => {
    const at = `series[${i}]`;
    if (s === null || typeof s !== 'object')
      throw argumentError(owner, at, 'a { label, kind?, points } object', s, 'type');
    checkText(owner, `${at}.label`, s.label);
    checkText(owner, `${at}.kind`, s.kind, withKind === 0);
    const key = `${s.label}\u0000${s.kind ?? ''}`;
    if (seen.has(key)) throw argumentError(owner, at, 'a series whose label and kind differ from the others', s.label);
    seen.add(key);
    if (!Array.isArray(s.points) || s.points.length === 0) {
      throw argumentError(
        owner,
        `${at}.points`,
        'a non-empty list of { x, y }',
        s.points,
        Array.isArray(s.points) ? 'range' : 'type',
      );
    }
    s.points.forEach((p: { x: number; y: number }, j: number) => {
      if (p === null || typeof p !== 'object')
        throw argumentError(owner, `${at}.points[${j}]`, 'an { x, y } object', p, 'type');
      checkFinite(owner, `${at}.points[${j}].x`, p.x);
      checkFinite(owner, `${at}.points[${j}].y`, p.y);
      values.push({ label: s.label, kind: s.kind ?? '', x: p.x, y: p.y });
    });
  });
  checkText(owner, 'title', options?.title);
  checkRange(owner, 'yDomain', options.yDomain);
  const {
    title,
    xTitle,
    yTitle,
    labelTitle = null,
    kindTitle = null,
    yDomain,
    yFormat,
    width = 420,
    height = 260,
  } = options;
  const xFormat = options.xFormat ?? (values.every((v) => Number.isInteger(v.x)) ? 'd' : undefined);
  const labels = [...new Set(series.map((s) => s.label))];
  const kinds = [...new Set(series.map((s) => s.kind ?? ''))];
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width,
    height,
    data: { values },
    mark: { type: 'line', point: { size: 36, filled: true }, strokeWidth: 2 },
    encoding: {
      x: {
        field: 'x',
        type: 'quantitative',
        title: xTitle ?? null,
        scale: { zero: false, nice: false },
        axis: { ...(xFormat ? { format: xFormat } : {}), tickMinStep: xFormat === 'd' ? 1 : undefined },
      },
      y: {
        field: 'y',
        type: 'quantitative',
        title: yTitle ?? null,
        scale: yDomain ? { domain: [...yDomain] } : { zero: false },
        axis: yFormat ? { format: yFormat } : {},
      },
      color: { field: 'label', type: 'nominal', sort: labels, title: labelTitle, legend: { labelLimit: 260 } },
      ...(withKind > 0
        ? {
            strokeDash: {
              field: 'kind',
              type: 'nominal',
              sort: kinds,
              title: kindTitle,
              // Show the dash itself in the legend, not the point marker.
              legend: {
                symbolType: 'stroke',
                symbolSize: 400,
                encode: { symbols: { update: { stroke: { value: '#333' }, strokeWidth: { value: 2 } } } },
              },
            },
          }
        : {}),
      // Draw each series' points in x order (vega-lite otherwise connects them as given).
      order: { field: 'x', type: 'quantitative' },
    },
  } as TopLevelSpec;
  return renderVegaLite(spec, options);
}

/** Options of {@link heatmap}. */
export interface HeatmapOptions extends RenderOptions {
  readonly title: string;
  /** One label per matrix row (drawn on the left), unique. */
  readonly rowLabels: readonly string[];
  /** One label per matrix column (drawn at the bottom), unique. */
  readonly colLabels: readonly string[];
  readonly rowTitle?: string;
  readonly colTitle?: string;
  /** d3-format of the annotations; default ".2f" (seaborn's annot=True, fmt=".2f"). */
  readonly format?: string;
  /** The colour scale's range; default the data's range. */
  readonly domain?: readonly [number, number];
  /** A vega colour scheme name; default "blues". */
  readonly scheme?: string;
  /** Cell size in pixels; default 58 × 28, room for "0.00" and long class names at an angle. */
  readonly cellWidth?: number;
  readonly cellHeight?: number;
}

/**
 * Draws a matrix as coloured cells with each cell's value written in it (seaborn's `heatmap(annot=True)`), such as
 * the walkthrough's 11 shifts × 10 class probabilities. Rows run top to bottom and columns left to right in the
 * given order; annotations are white on dark cells and black on light ones.
 *
 * @example await heatmap(probabilities, { title: 'Class probabilities, image 24150', rowTitle: 'shift (px)',
 *   rowLabels: shifts.map(String), colLabels: FASHION_MNIST_CLASSES, domain: [0, 1] })
 */
export async function heatmap(matrix: readonly (readonly number[])[], options: HeatmapOptions): Promise<Chart> {
  const owner = 'heatmap';
  if (!Array.isArray(matrix) || matrix.length === 0 || !Array.isArray(matrix[0]) || matrix[0].length === 0) {
    throw argumentError(owner, 'matrix', 'a non-empty list of non-empty rows of numbers', matrix, 'type');
  }
  const cols = matrix[0].length;
  matrix.forEach((row, i) => {
    if (!Array.isArray(row) || row.length !== cols) {
      throw argumentError(owner, `matrix[${i}]`, `a row of ${cols} numbers like matrix[0]`, row);
    }
    row.forEach((v, j) => checkFinite(owner, `matrix[${i}][${j}]`, v));
  });
  checkText(owner, 'title', options?.title);
  const { title, rowLabels, colLabels, rowTitle = null, colTitle = null, format = '.2f', scheme = 'blues' } = options;
  if (!Array.isArray(rowLabels) || rowLabels.length !== matrix.length) {
    throw argumentError(owner, 'rowLabels', `a list of ${matrix.length} labels (one per matrix row)`, rowLabels);
  }
  if (!Array.isArray(colLabels) || colLabels.length !== cols) {
    throw argumentError(owner, 'colLabels', `a list of ${cols} labels (one per matrix column)`, colLabels);
  }
  checkUnique(owner, 'rowLabels', rowLabels);
  checkUnique(owner, 'colLabels', colLabels);
  checkRange(owner, 'domain', options.domain);
  const all = matrix.flat();
  let domain = options.domain ? [...options.domain] : [Math.min(...all), Math.max(...all)];
  // A constant matrix still needs a scale of non-zero width.
  if (domain[0] === domain[1]) domain = [domain[0] - 0.5, domain[1] + 0.5];
  const middle = (domain[0] + domain[1]) / 2;
  const values = matrix.flatMap((row, i) =>
    row.map((value: number, j: number) => ({ row: rowLabels[i], col: colLabels[j], value })),
  );
  const spec = {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    data: { values },
    width: { step: options.cellWidth ?? 58 },
    height: { step: options.cellHeight ?? 28 },
    encoding: {
      x: {
        field: 'col',
        type: 'ordinal',
        sort: [...colLabels],
        title: colTitle,
        axis: { labelAngle: -35, labelLimit: 200, domain: false, ticks: false },
      },
      y: {
        field: 'row',
        type: 'ordinal',
        sort: [...rowLabels],
        title: rowTitle,
        axis: { domain: false, ticks: false },
      },
    },
    layer: [
      {
        mark: { type: 'rect', stroke: 'white', strokeWidth: 1 },
        encoding: {
          color: { field: 'value', type: 'quantitative', title: null, scale: { scheme, domain } },
        },
      },
      {
        mark: { type: 'text', fontSize: 11, baseline: 'middle' },
        encoding: {
          text: { field: 'value', type: 'quantitative', format },
          color: { condition: { test: `datum.value > ${middle}`, value: 'white' }, value: 'black' },
        },
      },
    ],
  } as TopLevelSpec;
  return renderVegaLite(spec, options);
}
