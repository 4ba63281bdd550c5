// The generated WebAssembly modules as text, for the tests that look for them in bundles.
import assert from 'node:assert/strict';
import { readFileSync, readdirSync } from 'node:fs';

/** Each family's own module (src/kernels/wasm/<family>.wasm.ts), in base64, by family. */
export function familyModules(): Map<string, string> {
  const dir = new URL('../../src/kernels/wasm/', import.meta.url);
  const modules = new Map<string, string>();
  for (const name of readdirSync(dir)) {
    const family = /^(.*)\.wasm\.ts$/.exec(name)?.[1];
    if (family === undefined || family === 'shared' || family === 'layout') continue;
    const base64 = /'([A-Za-z0-9+/=]+)'/.exec(readFileSync(new URL(name, dir), 'utf8'))?.[1];
    assert.ok(base64, `${name} holds no module`);
    modules.set(family, base64);
  }
  return modules;
}

/** A 200-character piece of `text` that none of `others` contains. */
export function pieceNotIn(text: string, ...others: string[]): string {
  for (let at = 0; at + 200 <= text.length; at += 100) {
    const piece = text.slice(at, at + 200);
    if (!others.some((other) => other.includes(piece))) return piece;
  }
  throw new Error('no piece of the text is missing from the others');
}
