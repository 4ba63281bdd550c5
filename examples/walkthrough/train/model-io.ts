/**
 * Saving and loading tfjs LayersModels to and from a directory in Node (`model.json` + `weights.bin`, the tfjs
 * file format), without tfjs-node.
 */
import { createHash } from 'node:crypto';
import { mkdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { isAbsolute, join, relative, resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs';

const MODEL_JSON = 'model.json';
const WEIGHTS_BIN = 'weights.bin';

/** A model directory that cannot be written or read; `path` names the file or directory at fault. */
export class ModelDirectoryError extends Error {
  constructor(
    readonly path: string,
    problem: string,
    options?: { cause?: unknown },
  ) {
    super(`${path}: ${problem}`, options);
    this.name = 'ModelDirectoryError';
  }
}

/** model.json as augkit writes it: the tfjs format plus a checksum of the weights. */
interface AugkitModelJSON extends tf.io.ModelJSON {
  /** SHA-256 (hex) of weights.bin, so a torn or corrupted save is reported instead of loaded. */
  weightsSha256?: string;
}

let tempCounter = 0;

/** Writes `data` to `path` through a temporary name in the same directory and a rename, so readers never see half. */
async function writeAtomically(path: string, data: Uint8Array | string): Promise<void> {
  const temp = `${path}.tmp-${process.pid}-${tempCounter++}`;
  try {
    await writeFile(temp, data);
    await rename(temp, path);
  } catch (error) {
    await rm(temp, { force: true });
    throw error;
  }
}

const BYTES: Record<string, number> = { float32: 4, int32: 4, bool: 1, uint8: 1, uint16: 2, float16: 2 };

/** Bytes the manifest's weights need, or undefined when a dtype's size is not fixed (strings). */
function expectedBytes(specs: tf.io.WeightsManifestEntry[]): number | undefined {
  let total = 0;
  for (const spec of specs) {
    const dtype = spec.quantization?.dtype ?? spec.dtype;
    const per = BYTES[dtype];
    if (per === undefined) return undefined;
    total += spec.shape.reduce((a, b) => a * b, 1) * per;
  }
  return total;
}

function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/**
 * A `tf.io` handler that saves a model into `dir` (created if needed) as `model.json` and `weights.bin`, each
 * written under a temporary name and renamed into place, and loads it back from there.
 *
 * Loading checks what it reads and throws a {@link ModelDirectoryError} naming the path and the problem: a missing
 * directory or file, invalid JSON, a model.json without topology or weights manifest, a weights path outside the
 * directory, or weights of the wrong size or checksum.
 *
 * @example
 * await model.save(fileSystemHandler('models/plain'));
 * const again = await tf.loadLayersModel(fileSystemHandler('models/plain'));
 */
export function fileSystemHandler(dir: string): tf.io.IOHandler {
  const root = resolve(dir);
  return {
    async save(artifacts: tf.io.ModelArtifacts): Promise<tf.io.SaveResult> {
      if (artifacts.modelTopology instanceof ArrayBuffer) {
        throw new ModelDirectoryError(root, 'saving a binary (GraphDef) topology is not supported');
      }
      const weights = new Uint8Array(tf.io.CompositeArrayBuffer.join(artifacts.weightData ?? []));
      const json: AugkitModelJSON = {
        modelTopology: artifacts.modelTopology ?? {},
        format: artifacts.format ?? 'layers-model',
        generatedBy: artifacts.generatedBy ?? `TensorFlow.js tfjs-layers v${tf.version_layers}`,
        convertedBy: artifacts.convertedBy ?? null,
        weightsManifest: [{ paths: [`./${WEIGHTS_BIN}`], weights: artifacts.weightSpecs ?? [] }],
        weightsSha256: sha256(weights),
      };
      if (artifacts.trainingConfig !== undefined) json.trainingConfig = artifacts.trainingConfig;
      if (artifacts.userDefinedMetadata !== undefined) json.userDefinedMetadata = artifacts.userDefinedMetadata;
      if (artifacts.modelInitializer !== undefined) json.modelInitializer = artifacts.modelInitializer;
      try {
        await mkdir(root, { recursive: true });
        // Weights first: model.json appearing is what marks the save complete, and its checksum catches a crash
        // between the two renames.
        await writeAtomically(join(root, WEIGHTS_BIN), weights);
        await writeAtomically(join(root, MODEL_JSON), JSON.stringify(json));
      } catch (error) {
        throw new ModelDirectoryError(root, `could not save the model: ${(error as Error).message}`, { cause: error });
      }
      return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
    },

    async load(): Promise<tf.io.ModelArtifacts> {
      const modelPath = join(root, MODEL_JSON);
      const info = await stat(root).catch(() => undefined);
      if (info === undefined) throw new ModelDirectoryError(root, 'the model directory does not exist');
      if (!info.isDirectory()) throw new ModelDirectoryError(root, 'is a file, not a model directory');
      let text: string;
      try {
        text = await readFile(modelPath, 'utf8');
      } catch (error) {
        const missing = (error as { code?: string }).code === 'ENOENT';
        throw new ModelDirectoryError(
          modelPath,
          missing ? 'missing: this is not a saved model directory' : `unreadable: ${(error as Error).message}`,
          { cause: error },
        );
      }
      let json: AugkitModelJSON;
      try {
        json = JSON.parse(text);
      } catch (error) {
        throw new ModelDirectoryError(modelPath, `is not valid JSON (${(error as Error).message})`, { cause: error });
      }
      if (json === null || typeof json !== 'object' || typeof json.modelTopology !== 'object' || !json.modelTopology) {
        throw new ModelDirectoryError(modelPath, 'has no modelTopology object');
      }
      if (!Array.isArray(json.weightsManifest)) {
        throw new ModelDirectoryError(modelPath, 'has no weightsManifest array');
      }
      return tf.io.getModelArtifactsForJSON(json, async (manifest) => {
        const specs: tf.io.WeightsManifestEntry[] = [];
        const parts: Uint8Array[] = [];
        for (const group of manifest) {
          if (!Array.isArray(group?.paths) || !Array.isArray(group.weights)) {
            throw new ModelDirectoryError(modelPath, 'has a weightsManifest entry without paths or weights');
          }
          specs.push(...group.weights);
          for (const p of group.paths) {
            const file = resolve(root, p);
            const rel = relative(root, file);
            if (rel.startsWith('..') || isAbsolute(rel)) {
              throw new ModelDirectoryError(modelPath, `names a weights file outside the directory: ${p}`);
            }
            try {
              parts.push(await readFile(file));
            } catch (error) {
              throw new ModelDirectoryError(file, `weights file unreadable: ${(error as Error).message}`, {
                cause: error,
              });
            }
          }
        }
        const weights = new Uint8Array(parts.reduce((n, b) => n + b.length, 0));
        let offset = 0;
        for (const b of parts) {
          weights.set(b, offset);
          offset += b.length;
        }
        const want = expectedBytes(specs);
        if (want !== undefined && want !== weights.length) {
          throw new ModelDirectoryError(
            join(root, WEIGHTS_BIN),
            `weights hold ${weights.length} bytes but model.json describes ${want}: truncated or mismatched`,
          );
        }
        if (json.weightsSha256 !== undefined && json.weightsSha256 !== sha256(weights)) {
          throw new ModelDirectoryError(join(root, WEIGHTS_BIN), 'checksum differs from model.json: corrupted');
        }
        return [specs, weights.buffer];
      });
    },
  };
}

/**
 * Saves `model` (architecture, weights and, when compiled, its training config) into `dir` as `model.json` +
 * `weights.bin`, replacing a model saved there before. The directory is created if needed.
 *
 * @example
 * await saveModel(model, 'report/models/aug');
 */
export async function saveModel(model: tf.LayersModel, dir: string): Promise<tf.io.SaveResult> {
  return model.save(fileSystemHandler(dir));
}

/**
 * Loads a model saved by {@link saveModel} (or any tfjs `layers-model` directory with relative weight paths).
 * Throws a {@link ModelDirectoryError} naming the path and the problem when the directory is missing or corrupt.
 *
 * @example
 * const model = await loadModel('report/models/aug');
 */
export async function loadModel(dir: string): Promise<tf.LayersModel> {
  const handler = fileSystemHandler(dir);
  try {
    return await tf.loadLayersModel(handler);
  } catch (error) {
    if (error instanceof ModelDirectoryError) throw error;
    throw new ModelDirectoryError(
      join(resolve(dir), MODEL_JSON),
      `is not a loadable model: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}
