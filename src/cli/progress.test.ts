import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { createProgress } from './progress.ts';

function sink(isTTY: boolean) {
  const chunks: string[] = [];
  return { chunks, stream: { isTTY, columns: 60, write: (t: string) => chunks.push(t) } };
}

describe('createProgress', () => {
  it('writes one plain line per item when not a terminal', () => {
    const { chunks, stream } = sink(false);
    const p = createProgress(stream, 12);
    p.tick('a.png → 2 written');
    p.note('augkit augment: b.png: cannot read');
    p.tick('b.png: not readable');
    p.finish();
    assert.deepEqual(chunks, [
      '[ 1/12] a.png → 2 written\n',
      'augkit augment: b.png: cannot read\n',
      '[ 2/12] b.png: not readable\n',
    ]);
  });

  it('redraws a bar in place on a terminal, at most every 100 ms and always after the last item', () => {
    const { chunks, stream } = sink(true);
    let t = 0;
    const p = createProgress(stream, 4, () => t);
    p.tick('x');
    t = 50;
    p.tick('x');
    t = 300;
    p.tick('x');
    t = 310;
    p.tick('x');
    p.finish();
    const CLEAR_LINE = '\x1b[K';
    const bars = chunks
      .filter((c) => c.startsWith('\r['))
      .map((c) => {
        assert.ok(c.endsWith(CLEAR_LINE));
        return c.slice(1, -CLEAR_LINE.length);
      });
    assert.equal(bars.length, 3);
    assert.match(bars[0], /^\[#+-+\] 1\/4 {2}0\.0 s$/);
    assert.match(bars[2], /^\[#+\] 4\/4 {2}0\.3 s$/);
    // One column short of the terminal's width, so the line never wraps.
    assert.equal(bars[0].length, 59);
    assert.equal(chunks.at(-1), '\r\x1b[K');
  });
});
