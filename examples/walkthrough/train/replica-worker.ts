// The worker thread of `createReplicas`: rebuilds the model from its topology on its own backend, then, for each
// task, takes the sent weights, computes the loss and weight gradients of its share of the batch and sends them back
// (transferred). Node-only; started by replicas.ts, not meant to be imported.
import { parentPort, workerData } from 'node:worker_threads';
import * as tf from '@tensorflow/tfjs';
import { errorToWire } from '../../../src/data/ts-worker.ts';
import { initBackend } from './backend.ts';
import type { ReplicaReply, ReplicaTask, ReplicaWorkerData } from './replicas.ts';
import { batchLoss, batchToTensor } from './train.ts';

const { topology, backend, numClasses } = workerData as ReplicaWorkerData;
const port = parentPort;
if (port === null) throw new Error('replica-worker.ts runs only as a worker thread (createReplicas starts it)');

async function load(): Promise<{ model: tf.LayersModel; variables: tf.Variable[] }> {
  await initBackend(backend);
  const model = await tf.models.modelFromJSON({ modelTopology: topology as tf.io.ModelJSON['modelTopology'] });
  return { model, variables: model.trainableWeights.map((w) => w.read() as tf.Variable) };
}

const loaded = load();
loaded.then(
  () => port.postMessage({ type: 'ready' } satisfies ReplicaReply),
  (error: unknown) => port.postMessage({ type: 'error', id: -1, error: errorToWire(error) } satisfies ReplicaReply),
);

port.on('message', (task: ReplicaTask) => {
  if (task.type === 'close') {
    port.close();
    return;
  }
  loaded
    .then(async ({ model, variables }) => {
      if (task.weights.length !== variables.length) {
        throw new Error(`replica: received ${task.weights.length} weight tensors, the model has ${variables.length}`);
      }
      variables.forEach((v, i) => {
        tf.tidy(() => v.assign(tf.tensor(task.weights[i], v.shape, 'float32')));
      });
      if (task.type === 'logits') {
        const logits = tf.tidy(() => model.predict(batchToTensor(task.images)) as tf.Tensor);
        const out = ((await logits.data()) as Float32Array).slice();
        logits.dispose();
        port.postMessage({ type: 'logits', id: task.id, logits: out } satisfies ReplicaReply, [out.buffer]);
        return;
      }
      const { value, grads } = tf.variableGrads(
        () => batchLoss(model, task.images, task.labels, numClasses),
        variables,
      );
      const loss = (await value.data())[0];
      // Copies: a backend may hand out its own storage from data(), and these buffers are transferred.
      const out = await Promise.all(variables.map(async (v) => ((await grads[v.name].data()) as Float32Array).slice()));
      tf.dispose([value, ...Object.values(grads)]);
      const reply: ReplicaReply = { type: 'grads', id: task.id, loss, grads: out };
      port.postMessage(
        reply,
        out.map((g) => g.buffer as ArrayBuffer),
      );
    })
    .catch((error: unknown) => {
      port.postMessage({ type: 'error', id: task.id, error: errorToWire(error) } satisfies ReplicaReply);
    });
});
