// prune, backup and restore: they change the host, so a read-only mode is refused rather than
// ignored, and each runs once what a killed run left on the engine is undone.
import { installExitGuard, say } from '../actions/exit-guard.js';
import { recoveryLine } from '../actions/recovery-line.js';
import type { Engine } from '../engine/engine.js';
import { recoverLeftovers } from '../engine/helper-container.js';
import type { Snapshot } from '../model/types.js';
import type { CliCommand, EngineChoice } from './command.js';
import type { FlagName } from './flags.js';
import { collectSnapshot, connect } from './reach-engine.js';

/** The engine an action acts on, and its snapshot (without the host facts only findings need). */
export interface ActionStart {
  engine: Engine;
  snapshot: Snapshot;
}

type Action<Options extends { command: string }, Taken extends FlagName> = Omit<CliCommand<Options, Taken>, 'refuses' | 'run'> & {
  run(options: Options, start: ActionStart): Promise<number>;
};

export function defineAction<Options extends EngineChoice & { command: string }, Taken extends FlagName>(action: Action<Options, Taken>): CliCommand<Options, Taken> {
  const savedData = `stowage ${action.name} acts on a live engine; --demo and --snapshot are read-only`;
  return {
    ...action,
    refuses: { 'read-only': `--read-only: stowage ${action.name} would change the host; it is refused`, demo: savedData, snapshot: savedData },
    run: async (options) => action.run(options, await startAction(options)),
  };
}

async function startAction(choice: EngineChoice): Promise<ActionStart> {
  installExitGuard();
  const engine = await connect(choice);
  // What a killed run left (a stopped writer, a partial file, a helper) is undone before anything else.
  const recovered = recoveryLine(await recoverLeftovers(engine), engine.address);
  if (recovered) say(`stowage: ${recovered}\n`);
  return { engine, snapshot: await collectSnapshot(engine, false, false) };
}
