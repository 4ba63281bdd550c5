/**
 * The one place that chooses the TensorFlow.js backend for training and evaluation.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-wasm';
import { registerWasmTrainingKernels } from './wasm-kernels.ts';

/** The backends augkit can train on. */
export type BackendName = 'wasm' | 'cpu' | 'node';

/** tfjs-node registers its backend under this name. */
const NODE_BACKEND = 'tensorflow';

/**
 * Selects and initialises a TensorFlow.js backend, and returns the name tfjs knows it by.
 *
 * - `'wasm'` (default): the SIMD wasm backend, plus augkit's training kernels (`registerWasmTrainingKernels`:
 *   the missing Conv2DBackpropFilter, a correct MaxPoolGrad, faster Conv2DBackpropInput, BatchMatMul and Sum).
 *   Calling it again is harmless.
 * - `'cpu'`: tfjs's plain JavaScript backend; slow, used as the reference in tests. Its one-time
 *   "install tfjs-node" banner is not printed.
 * - `'node'`: `@tensorflow/tfjs-node` (libtensorflow) when it is installed; it is not a dependency of augkit, so
 *   without it this throws an error that says how to install it.
 *
 * @example
 * await initBackend();          // wasm
 * await initBackend('cpu');     // reference backend
 */
export async function initBackend(name: BackendName = 'wasm'): Promise<string> {
  switch (name) {
    case 'wasm': {
      await setBackendOrThrow('wasm');
      registerWasmTrainingKernels();
      return 'wasm';
    }
    case 'cpu': {
      await setBackendOrThrow('cpu');
      muteCpuBanner();
      return 'cpu';
    }
    case 'node': {
      await importTfjsNode();
      await setBackendOrThrow(NODE_BACKEND);
      return NODE_BACKEND;
    }
    default:
      throw new RangeError(
        `initBackend: name must be 'wasm', 'cpu' or 'node'; received ${JSON.stringify(name as unknown)}`,
      );
  }
}

async function setBackendOrThrow(name: string): Promise<void> {
  const ok = await tf.setBackend(name);
  if (!ok) throw new Error(`initBackend: the ${name} backend failed to initialise (see the warning above)`);
  await tf.ready();
}

/**
 * The cpu backend prints its "install tfjs-node" banner through tfjs's warning channel on its first tensor
 * write. Making that first write while tfjs's own production flag mutes warnings, then restoring the flag,
 * drops exactly that message and leaves every later warning alone.
 */
function muteCpuBanner(): void {
  const env = tf.env();
  const prod = env.getBool('PROD');
  env.set('PROD', true);
  try {
    tf.tidy(() => tf.scalar(0));
  } finally {
    env.set('PROD', prod);
  }
}

async function importTfjsNode(): Promise<void> {
  // A variable specifier keeps TypeScript and bundlers from requiring the optional package.
  const specifier = '@tensorflow/tfjs-node';
  try {
    await import(specifier);
  } catch (error) {
    const code = (error as { code?: string }).code;
    if (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') {
      throw new Error(
        `initBackend: backend 'node' needs ${specifier}, which is not installed. Install it with ` +
          `\`npm install ${specifier}@${tf.version_core}\` (it downloads libtensorflow), or use the 'wasm' backend.`,
        { cause: error },
      );
    }
    throw new Error(`initBackend: ${specifier} is installed but failed to load: ${(error as Error).message}`, {
      cause: error,
    });
  }
}
