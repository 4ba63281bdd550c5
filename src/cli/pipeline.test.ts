import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { loadPipeline, readPipelineFile } from './pipeline.ts';

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
