// Every request is held to a deadline, a longest silence and a size, each kind to its own: an
// answer dripped a byte a second, one that goes silent half way, one too large, a system df that
// walks before it answers, an archive that streams longer than the timeout, a reader slower than
// the engine, and an upload the engine stops taking. Peers on real unix sockets play the engine.
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { after, describe, it } from 'node:test';
import { connectEngine } from '../../src/engine/dockerode-engine.js';
import type { Engine } from '../../src/engine/engine.js';
import { dockerLikePeer, drippingPeer, type Peer } from '../support/peers.js';
import { scratchDir } from '../support/scratch.js';

const scratch = scratchDir('stw-limits-');
const peers: Peer[] = [];
after(async () => {
  await Promise.all(peers.map((peer) => peer.close()));
  rmSync(scratch, { recursive: true, force: true });
});

let count = 0;
/** An engine client for a peer, with a 1 s request timeout (system df: 20 s). */
async function engineAt(peer: Promise<Peer>): Promise<Engine> {
  const started = await peer;
  peers.push(started);
  return connectEngine({ kind: 'unix', socketPath: started.socketPath, source: '--host' }, { requestTimeoutMs: 1000, diskUsageTimeoutMs: 20_000 });
}
const socket = () => join(scratch, `peer-${count++}.sock`);
const path = (url: string | undefined) => (url ?? '').replace(/^\/v[\d.]+/, '').split('?')[0];

async function timed<T>(run: () => Promise<T>): Promise<{ seconds: number; error: Error | null; value: T | null }> {
  const started = Date.now();
  try {
    const value = await run();
    return { seconds: (Date.now() - started) / 1000, error: null, value };
  } catch (error) {
    return { seconds: (Date.now() - started) / 1000, error: error as Error, value: null };
  }
}

async function drain(stream: Readable, pauseMs = 0): Promise<number> {
  let bytes = 0;
  for await (const chunk of stream) {
    if (pauseMs && bytes === 0) await new Promise((resolve) => setTimeout(resolve, pauseMs));
    bytes += (chunk as Buffer).length;
  }
  return bytes;
}

describe('limits on an engine\'s answers', { timeout: 60_000 }, () => {
  it('gives up on an answer dripped a byte a second at the request timeout, naming what was asked', async () => {
    const engine = await engineAt(drippingPeer(socket()));
    const { seconds, error } = await timed(() => engine.listContainers());
    assert.match(error?.message ?? '', /^the Docker engine at unix:\/\/.* \(from --host\) did not finish its answer to list containers within 1 s; check that it is healthy \(`docker info`\), or raise --timeout$/);
    assert.ok(seconds < 2.5, `took ${seconds} s`);
  });

  it('cuts an answer past its size: 8 MB for an inspect', async () => {
    const engine = await engineAt(dockerLikePeer(socket(), (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/json' });
      res.end(`{"Id":"x","Name":"${'n'.repeat(9 * 1024 * 1024)}"}`);
    }));
    const { error } = await timed(() => engine.inspectContainer('c'.repeat(64)));
    assert.match(error?.message ?? '', /sent over 8 MB in answer to inspect container cccccccccccc, more than an engine sends for that; check that this is a Docker engine/);
  });

  it('lets system df walk past the request timeout before it answers, then holds its body to the timeout', async () => {
    let dripped = false;
    const engine = await engineAt(dockerLikePeer(socket(), (req, res) => {
      if (path(req.url) !== '/system/df') return void res.writeHead(404).end();
      // The walk: 2 s of silence, twice the request timeout.
      setTimeout(() => {
        res.writeHead(200, { 'Content-Type': 'application/json' });
        if (!dripped) return void res.end('{"LayersSize":5,"Images":[],"Containers":[],"Volumes":[],"BuildCache":[]}');
        res.write('{"LayersSize":5,');
        const timer = setInterval(() => res.write(' '), 300);
        res.on('close', () => clearInterval(timer));
      }, 2000);
    }));
    const walked = await timed(() => engine.diskUsageOf('volume'));
    assert.equal(walked.error, null);
    assert.equal(walked.value?.LayersSize, 5);
    dripped = true;
    const slow = await timed(() => engine.diskUsageOf('volume'));
    assert.match(slow.error?.message ?? '', /did not finish its answer to compute the volumes' disk usage \(system df\) within 1 s of beginning it; .*raise --timeout$/);
    assert.ok(slow.seconds < 4.5, `took ${slow.seconds} s`);
  });

  it('streams an archive longer than the timeout while bytes keep coming, and fails one that goes silent half way', async () => {
    const engine = await engineAt(dockerLikePeer(socket(), (req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-tar' });
      const query = new URL(req.url ?? '', 'http://x').searchParams.get('path');
      let sent = 0;
      const timer = setInterval(() => {
        // /steady: a chunk every 0.3 s for 3 s; /stuck: two chunks, then nothing.
        if (query === '/stuck' && sent === 2) return;
        if (sent === 10) {
          clearInterval(timer);
          return void res.end();
        }
        res.write(Buffer.alloc(1024, sent++));
      }, 300);
      res.on('close', () => clearInterval(timer));
    }));
    const steady = await timed(async () => drain((await engine.readArchive('c'.repeat(64), '/steady')) as Readable));
    assert.equal(steady.error, null);
    assert.equal(steady.value, 10 * 1024);
    assert.ok(steady.seconds > 2, 'longer than the request timeout');
    const stuck = await timed(async () => drain((await engine.readArchive('c'.repeat(64), '/stuck')) as Readable));
    assert.match(stuck.error?.message ?? '', /^the Docker engine at .* sent nothing for 1 s in the middle of its answer to read \/stuck of container cccccccccccc; check that it is healthy/);
  });

  it('does not take a slow reader for a silent engine', async () => {
    const engine = await engineAt(dockerLikePeer(socket(), (_req, res) => {
      res.writeHead(200, { 'Content-Type': 'application/x-tar' });
      res.end(Buffer.alloc(4 * 1024 * 1024, 7));
    }));
    // The reader holds the first chunk for 2.5 s (a backup compressing): the rest waits in buffers.
    const slow = await timed(async () => drain((await engine.readArchive('c'.repeat(64), '/data')) as Readable, 2500));
    assert.equal(slow.error, null);
    assert.equal(slow.value, 4 * 1024 * 1024);
  });

  it('fails an upload the engine stops taking', async () => {
    const engine = await engineAt(dockerLikePeer(socket(), () => undefined));
    // 64 MB offered as fast as it is taken: the peer reads none of it.
    const tar = Readable.from((function* () {
      for (let index = 0; index < 1024; index++) yield Buffer.alloc(64 * 1024);
    })());
    const { seconds, error } = await timed(() => engine.putArchive('c'.repeat(64), '/data', tar));
    assert.match(error?.message ?? '', /took nothing of what was sent for 1 s when asked to write into \/data of container cccccccccccc; check that it is healthy/);
    assert.ok(seconds < 4, `took ${seconds} s`);
  });

  it('reads no more of an error answer than its message needs, even to an archive', async () => {
    const engine = await engineAt(dockerLikePeer(socket(), (_req, res) => {
      // An error whose body never ends, fast enough that no silence stops it.
      res.writeHead(500, { 'Content-Type': 'application/json' });
      res.write('{"message":"disk on fire"}\n');
      const flood = setInterval(() => res.write(Buffer.alloc(64 * 1024, 0x20)), 5);
      res.on('close', () => clearInterval(flood));
    }));
    const { seconds, error } = await timed(() => engine.readArchive('c'.repeat(64), '/data'));
    assert.match(error?.message ?? '', /disk on fire/);
    assert.ok(seconds < 4, `took ${seconds} s`);
  });
});
