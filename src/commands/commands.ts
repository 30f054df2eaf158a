// Every command of stowage, in the order --help lists them: a new command is its module and its
// entry here. The parser, the help and cli.ts's run all read this list.
import { backupCommand } from './backup-command.js';
import { checkCommand } from './check-command.js';
import type { CliCommand } from './command.js';
import { exploreCommand } from './explore-command.js';
import { pruneCommand } from './prune-command.js';
import { restoreCommand } from './restore-command.js';
import { watchCommand } from './watch-command.js';

export const COMMANDS = [exploreCommand, checkCommand, pruneCommand, backupCommand, restoreCommand, watchCommand] as const;

/** A command's options, told apart by `command`. */
export type CliOptions = ReturnType<(typeof COMMANDS)[number]['parse']>;

/** The command named `name`, its options' type widened to all of them: each is only given its own. */
export const commandNamed = (name: string): CliCommand<CliOptions> | undefined => COMMANDS.find((command) => command.name === name);

/** The command `options` were parsed for: parseCli found it by that name. */
export const commandOf = (options: CliOptions) => commandNamed(options.command) as CliCommand<CliOptions>;
