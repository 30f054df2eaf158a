// Every flag stowage parses, in the order --help lists them: its type, its lines of help, and the
// next step when it is given empty. Which command takes which flag, each command says (commands.ts).

export interface Flag {
  type: 'string' | 'boolean';
  short?: string;
  multiple?: boolean;
  /** What follows the flag in --help (`--volume NAME`). */
  value?: string;
  /** Its description in --help, a line each. */
  help: readonly string[];
  /** The next step when it is given empty (`--host ''` from an unset variable, say). */
  whenEmpty?: string;
  /** Said after "goes with `stowage check`" when another command is given it. */
  elsewhere?: string;
}

export const FLAGS = {
  host: {
    type: 'string', short: 'H', multiple: true, value: 'ADDRESS',
    help: ['engine: unix:///path/docker.sock or tcp://HOST:PORT'],
    whenEmpty: 'give unix:///path/to/docker.sock or tcp://HOST:PORT, or leave it out to use DOCKER_HOST or the default socket',
  },
  context: {
    type: 'string', short: 'c', multiple: true, value: 'NAME',
    help: ['use a docker context (see `docker context ls`)', '(both may be given several times: the explorer', 'opens on the Hosts view, check reports each)'],
    whenEmpty: 'name one of `docker context ls`, or leave it out',
  },
  'all-contexts': {
    type: 'boolean',
    help: ['check: every docker context and local socket'],
    elsewhere: 'the explorer lists every host on its Hosts view (key 0)',
  },
  timeout: {
    type: 'string', value: 'SECONDS',
    help: ['longest wait on an engine request: to answer, for', 'its next byte, in all (15; system df: 20x to answer)'],
  },
  json: { type: 'boolean', help: ['print the host\'s storage snapshot as JSON and exit'] },
  interval: {
    type: 'string', value: 'SECONDS',
    help: ['watch: seconds between lines (default 2); a failed', 'sample is said on stderr, 3 in a row end it (exit 1)'],
  },
  demo: { type: 'boolean', help: ['open the bundled demo host (read-only)'] },
  snapshot: {
    type: 'string', value: 'FILE',
    help: ['open a snapshot saved with --json (read-only)'],
    whenEmpty: 'name a file saved with `stowage --json > FILE`',
  },
  'read-only': { type: 'boolean', help: ['never change anything on the host'] },
  'fail-on': { type: 'string', value: 'LEVEL', help: ['check: exit 3 from danger (default), warning or info'] },
  kinds: { type: 'string', value: 'K,...', help: ['prune: kinds (default: all but named-volumes)'] },
  yes: { type: 'boolean', help: ['prune: delete without asking (needed off a terminal)'] },
  'confirm-named': {
    type: 'string', value: 'X',
    help: ['prune: named volumes\' count, or the name if only one'],
    whenEmpty: 'type the volume\'s name (or the count the preview gives)',
  },
  volume: { type: 'string', value: 'NAME', help: ['backup, restore: the volume'], whenEmpty: 'name one of `docker volume ls`' },
  output: {
    type: 'string', value: 'DIR',
    help: ['backup: where to write (default: current folder);', 'restore: where the volume\'s data is saved first', '(default: the backup\'s folder)'],
    whenEmpty: 'name a folder, or leave it out (backup: the current folder; restore: the backup\'s)',
  },
  level: { type: 'string', value: 'N', help: ['backup: gzip level 1-9 (default 4), or none for .tar'] },
  stop: { type: 'boolean', help: ['backup: stop its writers meanwhile, start them after'] },
  live: { type: 'boolean', help: ['backup: copy while its writers run'] },
  'confirm-non-empty': {
    type: 'string', value: 'NAME',
    help: ['restore: the volume\'s name, to write into its data'],
    whenEmpty: 'type the volume\'s name',
  },
  help: { type: 'boolean', short: 'h', help: ['show this help'] },
  version: { type: 'boolean', short: 'v', help: ['print stowage\'s version'] },
} as const satisfies Record<string, Flag>;

export type FlagName = keyof typeof FLAGS;

/** The flags as parsed: a string, a list of them (--host, --context) or true; absent when not given. */
export type FlagValues = {
  [Name in FlagName]?: (typeof FLAGS)[Name] extends { multiple: true } ? string[] : (typeof FLAGS)[Name]['type'] extends 'string' ? string : boolean;
};

/** --help and --version go with every command. */
export const EVERY_COMMAND_FLAGS = ['help', 'version'] as const satisfies readonly FlagName[];
