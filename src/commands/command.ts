// What a command of stowage is: its name, its line of --help, the flags it takes, how they become
// its options, and its run (commands.ts lists them); and the options several commands share.
import type { Fleet } from '../app/fleet.js';
import type { HostFeed, LiveFeed, Origin } from '../app/host-feed.js';
import { UsageError } from '../errors.js';
import type { FlagName, FlagValues } from './flags.js';

export interface CliCommand<Options extends { command: string }, Taken extends FlagName = FlagName> {
  name: Options['command'];
  /** Its line under Usage in --help: how it is typed, and what it does. */
  usage: string;
  summary: string;
  /** The flags it takes besides --help and --version: any other is refused. */
  flags: readonly Taken[];
  /** Flags it refuses for a reason of its own, instead of naming the commands that take them. */
  refuses?: Partial<Record<FlagName, string>>;
  /** Its options, from its flags and the arguments after its name; a UsageError when they do not fit. */
  parse(values: Pick<FlagValues, Taken>, operands: string[]): Options;
  run(options: Options, context: RunContext): Promise<number>;
}

/** A command, with the flags it takes read from its `flags`. */
export const defineCommand = <Options extends { command: string }, Taken extends FlagName>(command: CliCommand<Options, Taken>) => command;

/** The explorer's start (components/run-explorer.tsx), as cli.ts loads it: the one place src/ reaches the views. */
export interface Explorer {
  runExplorer(feed: HostFeed | LiveFeed, directory?: string, onEngineHost?: boolean, hosts?: { fleet: Fleet; first: string; startOnHosts: boolean } | null): Promise<never>;
}

/** What cli.ts gives each command's run. */
export interface RunContext {
  loadExplorer(): Promise<Explorer>;
}

export function noOperands(operands: string[]): void {
  if (operands.length) throw new UsageError(`unexpected argument "${operands[0]}"; see \`stowage --help\``);
}

/** The engine a command acts on: the one --host or --context (none: DOCKER_HOST and on), and --timeout. */
export interface EngineChoice {
  host: string | undefined;
  context: string | undefined;
  timeoutMs: number | undefined;
}

export const ENGINE_FLAGS = ['host', 'context', 'timeout'] as const satisfies readonly FlagName[];

function timeoutMs(timeout: string | undefined): number | undefined {
  if (timeout === undefined) return undefined;
  const seconds = Number(timeout);
  if (!Number.isFinite(seconds) || seconds <= 0) throw new UsageError(`--timeout takes a number of seconds above 0, not "${timeout}"`);
  return Math.round(seconds * 1000);
}

/** For a command that acts on one engine: several named are refused. */
export function oneEngine(command: string, values: Pick<FlagValues, (typeof ENGINE_FLAGS)[number]>): EngineChoice {
  const timeout = timeoutMs(values.timeout);
  const hosts = values.host ?? [];
  const contexts = values.context ?? [];
  if (hosts.length === 1 && contexts.length === 1) throw new UsageError('--host and --context choose the engine in two ways; pass only one');
  if (hosts.length + contexts.length > 1) {
    throw new UsageError(`stowage ${command} acts on one engine; pass one --host or --context (several go with the explorer and check)`);
  }
  return { host: hosts[0], context: contexts[0], timeoutMs: timeout };
}

/** What --demo or --snapshot FILE shows instead of an engine. */
export type SavedData = Exclude<Origin, { kind: 'live' }>;

/** Where the explorer and check look: saved data, one engine, or every --host and --context named. */
export interface LookChoice extends EngineChoice {
  /** Every --host and --context given, in order: several open the Hosts view, or check each. */
  hosts: string[];
  contexts: string[];
  saved: SavedData | null;
  readOnly: boolean;
  json: boolean;
}

export const LOOK_FLAGS = [...ENGINE_FLAGS, 'json', 'demo', 'snapshot', 'read-only'] as const satisfies readonly FlagName[];

export function lookChoice(values: Pick<FlagValues, (typeof LOOK_FLAGS)[number]>, allContexts = false): LookChoice {
  const timeout = timeoutMs(values.timeout);
  const hosts = values.host ?? [];
  const contexts = values.context ?? [];
  const named = hosts.length + contexts.length;
  if (allContexts && named) throw new UsageError('--all-contexts checks every context; it takes no --host or --context');
  if (values.demo && values.snapshot !== undefined) throw new UsageError('--demo and --snapshot both choose what to show; pass only one');
  const offline = values.demo ? '--demo' : values.snapshot !== undefined ? '--snapshot' : null;
  if (offline && (named || allContexts)) throw new UsageError(`${offline} shows saved data; it takes no --host, --context or --all-contexts`);
  return {
    host: named === 1 ? hosts[0] : undefined,
    context: named === 1 ? contexts[0] : undefined,
    timeoutMs: timeout,
    hosts,
    contexts,
    saved: values.demo ? { kind: 'demo' } : values.snapshot !== undefined ? { kind: 'file', path: values.snapshot } : null,
    readOnly: values['read-only'] ?? false,
    json: values.json ?? false,
  };
}

/** Several engines named: the Hosts view opens on them, or check reports each. */
export const several = (choice: LookChoice) => choice.hosts.length + choice.contexts.length > 1;
