import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { DEFAULT_GZIP_LEVEL } from './actions/parallel-gzip.js';
import { UsageError } from './errors.js';

import { DEFAULT_PRUNE_KINDS, PRUNE_KINDS, type PruneKind } from './model/prune-plan.js';
import type { Severity } from './model/types.js';

export type Command = 'explore' | 'check' | 'prune' | 'backup' | 'restore' | 'watch';
const COMMANDS: Command[] = ['explore', 'check', 'prune', 'backup', 'restore', 'watch'];
/** `watch`: seconds between lines when --interval is not given. */
export const DEFAULT_WATCH_INTERVAL_SECONDS = 2;

export interface CliOptions {
  command: Command;
  /** `check`: exit 3 when a finding is at least this severe. */
  failOn: Severity;
  /** `restore`: the backup file. */
  file: string | undefined;
  volume: string | undefined;
  kinds: PruneKind[];
  yes: boolean;
  confirmNamed: string | undefined;
  confirmNonEmpty: string | undefined;
  output: string;
  level: number | null;
  stop: boolean;
  live: boolean;
  json: boolean;
  help: boolean;
  version: boolean;
  demo: boolean;
  readOnly: boolean;
  snapshot: string | undefined;
  /** The one --host or --context, when only one engine is named (as before several could be). */
  host: string | undefined;
  context: string | undefined;
  /** Every --host and --context given, in order: several open the Hosts view, or check each. */
  hosts: string[];
  contexts: string[];
  /** `check`: every docker context (default included) and the local sockets that are there. */
  allContexts: boolean;
  timeoutMs: number | undefined;
  /** `watch`: milliseconds between samples of the cheap signals, and between lines. */
  intervalMs: number;
}

export const HELP = `stowage — where a Docker host's bytes live

Usage:
  stowage [options]                   explore the engine (text when piped)
  stowage check [--fail-on LEVEL]     the storage mistakes, each with its fix
  stowage prune [--kinds K,...]       preview, confirm, delete exactly that
  stowage backup --volume NAME        write NAME-<time>.tar.gz, verified
  stowage restore FILE --volume NAME  check it, restore into a new volume
  stowage watch [--interval SECONDS]  what grows, each interval (--json: NDJSON)

Options:
  -H, --host ADDRESS        engine: unix:///path/docker.sock or tcp://HOST:PORT
  -c, --context NAME        use a docker context (see \`docker context ls\`)
                            (both may be given several times: the explorer
                            opens on the Hosts view, check reports each)
  --all-contexts            check: every docker context and local socket
  --timeout SECONDS         longest wait on an engine request: to answer, for
                            its next byte, in all (15; system df: 20x to answer)
  --json                    print the host's storage snapshot as JSON and exit
  --interval SECONDS        watch: seconds between lines (default 2); a failed
                            sample is said on stderr, 3 in a row end it (exit 1)
  --demo                    open the bundled demo host (read-only)
  --snapshot FILE           open a snapshot saved with --json (read-only)
  --read-only               never change anything on the host
  --fail-on LEVEL           check: exit 3 from danger (default), warning or info
  --kinds K,...             prune: kinds (default: all but named-volumes)
  --yes                     prune: delete without asking (needed off a terminal)
  --confirm-named X         prune: named volumes' count, or the name if only one
  --volume NAME             backup, restore: the volume
  --output DIR              backup: where to write (default: current folder);
                            restore: where the volume's data is saved first
                            (default: the backup's folder)
  --level N                 backup: gzip level 1-9 (default 4), or none for .tar
  --stop                    backup: stop its writers meanwhile, start them after
  --live                    backup: copy while its writers run
  --confirm-non-empty NAME  restore: the volume's name, to write into its data
  -h, --help                show this help
  -v, --version             print stowage's version

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

/** Every flag: parsed with this table, and each one is on a line of HELP (a test holds them together). */
export const OPTIONS = {
  'fail-on': { type: 'string' },
  kinds: { type: 'string' },
  yes: { type: 'boolean' },
  'confirm-named': { type: 'string' },
  'confirm-non-empty': { type: 'string' },
  volume: { type: 'string' },
  output: { type: 'string' },
  level: { type: 'string' },
  stop: { type: 'boolean' },
  live: { type: 'boolean' },
  json: { type: 'boolean' },
  demo: { type: 'boolean' },
  snapshot: { type: 'string' },
  'read-only': { type: 'boolean' },
  host: { type: 'string', short: 'H', multiple: true },
  context: { type: 'string', short: 'c', multiple: true },
  'all-contexts': { type: 'boolean' },
  timeout: { type: 'string' },
  interval: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
} as const;

/** The next step for a flag given an empty value (`--host ''` from an unset variable, say). */
const EMPTY_VALUE_NEXT_STEP: Record<string, string> = {
  host: 'give unix:///path/to/docker.sock or tcp://HOST:PORT, or leave it out to use DOCKER_HOST or the default socket',
  context: 'name one of `docker context ls`, or leave it out',
  volume: 'name one of `docker volume ls`',
  output: 'name a folder, or leave it out (backup: the current folder; restore: the backup\'s)',
  snapshot: 'name a file saved with `stowage --json > FILE`',
  'confirm-named': 'type the volume\'s name (or the count the preview gives)',
  'confirm-non-empty': 'type the volume\'s name',
};

/** Parses the command line; unknown flags and bad values are a UsageError. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({ args: argv, strict: true, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? 'bad arguments';
    throw new UsageError(`${message}; see \`stowage --help\``);
  }
  const { values, positionals } = parsed;
  for (const [flag, next] of Object.entries(EMPTY_VALUE_NEXT_STEP)) {
    const value = values[flag as keyof typeof values];
    const given = Array.isArray(value) ? value : [value];
    if (given.some((one) => typeof one === 'string' && one.trim() === '')) throw new UsageError(`--${flag} is empty: ${next}`);
  }
  const hosts = values.host ?? [];
  const contexts = values.context ?? [];
  const named = hosts.length + contexts.length;
  const [name = 'explore', ...extra] = positionals;
  const command = COMMANDS.find((candidate) => candidate === name);
  if (!command) throw new UsageError(`unknown command "${name}"; see \`stowage --help\``);
  const file = command === 'restore' ? extra.shift() : undefined;
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"; see \`stowage --help\``);
  if (command === 'restore' && !file) throw new UsageError('restore needs the backup file: stowage restore FILE --volume NAME');
  if ((command === 'backup' || command === 'restore') && !values.volume) throw new UsageError(`${command} needs --volume NAME`);
  const kinds = (values.kinds?.split(',').map((kind) => kind.trim()).filter(Boolean) ?? DEFAULT_PRUNE_KINDS) as PruneKind[];
  const unknownKind = kinds.find((kind) => !PRUNE_KINDS.includes(kind));
  if (unknownKind) throw new UsageError(`--kinds: "${unknownKind}" is not one of ${PRUNE_KINDS.join(', ')}`);
  let level: number | null = DEFAULT_GZIP_LEVEL;
  if (values.level !== undefined) {
    level = values.level === 'none' ? null : Number(values.level);
    if (level !== null && !(Number.isInteger(level) && level >= 1 && level <= 9)) throw new UsageError(`--level takes 1 to 9 or none, not "${values.level}"`);
  }
  if (values.stop && values.live) throw new UsageError('--stop and --live contradict each other; pass one');
  const actions = command === 'prune' || command === 'backup' || command === 'restore';
  if (actions && values['read-only']) throw new UsageError(`--read-only: stowage ${command} would change the host; it is refused`);
  if (actions && (values.demo || values.snapshot !== undefined)) {
    throw new UsageError(`stowage ${command} acts on a live engine; --demo and --snapshot are read-only`);
  }
  const failOn = values['fail-on'] ?? 'danger';
  if (failOn !== 'danger' && failOn !== 'warning' && failOn !== 'info') {
    throw new UsageError(`--fail-on takes danger, warning or info, not "${failOn}"`);
  }
  if (values['fail-on'] !== undefined && command !== 'check') throw new UsageError('--fail-on goes with `stowage check`');
  let timeoutMs: number | undefined;
  if (values.timeout !== undefined) {
    const seconds = Number(values.timeout);
    if (!Number.isFinite(seconds) || seconds <= 0) {
      throw new UsageError(`--timeout takes a number of seconds above 0, not "${values.timeout}"`);
    }
    timeoutMs = Math.round(seconds * 1000);
  }
  let intervalMs = DEFAULT_WATCH_INTERVAL_SECONDS * 1000;
  if (values.interval !== undefined) {
    if (command !== 'watch') throw new UsageError('--interval goes with `stowage watch`');
    const seconds = Number(values.interval);
    if (!Number.isFinite(seconds) || seconds < 0.1) throw new UsageError(`--interval takes a number of seconds from 0.1, not "${values.interval}"`);
    intervalMs = Math.round(seconds * 1000);
  }
  if (command === 'watch' && (values.demo || values.snapshot !== undefined)) {
    throw new UsageError('stowage watch samples a live engine; --demo and --snapshot hold saved data');
  }
  const allContexts = values['all-contexts'] ?? false;
  if (allContexts && command !== 'check') throw new UsageError('--all-contexts goes with `stowage check`; the explorer lists every host on its Hosts view (key 0)');
  if (allContexts && named) throw new UsageError('--all-contexts checks every context; it takes no --host or --context');
  const fleet = command === 'explore' || command === 'check';
  if (named === 2 && hosts.length === 1 && !fleet) {
    throw new UsageError('--host and --context choose the engine in two ways; pass only one');
  }
  if (named > 1 && !fleet) {
    throw new UsageError(`stowage ${command} acts on one engine; pass one --host or --context (several go with the explorer and check)`);
  }
  const offline = [values.demo && '--demo', values.snapshot !== undefined && '--snapshot'].filter(Boolean);
  if (offline.length > 1) throw new UsageError('--demo and --snapshot both choose what to show; pass only one');
  if (offline.length && (named || allContexts)) {
    throw new UsageError(`${offline[0]} shows saved data; it takes no --host, --context or --all-contexts`);
  }
  if (named > 1 && values.json && command === 'explore') {
    throw new UsageError('--json prints one host\'s snapshot; pass one --host or --context, or use `stowage check --json` for several');
  }
  return {
    command,
    failOn,
    file,
    volume: values.volume,
    kinds,
    yes: values.yes ?? false,
    confirmNamed: values['confirm-named'],
    confirmNonEmpty: values['confirm-non-empty'],
    output: values.output ?? (command === 'restore' && file ? dirname(resolve(file)) : process.cwd()),
    level,
    stop: values.stop ?? false,
    live: values.live ?? false,
    json: values.json ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    demo: values.demo ?? false,
    readOnly: values['read-only'] ?? false,
    snapshot: values.snapshot,
    host: named === 1 ? hosts[0] : undefined,
    context: named === 1 ? contexts[0] : undefined,
    hosts,
    contexts,
    allContexts,
    timeoutMs,
    intervalMs,
  };
}
