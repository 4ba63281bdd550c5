// The optional peer dependencies (sharp for image files; TensorFlow.js for augkit/tfjs and the walkthrough), loaded on
// first use so that `npm install augkit` installs augkit alone and importing augkit/node needs none of them.
import type { Sharp, SharpOptions } from 'sharp';

/** A feature needs an optional peer dependency that is not installed; the message says what to install. */
export class MissingPeerError extends Error {
  override readonly name = 'MissingPeerError';
  constructor(
    /** The package to install, e.g. `sharp`. */
    readonly peer: string,
    /** What needs it, e.g. `readImage`. */
    readonly feature: string,
    options?: ErrorOptions,
  ) {
    super(`${feature} needs ${peer}: npm install ${peer}`, options);
  }
}

/** Whether `error` says that `peer` itself cannot be found (not a module inside it, nor its own failure). */
function isMissing(error: unknown, peer: string): boolean {
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  return (
    (code === 'ERR_MODULE_NOT_FOUND' || code === 'MODULE_NOT_FOUND') &&
    typeof message === 'string' &&
    (message.includes(`'${peer}'`) || message.includes(`"${peer}"`))
  );
}

/**
 * `load()` (a dynamic import of `peer`), or a `MissingPeerError` naming `feature` when `peer` is not installed.
 * Other failures (sharp installed without its binary for this platform, say) pass through with their own message.
 * @example const { default: sharp } = await optionalPeer('sharp', 'readImage', () => import('sharp'));
 */
export async function optionalPeer<T>(peer: string, feature: string, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissing(error, peer)) throw new MissingPeerError(peer, feature, { cause: error });
    throw error;
  }
}

/** sharp's factory: `(await sharpFor('readImage'))(bytes).metadata()`. */
export type SharpFactory = (input?: Buffer | Uint8Array | Uint8ClampedArray | string, options?: SharpOptions) => Sharp;

/** sharp, for `feature` (named in the error when sharp is not installed). Cached by Node's module loader. */
export async function sharpFor(feature: string): Promise<SharpFactory> {
  return (await optionalPeer('sharp', feature, () => import('sharp'))).default as SharpFactory;
}
