// The foreground and background branches every BlendAlpha* augmenter runs, and how their results are blended.
import { argumentError } from '../../core/errors.ts';
import type { Image, Shape, UniformBatch } from '../../core/image.ts';
import { type Warp, identityWarp } from '../../geometry/warp.ts';
import { blendImages } from '../../kernels/blend.ts';
import type { RandomSource } from '../../random/stream.ts';
import type { Augmenter } from '../base/augmenter.ts';
import { type ScratchImage, branchOption, runBranch, withScratchImages } from '../meta/branch.ts';

/** imgaug's `epsilon`: alphas all at least 1 − EPS show the foreground alone, all at most EPS the background. */
export const BLEND_EPS = 0.01;

/** The two branch options, with imgaug's docs. */
export function branchOptions() {
  return {
    foreground: branchOption(
      'What makes the foreground (shown where the opacity is high): an augmenter or a list run in order; none keeps the image.',
    ),
    background: branchOption(
      'What makes the background (shown where the opacity is low): an augmenter or a list run in order; none keeps the image.',
    ),
  };
}

/** The branches of a blend augmenter (after parsing): at least one is given. */
export interface Branches {
  readonly foreground: Augmenter | undefined;
  readonly background: Augmenter | undefined;
}

/** What the branches drew for one image, and the shape both produce. */
export interface BranchParams {
  readonly fg: unknown;
  readonly bg: unknown;
  readonly output: Shape;
}

/** Throws the template error unless a foreground or a background is given (imgaug asserts it). */
export function checkBranches(owner: string, { foreground, background }: Branches): void {
  if (foreground === undefined && background === undefined) {
    throw argumentError(owner, 'foreground', 'an augmenter or a list of them (or a background)', foreground, 'type');
  }
}

/**
 * Draws each branch's params at its own address (`foreground`, `background`), and checks that both give images of
 * one shape (imgaug's `blend_alpha` requires it): a branch that crops and one that does not cannot be blended.
 */
export function drawBranches(owner: string, branches: Branches, random: RandomSource, shape: Shape): BranchParams {
  const { foreground, background } = branches;
  const fg = foreground?.drawParams(foreground.childSource(random, 'foreground'), shape);
  const bg = background?.drawParams(background.childSource(random, 'background'), shape);
  const fgShape = foreground ? foreground.outputShape(shape, fg) : shape;
  const bgShape = background ? background.outputShape(shape, bg) : shape;
  if (fgShape.height !== bgShape.height || fgShape.width !== bgShape.width || fgShape.channels !== bgShape.channels) {
    const text = (s: Shape) => `${s.height}×${s.width}×${s.channels}`;
    throw argumentError(
      owner,
      'foreground',
      'branches whose images have one shape',
      `${text(fgShape)} (foreground) and ${text(bgShape)} (background)`,
      'range',
      'the two results are blended value by value',
    );
  }
  return { fg, bg, output: fgShape };
}

/** Where the labels go: with the foreground's images when `foreground`, else with the background's. */
export function branchWarp(branches: Branches, shape: Shape, params: BranchParams, foreground: boolean): Warp {
  const child = foreground ? branches.foreground : branches.background;
  return child ? child.warpOf(shape, foreground ? params.fg : params.bg) : identityWarp(shape);
}

/** Which result an image gets: the foreground's alone, the background's alone, or their blend. */
export type BlendChoice = 'foreground' | 'background' | 'blend';

/** imgaug's shortcut: every alpha ≥ 1 − eps shows the foreground, every alpha ≤ eps the background. */
export function blendChoice(alphas: ArrayLike<number>): BlendChoice {
  let all1 = true;
  let all0 = true;
  for (let i = 0; i < alphas.length && (all1 || all0); i++) {
    if (!(alphas[i] >= 1 - BLEND_EPS)) all1 = false;
    if (!(alphas[i] <= BLEND_EPS)) all0 = false;
  }
  return all1 ? 'foreground' : all0 ? 'background' : 'blend';
}

/** The opacity of one image's foreground: one alpha, one per channel, or a mask (per pixel or per value). */
export interface Opacity {
  readonly alphas: ArrayLike<number>;
  readonly mask?: Float32Array;
}

/** Makes one image's opacity, a mask in scratch slot 2 or 3 if it has one (see `withScratchImages`). */
export type MakeOpacity = (scratch: ScratchImage) => Opacity;

/** Which result the opacity gives: the foreground's alone, the background's alone, or their blend. */
function choiceOf({ alphas, mask }: Opacity): BlendChoice {
  return blendChoice(mask ?? alphas);
}

/**
 * One image: the branch the opacity picks alone (imgaug's shortcut) written straight into `out`, or both branches
 * into scratch images (the input itself for an absent branch) blended into `out`.
 */
export function applyBranches(
  branches: Branches,
  params: BranchParams,
  opacityOf: MakeOpacity,
  image: Image,
  out: Image,
): void {
  const { foreground, background } = branches;
  withScratchImages((scratch) => {
    const opacity = opacityOf(scratch);
    const choice = choiceOf(opacity);
    if (choice !== 'blend') {
      const child = choice === 'foreground' ? foreground : background;
      if (child === undefined) out.data.set(image.data);
      else child.applyInto(image, choice === 'foreground' ? params.fg : params.bg, out);
      return;
    }
    const fg = runBranch(foreground, params.fg, image, () => scratch(0, image.data, params.output));
    const bg = runBranch(background, params.bg, image, () => scratch(1, image.data, params.output));
    blendImages({
      fg: fg.data,
      bg: bg.data,
      out: out.data,
      channels: out.channels,
      alphas: opacity.alphas,
      mask: opacity.mask,
    });
  });
}

/**
 * A uniform batch whose images keep their shape: each branch runs over the whole batch in one call (its batch
 * kernel where it has one; skipped when `needed` says no image uses it), then each image gets its branch or the
 * blend. Returns false, having written nothing, when a branch changes an image's shape. The bytes are those of
 * {@link applyBranches} image by image.
 */
export function applyBranchesBatch(
  branches: Branches,
  params: readonly BranchParams[],
  opacityOf: (i: number, scratch: ScratchImage) => Opacity,
  batch: UniformBatch,
  out: Uint8Array | Float32Array,
  needed: { readonly foreground: boolean; readonly background: boolean } = { foreground: true, background: true },
): boolean {
  const { n, height, width, channels } = batch;
  for (const p of params) {
    if (p.output.height !== height || p.output.width !== width || p.output.channels !== channels) return false;
  }
  const size = height * width * channels;
  const { foreground, background } = branches;
  return withScratchImages((scratch) => {
    const whole = { height: height * n, width, channels };
    const fgAll = foreground && needed.foreground ? scratch(0, batch.data, whole).data : undefined;
    const bgAll = background && needed.background ? scratch(1, batch.data, whole).data : undefined;
    if (fgAll && foreground)
      foreground.applyBatchInto(
        batch,
        params.map((p) => p.fg),
        fgAll,
      );
    if (bgAll && background)
      background.applyBatchInto(
        batch,
        params.map((p) => p.bg),
        bgAll,
      );
    for (let i = 0; i < n; i++) {
      const at = i * size;
      const to = out.subarray(at, at + size);
      const fg = (fgAll ?? batch.data).subarray(at, at + size);
      const bg = (bgAll ?? batch.data).subarray(at, at + size);
      const opacity = opacityOf(i, scratch);
      const choice = choiceOf(opacity);
      if (choice === 'foreground') to.set(fg);
      else if (choice === 'background') to.set(bg);
      else blendImages({ fg, bg, out: to, channels, alphas: opacity.alphas, mask: opacity.mask });
    }
    return true;
  });
}
