#!/usr/bin/env -S node --max-semi-space-size=4
// (A young generation of 3 × 4 MB instead of 3 × 16: on a host with thousands of containers
// most of what is allocated is short-lived answers, and the peak memory is a fifth lower.)
import { readFileSync } from 'node:fs';
import { HELP, parseCli } from './args.js';
import { commandOf } from './commands/commands.js';
import { StowageError } from './errors.js';
import { displayable } from './text/displayable.js';

/** Set by the bundler; read from package.json when running from the compiled sources. */
declare const STOWAGE_VERSION: string | undefined;

function packageVersion(): string {
  if (typeof STOWAGE_VERSION === 'string') return STOWAGE_VERSION;
  const manifest = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.command === 'help') return void process.stdout.write(HELP), 0;
  if (options.command === 'version') return void process.stdout.write(`${packageVersion()}\n`), 0;
  // React and Ink are loaded only when the explorer starts: the other commands never need them.
  const loadExplorer = () => import('../components/run-explorer.js');
  return commandOf(options).run(options, { loadExplorer });
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  // During an action the exit guard owns this: it undoes the action before it exits.
  if (process.stdout.listenerCount('error') > 1) return;
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

/**
 * Ends once what was written is out: a request given up on (past its limits) or no longer needed
 * (system df, after the collection failed) may still hold a socket open, and is not waited for.
 */
const exitWhenWritten = (code: number) => process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));

main(process.argv.slice(2)).then(exitWhenWritten, (error: unknown) => {
  if (error instanceof StowageError) {
    process.stderr.write(`stowage: ${displayable(error.message)}\n`);
    return exitWhenWritten(error.exitCode);
  }
  const text = (error as Error)?.stack ?? String(error);
  process.stderr.write(`stowage: unexpected error: ${text.split('\n').map(displayable).join('\n')}\n`);
  exitWhenWritten(70);
});
