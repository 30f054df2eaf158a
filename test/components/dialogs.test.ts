// Every step of the explorer's dialogs, as pure functions on the demo host (captured from a real
// engine): what each key leads to, which effect it asks for, and what it refuses.
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { EffectEvent } from '../../src/app/dialog-runner.js';
import { loadDemoSnapshot } from '../../src/app/demo.js';
import { type Dialog, lines, step } from '../../components/dialogs/dialog.js';
import { type DialogCommand, type DialogContext, type DialogInput, isDialogCommand, type Step } from '../../components/dialogs/dialog-step.js';
import { bindingsFor } from '../../src/keys/bindings.js';
import { openBackup } from '../../components/dialogs/backup-dialog.js';
import { openPrune } from '../../components/dialogs/prune-dialog.js';
import { openRestore } from '../../components/dialogs/restore-dialog.js';
import type { RestoreResult } from '../../src/actions/restore.js';
import { openTruncate } from '../../components/dialogs/truncate-dialog.js';
import type { LogTarget } from '../../src/actions/truncate-log.js';

const demo = loadDemoSnapshot();
const context: DialogContext = { snapshot: demo, now: () => new Date('2026-12-01T10:00:00Z') };
const command = (name: DialogCommand): DialogInput => ({ type: 'command', command: name });
const event = (value: EffectEvent): DialogInput => ({ type: 'event', event: value });

/** Feeds inputs one after another from an opened dialog; returns every step. */
function run(opened: Step<Dialog>, ...inputs: DialogInput[]): Step<Dialog>[] {
  const steps = [opened];
  for (const input of inputs) {
    const current = steps.at(-1)?.dialog;
    assert.ok(current, 'the dialog is still open');
    steps.push(step(current, input, context));
  }
  return steps;
}
const last = (steps: Step<Dialog>[]) => steps.at(-1) as Step<Dialog>;
const stepName = (result: Step<Dialog>) => (result.dialog === null ? 'closed' : 'step' in result.dialog ? result.dialog.step : result.dialog.kind);
const effects = (steps: Step<Dialog>[]) => steps.flatMap((result) => (result.effect ? [result.effect.type] : []));

describe('the prune dialog', () => {
  const opened = () => openPrune(demo, false);

  it('opens on the default kinds, named volumes left out', () => {
    const dialog = opened().dialog;
    assert.ok(dialog?.kind === 'prune' && dialog.step === 'choose');
    assert.ok(!dialog.plan.kinds.includes('named-volumes'));
    assert.ok(dialog.plan.items.every((item) => !item.named));
  });

  it('defaults to No: n and Enter go back to the choice, Esc closes, nothing is deleted', () => {
    for (const answer of [command('no'), command('open')]) {
      const steps = run(opened(), command('open'), answer);
      assert.deepEqual(steps.map(stepName), ['choose', 'confirm', 'choose']);
      assert.deepEqual(effects(steps), []);
    }
    assert.deepEqual(run(opened(), command('open'), command('back')).map(stepName), ['choose', 'confirm', 'closed']);
  });

  it('deletes exactly the previewed plan on y', () => {
    const steps = run(opened(), command('open'), command('yes'));
    const effect = last(steps).effect;
    assert.equal(effect?.type, 'prune');
    const preview = steps[0]?.dialog;
    assert.ok(effect?.type === 'prune' && preview?.kind === 'prune');
    assert.deepEqual(effect.plan, preview.plan);
    assert.equal(stepName(last(steps)), 'running');
  });

  it('asks for the name of a named volume, refuses a wrong one, and deletes on the right one', () => {
    // Cursor to "dangling named volumes" (third kind), include it.
    const chosen = run(opened(), command('down'), command('down'), command('toggle'));
    const plan = chosen.at(-1)?.dialog;
    assert.ok(plan?.kind === 'prune' && plan.plan.namedVolumes.some((item) => item.name === 'orphan-uploads'));
    const typed = run(last(chosen), command('open'), command('yes'));
    assert.equal(stepName(last(typed)), 'typed');
    assert.ok(lines(last(typed).dialog as Dialog, 80).field, 'the typed step has a text field');
    const wrong = run(last(typed), { type: 'text', text: 'orphan-upload' }, { type: 'submit' });
    assert.deepEqual(effects(wrong), []);
    assert.match(lines(last(wrong).dialog as Dialog, 80).lines.join('\n'), /does not match: nothing was deleted/);
    const right = run(last(wrong), { type: 'text', text: 'orphan-uploads' }, { type: 'submit' });
    assert.deepEqual(effects(right), ['prune']);
    assert.deepEqual(run(last(typed), command('back')).map(stepName), ['typed', 'closed']);
  });

  it('shows progress and the outcome from the runner events', () => {
    const running = last(run(opened(), command('open'), command('yes')));
    const steps = run(running, event({ type: 'pruneProgress', done: 2 }), event({ type: 'pruneDone', outcome: { removed: [], skipped: [], freedBytes: 0 } }));
    assert.deepEqual(steps.map(stepName), ['running', 'running', 'result']);
    assert.match(lines(steps[1]?.dialog as Dialog, 80).lines[0] ?? '', /2 of/);
    assert.equal(stepName(step(last(steps).dialog as Dialog, command('open'), context)), 'closed');
  });

  it('refuses in read-only: a notice, no plan', () => {
    const refused = openPrune(demo, true);
    assert.equal(refused.dialog?.kind, 'notice');
    assert.equal(refused.effect, undefined);
    assert.equal(step(refused.dialog as Dialog, command('back'), context).dialog, null);
  });
});

describe('the backup dialog', () => {
  it('asks to stop the writers or copy live before it starts, and Esc at the plan closes', () => {
    const opened = openBackup(demo, ['pgdata'], '/backups', false, context.now());
    assert.equal(stepName(opened), 'plan');
    assert.deepEqual(effects(run(opened, command('open'))), [], 'no start before the choice');
    const stopped = run(opened, command('stopWriters'), command('open'));
    const effect = last(stopped).effect;
    assert.ok(effect?.type === 'backup' && effect.stopWriters === true && effect.directory === '/backups');
    const live = last(run(opened, command('copyLive'), command('yes'))).effect;
    assert.ok(live?.type === 'backup' && live.stopWriters === false);
    assert.equal(stepName(last(run(opened, command('back')))), 'closed');
  });

  it('changes the compression with + and -, and the file name with it', () => {
    const opened = openBackup(demo, ['orphan-uploads'], '/backups', false, context.now());
    const none = run(opened, command('levelDown'), command('levelDown'), command('levelDown'), command('levelDown'), command('levelDown'));
    const dialog = last(none).dialog;
    assert.ok(dialog?.kind === 'backup' && dialog.step === 'plan');
    assert.equal(dialog.level, null);
    assert.match(dialog.plans[0]?.fileName ?? '', /\.tar$/);
    const effect = last(run(last(none), command('open'))).effect;
    assert.ok(effect?.type === 'backup' && effect.level === null);
  });

  it('cancels a running backup with Esc, and shows what the runner reports', () => {
    const running = last(run(openBackup(demo, ['orphan-uploads'], '/b', false, context.now()), command('open')));
    assert.equal(step(running.dialog as Dialog, command('back'), context).effect?.type, 'cancelBackup');
    const done = step(running.dialog as Dialog, event({ type: 'backupDone', results: [], error: 'disk full' }), context);
    assert.equal(stepName(done), 'result');
    assert.match(lines(done.dialog as Dialog, 80).lines.join('\n'), /! disk full/);
  });

  it('says when a container has no volume, and refuses in read-only', () => {
    assert.equal(openBackup(demo, [], '/b', false, context.now()).dialog?.kind, 'notice');
    const refused = openBackup(demo, ['pgdata'], '/b', true, context.now());
    assert.ok(refused.dialog?.kind === 'notice' && /Read-only/.test(refused.dialog.title));
  });
});

describe('the restore dialog', () => {
  const listed = () => last(run(openRestore('pgdata', '/b', false), event({ type: 'backupsListed', volume: 'pgdata', files: ['pgdata-1.tar.gz', 'pgdata-0.tar.gz'] })));

  it('lists the backups the runner found, then restores the chosen one into a new volume on y', () => {
    const opened = openRestore('pgdata', '/b', false);
    assert.deepEqual(opened.effect, { type: 'listBackups', volume: 'pgdata', directory: '/b' });
    const steps = run(listed(), command('down'), command('open'), command('yes'));
    assert.deepEqual(steps.map(stepName), ['choose', 'choose', 'confirm', 'running']);
    assert.deepEqual(last(steps).effect, { type: 'restore', file: '/b/pgdata-0.tar.gz', target: 'pgdata-restored-20261201t100000z', existing: false });
  });

  it('defaults to No at the confirmation', () => {
    for (const answer of [command('no'), command('open'), command('back')]) {
      assert.deepEqual(effects(run(listed(), command('open'), answer)), []);
    }
  });

  it('takes an edited target name, refuses one Docker would not, and asks for the name of an existing volume', () => {
    const naming = run(listed(), command('open'), command('rename'));
    assert.equal(stepName(last(naming)), 'name');
    const bad = run(last(naming), { type: 'text', text: '-bad name' }, { type: 'submit' });
    assert.equal(stepName(last(bad)), 'name');
    assert.match(lines(last(bad).dialog as Dialog, 80).lines.join('\n'), /a volume name is/);
    const existing = run(last(bad), { type: 'text', text: 'shared-data' }, { type: 'submit' }, command('yes'));
    assert.deepEqual(existing.map(stepName).slice(-2), ['confirm', 'typed']);
    assert.match(lines(existing.at(-2)?.dialog as Dialog, 80).lines.join('\n'), /existing volume shared-data/);
    const safetyBackup = '/b/shared-data-before-restore-20261201T100000Z.tar.gz';
    assert.match(lines(last(existing).dialog as Dialog, 80).lines.join(' '), new RegExp(`its current contents are saved first to ${safetyBackup}, and kept`));
    const wrong = run(last(existing), { type: 'text', text: 'shared' }, { type: 'submit' });
    assert.deepEqual(effects(wrong), []);
    const right = last(run(last(wrong), { type: 'text', text: 'shared-data' }, { type: 'submit' }));
    assert.deepEqual(right.effect, { type: 'restore', file: '/b/pgdata-1.tar.gz', target: 'shared-data', existing: true, confirmNonEmpty: 'shared-data', safetyBackup });
    assert.equal(stepName(last(run(last(naming), command('back')))), 'confirm', 'Esc in the name field goes back to the confirmation');
  });

  it('says where the contents before are kept, that an empty volume needed none, and the way back of a failure in full', () => {
    const running = last(run(listed(), command('open'), command('yes'))).dialog as Dialog;
    const result = (outcome: Partial<RestoreResult>, error: string | null = null) =>
      lines(step(running, event({ type: 'restoreDone', result: { volume: 'shared-data', created: false, expected: { entries: 1, fileBytes: 3 }, restored: { entries: 1, fileBytes: 3 }, safetyBackup: null, ...outcome }, error }), context).dialog as Dialog, 60).lines;
    assert.match(result({ safetyBackup: '/b/shared-data-before-restore-20261201T100000Z.tar.gz' }).join(' '), /Its contents before are kept in \/b\/shared-data-before-restore-20261201T100000Z\.tar\.gz: restore that file to go back; remove it once/);
    assert.deepEqual(result({}).slice(1), ['It was empty before: no safety backup was needed.']);
    assert.deepEqual(result({ created: true }).length, 1);
    const failed = result({}, 'restoring /b/x.tar.gz failed: the engine could not write it; volume data holds a partial restore of /b/x.tar.gz; its contents before are in /b/data-before.tar.gz: `stowage restore /b/data-before.tar.gz --volume data --confirm-non-empty data --host unix:///run/docker.sock`');
    assert.ok(failed.every((line) => line.length <= 60), 'wrapped to the width');
    assert.match(failed.join(' '), /`stowage restore \/b\/data-before\.tar\.gz --volume data --confirm-non-empty data --host unix:\/\/\/run\/docker\.sock`$/);
  });

  it('says when there is no backup, and refuses in read-only', () => {
    const empty = step(openRestore('pgdata', '/b', false).dialog as Dialog, event({ type: 'backupsListed', volume: 'pgdata', files: [] }), context);
    assert.match(lines(empty.dialog as Dialog, 80).lines[0] ?? '', /No backup of pgdata in \/b/);
    assert.deepEqual(effects(run(empty, command('open'))), []);
    assert.equal(openRestore('pgdata', '/b', true).dialog?.kind, 'notice');
    assert.equal(openRestore('pgdata', '/b', true).effect, undefined);
  });
});

describe('any dialog', () => {
  it('understands every key the key table gives dialogs', () => {
    for (const binding of bindingsFor('dialog')) {
      if (binding.command !== 'quit') assert.ok(isDialogCommand(binding.command), binding.command);
    }
  });

  it('becomes a notice when the runner has no engine', () => {
    const running = last(run(openPrune(demo, false), command('open'), command('yes')));
    const result = step(running.dialog as Dialog, event({ type: 'noEngine' }), context);
    assert.ok(result.dialog?.kind === 'notice' && result.dialog.title === 'No engine');
  });
});

describe('the log truncation dialog', () => {
  const noisy = demo.containers.find((container) => container.log.path !== null && container.log.driver === 'json-file');
  const target = (running: boolean): LogTarget => ({
    containerId: noisy?.id ?? '', container: noisy?.name ?? '', driver: 'json-file', path: noisy?.log.path ?? '',
    device: 2049n, inode: 131_077n, sizeBytes: 116_000, running,
  });
  const checked = (value: LogTarget | null, error: string | null = null) => event({ type: 'logChecked', target: value, error });

  it('checks the file first, then names the container, the file and the size it measured, defaults to No, and empties that very file on y', () => {
    assert.ok(noisy);
    const opened = openTruncate(noisy, false, null);
    assert.equal(stepName(opened), 'checking');
    assert.deepEqual(opened.effect, { type: 'checkLog', containerId: noisy.id });
    const confirm = last(run(opened, checked(target(true))));
    assert.equal(stepName(confirm), 'confirm');
    const shown = lines(confirm.dialog as Dialog, 80);
    assert.equal(shown.title, `Empty the log of ${noisy.name} (116 kB)?`);
    const path = noisy.log.path ?? '';
    assert.ok(path.length > 80);
    assert.equal(shown.lines.slice(0, Math.ceil(path.length / 80)).join(''), path, 'the whole path, over lines of 80 columns');
    assert.match(shown.lines.join('\n'), new RegExp(`${noisy.name} keeps running`));
    for (const answer of [command('no'), command('open'), command('back')]) assert.deepEqual(effects(run(opened, checked(target(true)), answer)), ['checkLog']);
    assert.deepEqual(last(run(opened, checked(target(true)), command('yes'))).effect, { type: 'truncateLog', target: target(true) });
  });

  it('says "keeps running" only of a running container', () => {
    assert.ok(noisy);
    const confirm = last(run(openTruncate(noisy, false, null), checked(target(false))));
    const text = lines(confirm.dialog as Dialog, 80).lines.join('\n');
    assert.doesNotMatch(text, /keeps running/);
    assert.match(text, new RegExp(`${noisy.name} is not running`));
    const result = (running: boolean) => {
      const running_ = last(run(openTruncate(noisy, false, null), checked(target(running)), command('yes')));
      const done = step(running_.dialog as Dialog, event({ type: 'truncated', result: { container: noisy.name, driver: 'json-file', path: '/x.log', freedBytes: 5_000_000, running }, error: null }), context);
      return lines(done.dialog as Dialog, 80).lines.join('\n');
    };
    assert.match(result(true), /keeps running/);
    assert.doesNotMatch(result(false), /keeps running/);
  });

  it('shows the refusal of the check, its reason wrapped to the width, and offers nothing to confirm', () => {
    assert.ok(noisy);
    const refused = last(run(openTruncate(noisy, false, null), checked(null, 'cannot truncate the log of noisy: /x is a symbolic link; nothing was changed')));
    assert.equal(stepName(refused), 'result');
    assert.deepEqual(lines(refused.dialog as Dialog, 80).lines, ['! cannot truncate the log of noisy: /x is a symbolic link; nothing was changed']);
    const long = `cannot truncate the log of noisy: /var/lib/docker/containers/${'a'.repeat(64)}/${'a'.repeat(64)}-json.log has 2 names (hard links): another file shares its bytes; nothing was changed`;
    const wrapped = lines(last(run(openTruncate(noisy, false, null), checked(null, long))).dialog as Dialog, 80).lines;
    assert.ok(wrapped.every((line) => line.length <= 80), 'every line fits');
    assert.match(wrapped.join(' ').replace(/ +/g, ' '), /has 2 names \(hard links\): another file shares its bytes; nothing was changed$/, 'the reason is on screen, not cut off');
    assert.equal(refused.effect, undefined);
  });

  it('says how to cap the log for good once it is emptied', () => {
    assert.ok(noisy);
    const running = last(run(openTruncate(noisy, false, null), checked(target(true)), command('yes')));
    const done = step(running.dialog as Dialog, event({ type: 'truncated', result: { container: noisy.name, driver: 'json-file', path: '/x.log', freedBytes: 5_000_000, running: true }, error: null }), context);
    const text = lines(done.dialog as Dialog, 80).lines.join('\n');
    assert.match(text, /--log-opt max-size=/);
    assert.match(text, /daemon\.json/);
    assert.match(text, /logging:/);
  });

  it("gives Podman's way to cap a k8s-file log once it is emptied", () => {
    assert.ok(noisy);
    const running = last(run(openTruncate({ ...noisy, log: { ...noisy.log, driver: 'k8s-file' } }, false, null), checked({ ...target(true), driver: 'k8s-file' }), command('yes')));
    const done = step(running.dialog as Dialog, event({ type: 'truncated', result: { container: noisy.name, driver: 'k8s-file', path: '/x.log', freedBytes: 5_000_000, running: true }, error: null }), context);
    const text = lines(done.dialog as Dialog, 80).lines.join('\n');
    assert.match(text, /podman run --log-opt max-size=/);
    assert.match(text, /log_size_max/);
    assert.doesNotMatch(text, /daemon\.json/);
  });

  it('says why a journald or none log is not emptied, and offers no truncate command for it', () => {
    assert.ok(noisy);
    for (const [driver, why] of [['journald', /systemd journal/], ['none', /keeps no log/]] as const) {
      const opened = openTruncate({ ...noisy, log: { ...noisy.log, driver, path: null } }, false, null);
      const text = lines(opened.dialog as Dialog, 200).lines.join('\n');
      assert.match(text, why);
      assert.doesNotMatch(text, /truncate -s 0/);
    }
  });

  it('refuses where the log is not reachable, and in read-only', () => {
    assert.ok(noisy);
    const remote = openTruncate(noisy, false, "the log is on the engine's host");
    assert.ok(remote.dialog?.kind === 'notice' && /Not here: the log is on the engine's host/.test(remote.dialog.message));
    assert.equal(remote.effect, undefined);
    assert.equal(openTruncate(noisy, true, null).dialog?.kind, 'notice');
  });

  it('waits for the container\'s details before it names a reason', () => {
    assert.ok(noisy);
    const early = openTruncate({ ...noisy, detailsPending: true, log: { ...noisy.log, driver: '' } }, false, null);
    assert.ok(early.dialog?.kind === 'notice' && /is still being read: try again in a moment/.test(early.dialog.message));
    assert.equal(early.effect, undefined);
  });
});

describe('the backup destination', () => {
  it('takes another folder before it starts, and Esc keeps the one it had', () => {
    const opened = openBackup(demo, ['orphan-uploads'], '/full-disk', false, context.now());
    const edited = run(opened, command('rename'), { type: 'text', text: '/mnt/other-disk' }, { type: 'submit' }, command('open'));
    const effect = last(edited).effect;
    assert.ok(effect?.type === 'backup' && effect.directory === '/mnt/other-disk');
    const kept = last(run(opened, command('rename'), { type: 'text', text: '/elsewhere' }, command('back'), command('open'))).effect;
    assert.ok(kept?.type === 'backup' && kept.directory === '/full-disk');
  });
});
