/**
 * The walkthrough's convolutional network for 28×28 grey images and 10 classes.
 */
import * as tf from '@tensorflow/tfjs';

/** Options for {@link createModel}. */
export interface ModelOptions {
  /** Seed of the weight initialisers; the same seed gives the same initial weights on every backend. Default 0. */
  readonly seed?: number;
  /** Input height × width × channels. Default `[28, 28, 1]` (Fashion-MNIST). */
  readonly inputShape?: readonly [number, number, number];
  /** Number of classes (size of the logits). Default 10. */
  readonly numClasses?: number;
}

/**
 * Builds the walkthrough's CNN: conv2d 64 3×3 valid → maxPool 2 → relu → conv2d 128 3×3 valid → maxPool 2 → relu →
 * flatten (3200 for 28×28) → dense 256 relu → dense `numClasses`.
 *
 * The output is logits (no softmax): pair it with softmax cross-entropy, and apply `tf.softmax` for probabilities.
 * Kernels use Glorot-uniform initialisation seeded from `seed` (one derived seed per layer), biases start at 0, so
 * a model is reproducible without `Math.random()`. Max-pooling comes before the relu as in the walkthrough; the
 * result is the same as relu first, since both are monotone.
 *
 * @example
 * const model = createModel({ seed: 42 });
 * const logits = model.predict(tf.zeros([1, 28, 28, 1])) as tf.Tensor; // [1, 10]
 */
export function createModel(options: ModelOptions = {}): tf.LayersModel {
  const seed = options.seed ?? 0;
  const inputShape = options.inputShape ?? [28, 28, 1];
  const numClasses = options.numClasses ?? 10;
  if (!Number.isInteger(seed)) throw new RangeError(`createModel: seed must be an integer; received ${seed}`);
  if (!Number.isInteger(numClasses) || numClasses < 2) {
    throw new RangeError(`createModel: numClasses must be an integer ≥ 2; received ${numClasses}`);
  }
  const init = (i: number) => tf.initializers.glorotUniform({ seed: seed * 16 + i });
  return tf.sequential({
    name: 'augkit_cnn',
    layers: [
      tf.layers.conv2d({
        inputShape: [...inputShape],
        filters: 64,
        kernelSize: 3,
        padding: 'valid',
        kernelInitializer: init(1),
        biasInitializer: 'zeros',
        name: 'conv1',
      }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool1' }),
      tf.layers.activation({ activation: 'relu', name: 'relu1' }),
      tf.layers.conv2d({
        filters: 128,
        kernelSize: 3,
        padding: 'valid',
        kernelInitializer: init(2),
        biasInitializer: 'zeros',
        name: 'conv2',
      }),
      tf.layers.maxPooling2d({ poolSize: 2, strides: 2, name: 'pool2' }),
      tf.layers.activation({ activation: 'relu', name: 'relu2' }),
      tf.layers.flatten({ name: 'flatten' }),
      tf.layers.dense({
        units: 256,
        activation: 'relu',
        kernelInitializer: init(3),
        biasInitializer: 'zeros',
        name: 'dense1',
      }),
      tf.layers.dense({ units: numClasses, kernelInitializer: init(4), biasInitializer: 'zeros', name: 'logits' }),
    ],
  });
}
