/**
 * numpy's `np.round` and OpenCV's `cvRound` (within int32): the nearest integer, ties to the even one. imgaug and
 * OpenCV round this way wherever augkit matches their bytes; `Math.round` sends ties up.
 */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}
