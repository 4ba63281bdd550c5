// The steps every mask-blending augmenter shares (BlendAlphaMask and its wrappers): the branches' draws and the
// mask generator's, the mask made where it is needed, the blend and where labels go.
import type { Image, Shape } from '../../core/image.ts';
import type { Warp } from '../../geometry/warp.ts';
import type { RandomSource } from '../../random/stream.ts';
import type { ScratchImage } from '../meta/branch.ts';
import {
  type BranchParams,
  type Branches,
  type Opacity,
  applyBranches,
  applyBranchesBatch,
  branchWarp,
  drawBranches,
} from './branches.ts';
import type { MaskGenerator } from './mask-generator.ts';

/** One image's draws: the branches' and the mask generator's. */
export interface MaskBlendParams extends BranchParams {
  readonly mask: unknown;
}

/** What a mask-blending augmenter prepares: its branches and its generator. */
export interface MaskBlendPrepared extends Branches {
  readonly generator: MaskGenerator;
}

const FLOAT32 = new Float32Array(0);
const NO_ALPHAS: readonly number[] = [];

/** The image's mask (of the branches' output size) in scratch slot 2. */
function maskOpacity(generator: MaskGenerator, params: MaskBlendParams, scratch: ScratchImage): Opacity {
  const shape = params.output;
  const channels = generator.channelsOf(params.mask, shape);
  const mask = scratch(2, FLOAT32, { height: shape.height, width: shape.width, channels }).data as Float32Array;
  generator.fill(params.mask, shape, mask);
  return { alphas: NO_ALPHAS, mask };
}

/** drawParams, outputShape, warp, apply and applyBatch of an augmenter that blends its branches with a mask. */
export function maskBlendSteps(type: string) {
  return {
    drawParams(prepared: MaskBlendPrepared, random: RandomSource, shape: Shape): MaskBlendParams {
      const branches = drawBranches(type, prepared, random, shape);
      return { ...branches, mask: prepared.generator.draw(random, branches.output) };
    },
    outputShape: (_prepared: MaskBlendPrepared, _shape: Shape, params: MaskBlendParams): Shape => params.output,
    // Labels take the foreground's or the background's moves by the mask, as imgaug chooses (see the 'blend' Warp).
    warp(prepared: MaskBlendPrepared, shape: Shape, params: MaskBlendParams): Warp {
      const { output } = params;
      const channels = prepared.generator.channelsOf(params.mask, output);
      const mask = { data: new Float32Array(output.height * output.width * channels), ...output, channels };
      prepared.generator.fill(params.mask, output, mask.data);
      const fg = branchWarp(prepared, shape, params, true);
      const bg = branchWarp(prepared, shape, params, false);
      return { kind: 'blend', fg, bg, mask, output };
    },
    apply(image: Image, params: MaskBlendParams, out: Image, prepared: MaskBlendPrepared): void {
      applyBranches(prepared, params, (scratch) => maskOpacity(prepared.generator, params, scratch), image, out);
    },
    applyBatch(
      batch: Image,
      params: readonly MaskBlendParams[],
      out: Image,
      size: number,
      prepared: MaskBlendPrepared,
    ) {
      const { width, channels } = batch;
      const uniform = { data: batch.data, n: params.length, height: size / (width * channels), width, channels };
      return applyBranchesBatch(
        prepared,
        params,
        (i, scratch) => maskOpacity(prepared.generator, params[i], scratch),
        uniform,
        out.data,
      );
    },
  };
}
