import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { CliError } from './command.ts';
import {
  MANIFEST_FORMAT,
  type ManifestHeader,
  type ManifestRecord,
  headerLine,
  manifestText,
  parseManifest,
  pipelineHash,
  recordLine,
} from './manifest.ts';

const header: ManifestHeader = {
  manifest: MANIFEST_FORMAT,
  shard: 0,
  shards: 1,
  files: 2,
  variants: 2,
  inputs: 'i'.repeat(64),
  seed: 5,
  pipeline: 'p'.repeat(64),
  augkit: '0.1.0',
};
const record = (index: number, variant: number): ManifestRecord => ({
  input: `f${index}.png`,
  variant,
  index,
  output: `f${index}_${variant}.png`,
  sha256: `${index}${variant}`.padEnd(64, '0'),
  seed: 5,
  pipeline: header.pipeline,
  augkit: '0.1.0',
});

describe('parseManifest', () => {
  it('reads a header and records, in file order', () => {
    const text = headerLine(header) + recordLine(record(1, 0)) + recordLine(record(0, 1));
    const parsed = parseManifest(text, 'm');
    assert.deepEqual(parsed.header, header);
    assert.deepEqual(parsed.records, [record(1, 0), record(0, 1)]);
    assert.equal(parsed.tornTail, false);
    assert.equal(parsed.validBytes, Buffer.byteLength(text));
  });

  it('leaves out a torn last line (cut anywhere) and says where the whole lines end', () => {
    const whole = headerLine(header) + recordLine(record(0, 0));
    const last = recordLine(record(0, 1));
    for (let cut = 1; cut < last.length; cut++) {
      const parsed = parseManifest(whole + last.slice(0, cut), 'm');
      assert.equal(parsed.tornTail, true, `cut at ${cut}`);
      assert.equal(parsed.validBytes, Buffer.byteLength(whole));
      assert.deepEqual(parsed.records, [record(0, 0)]);
    }
    const headerOnly = parseManifest(headerLine(header).slice(0, 20), 'm');
    assert.equal(headerOnly.header, undefined);
    assert.equal(headerOnly.validBytes, 0);
  });

  it('refuses a bad line that is not the last, naming the file and line', () => {
    const text = `${headerLine(header)}not json\n${recordLine(record(0, 0))}`;
    assert.throws(
      () => parseManifest(text, 'out/manifest.jsonl'),
      (e: unknown) => e instanceof CliError && /out\/manifest\.jsonl, line 2: not a manifest record/.test(e.message),
    );
    assert.throws(
      () => parseManifest(`${recordLine(record(0, 0))}${recordLine(record(0, 1))}`, 'm'),
      /line 1: not a manifest header/,
    );
  });
});

describe('manifestText', () => {
  it('sorts records by input position, then variant', () => {
    const text = manifestText(header, [record(1, 1), record(0, 1), record(1, 0), record(0, 0)]);
    assert.equal(
      text,
      headerLine(header) + [record(0, 0), record(0, 1), record(1, 0), record(1, 1)].map(recordLine).join(''),
    );
  });
});

describe('pipelineHash', () => {
  it('ignores key order and the root seed, and sees every option and setting', () => {
    const a = pipelineHash({ type: 'Multiply', mul: [0.5, 1.5], seed: 1 }, { quality: 90, format: 'input' });
    assert.equal(a, pipelineHash({ seed: 2, mul: [0.5, 1.5], type: 'Multiply' }, { format: 'input', quality: 90 }));
    assert.notEqual(a, pipelineHash({ type: 'Multiply', mul: [0.5, 1.6], seed: 1 }, { quality: 90, format: 'input' }));
    assert.notEqual(a, pipelineHash({ type: 'Multiply', mul: [0.5, 1.5], seed: 1 }, { quality: 91, format: 'input' }));
    assert.match(a, /^[0-9a-f]{64}$/);
  });
});
