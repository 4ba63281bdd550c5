import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import sharp from 'sharp';
import { FASHION_MNIST_CLASSES } from '../../../src/data/fashion-mnist.ts';
import { type Chart, type LineSeries, barChart, heatmap, lineChart } from './charts.ts';

/** The SVG's own size, from its root element. */
function svgSize(svg: string): { width: number; height: number } {
  const match = /^<svg[^>]* width="([\d.]+)" height="([\d.]+)"/.exec(svg);
  assert.ok(match, 'the SVG has a width and a height');
  return { width: Number(match[1]), height: Number(match[2]) };
}

/** Checks the PNG decodes, is `scale` times the SVG's size, and lies in a plausible range. */
async function assertPng(chart: Chart, scale: number, min: [number, number], max: [number, number]): Promise<void> {
  const meta = await sharp(chart.png).metadata();
  assert.equal(meta.format, 'png');
  const size = svgSize(chart.svg);
  assert.ok(Math.abs((meta.width ?? 0) - size.width * scale) <= 1, `PNG width ${meta.width} vs SVG ${size.width}`);
  assert.ok(Math.abs((meta.height ?? 0) - size.height * scale) <= 1, `PNG height ${meta.height} vs SVG ${size.height}`);
  assert.ok((meta.width ?? 0) >= min[0] && (meta.width ?? 0) <= max[0], `PNG width ${meta.width}`);
  assert.ok((meta.height ?? 0) >= min[1] && (meta.height ?? 0) <= max[1], `PNG height ${meta.height}`);
}

/** The text of every <text> element of an SVG, in document order. */
function texts(svg: string): string[] {
  return [...svg.matchAll(/<text[^>]*>([^<]*)<\/text>/g)].map((m) => m[1]);
}

describe('barChart', () => {
  const rows = [
    { label: '32 images, one call each', value: 41.237 },
    { label: 'one batch call of 32 images', value: 6.3 },
  ];

  it('renders the title, every label and every value label with its unit', async () => {
    const chart = await barChart(rows, { title: 'Augmenting 32 images', valueTitle: 'milliseconds', unit: ' ms' });
    const all = texts(chart.svg);
    for (const expected of [
      'Augmenting 32 images',
      'milliseconds',
      rows[0].label,
      rows[1].label,
      '41.24 ms',
      '6.3 ms',
    ]) {
      assert.ok(all.includes(expected), `missing text ${JSON.stringify(expected)}`);
    }
    assert.match(chart.svg, /font-family="DejaVu Sans/);
    await assertPng(chart, 2, [400, 150], [2000, 800]);
  });

  it('keeps the rows in the given order', async () => {
    const chart = await barChart([...rows].reverse(), { title: 't', scale: 1 });
    const all = texts(chart.svg);
    assert.ok(all.indexOf(rows[1].label) < all.indexOf(rows[0].label));
    await assertPng(chart, 1, [200, 80], [1000, 400]);
  });

  it('escapes text in the SVG', async () => {
    const chart = await barChart([{ label: 'a < b & c', value: 1 }], { title: 'Q&A', scale: 1 });
    assert.ok(texts(chart.svg).includes('a &lt; b &amp; c'));
    assert.ok(texts(chart.svg).includes('Q&amp;A'));
  });

  it('rejects empty or malformed rows', async () => {
    await assert.rejects(barChart([], { title: 't' }), /barChart: rows must be a non-empty list of \{ label, value \}/);
    await assert.rejects(
      barChart([{ label: 'a', value: Number.NaN }], { title: 't' }),
      /barChart: rows\[0\]\.value must be a finite number; received NaN/,
    );
    await assert.rejects(
      barChart(
        [
          { label: 'a', value: 1 },
          { label: 'a', value: 2 },
        ],
        { title: 't' },
      ),
      /barChart: labels\[1\] must be unique within labels; received "a"/,
    );
    await assert.rejects(
      barChart(rows, { title: 't', scale: 0 }),
      /renderVegaLite: scale must be a number in \(0, 8\]/,
    );
  });
});

describe('lineChart', () => {
  const shifts = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];
  const series: LineSeries[] = [];
  for (const label of ['with augmentation', 'without']) {
    for (const kind of ['zero-filled', 'wrap-around']) {
      const drop = label === 'without' ? 0.12 : 0.002;
      series.push({ label, kind, points: shifts.map((x) => ({ x, y: 0.9 - drop * Math.abs(x) })) });
    }
  }

  it('renders the title, axis titles, both legends and the tick labels', async () => {
    const chart = await lineChart(series, {
      title: 'Test accuracy vs horizontal shift',
      xTitle: 'shift (px)',
      yTitle: 'test accuracy',
      yFormat: '.0%',
      labelTitle: 'model',
      kindTitle: 'shift',
    });
    const all = texts(chart.svg);
    const expected = ['Test accuracy vs horizontal shift', 'shift (px)', 'test accuracy', 'model', 'shift'];
    for (const text of [...expected, 'with augmentation', 'without', 'zero-filled', 'wrap-around', '90%', '0', '5']) {
      assert.ok(all.includes(text), `missing text ${JSON.stringify(text)}`);
    }
    // One line per (label, kind), drawn with two different dash patterns.
    assert.equal(chart.svg.match(/aria-roledescription="line mark"/g)?.length, 4);
    assert.ok(new Set(chart.svg.match(/stroke-dasharray="[^"]*"/g)).size >= 2);
    await assertPng(chart, 2, [800, 400], [2400, 1200]);
  });

  it('draws one unnamed dash when no series has a kind', async () => {
    const chart = await lineChart(
      [
        {
          label: 'loss',
          points: [
            { x: 1, y: 0.5 },
            { x: 2, y: 0.3 },
          ],
        },
      ],
      {
        title: 'Loss per epoch',
        scale: 1,
      },
    );
    assert.doesNotMatch(chart.svg, /legend for strokeDash/);
    assert.ok(texts(chart.svg).includes('loss'));
  });

  it('rejects an empty or malformed series', async () => {
    await assert.rejects(lineChart([], { title: 't' }), /lineChart: series must be a non-empty list/);
    await assert.rejects(
      lineChart([{ label: 'a', points: [] }], { title: 't' }),
      /lineChart: series\[0\]\.points must be a non-empty list of \{ x, y \}; received \[\]/,
    );
    await assert.rejects(
      lineChart([{ label: 'a', points: [{ x: 0, y: Number.POSITIVE_INFINITY }] }], { title: 't' }),
      /lineChart: series\[0\]\.points\[0\]\.y must be a finite number; received Infinity/,
    );
    await assert.rejects(
      lineChart(
        [
          { label: 'a', kind: 'roll', points: [{ x: 0, y: 1 }] },
          { label: 'b', points: [{ x: 0, y: 1 }] },
        ],
        { title: 't' },
      ),
      /lineChart: series\[1\]\.kind must be a string; received undefined/,
    );
    await assert.rejects(
      lineChart([{ label: 'a', points: [{ x: 0, y: 1 }] }], { title: 't', yDomain: [1, 0] }),
      /lineChart: yDomain must be a \[min, max\] pair/,
    );
  });
});

describe('heatmap', () => {
  const classes = FASHION_MNIST_CLASSES;
  const shifts = [-5, -4, -3, -2, -1, 0, 1, 2, 3, 4, 5];
  // Row i puts 0.55 + i/100 on class i % 10 and spreads the rest evenly, so every row's top value differs.
  const matrix = shifts.map((_, i) => classes.map((_, j) => (j === i % 10 ? 0.55 + i / 100 : (0.45 - i / 100) / 9)));

  it('annotates every cell and shows every row and column label', async () => {
    const chart = await heatmap(matrix, {
      title: 'Class probabilities by shift',
      rowLabels: shifts.map(String),
      colLabels: classes,
      rowTitle: 'shift (px)',
      domain: [0, 1],
    });
    const all = texts(chart.svg);
    for (const text of ['Class probabilities by shift', 'shift (px)', ...classes, ...shifts.map(String)]) {
      assert.ok(all.includes(text), `missing text ${JSON.stringify(text)}`);
    }
    for (const row of matrix) {
      for (const value of row) assert.ok(all.includes(value.toFixed(2)), `missing annotation ${value.toFixed(2)}`);
    }
    assert.equal(chart.svg.match(/aria-roledescription="rect mark"/g)?.length, 110);
    assert.equal(chart.svg.match(/aria-roledescription="text mark"/g)?.length, 110);
    await assertPng(chart, 2, [1000, 600], [3000, 2000]);
  });

  it('writes light annotations on dark cells and dark ones on light cells', async () => {
    const chart = await heatmap(
      [
        [0, 1],
        [0.25, 0.75],
      ],
      { title: 't', rowLabels: ['r0', 'r1'], colLabels: ['c0', 'c1'], scale: 1 },
    );
    const fill = (text: string) =>
      new RegExp(`fill="([^"]+)"[^>]*>${text.replace('.', '\\.')}</text>`).exec(chart.svg)?.[1];
    assert.equal(fill('0.00'), 'black');
    assert.equal(fill('0.25'), 'black');
    assert.equal(fill('0.75'), 'white');
    assert.equal(fill('1.00'), 'white');
  });

  it('rejects a malformed matrix or labels', async () => {
    const options = { title: 't', rowLabels: ['a', 'b'], colLabels: ['x', 'y'] };
    await assert.rejects(heatmap([], options), /heatmap: matrix must be a non-empty list of non-empty rows/);
    await assert.rejects(heatmap([[1, 2], [3]], options), /heatmap: matrix\[1\] must be a row of 2 numbers/);
    await assert.rejects(
      heatmap(
        [
          [1, 2],
          [3, Number.NaN],
        ],
        options,
      ),
      /heatmap: matrix\[1\]\[1\] must be a finite/,
    );
    await assert.rejects(
      heatmap([[1, 2]], options),
      /heatmap: rowLabels must be a list of 1 labels \(one per matrix row\); received \["a", "b"\]/,
    );
    await assert.rejects(
      heatmap([[1, 2]], { ...options, rowLabels: ['a'], colLabels: ['x', 'x'] }),
      /heatmap: colLabels\[1\] must be unique within colLabels/,
    );
  });
});
