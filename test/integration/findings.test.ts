// Each storage mistake of the seed documents, made on a real engine next to its healthy twin:
// the mistake gives its finding, the twin none. Host paths are read directly and, for a remote
// engine, through the engine's archive endpoint; both ways must agree.
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { collectHost } from '../../src/engine/collect.js';
import { buildSnapshot } from '../../src/model/snapshot.js';
import type { Finding, Snapshot } from '../../src/model/types.js';
import { docker } from '../support/docker-cli.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { createBindTraps, createSituations, MiB, type Situations } from '../support/situations.js';
import { connectTo } from '../support/snapshot-of.js';

// Small thresholds, so the test host's few megabytes count as "large".
const THRESHOLDS = { largeLayerBytes: 2 * MiB, largeLogBytes: MiB, hugeLogBytes: 100 * MiB };

describe('findings on a real engine', () => {
  let engine: RunningEngine;
  let situations: Situations;
  let local: Snapshot;
  let throughEngine: Snapshot;

  const about = (snapshot: Snapshot, id: string, container?: string, mount?: string): Finding[] =>
    snapshot.findings.filter(
      (f) => f.id === id && (!container || f.containers.includes(container)) && (mount === undefined || f.mount === mount),
    );

  before(async () => {
    engine = await startEngine('26.1');
    situations = await createSituations(engine);
    await createBindTraps(engine, situations.hostDir);
    const connected = await connectTo(engine);
    const direct = await collectHost(connected);
    local = buildSnapshot(direct.raw, direct.warnings, THRESHOLDS);
    const remote = await collectHost(connected, undefined, { throughEngine: true, helperEngine: connected });
    throughEngine = buildSnapshot(remote.raw, remote.warnings, THRESHOLDS);
  });
  after(async () => engine?.stop());

  it('reads host paths the same way directly and through the engine', () => {
    assert.equal(local.warnings.length, 0, local.warnings.join('; '));
    assert.equal(throughEngine.warnings.length, 0, throughEngine.warnings.join('; '));
    const titles = (snapshot: Snapshot) => snapshot.findings.map((f) => `${f.id} ${f.title}`);
    assert.deepEqual(titles(throughEngine), titles(local));
  });

  it('leaves no helper container behind', async () => {
    assert.equal(await docker(engine, 'ps', '-aq', '--filter', 'label=io.stowage.helper'), '');
  });

  for (const [how, pick] of [['directly', () => local], ['through the engine', () => throughEngine]] as const) {
    describe(`with host paths read ${how}`, () => {
      it('finds database files in the writable layer, not database files in a volume', () => {
        const [layer] = about(pick(), 'data-in-writable-layer', 'mysql-in-layer');
        assert.equal(layer?.severity, 'danger');
        assert.equal(layer?.mount, '/var/lib/mysql');
        assert.match(layer?.fix ?? '', /docker cp mysql-in-layer:\/var\/lib\/mysql/);
        assert.deepEqual(about(pick(), 'data-in-writable-layer', 'pg-named'), []);
      });

      it('finds a database on an anonymous volume, not on a named one', () => {
        assert.equal(about(pick(), 'stateful-anonymous-volume', 'pg-anon', '/var/lib/postgresql/data').length, 1);
        assert.deepEqual(about(pick(), 'stateful-anonymous-volume', 'pg-named'), []);
      });

      it('splits dangling volumes into anonymous leftovers and named ones, with their bytes', () => {
        const [anonymous] = about(pick(), 'dangling-anonymous-volumes');
        assert.equal(anonymous?.volumes.length, 1);
        const named = about(pick(), 'dangling-named-volume');
        assert.deepEqual(named.map((f) => f.subject.name), ['orphan-uploads']);
        assert.match(named[0]?.title ?? "", /unused: 4\.\d MB$/);
        assert.ok(!pick().findings.some((f) => f.volumes.includes('shared-data') && f.id.startsWith('dangling')));
      });

      it('finds a bind source the engine created empty, not one that existed', () => {
        assert.equal(about(pick(), 'bind-source-created-by-engine', 'web-binds', '/uploads').length, 1);
        assert.deepEqual(about(pick(), 'bind-source-created-by-engine', 'web-binds', '/usr/share/nginx/html'), []);
        assert.deepEqual(about(pick(), 'bind-source-created-by-engine', 'app-user'), [], 'made by hand, not empty');
      });

      it('finds a file path that became an empty directory, not a real file', () => {
        const found = about(pick(), 'bind-file-became-directory', 'config-typo');
        assert.deepEqual(found.map((f) => f.mount), ['/etc/app/app.yaml']);
      });

      it("finds a bind the container's user cannot write, not one it owns or one mounted read-only", () => {
        const found = about(pick(), 'bind-not-writable', 'app-user');
        assert.deepEqual(found.map((f) => f.mount), ['/work']);
        assert.match(found[0]?.title ?? '', /uid 1000.*0:0, mode 755/);
        assert.match(found[0]?.fix ?? '', new RegExp(`chown -R 1000:1000 ${situations.hostDir}/root-owned`));
      });

      it('finds tmpfs over the memory limit and unbounded under one, not without a limit', () => {
        assert.equal(about(pick(), 'tmpfs-over-memory-limit', 'tmpfs-cache', '/big')[0]?.severity, 'danger');
        assert.equal(about(pick(), 'tmpfs-unbounded-with-memory-limit', 'tmpfs-cache', '/scratch').length, 1);
        assert.deepEqual(about(pick(), 'tmpfs-unbounded-with-memory-limit', 'tmpfs-cache', '/cache'), []);
        assert.ok(!pick().findings.some((f) => f.id.startsWith('tmpfs') && f.containers.includes('ro-root')));
      });

      it('finds a large uncapped json log and uncapped ones, not a capped log', () => {
        const [large] = about(pick(), 'log-large', 'chatty');
        assert.equal(large?.severity, 'warning');
        assert.match(large?.fix ?? '', /max-size=10m/);
        const [uncapped] = about(pick(), 'log-uncapped');
        assert.ok(uncapped?.containers.includes('ro-root'));
        assert.ok(!uncapped?.containers.includes('pg-named'), 'pg-named has max-size=10m');
        assert.ok(!uncapped?.containers.includes('chatty'), 'chatty has its own finding');
      });

      it('finds the engine socket mounted into a container, and nothing like it elsewhere', () => {
        assert.equal(about(pick(), 'engine-socket-mounted', 'socket-user')[0]?.severity, 'danger');
        assert.equal(about(pick(), 'engine-socket-mounted').length, 1);
      });

      it("warns that compose down -v removes a project's volumes, not other volumes", () => {
        const [compose] = about(pick(), 'compose-down-v-removes');
        assert.deepEqual([compose?.subject.name, compose?.volumes], ['shop', ['shop_dbdata']]);
      });

      it('finds a large writable layer only where no database finding explains it', () => {
        assert.deepEqual(about(pick(), 'large-writable-layer'), []);
      });
    });
  }
});
