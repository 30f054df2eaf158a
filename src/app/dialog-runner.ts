// Performs what the explorer's dialogs ask for (prune, backup, restore, listing backups, undoing
// what a killed run left) and reports back as events. It knows the engine, not the dialogs: the
// dialogs are pure steps (components/dialogs/), and their store feeds these events to them.
import { type BackupResult, runBackup, type TransferProgress } from '../actions/backup.js';
import { backupsOfVolume } from '../actions/backup-manifest.js';
import { executePrune, type PruneOutcome } from '../actions/prune.js';
import { type RestoreResult, runRestore } from '../actions/restore.js';
import { checkLog, type LogTarget, type TruncateResult, truncateLog } from '../actions/truncate-log.js';
import type { Engine } from '../engine/engine.js';
import { recoverLeftovers } from '../engine/helper-container.js';
import { recoveryLine } from '../actions/recovery-line.js';
import type { BackupPlan } from '../model/backup-plan.js';
import type { PrunePlan } from '../model/prune-plan.js';

export type Effect =
  | { type: 'prune'; plan: PrunePlan }
  | { type: 'backup'; plans: BackupPlan[]; directory: string; level: number | null; stopWriters: boolean }
  | { type: 'cancelBackup' }
  | { type: 'restore'; file: string; target: string; existing: boolean; confirmNonEmpty?: string; safetyBackup?: string }
  | { type: 'listBackups'; volume: string; directory: string }
  | { type: 'checkLog'; containerId: string }
  | { type: 'truncateLog'; target: LogTarget }
  | { type: 'recover' };

export type EffectEvent =
  | { type: 'pruneProgress'; done: number }
  | { type: 'pruneDone'; outcome: PruneOutcome }
  | { type: 'backupProgress'; current: number; progress: TransferProgress | null }
  | { type: 'backupDone'; results: BackupResult[]; error: string | null }
  | { type: 'restoreDone'; result: RestoreResult | null; error: string | null }
  | { type: 'backupsListed'; volume: string; files: string[] }
  | { type: 'recovered'; message: string }
  | { type: 'logChecked'; target: LogTarget | null; error: string | null }
  | { type: 'truncated'; result: TruncateResult | null; error: string | null }
  | { type: 'noEngine' };

export interface DialogRunner {
  perform(effect: Effect, report: (event: EffectEvent) => void): void;
  /** Cancels a running backup (its stopped containers start again) and waits for what runs. */
  settle(): Promise<void>;
}

const errorText = (error: unknown) => (error as Error).message;

const unperformed = (effect: never): never => {
  throw new Error(`no dialog effect ${JSON.stringify((effect as Effect).type)}`);
};

export function dialogRunner(options: {
  /** The engine that may be changed; null without one (a saved snapshot, read-only). */
  engine: () => Engine | null;
  engineDescription: () => string;
  /** Collect again after the host changed. */
  changed: () => void;
}): DialogRunner {
  let controller: AbortController | null = null;
  const running = new Set<Promise<unknown>>();
  const track = (work: Promise<unknown>) => {
    running.add(work);
    void work.finally(() => running.delete(work));
  };

  const backup = async (engine: Engine, effect: Extract<Effect, { type: 'backup' }>, report: (event: EffectEvent) => void) => {
    controller = new AbortController();
    const results: BackupResult[] = [];
    try {
      for (const [index, plan] of effect.plans.entries()) {
        report({ type: 'backupProgress', current: index, progress: null });
        results.push(
          await runBackup(engine, plan, {
            directory: effect.directory, level: effect.level, stopWriters: effect.stopWriters, signal: controller.signal,
            engineDescription: options.engineDescription(),
            onProgress: (progress) => report({ type: 'backupProgress', current: index, progress }),
          }),
        );
      }
      report({ type: 'backupDone', results, error: null });
    } catch (error) {
      report({ type: 'backupDone', results, error: errorText(error) });
    } finally {
      controller = null;
      options.changed();
    }
  };

  const recover = (engine: Engine, report: (event: EffectEvent) => void) =>
    recoverLeftovers(engine).then(
      (recovery) => {
        const line = recoveryLine(recovery, engine.address);
        if (!line) return;
        report({ type: 'recovered', message: `${line[0]?.toUpperCase()}${line.slice(1)}.` });
        options.changed();
      },
      () => undefined,
    );

  const perform: DialogRunner['perform'] = (effect, report) => {
    if (effect.type === 'cancelBackup') return void controller?.abort();
    if (effect.type === 'listBackups') {
      return track(backupsOfVolume(effect.directory, effect.volume).then((files) => report({ type: 'backupsListed', volume: effect.volume, files })));
    }
    const engine = options.engine();
    if (!engine) return effect.type === 'recover' ? undefined : report({ type: 'noEngine' });
    switch (effect.type) {
      case 'prune':
        return track(
          executePrune(engine, effect.plan.items, (done) => report({ type: 'pruneProgress', done })).then((outcome) => {
            report({ type: 'pruneDone', outcome });
            options.changed();
          }),
        );
      case 'backup':
        return track(backup(engine, effect, report));
      case 'checkLog':
        return track(
          checkLog(engine, effect.containerId).then(
            (target) => report({ type: 'logChecked', target, error: null }),
            (error: unknown) => report({ type: 'logChecked', target: null, error: errorText(error) }),
          ),
        );
      case 'truncateLog':
        return track(
          truncateLog(engine, effect.target).then(
            (result) => report({ type: 'truncated', result, error: null }),
            (error: unknown) => report({ type: 'truncated', result: null, error: errorText(error) }),
          ).finally(options.changed),
        );
      case 'restore':
        return track(
          runRestore(engine, effect.file, effect.target, effect.existing, {
            engineDescription: options.engineDescription(),
            ...(effect.confirmNonEmpty === undefined ? {} : { confirmNonEmpty: effect.confirmNonEmpty }),
            ...(effect.safetyBackup === undefined ? {} : { safetyBackup: effect.safetyBackup }),
          }).then(
            (result) => report({ type: 'restoreDone', result, error: null }),
            (error: unknown) => report({ type: 'restoreDone', result: null, error: errorText(error) }),
          ).finally(options.changed),
        );
      case 'recover':
        return track(recover(engine, report));
      default:
        // An effect added to Effect and not here fails to compile instead of cleaning up leftovers.
        return unperformed(effect);
    }
  };

  return {
    perform,
    async settle() {
      controller?.abort();
      await Promise.allSettled([...running]);
    },
  };
}
