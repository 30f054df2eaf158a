// `stowage check` and `--json` against a peer that connects like an engine and then misbehaves:
// one that drips every answer a byte a second, one that streams an endless container list. Each
// run ends with one line within its bound, whatever the peer still sends, in bounded memory.
import assert from 'node:assert/strict';
import { readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { drippingPeer, endlessListPeer, type Peer } from '../support/peers.js';
import { type CliResult, runCli } from '../support/run-cli.js';
import { scratchDir } from '../support/scratch.js';

/** The CLI under GNU time: its result, its wall time and its peak memory (VmHWM, from wait4). */
async function measured(args: string[]): Promise<CliResult & { seconds: number; peakMb: number }> {
  const report = join(scratch, `time-${Date.now()}`);
  const started = Date.now();
  const result = await runCli(args, {}, ['/usr/bin/time', '-o', report, '-f', '%M', process.execPath]);
  const seconds = (Date.now() - started) / 1000;
  const kilobytes = Number(readFileSync(report, 'utf8').trim().split('\n').at(-1));
  return { ...result, seconds, peakMb: kilobytes / 1024 };
}

function assertOneLine(result: CliResult, pattern: RegExp): void {
  assert.equal(result.code, 1, `exit status; stderr: ${result.stderr}`);
  assert.equal(result.stdout, '');
  const lines = result.stderr.trimEnd().split('\n');
  assert.equal(lines.length, 1, result.stderr);
  assert.match(lines[0] ?? '', pattern);
}

let scratch: string;

describe('answers that never end', () => {
  let dripping: Peer;
  let endless: Peer;
  before(async () => {
    scratch = scratchDir('stw-answers-');
    [dripping, endless] = await Promise.all([drippingPeer(join(scratch, 'drip.sock')), endlessListPeer(join(scratch, 'endless.sock'))]);
  });
  after(async () => {
    await Promise.all([dripping?.close(), endless?.close()]);
    if (scratch) rmSync(scratch, { recursive: true, force: true });
  });

  for (const command of [['check'], ['--json']]) {
    it(`${command[0]} --timeout 3 on an engine that drips its answers ends in about 3 s with one line`, async () => {
      const result = await measured([...command, '--timeout', '3', '--host', `unix://${dripping.socketPath}`]);
      assertOneLine(result, /^stowage: the Docker engine at unix:\/\/.*drip\.sock \(from --host\) did not finish its answer to (describe itself|list containers|list volumes) within 3 s; check that it is healthy \(`docker info`\), or raise --timeout$/);
      // Before: system df's own 300 s kept it waiting until the peer's answer ended (over 75 s).
      assert.ok(result.seconds < 8, `took ${result.seconds} s`);
    });
  }

  it('check on an engine that streams an endless container list stops at its size bound, in bounded memory', async () => {
    const result = await measured(['check', '--host', `unix://${endless.socketPath}`]);
    assertOneLine(result, /^stowage: the Docker engine at unix:\/\/.*endless\.sock \(from --host\) sent over 64 MB in answer to (list containers|list volumes), more than an engine sends for that; check that this is a Docker engine and healthy/);
    assert.ok(result.seconds < 20, `took ${result.seconds} s`);
    // Before: 1.27 GB after 60 s, still reading. Node itself is about 50 MB of this.
    assert.ok(result.peakMb < 300, `peak ${Math.round(result.peakMb)} MB`);
  });
});
