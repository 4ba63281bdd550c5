/** Stable 32-bit hashes for stream addresses: a path in the augmenter tree plus a parameter name. */

const cache = new Map<string, number>();

/** FNV-1a over the string's UTF-16 code units, finished with murmur3's fmix32; memoised. */
export function hashString(s: string): number {
  let h = cache.get(s);
  if (h !== undefined) return h;
  h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  h = fmix32(h);
  if (cache.size < 4096) cache.set(s, h);
  return h;
}

/** murmur3's 32-bit finaliser: every input bit affects every output bit. */
export function fmix32(h: number): number {
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Combines a parent hash with a child hash, order-sensitively (a/b ≠ b/a). */
export function combineHashes(parent: number, child: number): number {
  return fmix32((Math.imul(parent ^ 0x9e3779b9, 0x01000193) + child) >>> 0);
}
