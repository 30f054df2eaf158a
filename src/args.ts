import { parseArgs } from 'node:util';
import { UsageError } from './errors.js';

import type { Severity } from './model/types.js';

export type Command = 'explore' | 'check';

export interface CliOptions {
  command: Command;
  /** `check`: exit 3 when a finding is at least this severe. */
  failOn: Severity;
  json: boolean;
  help: boolean;
  version: boolean;
  demo: boolean;
  readOnly: boolean;
  snapshot: string | undefined;
  host: string | undefined;
  context: string | undefined;
  timeoutMs: number | undefined;
}

export const HELP = `stowage — where a Docker host's bytes live

Usage: stowage [options]                explore the engine (plain text when not on a terminal)
       stowage check [--fail-on LEVEL]  print the storage mistakes found, for CI and cron

Commands:
  check                print the findings, most severe first, each with its fix; exit 3 when
                       any is at least as severe as --fail-on (0 when none, 1 when the engine
                       cannot be read, 2 on bad arguments)

Options:
  --fail-on LEVEL      check: danger (default), warning or info
  --json               print the host's storage snapshot as JSON and exit
  --demo               open the bundled demo host (read-only)
  --snapshot FILE      open a snapshot saved with --json (read-only)
  --read-only          never change anything on the host
  -H, --host ADDRESS   engine address: unix:///path/docker.sock or tcp://HOST:PORT
  -c, --context NAME   use a docker context (see \`docker context ls\`)
  --timeout SECONDS    timeout of each engine request (default 15; system df gets 300)
  -h, --help           show this help
  -v, --version        print stowage's version

Environment:
  DOCKER_HOST, DOCKER_TLS_VERIFY, DOCKER_CERT_PATH   engine address and TLS files
  DOCKER_CONTEXT, DOCKER_CONFIG                      docker context and the CLI's config folder
  NO_COLOR                                           no colors on screen

The engine is found from --host, else --context, else DOCKER_HOST, else DOCKER_CONTEXT,
else the docker CLI's current context, else /var/run/docker.sock.
`;

/** Parses the command line; unknown flags and bad values are a UsageError. */
export function parseCli(argv: string[]): CliOptions {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: {
        'fail-on': { type: 'string' },
        json: { type: 'boolean' },
        demo: { type: 'boolean' },
        snapshot: { type: 'string' },
        'read-only': { type: 'boolean' },
        host: { type: 'string', short: 'H' },
        context: { type: 'string', short: 'c' },
        timeout: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
      },
    });
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]?.replace(/\. To specify a positional.*$/, '') ?? 'bad arguments';
    throw new UsageError(`${message}; see \`stowage --help\``);
  }
  const { values, positionals } = parsed;
  const [command = 'explore', ...extra] = positionals;
  if (command !== 'explore' && command !== 'check') {
    throw new UsageError(`unknown command "${command}"; see \`stowage --help\``);
  }
  if (extra.length) throw new UsageError(`unexpected argument "${extra[0]}"; see \`stowage --help\``);
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
  if (values.host !== undefined && values.context !== undefined) {
    throw new UsageError('--host and --context choose the engine in two ways; pass only one');
  }
  const offline = [values.demo && '--demo', values.snapshot !== undefined && '--snapshot'].filter(Boolean);
  if (offline.length > 1) throw new UsageError('--demo and --snapshot both choose what to show; pass only one');
  if (offline.length && (values.host !== undefined || values.context !== undefined)) {
    throw new UsageError(`${offline[0]} shows saved data; it takes no --host or --context`);
  }
  return {
    command,
    failOn,
    json: values.json ?? false,
    help: values.help ?? false,
    version: values.version ?? false,
    demo: values.demo ?? false,
    readOnly: values['read-only'] ?? false,
    snapshot: values.snapshot,
    host: values.host,
    context: values.context,
    timeoutMs,
  };
}
