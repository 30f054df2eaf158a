// The explorer's actions (prune, backup, restore) as dialogs: plan, confirm, progress, result.
// The views read the dialog's state and send it keys; the engine work happens here.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { type BackupResult, runBackup, type TransferProgress } from '../actions/backup.js';
import { executePrune, type PruneOutcome } from '../actions/prune.js';
import { type RestoreResult, runRestore } from '../actions/restore.js';
import type { Engine } from '../engine/engine.js';
import { recoverLeftovers, recoveryLine } from '../engine/helper-container.js';
import { notCarriedText } from '../actions/not-carried.js';
import { formatBytes } from '../model/format-bytes.js';
import { backupStamp, type BackupPlan, planBackup } from '../model/backup-plan.js';
import { DEFAULT_PRUNE_KINDS, namedVolumeConfirmation, PRUNE_KINDS, type PruneKind, type PrunePlan, planPrune } from '../model/prune-plan.js';
import type { Snapshot } from '../model/types.js';
import { DEFAULT_GZIP_LEVEL } from '../actions/parallel-gzip.js';

export const LEVELS: (number | null)[] = [null, 1, 3, DEFAULT_GZIP_LEVEL, 6, 9];

export type Dialog =
  | { kind: 'none' }
  | { kind: 'notice'; title: string; message: string }
  | { kind: 'prune'; step: 'choose'; cursor: number; chosen: PruneKind[]; plan: PrunePlan }
  | { kind: 'prune'; step: 'confirm'; plan: PrunePlan }
  | { kind: 'prune'; step: 'typed'; plan: PrunePlan; expected: string; typed: string }
  | { kind: 'prune'; step: 'running'; plan: PrunePlan; done: number }
  | { kind: 'prune'; step: 'result'; plan: PrunePlan; outcome: PruneOutcome }
  | { kind: 'backup'; step: 'plan'; plans: BackupPlan[]; directory: string; level: number | null; stopWriters: boolean | null }
  | { kind: 'backup'; step: 'running'; plans: BackupPlan[]; current: number; progress: TransferProgress | null; directory: string }
  | { kind: 'backup'; step: 'result'; results: BackupResult[]; error: string | null }
  | { kind: 'restore'; step: 'choose'; volume: string; files: string[]; cursor: number; directory: string }
  | { kind: 'restore'; step: 'confirm'; file: string; target: string }
  | { kind: 'restore'; step: 'running'; file: string; target: string }
  | { kind: 'restore'; step: 'result'; result: RestoreResult | null; error: string | null };

export interface ActionStore {
  getState(): Dialog;
  subscribe(listener: () => void): () => void;
  openPrune(snapshot: Snapshot): void;
  openBackup(snapshot: Snapshot, volumes: string[]): void;
  openRestore(volume: string): void;
  /** Keys the dialog understands, already mapped from the key table. */
  key(key: 'up' | 'down' | 'toggle' | 'enter' | 'yes' | 'no' | 'escape' | 'stop' | 'live' | 'levelUp' | 'levelDown'): void;
  type(text: string): void;
  erase(): void;
  /** Cancels what runs (a backup starts its stopped containers again) and waits until it has. */
  settle(): Promise<void>;
  /** Undoes what a killed stowage run left on the engine, and says so in a notice. */
  recover(): void;
}

const errorText = (error: unknown) => (error as Error).message;

export function actionStore(options: {
  engine: () => Engine | null;
  readOnly: boolean;
  directory: string;
  engineDescription: () => string;
  /** Collect again after an action changed the host. */
  changed: () => void;
}): ActionStore {
  let state: Dialog = { kind: 'none' };
  let snapshot: Snapshot | null = null;
  let controller: AbortController | null = null;
  let running: Promise<void> | null = null;
  const listeners = new Set<() => void>();
  const set = (next: Dialog) => {
    state = next;
    for (const listener of listeners) listener();
  };
  const refuse = (what: string) =>
    set({ kind: 'notice', title: 'Read-only', message: `${what} would change the host: actions are off with --read-only, --demo and --snapshot.` });
  const engineOrNotice = (): Engine | null => {
    const engine = options.engine();
    if (!engine) set({ kind: 'notice', title: 'No engine', message: 'Actions need a live engine.' });
    return engine;
  };

  const startPrune = async (plan: PrunePlan) => {
    const engine = engineOrNotice();
    if (!engine) return;
    set({ kind: 'prune', step: 'running', plan, done: 0 });
    const outcome = await executePrune(engine, plan.items, (done) => set({ kind: 'prune', step: 'running', plan, done }));
    set({ kind: 'prune', step: 'result', plan, outcome });
    options.changed();
  };

  const startBackup = (plans: BackupPlan[], directory: string, level: number | null, stopWriters: boolean) => {
    running = backup(plans, directory, level, stopWriters).finally(() => (running = null));
  };
  const backup = async (plans: BackupPlan[], directory: string, level: number | null, stopWriters: boolean) => {
    const engine = engineOrNotice();
    if (!engine) return;
    controller = new AbortController();
    const results: BackupResult[] = [];
    try {
      for (const [index, plan] of plans.entries()) {
        set({ kind: 'backup', step: 'running', plans, current: index, progress: null, directory });
        results.push(
          await runBackup(engine, plan, {
            directory, level, stopWriters, signal: controller.signal, engineDescription: options.engineDescription(),
            onProgress: (progress) => set({ kind: 'backup', step: 'running', plans, current: index, progress, directory }),
          }),
        );
      }
      set({ kind: 'backup', step: 'result', results, error: null });
    } catch (error) {
      set({ kind: 'backup', step: 'result', results, error: errorText(error) });
    } finally {
      controller = null;
      options.changed();
    }
  };

  const startRestore = async (file: string, target: string) => {
    const engine = engineOrNotice();
    if (!engine) return;
    set({ kind: 'restore', step: 'running', file, target });
    try {
      const result = await runRestore(engine, file, target, false, { engineDescription: options.engineDescription() });
      set({ kind: 'restore', step: 'result', result, error: null });
    } catch (error) {
      set({ kind: 'restore', step: 'result', result: null, error: errorText(error) });
    }
    options.changed();
  };

  const key: ActionStore['key'] = (pressed) => {
    const current = state;
    if (current.kind === 'none') return;
    if (current.kind === 'notice') return void (pressed === 'escape' || pressed === 'enter' ? set({ kind: 'none' }) : undefined);
    if (current.kind === 'prune') {
      if (current.step === 'choose') {
        if (pressed === 'escape') return set({ kind: 'none' });
        if (pressed === 'up' || pressed === 'down') {
          const cursor = (current.cursor + (pressed === 'up' ? PRUNE_KINDS.length - 1 : 1)) % PRUNE_KINDS.length;
          return set({ ...current, cursor });
        }
        if (pressed === 'toggle' && snapshot) {
          const kind = PRUNE_KINDS[current.cursor] as PruneKind;
          const chosen = current.chosen.includes(kind) ? current.chosen.filter((k) => k !== kind) : [...current.chosen, kind];
          return set({ ...current, chosen, plan: planPrune(snapshot, chosen) });
        }
        if (pressed === 'enter' && current.plan.items.length) return set({ kind: 'prune', step: 'confirm', plan: current.plan });
        return;
      }
      if (current.step === 'confirm') {
        if (pressed === 'yes') {
          const expected = namedVolumeConfirmation(current.plan);
          if (expected !== null) return set({ kind: 'prune', step: 'typed', plan: current.plan, expected, typed: '' });
          return void startPrune(current.plan);
        }
        // Default No: anything but y backs out to the choice, Esc closes.
        if (pressed === 'escape') return set({ kind: 'none' });
        if (pressed === 'no' || pressed === 'enter') return snapshot ? set({ kind: 'prune', step: 'choose', cursor: 0, chosen: current.plan.kinds, plan: current.plan }) : undefined;
        return;
      }
      if (current.step === 'typed') {
        if (pressed === 'escape') return set({ kind: 'none' });
        if (pressed === 'enter') return current.typed === current.expected ? void startPrune(current.plan) : set({ ...current, typed: '' });
        return;
      }
      if (current.step === 'result' && (pressed === 'escape' || pressed === 'enter')) return set({ kind: 'none' });
      return;
    }
    if (current.kind === 'backup') {
      if (current.step === 'plan') {
        if (pressed === 'escape' || pressed === 'no') return set({ kind: 'none' });
        if (pressed === 'stop') return set({ ...current, stopWriters: true });
        if (pressed === 'live') return set({ ...current, stopWriters: false });
        if (pressed === 'levelUp' || pressed === 'levelDown') {
          const index = LEVELS.indexOf(current.level) + (pressed === 'levelUp' ? 1 : -1);
          const level = LEVELS[Math.max(0, Math.min(LEVELS.length - 1, index))] ?? null;
          const plans = snapshot ? current.plans.map((plan) => planBackup(snapshot as Snapshot, plan.volume.name, new Date(), level !== null) ?? plan) : current.plans;
          return set({ ...current, level, plans });
        }
        const needsChoice = current.plans.some((plan) => plan.writers.length > 0) && current.stopWriters === null;
        if ((pressed === 'enter' || pressed === 'yes') && !needsChoice) {
          return void startBackup(current.plans, current.directory, current.level, current.stopWriters === true);
        }
        return;
      }
      if (current.step === 'running' && pressed === 'escape') return void controller?.abort();
      if (current.step === 'result' && (pressed === 'escape' || pressed === 'enter')) return set({ kind: 'none' });
      return;
    }
    if (current.step === 'choose') {
      if (pressed === 'escape') return set({ kind: 'none' });
      if (pressed === 'up' || pressed === 'down') {
        const count = Math.max(1, current.files.length);
        return set({ ...current, cursor: (current.cursor + (pressed === 'up' ? count - 1 : 1)) % count });
      }
      const file = current.files[current.cursor];
      if (pressed === 'enter' && file) {
        return set({ kind: 'restore', step: 'confirm', file: join(current.directory, file), target: `${current.volume}-restored-${backupStamp(new Date()).toLowerCase()}` });
      }
      return;
    }
    if (current.step === 'confirm') {
      if (pressed === 'yes') return void startRestore(current.file, current.target);
      if (pressed === 'escape' || pressed === 'no' || pressed === 'enter') return set({ kind: 'none' });
      return;
    }
    if (current.step === 'result' && (pressed === 'escape' || pressed === 'enter')) set({ kind: 'none' });
  };

  return {
    getState: () => state,
    subscribe: (listener) => {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    openPrune(current) {
      if (options.readOnly) return refuse('Pruning');
      snapshot = current;
      set({ kind: 'prune', step: 'choose', cursor: 0, chosen: DEFAULT_PRUNE_KINDS, plan: planPrune(current, DEFAULT_PRUNE_KINDS) });
    },
    openBackup(current, volumes) {
      if (options.readOnly) return refuse('A backup');
      snapshot = current;
      const plans = volumes.map((volume) => planBackup(current, volume, new Date(), true)).filter((plan): plan is BackupPlan => plan !== null);
      if (!plans.length) return set({ kind: 'notice', title: 'Backup', message: 'This container has no volume to back up.' });
      set({ kind: 'backup', step: 'plan', plans, directory: options.directory, level: DEFAULT_GZIP_LEVEL, stopWriters: plans.some((plan) => plan.writers.length) ? null : false });
    },
    openRestore(volume) {
      if (options.readOnly) return refuse('A restore');
      void (async () => {
        const names = await readdir(options.directory).catch(() => [] as string[]);
        const files: string[] = [];
        for (const name of names.filter((candidate) => candidate.endsWith('.manifest.json')).sort().reverse()) {
          const manifest = JSON.parse(await readFile(join(options.directory, name), 'utf8').catch(() => '{}')) as { volume?: string; file?: string };
          if (manifest.volume === volume && manifest.file) files.push(manifest.file);
        }
        set({ kind: 'restore', step: 'choose', volume, files, cursor: 0, directory: options.directory });
      })();
    },
    key,
    type(text) {
      if (state.kind === 'prune' && state.step === 'typed') set({ ...state, typed: state.typed + text });
    },
    erase() {
      if (state.kind === 'prune' && state.step === 'typed') set({ ...state, typed: state.typed.slice(0, -1) });
    },
    async settle() {
      controller?.abort();
      await running;
    },
    recover() {
      const engine = options.engine();
      if (!engine || options.readOnly) return;
      void recoverLeftovers(engine).then(
        (recovery) => {
          const line = recoveryLine(recovery);
          if (line && state.kind === 'none') set({ kind: 'notice', title: 'Cleaned up', message: `${line[0]?.toUpperCase()}${line.slice(1)}.` });
          if (line) options.changed();
        },
        () => undefined,
      );
    },
  };
}
