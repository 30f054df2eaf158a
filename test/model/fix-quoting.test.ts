// Fix texts are commands people paste: every path and name in them is shell-quoted, compose
// snippets stay valid YAML, and `check` prints them line by line with their indentation.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { describe, it } from 'node:test';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { deriveFindings, fixLines } from '../../src/model/findings.js';
import type { ContainerStorage, Snapshot } from '../../src/model/types.js';
import { checkReport } from '../../src/report/check-report.js';
import { textReport } from '../../src/report/text-report.js';
import { assertPlainText } from '../support/terminal-safety.js';

const bashWord = (word: string) => execFileSync('bash', ['--norc', '--noprofile', '-c', `printf '%s' ${word}`], { env: { PATH: process.env.PATH } }).toString();

const ROOT_OWNED = { exists: true, type: 'directory' as const, empty: false, uid: 0, gid: 0, mode: 0o755, modifiedAt: null };
const SOURCES = ['/srv/data /etc', '/srv/$(touch /tmp/stowage-pwned)', '/srv/`id`;x', "/srv/it's", '/srv/a\nb\x1b]52;c;aGk=\x07', '/srv/\u202eevil'];

/** The demo host with one container whose user (uid 1000) cannot write to binds with these sources. */
function hostWith(sources: string[], extra: Partial<ContainerStorage> = {}): Snapshot {
  const demo = loadDemoSnapshot();
  const base = demo.containers[0] as ContainerStorage;
  const container: ContainerStorage = {
    ...base, name: 'app', user: { spec: '1000', uid: 1000, gid: 1000 },
    bindMounts: sources.map((source, index) => ({ source, destination: `/w${index}`, readOnly: false, propagation: null, host: ROOT_OWNED })),
    ...extra,
  };
  const snapshot = { ...demo, containers: [container] };
  return { ...snapshot, findings: deriveFindings(snapshot) };
}

describe('fix texts', () => {
  it('quote each bind source in the chown fix, so bash reads back exactly that path and runs nothing', () => {
    const snapshot = hostWith(SOURCES);
    const fixes = snapshot.findings.filter((finding) => finding.id === 'bind-not-writable').map((finding) => finding.fix.split('\n')[0] ?? '');
    assert.equal(fixes.length, SOURCES.length);
    assert.ok(fixes.includes("sudo chown -R 1000:1000 '/srv/data /etc'"));
    for (const [index, source] of SOURCES.entries()) {
      const fix = fixes.find((line) => bashWord(line.slice('sudo chown -R 1000:1000 '.length)) === source);
      assert.ok(fix, `a fix for ${JSON.stringify(source)}`);
      assert.doesNotMatch(fix, /[\x00-\x1f\x7f-\x9f\u202e]/, `fix ${index} holds no control character`);
    }
  });

  it('quote tmpfs targets, log paths and compose values', () => {
    const target = '/run/x y\n$(id)';
    const snapshot = hostWith([], {
      memoryLimitBytes: 64 * 1024 * 1024,
      tmpfs: [{ destination: target, sizeBytes: null, options: [] }],
      log: { ...(loadDemoSnapshot().containers[0] as ContainerStorage).log, driver: 'json-file', sizeBytes: 5e9, maxSizeBytes: 1e6, path: '/var/lib/docker/containers/x y/x-json.log' },
    });
    const tmpfs = snapshot.findings.find((finding) => finding.id === 'tmpfs-unbounded-with-memory-limit');
    assert.equal(bashWord((tmpfs?.fix ?? '').split('  ')[0]?.slice('--tmpfs '.length) ?? ''), `${target}:size=16m`);
    const log = snapshot.findings.find((finding) => finding.id === 'log-large');
    assert.match(log?.fix ?? '', /sudo truncate -s 0 '\/var\/lib\/docker\/containers\/x y\/x-json\.log'$/);
  });

  it('keep the compose snippet indented when check prints it', () => {
    const demo = loadDemoSnapshot();
    const volume = { ...(demo.volumes[0] as Snapshot['volumes'][number]), name: 'shop_data', composeProject: 'shop', composeVolume: 'data: x\x1b[2J' };
    const snapshot = { ...demo, volumes: [volume] };
    const findings = deriveFindings(snapshot).filter((finding) => finding.id === 'compose-down-v-removes');
    assert.deepEqual(fixLines(findings[0]?.fix ?? '').slice(1), ['volumes:', '  "data: x\\u001b[2J":', '    external: true', '    name: shop_data']);
    const { text } = checkReport({ ...snapshot, findings }, 'danger');
    assert.match(text, /^ {7}volumes:\n {9}"data: x\\u001b\[2J":\n {11}external: true\n {11}name: shop_data$/m);
  });
});

describe('the report and check on hostile strings', () => {
  it('write no control character, and each name on its own line', () => {
    const snapshot = hostWith(SOURCES, { image: 'img\x1b]0;title\x07', name: 'app\u009b2J' });
    const withWarning = { ...snapshot, warnings: ['the engine said \x1b[2J\r'] };
    for (const [what, text] of [['the report', textReport(withWarning)], ['check', checkReport(withWarning, 'danger').text]] as const) {
      assertPlainText(text, what);
      assert.ok(text.split('\n').some((line) => line.includes('/srv/a\\nb\\e]52;c;aGk=\\a')), `${what}: the newline shown, not split`);
    }
  });
});
