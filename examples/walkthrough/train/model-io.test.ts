import assert from 'node:assert/strict';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { initBackend } from './backend.ts';
import { ModelDirectoryError, loadModel, saveModel } from './model-io.ts';

function smallModel(): tf.LayersModel {
  return tf.sequential({
    layers: [
      tf.layers.dense({
        inputShape: [3],
        units: 4,
        activation: 'relu',
        kernelInitializer: tf.initializers.glorotUniform({ seed: 1 }),
      }),
      tf.layers.dense({
        units: 2,
        kernelInitializer: tf.initializers.glorotUniform({ seed: 2 }),
        biasInitializer: 'ones',
      }),
    ],
  });
}

async function weightsOf(model: tf.LayersModel): Promise<number[][]> {
  return Promise.all(model.getWeights().map(async (w) => Array.from(await w.data())));
}

describe('saveModel / loadModel', () => {
  let root = '';
  before(async () => {
    await initBackend('wasm');
    root = await mkdtemp(join(tmpdir(), 'augkit-model-io-'));
  });
  after(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function saved(name: string): Promise<string> {
    const dir = join(root, name);
    const model = smallModel();
    await saveModel(model, dir);
    model.dispose();
    return dir;
  }

  it('writes model.json and weights.bin only, and loads the same weights and predictions back', async () => {
    const model = smallModel();
    const dir = join(root, 'round-trip', 'nested');
    await saveModel(model, dir);
    assert.deepEqual((await readdir(dir)).sort(), ['model.json', 'weights.bin']);
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    assert.equal(json.format, 'layers-model');
    assert.deepEqual(json.weightsManifest[0].paths, ['./weights.bin']);
    assert.equal((await readFile(join(dir, 'weights.bin'))).length, (3 * 4 + 4 + 4 * 2 + 2) * 4);

    const loaded = await loadModel(dir);
    assert.deepEqual(await weightsOf(loaded), await weightsOf(model));
    const x = tf.tensor2d([[0.5, -1, 2]]);
    const a = model.predict(x) as tf.Tensor;
    const b = loaded.predict(x) as tf.Tensor;
    assert.deepEqual(Array.from(await b.data()), Array.from(await a.data()));
    tf.dispose([x, a, b]);
    model.dispose();
    loaded.dispose();
  });

  it('replaces a model saved in the same directory', async () => {
    const dir = await saved('replace');
    const other = tf.sequential({ layers: [tf.layers.dense({ inputShape: [5], units: 1 })] });
    await saveModel(other, dir);
    const loaded = await loadModel(dir);
    assert.deepEqual(loaded.inputs[0].shape, [null, 5]);
    other.dispose();
    loaded.dispose();
  });

  it('names the directory when it does not exist', async () => {
    const dir = join(root, 'nope');
    await assert.rejects(loadModel(dir), (e: Error) => {
      assert.ok(e instanceof ModelDirectoryError);
      assert.equal(e.path, dir);
      assert.match(e.message, /nope: the model directory does not exist/);
      return true;
    });
  });

  it('names model.json when it is missing', async () => {
    const dir = await saved('no-json');
    await rm(join(dir, 'model.json'));
    await assert.rejects(loadModel(dir), /no-json\/model\.json: missing: this is not a saved model directory/);
  });

  it('names model.json when it is not JSON', async () => {
    const dir = await saved('bad-json');
    await writeFile(join(dir, 'model.json'), '{"modelTopology": ');
    await assert.rejects(loadModel(dir), /bad-json\/model\.json: is not valid JSON/);
  });

  it('names model.json when it has no topology', async () => {
    const dir = await saved('no-topology');
    await writeFile(join(dir, 'model.json'), JSON.stringify({ weightsManifest: [] }));
    await assert.rejects(loadModel(dir), /no-topology\/model\.json: has no modelTopology object/);
  });

  it('names weights.bin when it is missing', async () => {
    const dir = await saved('no-weights');
    await rm(join(dir, 'weights.bin'));
    await assert.rejects(loadModel(dir), /no-weights\/weights\.bin: weights file unreadable: ENOENT/);
  });

  it('names weights.bin when it is truncated', async () => {
    const dir = await saved('short-weights');
    const bytes = await readFile(join(dir, 'weights.bin'));
    await writeFile(join(dir, 'weights.bin'), bytes.subarray(0, bytes.length - 4));
    await assert.rejects(
      loadModel(dir),
      /short-weights\/weights\.bin: weights hold 100 bytes but model\.json describes 104/,
    );
  });

  it('names weights.bin when its bytes were changed', async () => {
    const dir = await saved('flipped');
    const bytes = await readFile(join(dir, 'weights.bin'));
    bytes[0] ^= 0xff;
    await writeFile(join(dir, 'weights.bin'), bytes);
    await assert.rejects(loadModel(dir), /flipped\/weights\.bin: checksum differs from model\.json: corrupted/);
  });

  it('refuses a weights path that leaves the directory', async () => {
    const dir = await saved('escape');
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    json.weightsManifest[0].paths = ['../../etc/passwd'];
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await assert.rejects(loadModel(dir), /names a weights file outside the directory: \.\.\/\.\.\/etc\/passwd/);
  });

  it('names model.json when its topology cannot be built', async () => {
    const dir = await saved('bad-topology');
    const json = JSON.parse(await readFile(join(dir, 'model.json'), 'utf8'));
    json.modelTopology = { class_name: 'NoSuchModel', config: {} };
    await writeFile(join(dir, 'model.json'), JSON.stringify(json));
    await assert.rejects(loadModel(dir), /bad-topology\/model\.json: is not a loadable model/);
  });
});
