/**
 * imgaug's uniform colour quantization tables (`_QuantizeUniformLUTTable`): the uint8 value v goes to the lower
 * edge of its bin, floor(v / q) · q, or to the bin's centre, + q / 2, for q = 256 / bins, computed in float32 and
 * rounded half to even (numpy's round).
 */

const f32 = Math.fround;

/**
 * Fills `table` (256 entries) with the quantization of every uint8 value into `bins` equal bins (2–256), to the bins'
 * centres or lower edges. 256 bins keep every value.
 */
export function quantizeUniformTable(bins: number, toBinCenters: boolean, table: Uint8Array): Uint8Array {
  const size = f32(256 / bins);
  const half = f32(size / 2);
  for (let v = 0; v < 256; v++) {
    if (bins === 256) {
      table[v] = v;
      continue;
    }
    let q = f32(Math.floor(f32(v / size)) * size);
    if (toBinCenters) q = f32(q + half);
    const r = Math.round(q);
    const even = r - q === 0.5 && (r & 1) !== 0 ? r - 1 : r;
    table[v] = even < 0 ? 0 : even > 255 ? 255 : even;
  }
  return table;
}
