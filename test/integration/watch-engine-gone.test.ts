// `stowage watch --json` whose engine dies: a line only for a sample taken, each failed sample
// said on stderr and as an error record on stdout, and an end with status 1 after three in a row.
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { CLI } from '../support/run-cli.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

describe('stowage watch when the engine stops', () => {
  let engine: RunningEngine;
  let home: string;
  before(async () => {
    engine = await startEngine('26.1');
    home = scratchDir('stw-home-');
  });
  after(async () => {
    await engine?.stop();
    if (home) rmSync(home, { recursive: true, force: true });
  });

  it('reports each failed sample, prints no stale one, and exits 1 after three failures in a row', async () => {
    const watch = spawn(process.execPath, [CLI, 'watch', '--json', '--interval', '1', '--host', engine.host], {
      env: { PATH: process.env.PATH, HOME: home },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let exit: number | null = null;
    watch.stdout.on('data', (chunk: Buffer) => void (stdout += chunk.toString()));
    watch.stderr.on('data', (chunk: Buffer) => void (stderr += chunk.toString()));
    watch.on('exit', (code) => void (exit = code ?? -1));
    try {
      await waitFor('two samples', () => stdout.split('\n').filter(Boolean).length >= 2, 30_000);
      assert.equal(stderr, '', 'nothing said while the engine answers');
      await engine.stop();
      const stopped = Date.now();
      await waitFor('watch to end', () => exit !== null, 30_000);
      const seconds = (Date.now() - stopped) / 1000;
      assert.equal(exit, 1, `exit status; stderr: ${stderr}`);
      // Before, it printed the last sample every second for 30 s and said nothing.
      assert.ok(seconds < 15, `ended ${seconds} s after the engine stopped`);

      const records = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
      const firstError = records.findIndex((record) => 'error' in record);
      assert.ok(firstError >= 2, `samples first, then errors: ${stdout}`);
      const errors = records.slice(firstError);
      assert.ok(errors.every((record) => 'error' in record), `no sample once the engine is gone: ${stdout}`);
      assert.deepEqual(errors.map((record) => record.failuresInARow), [1, 2, 3]);
      for (const record of errors) {
        assert.deepEqual(Object.keys(record), ['time', 'error', 'failuresInARow']);
        assert.match(String(record.time), /^\d{4}-\d\d-\d\dT/);
        assert.match(String(record.error), /^cannot reach the Docker engine at unix:\/\/.*docker\.sock \(from --host\): no socket at .*|connection refused/);
      }

      const lines = stderr.trimEnd().split('\n');
      assert.equal(lines.length, errors.length + 1, stderr);
      for (const line of lines.slice(0, -1)) assert.match(line, /^stowage: no sample at \d\d:\d\d:\d\d: cannot reach the Docker engine at /);
      assert.match(lines.at(-1) ?? '', /^stowage: watch stopped: 3 samples in a row failed; check the engine \(`docker info`\), then run it again$/);
    } finally {
      if (exit === null) watch.kill('SIGKILL');
    }
  });
});
