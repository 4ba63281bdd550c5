/**
 * The kernel table: every pixel kernel that has a WebAssembly twin, by name, with its TypeScript reference, the twin
 * and the condition under which the twin is tried. Kernel files define their entries with {@link defineKernel} and
 * export the function it returns; augmenters and other kernels call that function and never choose between the two
 * implementations themselves (nor import `kernels/wasm/`).
 *
 * The choice, in one place: a call runs the twin when the entry's condition holds and the twin accepts the job (it
 * declines, having written nothing, where WebAssembly SIMD is missing, after `useWasmKernels(false)`, or when the
 * job is outside what it covers); otherwise the reference runs. Both give the same bytes. {@link kernelRuns} says
 * which ran how often in this thread, for tests and the bench.
 */
import { wasmKernelsAvailable } from './wasm/simd.ts';

export { useWasmKernels, wasmKernelsAvailable, wasmKernelsReady } from './wasm/simd.ts';

/** One kernel's row in the table. `A` is the kernel's argument list, shared by the reference and the twin. */
export interface KernelDefinition<A extends readonly unknown[]> {
  /** The kernel's name in the table and in {@link kernelRuns} (verb-first, like the kernel functions). */
  readonly name: string;
  /** The TypeScript implementation: handles every job, and is what the twin must equal byte for byte. */
  readonly reference: (...args: A) => void;
  /**
   * The WebAssembly twin: runs the whole job and returns true, or returns false having written nothing to the
   * output, when the WebAssembly kernels are off or unavailable in this thread or the job is beyond it.
   */
  readonly wasm?: (...args: A) => boolean;
  /** Jobs the twin is tried on (dtype, channels, a size below which the call costs more than it saves); default all. */
  readonly when?: (...args: A) => boolean;
  /** {@link KernelDefinition.when} in words, for {@link kernelTable}. */
  readonly condition?: string;
}

/** How often each implementation of one kernel ran in this thread since the last {@link resetKernelRuns}. */
export interface KernelRuns {
  readonly wasm: number;
  readonly typescript: number;
  /**
   * Of the `typescript` runs, those where the twin was asked (its condition held) and declined: WebAssembly missing
   * or still compiling, or a job beyond the twin (say, too large for its memory).
   */
  readonly declined: number;
}

/** A kernel's row as {@link kernelTable} lists it. */
export interface KernelInfo {
  readonly name: string;
  /** Whether it has a WebAssembly twin. */
  readonly wasm: boolean;
  /** When the twin is tried (besides the WebAssembly kernels running in this thread). */
  readonly condition: string;
}

interface Row {
  readonly info: KernelInfo;
  runs: { wasm: number; typescript: number; declined: number };
}

const rows = new Map<string, Row>();

/**
 * Adds a kernel to the table and returns the function that runs it: the twin where its condition holds and it
 * accepts the job, else the reference. Throws when the name is taken (two kernels would share one counter).
 * @example export const grayRgb = defineKernel({ name: 'grayRgb', reference: grayRgbLoop, wasm: grayRgbU8Wasm });
 */
export function defineKernel<A extends readonly unknown[]>(definition: KernelDefinition<A>): (...args: A) => void {
  const { name, reference, wasm, when } = definition;
  if (rows.has(name)) throw new Error(`augkit: the kernel table already has a kernel named '${name}'`);
  const row: Row = {
    info: { name, wasm: wasm !== undefined, condition: wasm === undefined ? '' : (definition.condition ?? 'always') },
    runs: { wasm: 0, typescript: 0, declined: 0 },
  };
  rows.set(name, row);
  if (wasm === undefined) {
    return (...args: A): void => {
      row.runs.typescript++;
      reference(...args);
    };
  }
  return (...args: A): void => {
    if ((when === undefined || when(...args)) && wasmKernelsAvailable()) {
      if (wasm(...args)) {
        row.runs.wasm++;
        return;
      }
      row.runs.declined++;
    }
    row.runs.typescript++;
    reference(...args);
  };
}

/** Every kernel defined so far (the kernel modules imported in this thread), in the order they were defined. */
export function kernelTable(): KernelInfo[] {
  return [...rows.values()].map((row) => row.info);
}

/**
 * A snapshot of how often each kernel's twin and reference ran in this thread since the last
 * {@link resetKernelRuns} (kernels that did not run are listed with zeros). Worker threads count their own runs.
 * @example resetKernelRuns(); aug.augmentImages(batch); kernelRuns().grayRgb // { wasm: 1, typescript: 0, declined: 0 }
 */
export function kernelRuns(): Record<string, KernelRuns> {
  const out: Record<string, KernelRuns> = {};
  for (const [name, row] of rows) out[name] = { ...row.runs };
  return out;
}

/** Sets every kernel's counts in this thread back to zero. */
export function resetKernelRuns(): void {
  for (const row of rows.values()) row.runs = { wasm: 0, typescript: 0, declined: 0 };
}
