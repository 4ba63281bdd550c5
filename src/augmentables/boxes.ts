// Box formats in and out: the xyxy corners augkit keeps, COCO's xywh, centre form cxcywh and YOLO's normalised
// centre form.
import { argumentError } from '../core/errors.ts';
import type { BoundingBox } from './types.ts';

/**
 * - `xyxy`: [x1, y1, x2, y2], the corners (augkit's own form, Pascal VOC's);
 * - `xywh`: [x, y, width, height], the top-left corner and the size (COCO);
 * - `cxcywh`: [cx, cy, width, height], the centre and the size;
 * - `yolo`: cxcywh divided by the image's width and height (values in [0, 1] for boxes inside the image).
 */
export type BoxFormat = 'xyxy' | 'xywh' | 'cxcywh' | 'yolo';

/** Every box format `boxFrom` and `boxTo` convert between. */
export const BOX_FORMATS: readonly BoxFormat[] = ['xyxy', 'xywh', 'cxcywh', 'yolo'];

/** The image size `yolo` is normalised by. */
export interface ImageSize {
  readonly height: number;
  readonly width: number;
}

function checkFormat(owner: string, format: unknown): asserts format is BoxFormat {
  if (!BOX_FORMATS.includes(format as BoxFormat)) {
    throw argumentError(owner, 'format', `one of ${BOX_FORMATS.join(', ')}`, format);
  }
}

function scaleOf(owner: string, format: BoxFormat, size: ImageSize | undefined): [number, number] {
  if (format !== 'yolo') return [1, 1];
  const ok = (v: unknown) => typeof v === 'number' && Number.isFinite(v) && v > 0;
  if (!size || !ok(size.width) || !ok(size.height)) {
    throw argumentError(owner, 'size', "the image's { height, width } (positive numbers) for 'yolo'", size, 'type');
  }
  return [size.width, size.height];
}

/**
 * A box from four numbers in `format` (`size`: the image's, for `yolo`), with an optional label.
 * @example boxFrom([10, 20, 30, 40], 'xywh') // { x1: 10, y1: 20, x2: 40, y2: 60 }
 * @example boxFrom([0.5, 0.5, 0.2, 0.4], 'yolo', { height: 100, width: 200 }) // { x1: 80, y1: 30, x2: 120, y2: 70 }
 */
export function boxFrom(values: ArrayLike<number>, format: BoxFormat, size?: ImageSize, label?: string): BoundingBox {
  const owner = 'boxFrom';
  checkFormat(owner, format);
  if (values === null || typeof values !== 'object' || values.length !== 4) {
    throw argumentError(owner, 'values', 'four numbers', values, 'type');
  }
  for (let i = 0; i < 4; i++) {
    if (typeof values[i] !== 'number' || !Number.isFinite(values[i])) {
      throw argumentError(owner, `values[${i}]`, 'a finite number', values[i], 'type');
    }
  }
  const [sx, sy] = scaleOf(owner, format, size);
  const [a, b, c, d] = [values[0] * sx, values[1] * sy, values[2] * sx, values[3] * sy];
  const withLabel = label === undefined ? {} : { label };
  switch (format) {
    case 'xyxy':
      return { x1: a, y1: b, x2: c, y2: d, ...withLabel };
    case 'xywh':
      return { x1: a, y1: b, x2: a + c, y2: b + d, ...withLabel };
    default:
      return { x1: a - c / 2, y1: b - d / 2, x2: a + c / 2, y2: b + d / 2, ...withLabel };
  }
}

/**
 * A box's four numbers in `format` (`size`: the image's, for `yolo`).
 * @example boxTo({ x1: 10, y1: 20, x2: 40, y2: 60 }, 'cxcywh') // [25, 40, 30, 40]
 */
export function boxTo(box: BoundingBox, format: BoxFormat, size?: ImageSize): [number, number, number, number] {
  const owner = 'boxTo';
  checkFormat(owner, format);
  const [sx, sy] = scaleOf(owner, format, size);
  const { x1, y1, x2, y2 } = box;
  switch (format) {
    case 'xyxy':
      return [x1, y1, x2, y2];
    case 'xywh':
      return [x1, y1, x2 - x1, y2 - y1];
    default:
      return [(x1 + x2) / 2 / sx, (y1 + y2) / 2 / sy, (x2 - x1) / sx, (y2 - y1) / sy];
  }
}
