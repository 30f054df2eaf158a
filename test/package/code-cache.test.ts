// The npm command's V8 code cache: written after an explorer start, checked before V8 sees it, and
// never a reason for stowage not to start (damaged, stale, or a folder it cannot write).
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { cacheFiles as cacheFilesIn, exploreDemo, intactCache } from '../support/code-cache.js';
import { CLI } from '../support/run-cli.js';
import { TmuxTerminal } from '../support/tmux.js';
import { waitFor } from '../support/wait.js';
import { scratchDir } from '../support/scratch.js';

const json = (env: NodeJS.ProcessEnv): Promise<string> =>
  new Promise((resolve, reject) => {
    execFile(process.execPath, [CLI, '--demo', '--json'], { env: { PATH: process.env.PATH, ...env }, maxBuffer: 64 << 20 }, (error, stdout) => (error ? reject(error) : resolve(stdout)));
  });

describe("the npm command's code cache", () => {
  const base = scratchDir('stw-code-cache-');
  let terminal: TmuxTerminal | undefined;
  after(() => {
    terminal?.kill();
    rmSync(base, { recursive: true, force: true });
  });

  const folder = join(base, 'stowage');
  const cacheFiles = () => cacheFilesIn(folder);
  const intact = (file: string) => intactCache(join(folder, file));
  const explore = (cacheHome: string, until: () => boolean) => exploreDemo({ XDG_CACHE_HOME: cacheHome }, until);

  it('is written once the explorer has started, with the hash of its data', async () => {
    writeFileSync(join(base, 'placeholder'), '');
    await explore(base, () => cacheFiles().length === 1 && intact(cacheFiles()[0] ?? ''));
  });

  it('is checked before use: damaged, it is passed over (same output), removed, and written again', async () => {
    const [file = ''] = cacheFiles();
    const bytes = readFileSync(join(folder, file));
    for (let at = bytes.length >> 1; at < (bytes.length >> 1) + 4096; at++) bytes[at] = (bytes[at] ?? 0) ^ 0x5a;
    writeFileSync(join(folder, file), bytes);
    assert.equal(await json({ XDG_CACHE_HOME: base }), await json({ STOWAGE_CODE_CACHE: 'off', XDG_CACHE_HOME: join(base, 'unused') }));
    assert.ok(!existsSync(join(folder, file)));
    await explore(base, () => existsSync(join(folder, file)) && intact(file));
  });

  it("replaces other builds' caches", async () => {
    const [file = ''] = cacheFiles();
    writeFileSync(join(folder, 'stowage-0000000000000000-1-v20.0.0-x64.v8cache'), 'old build');
    rmSync(join(folder, file));
    await explore(base, () => cacheFiles().length === 1 && cacheFiles()[0] === file && intact(file));
  });

  it('is left alone when its folder cannot be made: stowage starts and quits as without it', async () => {
    const notAFolder = join(base, 'placeholder');
    terminal?.kill();
    terminal = new TmuxTerminal(120, 40, { XDG_CACHE_HOME: notAFolder });
    const started = Date.now();
    terminal.run(`node ${CLI} --demo; echo "EXIT=$?"`);
    await terminal.waitForText('app-user', 20_000);
    // The write is tried a second after start: still running past it, the explorer survived it.
    await waitFor('past the moment the cache is written', () => Date.now() - started > 1500, 5000);
    assert.ok(terminal.screen().includes('app-user'));
    terminal.press('q');
    await terminal.waitForText('EXIT=0');
    assert.ok((await json({ XDG_CACHE_HOME: notAFolder })).includes('"schemaVersion"'));
  });
});
