// The command line: which command, and its options, checked against the command table
// (src/commands/commands.ts); and --help, written from that table and the flags'.
import { parseArgs } from 'node:util';
import type { CliCommand } from './commands/command.js';
import { COMMANDS, commandNamed, type CliOptions } from './commands/commands.js';
import { EVERY_COMMAND_FLAGS, type Flag, type FlagName, FLAGS, type FlagValues } from './commands/flags.js';
import { UsageError } from './errors.js';
import { PRUNE_KINDS } from './model/prune-plan.js';

/** Lines of two columns: each first column padded to the widest, then two spaces. */
function columns(rows: [string, string[]][]): string {
  const width = Math.max(...rows.map(([first]) => first.length)) + 2;
  return rows.flatMap(([first, [line = '', ...more]]) => [`  ${first.padEnd(width)}${line}`, ...more.map((next) => `  ${' '.repeat(width)}${next}`)]).join('\n');
}

const flagColumn = (name: string, flag: Flag) => `${flag.short ? `-${flag.short}, ` : ''}--${name}${flag.value ? ` ${flag.value}` : ''}`;

export const HELP = `stowage — where a Docker host's bytes live

Usage:
${columns(COMMANDS.map((command) => [command.usage, [command.summary]]))}

Options:
${columns(Object.entries(FLAGS).map(([name, flag]: [string, Flag]) => [flagColumn(name, flag), [...flag.help]]))}

Prune kinds: ${PRUNE_KINDS.slice(0, 3).join(', ')},
  ${PRUNE_KINDS.slice(3).join(', ')}.
Exit status: 0 done, 1 engine unreachable or action failed, 2 bad arguments,
3 check found something at --fail-on. Checking several hosts, 3 wins over 1:
3 when any host has a finding at --fail-on, else 1 when any could not be
checked, else 0.

Environment:
  DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH  engine address and TLS
  DOCKER_CONTEXT, DOCKER_CONFIG                     docker context, CLI config
  NO_COLOR                                          no colors on screen

The engine is found from --host, else --context, else DOCKER_HOST, else
DOCKER_CONTEXT, else the docker CLI's current context, else the default socket.
`;

const called = (command: CliCommand<CliOptions>) => (command.name === 'explore' ? 'the explorer' : `\`stowage ${command.name}\``);

/** Why `command` does not take `flag`: its own reason, or the commands that do take it. */
function refusal(command: CliCommand<CliOptions>, name: FlagName): string {
  const own = command.refuses?.[name];
  if (own) return own;
  const takers = COMMANDS.filter((other) => (other.flags as readonly FlagName[]).includes(name)).map(called);
  const listed = takers.length > 1 ? `${takers.slice(0, -1).join(', ')} and ${takers.at(-1)}` : takers[0];
  const elsewhere: string | undefined = (FLAGS[name] as Flag).elsewhere;
  return `--${name} goes with ${listed}${elsewhere ? `; ${elsewhere}` : ''}`;
}

export type ParsedCli = CliOptions | { command: 'help' } | { command: 'version' };

/** Parses the command line; unknown flags, flags of another command and bad values are a UsageError. */
export function parseCli(argv: string[]): ParsedCli {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: FLAGS });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? 'bad arguments';
    throw new UsageError(`${message}; see \`stowage --help\``);
  }
  const values = parsed.values as FlagValues;
  for (const [name, flag] of Object.entries(FLAGS) as [FlagName, Flag][]) {
    const given = [values[name]].flat();
    if (flag.whenEmpty && given.some((one) => typeof one === 'string' && one.trim() === '')) throw new UsageError(`--${name} is empty: ${flag.whenEmpty}`);
  }
  const [name = 'explore', ...operands] = parsed.positionals;
  const command = commandNamed(name);
  if (!command) throw new UsageError(`unknown command "${name}"; see \`stowage --help\``);
  if (values.help) return { command: 'help' };
  if (values.version) return { command: 'version' };
  const taken: readonly FlagName[] = [...command.flags, ...EVERY_COMMAND_FLAGS];
  const refused = (Object.keys(values) as FlagName[]).find((flag) => !taken.includes(flag));
  if (refused) throw new UsageError(refusal(command, refused));
  return command.parse(values, operands);
}
