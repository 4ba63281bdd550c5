// The messages between the page and its augmentation worker.
import type { BoundingBox, Keypoint } from 'augkit';

/** Pixels as they travel: a uint8 HWC image. */
export interface Pixels {
  readonly data: Uint8Array;
  readonly height: number;
  readonly width: number;
  readonly channels: number;
}

/** The labels of the sample, in imgaug's continuous pixel coordinates. */
export interface SampleLabels {
  readonly boundingBoxes: readonly BoundingBox[];
  readonly keypoints: readonly Keypoint[];
}

/** Page → worker: augment `image` `cells` times (variant k at epoch k, index 0, as `augkit grid`), then time it. */
export interface RunRequest {
  readonly kind: 'run';
  readonly job: number;
  readonly spec: Record<string, unknown>;
  readonly image: Pixels;
  readonly cells: number;
  readonly labels?: SampleLabels;
}

/** Worker → page. */
export type WorkerReply =
  | {
      readonly kind: 'cell';
      readonly job: number;
      readonly k: number;
      readonly image: Pixels;
      /** The moved labels, and the variant with them drawn on it by augkit's drawLabels. */
      readonly labels?: SampleLabels;
      readonly drawn?: Pixels;
      readonly ms: number;
    }
  | {
      readonly kind: 'timing';
      readonly job: number;
      /** Per node path ('' = the root): milliseconds per image of that augmenter (with its children) on the photo. */
      readonly msPerImage: Record<string, number>;
      /** How many nodes are timed so far, of `total`. */
      readonly done: number;
      readonly total: number;
    }
  | { readonly kind: 'done'; readonly job: number }
  | { readonly kind: 'error'; readonly job: number; readonly message: string; readonly path?: string };
