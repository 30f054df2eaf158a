// Names that attack the operator's terminal, on a real engine and in a snapshot file where every
// string is hostile: the explorer (in tmux, its raw bytes recorded), the report and `check` write
// them only as visible escapes, each on one row; fix commands quote them; --json keeps them exact.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { deriveFindings } from '../../src/model/findings.js';
import type { Snapshot } from '../../src/model/types.js';
import { type RunningEngine, startEngine } from '../support/engines.js';
import { createHostileWorld, HOSTILE_BYTES, HOSTILE_TEXT, type HostileWorld, INVALID_DIR, OSC_DIR, shownBytes, shownText } from '../support/hostile.js';
import { CLI, runCli } from '../support/run-cli.js';
import { assertExplorerBytes, assertPlainText } from '../support/terminal-safety.js';
import { TmuxTerminal } from '../support/tmux.js';
import { scratchDir } from '../support/scratch.js';

const NAMES = Object.values(HOSTILE_TEXT);

/** What bash makes of a shell word taken from a fix: the bytes of the one argument it stands for. */
const bashWord = (word: string) => execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '%s' ${word}`], { env: { PATH: process.env.PATH } });

/** Every string made hostile, the same string always the same way (so references still match). */
const KEEP = new Set(['severity', 'imageStore', 'kind', 'id', 'type', 'driver', 'product']);
function hostileEverywhere(value: unknown, key = ''): unknown {
  if (typeof value === 'string') {
    if (KEEP.has(key)) return value;
    const pick = [...value].reduce((sum, character) => sum + (character.codePointAt(0) as number), 0) % NAMES.length;
    return `${value}${NAMES[pick]}`;
  }
  if (Array.isArray(value)) return value.map((item) => hostileEverywhere(item, key));
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([name, item]) => [name, hostileEverywhere(item, name)]));
  }
  return value;
}

describe('hostile names never reach the terminal raw', () => {
  let engine: RunningEngine;
  let world: HostileWorld;
  let terminal: TmuxTerminal | undefined;
  let folder: string;
  let snapshotFile: string;
  let hostileSnapshot: Snapshot;

  before(async () => {
    engine = await startEngine('26.1');
    world = await createHostileWorld(engine);
    folder = scratchDir('stw-hostile-');
    const json = await runCli(['--host', engine.host, '--json']);
    assert.equal(json.code, 0, json.stderr);
    const snapshot = JSON.parse(json.stdout) as Snapshot;
    // Log paths cannot be chosen on a real engine: a large log makes a fix that names its path.
    const withLog = { ...snapshot, containers: snapshot.containers.map((c) => ({ ...c, log: { ...c.log, sizeBytes: 2_000_000_000 } })) };
    const hostile = hostileEverywhere(withLog) as Snapshot;
    // The findings stowage derives from the hostile strings, and the saved ones made hostile too.
    hostileSnapshot = { ...hostile, findings: [...deriveFindings(hostile), ...hostile.findings] };
    snapshotFile = join(folder, 'hostile.json');
    writeFileSync(snapshotFile, JSON.stringify(hostileSnapshot));
  });
  after(async () => {
    terminal?.kill();
    await engine?.stop();
    if (folder) rmSync(folder, { recursive: true, force: true });
  });

  it('--json keeps every hostile string exactly', async () => {
    const { stdout } = await runCli(['--host', engine.host, '--json']);
    const snapshot = JSON.parse(stdout) as Snapshot;
    const volume = snapshot.volumes.find((v) => v.name === world.volume);
    assert.equal(volume?.composeProject, `proj${HOSTILE_TEXT.osc0}${HOSTILE_TEXT.newline}`);
    assert.equal(volume?.labels.note, `${HOSTILE_TEXT.osc52}${HOSTILE_TEXT.bidi}`);
    const mounts = snapshot.containers.find((c) => c.name === 'hostile-mounts');
    NAMES.forEach((name, index) => {
      assert.ok(mounts?.bindMounts.some((bind) => bind.destination === `/t${index}-${name}` && bind.source.endsWith(`/b${index}-${name}`)), JSON.stringify(name));
      assert.ok(mounts?.tmpfs.some((tmpfs) => tmpfs.destination === `/tmpfs${index}-${name}`), JSON.stringify(name));
    });
    const user = snapshot.containers.find((c) => c.name === 'hostile-user');
    assert.deepEqual(user?.bindMounts.map((bind) => bind.source).sort(), [...world.unwritableSources].sort());

    const saved = await runCli(['--snapshot', snapshotFile, '--json']);
    assert.deepEqual(JSON.parse(saved.stdout), hostileSnapshot, 'a hostile snapshot file comes back out of --json as it went in');
  });

  it('the plain-text report shows each name escaped, on one line, and writes no control character', async () => {
    const { stdout, code } = await runCli(['--host', engine.host]);
    assert.equal(code, 0);
    assertPlainText(stdout, 'the report');
    const lines = stdout.split('\n');
    NAMES.forEach((name, index) => {
      assert.ok(lines.some((line) => line.includes(`/b${index}-${shownText(name)} -> /t${index}-${shownText(name)}`)), `bind ${shownText(name)}`);
      assert.ok(lines.some((line) => line.includes(`tmpfs /tmpfs${index}-${shownText(name)} unbounded`)), `tmpfs ${shownText(name)}`);
    });
    assert.ok(lines.some((line) => line.includes('\\e]52;c;cHduZWQ=\\a')));

    const saved = await runCli(['--snapshot', snapshotFile]);
    assert.equal(saved.code, 0, saved.stderr);
    assertPlainText(saved.stdout, 'the report of a snapshot file where every string is hostile');
  });

  it('check quotes every path in its fixes, keeps the compose snippet indented, and writes no control character', async () => {
    const { stdout } = await runCli(['check', '--host', engine.host]);
    assertPlainText(stdout, 'check');
    for (const source of world.unwritableSources) {
      const fix = stdout.split('\n').find((line) => line.startsWith('  fix: sudo chown -R 1000:1000 ') && bashWord(line.slice(31)).equals(Buffer.from(source)));
      assert.ok(fix, `a chown fix whose path bash reads as ${JSON.stringify(source)}`);
    }
    assert.equal(existsSync(world.pwned), false, 'reading the quoted path ran nothing');
    assert.match(stdout, /^ {7}volumes:\n {9}"vol\\u001b\[2J: x":\n {11}external: true\n {11}name: hostile$/m, 'compose YAML keeps its indentation');
    assert.ok(stdout.includes("'/srv/data /etc'") || stdout.includes("/srv/data /etc'"), 'a path with a space is quoted');
    for (const line of stdout.split('\n').filter((l) => l.startsWith('  fix: --tmpfs '))) {
      const word = line.slice('  fix: --tmpfs '.length).split('  (or')[0] ?? '';
      assert.ok(NAMES.some((name, index) => bashWord(word).equals(Buffer.from(`/tmpfs${index}-${name}:size=16m`))), `${word} reads back as a hostile tmpfs target`);
    }

    const saved = await runCli(['check', '--snapshot', snapshotFile]);
    assertPlainText(saved.stdout, 'check on a snapshot file where every string is hostile');
    assert.match(saved.stdout, /sudo truncate -s 0 \$'/, 'a hostile log path is quoted in the fix');
  });

  for (const [columns, rows] of [[80, 24], [200, 50]] as const) {
    it(`the explorer at ${columns}x${rows} writes only its own CSI sequences, and each name escaped on one row`, async () => {
      terminal?.kill();
      terminal = new TmuxTerminal(columns, rows);
      const raw = join(folder, `explorer-${columns}.bin`);
      terminal.recordRawOutput(raw);
      terminal.run(`node ${CLI} --host ${engine.host}; echo "EXIT=$?"`);
      const seen: string[] = [await terminal.waitForText('── hostile-mounts')];
      const step = async (keys: string[], what: string, test: (screen: string) => boolean) => {
        terminal?.press(...keys);
        seen.push(await (terminal as TmuxTerminal).waitForScreen(what, test));
      };
      // Through the binds pane and the tmpfs pane to their last lines.
      const scrollPane = async (title: string) => {
        const more = () => {
          const row = seen.at(-1)?.split('\n').find((line) => line.includes(`▸${title}`)) ?? '';
          return new RegExp(`^${title} \\(\\d+\\)  \\(\\+\\d+\\)`).test(row.slice(row.indexOf(`▸${title}`) + 1));
        };
        for (let line = 0; line < 40 && more(); line++) {
          const before = seen.at(-1);
          await step(['j'], `the ${title} pane scrolled`, (screen) => screen !== before);
        }
      };
      await step(['Tab', 'Tab'], 'the binds pane', (screen) => screen.includes('▸Bind mounts'));
      await scrollPane('Bind mounts');
      await step(['Tab', 'Tab'], 'the tmpfs pane', (screen) => screen.includes('▸tmpfs'));
      await scrollPane('tmpfs');
      await step(['Escape', '2'], 'the volumes view', (screen) => screen.includes('[2 Volumes]') && screen.includes('hostile'));
      await step(['Enter'], 'the drill-down', (screen) => screen.includes(`${shownBytes(INVALID_DIR)}/`) && screen.includes('19 items'));
      await step(['G'], 'the last entries', (screen) => /^>.*\\e\]52;c;cHduZWQ=\\a\s*$/m.test(screen));
      await step(['g', 'Enter'], 'inside the directory whose name is not UTF-8', (screen) => screen.includes(`/${shownBytes(INVALID_DIR)}`) && /inside/.test(screen));
      await step(['Left'], 'back up', (screen) => screen.includes('19 items'));
      await step(['j', 'Enter'], 'inside the directory named with OSC 52', (screen) => screen.includes(`/${shownBytes(OSC_DIR)}`) && screen.includes('new\\nline'));
      await step(['Left'], 'back up', (screen) => screen.includes('19 items'));
      await step(['Escape'], 'the volumes list', (screen) => screen.includes('[2 Volumes]') && !screen.includes('19 items'));
      await step(['4'], 'the findings', (screen) => screen.includes('[4 Findings'));
      for (let finding = 0; finding < 40; finding++) {
        const before = seen.at(-1);
        terminal.press('j');
        const changed = await terminal.waitForScreen('the next finding', (screen) => screen !== before, 2000).catch(() => null);
        if (!changed) break;
        seen.push(changed);
      }
      await step(['3'], 'the disk view', (screen) => screen.includes('RECLAIMABLE'));
      await step(['q'], 'the shell again', (screen) => screen.includes('EXIT=0'));

      assertExplorerBytes(readFileSync(raw), `the explorer at ${columns}x${rows}`);
      const screens = seen.join('\n');
      for (const name of [...NAMES.map((text) => Buffer.from(text)), ...Object.values(HOSTILE_BYTES)]) {
        // Each as its escaped form, whole on one row of the drill-down (the long OSC 8 name is cut at 80 columns).
        const shown = shownBytes(name);
        const row = columns >= 200 ? shown : shown.slice(0, 20);
        assert.ok(screens.split('\n').some((line) => line.includes(row)), `${JSON.stringify(shown)} on one row`);
      }
      if (columns >= 200) {
        NAMES.forEach((name, index) => {
          assert.ok(screens.includes(`/t${index}-${shownText(name)}`), `bind target ${shownText(name)} on screen`);
          assert.ok(screens.includes(`/tmpfs${index}-${shownText(name)}`), `tmpfs ${shownText(name)} on screen`);
        });
        assert.ok(screens.includes("sudo chown -R 1000:1000 '"), 'the fix quotes its path');
      }
    });
  }

  it('the explorer on a snapshot file where every string is hostile writes only its own CSI sequences', async () => {
    terminal?.kill();
    terminal = new TmuxTerminal(120, 40);
    const raw = join(folder, 'explorer-snapshot.bin');
    terminal.recordRawOutput(raw);
    terminal.run(`node ${CLI} --snapshot ${snapshotFile}; echo "EXIT=$?"`);
    await terminal.waitForText('── hostile-mounts');
    for (const [keys, text] of [[['Tab', 'Tab', 'Tab', 'Tab'], '▸tmpfs'], [['Escape', '2'], '[2 Volumes]'], [['Enter'], 'compose project'], [['Escape', '3'], 'RECLAIMABLE'], [['4'], 'Fix'], [['q'], 'EXIT=0']] as const) {
      terminal.press(...keys);
      await terminal.waitForText(text);
    }
    assertExplorerBytes(readFileSync(raw), 'the explorer on a hostile snapshot file');
  });
});
