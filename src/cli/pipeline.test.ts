import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { makeImage } from '../core/image.ts';
import { forChannels } from './alpha.ts';
import { PRESETS, type PresetName, loadPipeline, readPipelineFile } from './pipeline.ts';

const dir = mkdtempSync(join(tmpdir(), 'augkit-pipeline-'));
after(() => rmSync(dir, { recursive: true, force: true }));

describe('readPipelineFile', () => {
  it('accepts a UTF-8 byte order mark before the JSON', async () => {
    const path = join(dir, 'bom.json');
    writeFileSync(path, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"type":"Multiply","mul":2}')]));
    assert.deepEqual(await readPipelineFile(path), { type: 'Multiply', mul: 2 });
    const loaded = await loadPipeline({ pipeline: 'bom.json', cwd: dir, command: 'augment', seed: 1 });
    assert.equal(loaded.augmenter.type, 'Multiply');
  });

  it('still names the file for JSON that is invalid after the mark', async () => {
    const path = join(dir, 'bad.json');
    writeFileSync(path, '\ufeff{"type":');
    await assert.rejects(readPipelineFile(path), /pipeline .*bad\.json is not valid JSON/);
  });
});

describe('PRESETS', () => {
  it('run on RGB images, and on gray ones with the colour augmenters skipped (the CLI rule), keeping the shape', async () => {
    const rgb = makeImage(
      Uint8Array.from({ length: 24 * 20 * 3 }, (_, i) => (i * 37) & 255),
      24,
      20,
      3,
    );
    const gray = makeImage(
      Uint8Array.from({ length: 24 * 20 }, (_, i) => (i * 53) & 255),
      24,
      20,
      1,
    );
    for (const name of Object.keys(PRESETS) as PresetName[]) {
      const { augmenter, spec } = await loadPipeline({ preset: name, seed: 5, cwd: dir, command: 'augment' });
      const forGray = forChannels(spec, 1) ?? augmenter;
      for (let k = 0; k < 20; k++) {
        const at = { epoch: k, index: 0 };
        const a = augmenter.augmentImage(rgb, at);
        const b = forGray.augmentImage(gray, at);
        assert.deepEqual([a.height, a.width, a.channels, b.height, b.width, b.channels], [24, 20, 3, 24, 20, 1], name);
      }
    }
  });

  it('give the colour presets the issue-24 breadth: blurs, hue and saturation, noise, brightness, blends, JPEG', () => {
    const types = (value: unknown): string[] =>
      Array.isArray(value)
        ? value.flatMap(types)
        : value !== null && typeof value === 'object'
          ? [
              ...((value as { type?: string }).type ? [(value as { type: string }).type] : []),
              ...Object.values(value).flatMap(types),
            ]
          : [];
    assert.ok(types(PRESETS.light).includes('AddToHueAndSaturation'));
    for (const t of [
      'AverageBlur',
      'MedianBlur',
      'AddToHueAndSaturation',
      'AdditiveGaussianNoise',
      'JpegCompression',
    ]) {
      assert.ok(types(PRESETS.medium).includes(t), t);
    }
    for (const t of [
      'MotionBlur',
      'Sharpen',
      'Emboss',
      'MultiplyAndAddToBrightness',
      'Grayscale',
      'Invert',
      'CoarseDropout',
      'BlendAlphaSimplexNoise',
      'BlendAlphaFrequencyNoise',
      'KMeansColorQuantization',
      'JpegCompression',
    ]) {
      assert.ok(types(PRESETS.heavy).includes(t), t);
    }
  });
});
