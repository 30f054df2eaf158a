#!/usr/bin/env node
import { readFileSync } from 'node:fs';
import { HELP, parseCli } from './args.js';
import { resolveAddress } from './engine/connection/resolve.js';
import { collectHost } from './engine/collect.js';
import { connectEngine } from './engine/dockerode-engine.js';
import { DEFAULT_ENGINE_OPTIONS } from './engine/engine.js';
import { StowageError } from './errors.js';
import { buildSnapshot } from './model/snapshot.js';
import { textReport } from './report/text-report.js';

function packageVersion(): string {
  const manifest = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

async function main(argv: string[]): Promise<void> {
  const options = parseCli(argv);
  if (options.help) return void process.stdout.write(HELP);
  if (options.version) return void process.stdout.write(`${packageVersion()}\n`);

  const address = resolveAddress({ host: options.host, context: options.context });
  const engineOptions = options.timeoutMs
    ? { ...DEFAULT_ENGINE_OPTIONS, requestTimeoutMs: options.timeoutMs }
    : DEFAULT_ENGINE_OPTIONS;
  const engine = await connectEngine(address, engineOptions);
  const { raw, warnings } = await collectHost(engine);
  const snapshot = buildSnapshot(raw, warnings);
  process.stdout.write(options.json ? `${JSON.stringify(snapshot, null, 2)}\n` : textReport(snapshot));
}

process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

main(process.argv.slice(2)).catch((error: unknown) => {
  if (error instanceof StowageError) {
    process.stderr.write(`stowage: ${error.message}\n`);
    process.exitCode = error.exitCode;
    return;
  }
  process.stderr.write(`stowage: unexpected error: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exitCode = 70;
});
