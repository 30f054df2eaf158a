// Every request after the first is pinned to the negotiated API version, so no client default can
// change what an endpoint does. A recording peer stands in for engines newer than any that runs here.
import assert from 'node:assert/strict';

import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { collectHost } from '../../src/engine/collect.js';
import { resolveAddress } from '../../src/engine/connection/resolve.js';
import { connectEngine } from '../../src/engine/dockerode-engine.js';
import { httpPeer, type Peer } from '../support/peers.js';
import { scratchDir } from '../support/scratch.js';

const ANSWERS: Record<string, unknown> = {
  '/info': { Driver: 'overlay2', DockerRootDir: '/var/lib/docker' },
  '/containers/json': [],
  '/volumes': { Volumes: [] },
  '/system/df': { LayersSize: 0, Images: [], Containers: [], Volumes: [], BuildCache: [] },
};

async function recordingPeer(apiVersion: string): Promise<{ peer: Peer; paths: string[] }> {
  const paths: string[] = [];
  const socketPath = join(scratchDir('stw-pin-'), 'engine.sock');
  const peer = await httpPeer(socketPath, (req, res) => {
    paths.push(req.url ?? '');
    const path = (req.url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0] ?? '';
    const body = path === '/version' ? { Version: '99.0.0', ApiVersion: apiVersion, MinAPIVersion: '1.44' } : ANSWERS[path];
    res.writeHead(body === undefined ? 404 : 200, { 'Content-Type': 'application/json' }).end(JSON.stringify(body ?? {}));
  });
  return { peer, paths };
}

describe('API version pinning', () => {
  const peers: Peer[] = [];
  after(() => Promise.all(peers.map((peer) => peer.close())));

  for (const [engineApi, pinned] of [['1.45', '1.45'], ['1.60', '1.52']] as const) {
    it(`speaks ${pinned} to an engine of API ${engineApi}`, async () => {
      const { peer, paths } = await recordingPeer(engineApi);
      peers.push(peer);
      const engine = await connectEngine(resolveAddress({ host: `unix://${peer.socketPath}`, env: {} }));
      await collectHost(engine);
      assert.equal(engine.apiVersion, pinned);
      assert.equal(paths[0], '/version');
      const later = paths.slice(1);
      assert.ok(later.length >= 4, `requests: ${paths.join(' ')}`);
      assert.ok(later.every((path) => path.startsWith(`/v${pinned}/`)), `requests: ${later.join(' ')}`);
    });
  }
});
