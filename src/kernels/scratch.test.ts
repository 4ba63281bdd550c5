import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { Scratch } from './scratch.ts';

describe('Scratch', () => {
  it('reuses a slot’s memory, grows it when asked for more, and never shares memory between slots', () => {
    const s = new Scratch();
    const a = s.f32(0, 10);
    assert.equal(s.f32(0, 8).buffer, a.buffer);
    assert.equal(s.u32(0, 10).buffer, a.buffer);
    const b = s.f32(1, 10);
    assert.notEqual(b.buffer, a.buffer);
    const bigger = s.f32(0, 100);
    assert.notEqual(bigger.buffer, a.buffer);
    assert.equal(s.i32(0, 50).buffer, bigger.buffer);
    assert.equal(bigger.length, 100);
  });

  it('gives views of the requested length and type, and `like` follows the pixel type', () => {
    const s = new Scratch();
    assert.ok(s.like(0, new Uint8Array(1), 7) instanceof Uint8Array);
    assert.equal(s.like(1, new Float32Array(1), 7).length, 7);
    assert.ok(s.like(1, new Float32Array(1), 7) instanceof Float32Array);
  });

  it('does not keep memory above 16 MB', () => {
    const s = new Scratch();
    const huge = s.u8(0, (16 << 20) + 1);
    assert.notEqual(s.u8(0, 10).buffer, huge.buffer);
    const kept = s.u8(0, 10);
    assert.equal(s.u8(0, 5).buffer, kept.buffer);
  });
});
