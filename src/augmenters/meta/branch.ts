// What meta augmenters that run children on an image of their own share: a branch option (an augmenter, a list of
// them run as a Sequential, or nothing), and scratch images per nesting depth for the children's results.
import { argumentError } from '../../core/errors.ts';
import type { Image, PixelArray, Shape } from '../../core/image.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { Augmenter } from '../base/augmenter.ts';
import type { OptionDef } from '../base/define.ts';
import { Sequential } from './sequential.ts';

/** What a user passes for a branch: an augmenter, a list of them (run as a Sequential), or nothing. */
export type Branch = Augmenter | readonly Augmenter[] | undefined;

/** A branch as one augmenter: a list becomes a Sequential of it. */
function asAugmenter(value: Branch): Augmenter | undefined {
  return Array.isArray(value) ? Sequential(value) : (value as Augmenter | undefined);
}

/**
 * An option holding a branch (Sometimes' `then`, BlendAlpha's `foreground`): an augmenter, a list of them run one
 * after the other, or nothing (undefined); its JSON form is the child's, or a list of children.
 */
export function branchOption(doc: string): OptionDef<Branch, Augmenter | undefined> {
  return {
    default: undefined,
    meta: { type: 'augmenter | augmenter[]', doc },
    parse(owner, option, value) {
      if (value === undefined || value === null) return undefined;
      if (value instanceof Augmenter || Array.isArray(value)) return asAugmenter(value as Branch);
      throw argumentError(owner, option, 'an augmenter, an array of augmenters, or nothing', value, 'type');
    },
    toJSON: (value) => asAugmenter(value)?.childJSON(),
    fromJSON: (value, path, build) =>
      Array.isArray(value) ? value.map((c, i) => build(c, `${path}[${i}]`)) : build(value, path),
  };
}

// Scratch images of the running derived-image calls: `SLOTS` per nesting depth (a meta augmenter among the
// children of another gets the next depth), each grown to the largest image it has held.
const SLOTS = 4;
const scratch = new Scratch();
let depth = 0;

/** Gives a scratch image of `shape` (with `like`'s dtype) in slot 0…3 of the calling depth. */
export type ScratchImage = (slot: number, like: PixelArray, shape: Shape) => Image;

/**
 * Runs `work` with scratch images that belong to this call alone: images that children write their results into
 * (BlendAlpha's branches, a colour space's converted image) without a new buffer per call. A call made from inside
 * `work` (a child that is itself such a meta augmenter) gets other buffers. The images are valid until `work`
 * returns; nothing may keep them.
 */
export function withScratchImages<T>(work: (image: ScratchImage) => T): T {
  const level = depth++;
  try {
    return work((slot, like, shape) => {
      if (slot < 0 || slot >= SLOTS) throw new RangeError(`withScratchImages: slot ${slot} is not in 0…${SLOTS - 1}`);
      const n = shape.height * shape.width * shape.channels;
      return {
        data: scratch.like(level * SLOTS + slot, like, n),
        height: shape.height,
        width: shape.width,
        channels: shape.channels,
      };
    });
  } finally {
    depth--;
  }
}

/**
 * A branch's result for `image`: the image itself when there is no branch (nothing is copied), else the child's
 * output written into `into` (of the child's output shape).
 */
export function runBranch(child: Augmenter | undefined, params: unknown, image: Image, into: () => Image): Image {
  if (child === undefined) return image;
  const out = into();
  child.applyInto(image, params, out);
  return out;
}
