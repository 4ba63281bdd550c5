// Prints the markdown tables of docs/RESULTS.md from an `augkit train` report.json:
//   node --import tsx scripts/results-table.ts report/report.json
import { readFileSync } from 'node:fs';
import type { ExperimentReport } from '../examples/walkthrough/train/report.ts';

const path = process.argv[2];
if (!path) {
  console.error('usage: node --import tsx scripts/results-table.ts REPORT.json');
  process.exit(2);
}
const report = JSON.parse(readFileSync(path, 'utf8')) as ExperimentReport;
const pct = (v: number) => `${(100 * v).toFixed(1)}%`;
const lines: string[] = [];
lines.push(
  '| model | unshifted test accuracy | zero-filled shifts −5…5 (min–max) | at −5 / +5 (zero) | at −5 / +5 (roll) | img/s | s/epoch | waited for data |',
);
lines.push('|---|---|---|---|---|---|---|---|');
for (const kind of ['aug', 'plain'] as const) {
  const m = report.models[kind];
  if (!m?.shift) continue;
  const { shifts, accuracy } = m.shift;
  const at = (list: number[], dx: number) => list[shifts.indexOf(dx)];
  const zero = accuracy.zero;
  lines.push(
    `| ${m.label} | ${pct(at(zero, 0))} | ${pct(Math.min(...zero))}–${pct(Math.max(...zero))} | ${pct(at(zero, -5))} / ${pct(at(zero, 5))} | ${pct(at(accuracy.roll, -5))} / ${pct(at(accuracy.roll, 5))} | ${m.training.imagesPerSecond.toFixed(0)} | ${m.training.meanEpochSeconds.toFixed(0)} | ${(100 * m.training.waitShare).toFixed(2)}% |`,
  );
}
lines.push('');
lines.push('Accuracy per shift (zero-filled / wrap-around):');
lines.push('');
const models = (['aug', 'plain'] as const).filter((k) => report.models[k]?.shift);
lines.push(`| shift | ${models.map((k) => `${report.models[k]!.label} (zero / roll)`).join(' | ')} |`);
lines.push(`|---|${models.map(() => '---').join('|')}|`);
const shifts = report.models[models[0]]!.shift!.shifts;
shifts.forEach((dx, i) => {
  const cells = models.map((k) => {
    const a = report.models[k]!.shift!.accuracy;
    return `${pct(a.zero[i])} / ${pct(a.roll[i])}`;
  });
  lines.push(`| ${dx > 0 ? '+' : ''}${dx} | ${cells.join(' | ')} |`);
});
lines.push('');
lines.push('Test accuracy after each epoch:');
lines.push('');
lines.push(`| epoch | ${models.map((k) => report.models[k]!.label).join(' | ')} |`);
lines.push(`|---|${models.map(() => '---').join('|')}|`);
const epochs = report.models[models[0]]!.epochs.length;
for (let e = 0; e < epochs; e++) {
  lines.push(`| ${e + 1} | ${models.map((k) => pct(report.models[k]!.epochs[e].testAccuracy)).join(' | ')} |`);
}
console.log(lines.join('\n'));
