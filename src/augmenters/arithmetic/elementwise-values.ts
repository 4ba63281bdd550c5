import { combineValues } from '../../kernels/replace.ts';
import { Scratch } from '../../kernels/scratch.ts';
import { drawNamed } from '../../params/constant.ts';
import type { Param } from '../../params/param.ts';
import type { NumberInput, ProbabilityInput } from '../../params/sugar.ts';
import type { RandomStream } from '../../random/stream.ts';
import type { AugmenterDefinition, OptionDef } from '../base/define.ts';
import { probabilityOption } from '../base/options.ts';

/** Whether this image gets one value per channel, and the address of its per-pixel values. */
export interface ElementwiseValuesParams {
  readonly perChannel: boolean;
  readonly values: RandomStream;
}

/** The option definitions of AddElementwise and MultiplyElementwise: the value option `K` and `perChannel`. */
export type ElementwiseValuesOptions<K extends string> = Record<K, OptionDef<NumberInput, Param<number>>> & {
  perChannel: OptionDef<ProbabilityInput, Param<number>>;
};
/** Their parsed options. */
export type ElementwiseValuesParsed<K extends string> = Record<K, Param<number>> & { perChannel: Param<number> };

// The image's values (apply runs one image at a time).
const scratch = new Scratch();

/**
 * The definition AddElementwise and MultiplyElementwise share: the value option `name` is drawn once per pixel (or
 * per value with `perChannel`, decided per image) from the stream `name`, in row-major order, and combined with the
 * image by `op` (kernels/replace.ts's `combineValues`).
 */
export function elementwiseValuesDefinition<const K extends string>(spec: {
  readonly type: string;
  readonly name: K;
  readonly option: OptionDef<NumberInput, Param<number>>;
  readonly op: 'add' | 'multiply';
  readonly examples: readonly Record<string, unknown>[];
}): AugmenterDefinition<ElementwiseValuesOptions<K>, ElementwiseValuesParams, ElementwiseValuesParsed<K>, K> {
  const { name, op } = spec;
  const options = {
    [name]: spec.option,
    perChannel: probabilityOption(false, 'Whether each channel gets its own values (or the probability that it does).'),
  } as ElementwiseValuesOptions<K>;
  return {
    type: spec.type,
    kind: 'pixel',
    primary: name,
    options,
    examples: spec.examples,
    drawParams: (o, random) => ({
      perChannel: drawNamed(o.perChannel, random, 'perChannel') > 0.5,
      values: random.stream(name),
    }),
    apply(image, { perChannel, values }, out, o) {
      const step = perChannel ? 1 : image.channels;
      const drawn = scratch.f64(0, image.data.length / step);
      o[name].drawMany(values.restart(), drawn);
      combineValues({ src: image.data, out: out.data, step, values: drawn, op });
    },
  };
}
