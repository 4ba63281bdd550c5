import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as tf from '@tensorflow/tfjs';
import { type BackendName, initBackend } from './backend.ts';
import { wasmTrainingKernelsRegistered } from './wasm-kernels.ts';

describe('initBackend', () => {
  it('selects wasm by default and registers the training kernels', async () => {
    assert.equal(await initBackend(), 'wasm');
    assert.equal(tf.getBackend(), 'wasm');
    assert.equal(wasmTrainingKernelsRegistered(), true);
    assert.equal(await initBackend('wasm'), 'wasm');
  });

  it('selects cpu without printing the "install tfjs-node" banner', async () => {
    const warnings: unknown[] = [];
    const original = console.warn;
    console.warn = (...args: unknown[]) => warnings.push(args);
    try {
      assert.equal(await initBackend('cpu'), 'cpu');
      tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    } finally {
      console.warn = original;
    }
    assert.equal(tf.getBackend(), 'cpu');
    assert.deepEqual(warnings, []);
    assert.equal(tf.env().getBool('PROD'), false, 'warnings stay on afterwards');
  });

  it('explains how to get the node backend when @tensorflow/tfjs-node is not installed', async () => {
    // tfjs-node cannot be installed on this project's machines (no libtensorflow); if it ever is, this checks
    // that it loads instead.
    let installed = true;
    try {
      await import(['@tensorflow', 'tfjs-node'].join('/'));
    } catch {
      installed = false;
    }
    if (installed) {
      assert.equal(await initBackend('node'), 'tensorflow');
    } else {
      await assert.rejects(initBackend('node'), /backend 'node' needs @tensorflow\/tfjs-node, which is not installed/);
    }
  });

  it('rejects an unknown name', async () => {
    await assert.rejects(initBackend('webgl' as BackendName), /name must be 'wasm', 'cpu' or 'node'; received "webgl"/);
  });
});
