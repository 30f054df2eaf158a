// On an engine before Docker 23, which neither labels anonymous volumes nor takes more than one
// build cache id per request: what prune asks before deleting, that it deletes, and that a failing
// request shows the engine's own words.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { after, before, describe, it } from 'node:test';
import { docker } from '../support/docker-cli.js';
import { engineGet } from '../support/engine-api.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { runCli } from '../support/run-cli.js';
import { BUSYBOX, importFixtureImages } from '../support/situations.js';
import { connectTo } from '../support/snapshot-of.js';
import { tarOf } from '../support/tar-writer.js';

/** A BuildKit build of a local Dockerfile sent as the request body: no registry, no CLI plugin. */
function buildWithBuildKit(engine: RunningEngine, tag: string, content: string): Promise<void> {
  const context = tarOf([
    { name: 'Dockerfile', content: 'FROM scratch\nCOPY payload /payload\n' },
    { name: 'payload', content },
  ]);
  return new Promise((resolve, reject) => {
    const req = request(
      { socketPath: engine.socketPath, method: 'POST', path: `/build?version=2&t=${tag}`, headers: { 'Content-Type': 'application/x-tar' } },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => (body += chunk.toString()));
        res.on('end', () => (res.statusCode === 200 && !body.includes('"error"') ? resolve() : reject(new Error(`build ${tag}: ${res.statusCode} ${body.slice(0, 300)}`))));
      },
    );
    req.on('error', reject);
    req.end(context);
  });
}

interface CacheRecord { ID: string; InUse: boolean; Shared: boolean }
const cacheRecords = async (engine: RunningEngine) =>
  ((await engineGet<{ BuildCache: CacheRecord[] | null }>(engine, '/system/df')).BuildCache ?? []).filter((record) => !record.InUse && !record.Shared);

describe('prune and errors on Docker 20.10', () => {
  let engine: RunningEngine;

  before(async () => {
    engine = await startEngine('20.10');
    await importFixtureImages(engine);
  });
  after(async () => engine?.stop());

  it('deletes every previewed build cache record, one request each', async () => {
    await buildWithBuildKit(engine, 'cache-one', 'one '.repeat(5000));
    await buildWithBuildKit(engine, 'cache-two', 'two '.repeat(5000));
    await docker(engine, 'rmi', 'cache-one', 'cache-two');
    const before = await cacheRecords(engine);
    assert.ok(before.length >= 2, `at least two cache records, got ${before.length}`);
    const result = await runCli(['prune', '--kinds', 'build-cache', '--yes', '--host', engine.host]);
    assert.equal(result.code, 0, result.stderr);
    assert.match(result.stdout, new RegExp(`Deleted ${before.length} of ${before.length}`));
    assert.deepEqual(await cacheRecords(engine), []);
  });

  it('asks before deleting a volume that looks anonymous only by its 64-hex name', async () => {
    const hexName = 'a'.repeat(64);
    await docker(engine, 'volume', 'create', hexName);
    await docker(engine, 'run', '--rm', '--network', 'none', '-v', `${hexName}:/d`, BUSYBOX, 'sh', '-c', 'echo precious > /d/file');
    const preview = await runCli(['prune', '--kinds', 'anonymous-volumes', '--host', engine.host]);
    assert.equal(preview.code, 0, preview.stderr);
    assert.match(preview.stdout, new RegExp(`${hexName}.*anonymous by its name only`));

    const unconfirmed = await runCli(['prune', '--kinds', 'anonymous-volumes', '--yes', '--host', engine.host]);
    assert.equal(unconfirmed.code, 2);
    assert.match(unconfirmed.stderr, new RegExp(`--confirm-named ${hexName}`));
    assert.equal(await docker(engine, 'volume', 'ls', '-q', '--filter', `name=${hexName}`), hexName, 'kept without the confirmation');

    const confirmed = await runCli(['prune', '--kinds', 'anonymous-volumes', '--yes', '--confirm-named', hexName, '--host', engine.host]);
    assert.equal(confirmed.code, 0, confirmed.stderr);
    assert.equal(await docker(engine, 'volume', 'ls', '-q', '--filter', `name=${hexName}`), '');
  });

  it("passes the engine's own message on when a streamed request fails", async () => {
    const id = await docker(engine, 'create', '--network', 'none', BUSYBOX);
    const connected = await connectTo(engine);
    await assert.rejects(connected.putArchive(id, '/no/such/folder', tarOf([{ name: 'a', content: 'a' }])), (error: Error) => {
      assert.match(error.message, /failed to write into \/no\/such\/folder .*: HTTP 404 .*no such file or directory|Could not find the file/i);
      assert.doesNotMatch(error.message, /HTTP 404 (error|no message);/);
      return true;
    });
  });
});
