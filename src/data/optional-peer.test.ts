import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { MissingPeerError, optionalPeer, sharpFor } from './optional-peer.ts';

describe('optionalPeer', () => {
  it('names the feature and the package to install when the package is missing', async () => {
    const name = 'augkit-no-such-peer';
    const error = await optionalPeer(name, 'augkit grid', () => import(name)).then(
      () => assert.fail('resolved'),
      (e: unknown) => e,
    );
    assert.ok(error instanceof MissingPeerError);
    assert.equal(error.message, 'augkit grid needs augkit-no-such-peer: npm install augkit-no-such-peer');
    assert.equal(error.peer, name);
  });

  it("passes other failures through: the peer's own errors, and a missing module inside it", async () => {
    const own = new Error('sharp: this platform has no prebuilt binary');
    await assert.rejects(
      optionalPeer('sharp', 'readImage', () => Promise.reject(own)),
      (e) => e === own,
    );
    const inner = Object.assign(new Error("Cannot find package '@img/sharp-libvips'"), {
      code: 'ERR_MODULE_NOT_FOUND',
    });
    await assert.rejects(
      optionalPeer('sharp', 'readImage', () => Promise.reject(inner)),
      (e) => e === inner,
    );
  });

  it('loads sharp when it is installed (a dev dependency here)', async () => {
    const sharp = await sharpFor('test');
    const { width } = await sharp(Buffer.alloc(3), { raw: { width: 1, height: 1, channels: 3 } }).metadata();
    assert.equal(width, 1);
  });
});
