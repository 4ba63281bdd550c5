import { type PixelArray, allocLike, sharedLike } from '../core/image.ts';
import { isShared } from '../kernels/copy.ts';
import { heapArray, heapRelease, inKernelHeap, kernelHeap } from '../kernels/wasm/shared-heap.ts';

/**
 * Memory a DataLoader with `reuseBuffers` recycles: collated inputs and augmented outputs, by type and length. Each
 * list keeps at most `cap` arrays (the batches in flight and the one held): an augmenter that ignores `out` makes a
 * new output per batch, and the oldest free ones are then let go.
 */
export class Recycler {
  private readonly inputs: PixelArray[] = [];
  private readonly outputs: PixelArray[] = [];
  /** An empty `out`: augmentImages then puts a list of outputs of different sizes into one buffer with room. */
  private readonly empty: PixelArray;

  /** Whether the shared arrays come from the kernel heap (where there is one). */
  private readonly heap: boolean;
  /** By an input's length: the length of the memory the last result from such an input was in. */
  private readonly resultLengths = new Map<number, number>();

  /** Notes the memory a result is in: an augmenter that resizes to a fixed size then gets outputs that fit. */
  noteResult(input: PixelArray | undefined, result: PixelArray): void {
    if (input !== undefined) this.resultLengths.set(input.length, result.length);
  }

  constructor(
    private readonly shared: boolean,
    private readonly cap: number,
  ) {
    this.empty = shared ? sharedLike(new Uint8Array(0), 0) : new Uint8Array(0);
    this.heap = shared && kernelHeap() !== null;
  }

  /**
   * An array of `like`'s type and `n` elements for collated images: a free one, or a new one; shared ones in the
   * kernel heap where there is one (the workers' WebAssembly kernels then work on them where they lie).
   */
  readonly input = (like: PixelArray, n: number): PixelArray =>
    take(this.inputs, like, n) ??
    (this.shared ? (this.heap && heapArray(like, n)) || sharedLike(like, n) : allocLike(like, n));

  /**
   * A free output to take the next result (augmentImages' `out`): the shortest that holds the memory the last result
   * from an input of this length was in (a fixed resize's exact size; a list of outputs of varying sizes, the
   * buffer with room it went into), else one of the input's length (most augmenters keep the shape), else the one
   * given back last, else an empty one. One that the result does not use is given back.
   */
  output(input: PixelArray | undefined): PixelArray {
    const last = input && this.resultLengths.get(input.length);
    const free =
      (input && last !== undefined ? takeAtLeast(this.outputs, input, last) : undefined) ??
      (input && take(this.outputs, input, input.length)) ??
      this.outputs.pop();
    if (free !== undefined) return free;
    // The first output of a shape: in the kernel heap, as the inputs, when the input is there.
    return (this.heap && input && inKernelHeap(input) && heapArray(input, input.length)) || this.empty;
  }

  /** Gives back memory that nothing reads any more: a collated batch's (input) or an augmented one's (output). */
  give(data: PixelArray, input: boolean): void {
    if (data.length === 0 || (this.shared && !isShared(data))) return;
    const free = input ? this.inputs : this.outputs;
    // An output outside the kernel heap (a worker's result that did not fit `out`, such as a resized batch's): an
    // array of its length in the heap takes its place, where the next result of that size is worked on.
    if (!input && this.heap && !inKernelHeap(data)) free.push(heapArray(data, data.length) ?? data);
    else free.push(data);
    // The oldest free one goes; its memory back to the kernel heap if it came from there.
    if (free.length > this.cap) heapRelease(free.shift() as PixelArray);
  }
}

/** Removes and returns an array of `like`'s type and `n` elements from `free`, if it holds one. */
function take(free: PixelArray[], like: PixelArray, n: number): PixelArray | undefined {
  const k = free.findIndex((a) => a.length === n && a.constructor === like.constructor);
  return k >= 0 ? free.splice(k, 1)[0] : undefined;
}

/** Removes and returns the shortest array of `like`'s type with at least `n` elements in `free`, if any. */
function takeAtLeast(free: PixelArray[], like: PixelArray, n: number): PixelArray | undefined {
  let k = -1;
  for (let i = 0; i < free.length; i++) {
    const a = free[i];
    if (a.length >= n && a.constructor === like.constructor && (k < 0 || a.length < free[k].length)) k = i;
  }
  return k >= 0 ? free.splice(k, 1)[0] : undefined;
}
