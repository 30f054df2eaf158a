#!/usr/bin/env -S node --max-semi-space-size=4
// (A young generation of 3 × 4 MB instead of 3 × 16: on a host with thousands of containers
// most of what is allocated is short-lived answers, and the peak memory is a fifth lower.)
import { readFileSync } from 'node:fs';
import { HELP, parseCli, type CliOptions } from './args.js';
import { loadDemoSnapshot } from './app/demo.js';
import { liveFeed, staticFeed } from './app/host-feed.js';
import { readSnapshotFile } from './app/snapshot-file.js';
import { collectHost } from './engine/collect.js';
import { type EngineAddress, isLocal } from './engine/connection/address.js';
import { addressKey, type HostEntry, hostSettings, listHosts, namedHosts } from './engine/connection/hosts.js';
import { checkHosts, fleetEngineOptions, fleetOf, hostDeadlineMs, identifyEngine } from './app/fleet.js';
import { fleetExitCode, fleetJson, fleetReport } from './report/fleet-report.js';
import { resolveAddress } from './engine/connection/resolve.js';
import { allowSshQuestions, sshTransport } from './engine/connection/ssh-transport.js';
import { connectEngine } from './engine/dockerode-engine.js';
import { engineOptionsFor, type EngineOptions, readsOnly } from './engine/engine.js';
import { StowageError, UsageError } from './errors.js';
import { installExitGuard, say } from './actions/exit-guard.js';
import { recoverLeftovers } from './engine/helper-container.js';
import { recoveryLine } from './actions/recovery-line.js';
import type { Engine } from './engine/engine.js';
import { backupCommand, restoreCommand } from './commands/backup-command.js';
import { pruneCommand } from './commands/prune-command.js';
import { watchCommand } from './commands/watch-command.js';
import { planBackup } from './model/backup-plan.js';
import { planPrune } from './model/prune-plan.js';
import { atLeast } from './model/findings.js';
import { buildSnapshot } from './model/snapshot.js';
import type { Snapshot } from './model/types.js';
import { checkReport } from './report/check-report.js';
import { writeJson } from './report/json-output.js';
import { textReport } from './report/text-report.js';
import { displayable } from './text/displayable.js';

/** `stowage check` found something at or above --fail-on (1 is kept for "could not check"). */
const FINDINGS_EXIT_CODE = 3;

/** Set by the bundler; read from package.json when running from the compiled sources. */
declare const STOWAGE_VERSION: string | undefined;

function packageVersion(): string {
  if (typeof STOWAGE_VERSION === 'string') return STOWAGE_VERSION;
  const manifest = new URL('../../package.json', import.meta.url);
  return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
}

function engineOptions(options: CliOptions): EngineOptions {
  return engineOptionsFor(options.timeoutMs);
}

/** A saved snapshot (--demo, --snapshot), or null for a live engine. */
function savedSnapshot(options: CliOptions): Snapshot | null {
  if (options.demo) return loadDemoSnapshot();
  if (options.snapshot !== undefined) return readSnapshotFile(options.snapshot);
  return null;
}

async function connect(options: CliOptions): Promise<Engine> {
  return connectEngine(resolveAddress({ host: options.host, context: options.context }), engineOptions(options));
}

async function collectSnapshot(options: CliOptions, engine?: Engine, facts = true): Promise<Snapshot> {
  const connected = engine ?? (await connect(options));
  // --read-only makes no helper container: what only a helper could read stays unknown.
  const { raw, warnings } = await collectHost(connected, undefined, { helperEngine: options.readOnly ? null : connected, skip: !facts });
  return buildSnapshot(raw, warnings);
}

/** prune, backup, restore: always on a live engine, never in read-only mode (args refuse both). */
async function runAction(options: CliOptions): Promise<number> {
  installExitGuard();
  const engine = await connect(options);
  // What a killed run left (a stopped writer, a partial file, a helper) is undone before anything else.
  const recovered = recoveryLine(await recoverLeftovers(engine), engine.address);
  if (recovered) say(`stowage: ${recovered}\n`);
  const snapshot = await collectSnapshot(options, engine, false);
  if (options.command === 'prune') return pruneCommand(engine, planPrune(snapshot, options.kinds), options.yes, options.confirmNamed);
  const volume = options.volume ?? '';
  if (options.command === 'restore') return restoreCommand(engine, snapshot, options.file ?? '', volume, options.confirmNonEmpty, options.output);
  const plan = planBackup(snapshot, volume, new Date(), options.level !== null);
  if (!plan) throw new UsageError(`no volume named ${volume} on ${snapshot.engine.host}; list them with \`docker volume ls\``);
  return backupCommand(engine, snapshot, plan, { directory: options.output, level: options.level, stop: options.stop, live: options.live });
}

async function main(argv: string[]): Promise<number> {
  const options = parseCli(argv);
  if (options.help) return void process.stdout.write(HELP), 0;
  if (options.version) return void process.stdout.write(`${packageVersion()}\n`), 0;

  if (options.command === 'prune' || options.command === 'backup' || options.command === 'restore') return runAction(options);
  if (options.command === 'watch') {
    const code = await watchCommand(readsOnly(await connect(options)), options.intervalMs, options.json);
    // Requests may still be in flight (a long system df): once the lines are out, end.
    process.stdout.write('', () => process.exit(code));
    return code;
  }
  const several = options.hosts.length + options.contexts.length > 1;
  if (options.command === 'check' && (several || options.allContexts)) {
    const entries = options.allContexts ? listHosts(hostSettings()) : namedHosts(options.hosts, options.contexts, hostSettings());
    const results = await checkHosts(entries, engineOptions(options), !options.readOnly);
    if (options.json) await writeJson(process.stdout, fleetJson(results));
    else process.stdout.write(fleetReport(results, options.failOn));
    const code = fleetExitCode(results, options.failOn);
    // A host past its deadline may still have a request in flight: once the report is out, end.
    process.stdout.write('', () => process.exit(code));
    return code;
  }
  const saved = savedSnapshot(options);
  if (options.command === 'check') {
    const snapshot = saved ?? (await collectSnapshot(options));
    if (options.json) {
      await writeJson(process.stdout, snapshot.findings);
      return snapshot.findings.some((finding) => atLeast(finding.severity, options.failOn)) ? FINDINGS_EXIT_CODE : 0;
    }
    const report = checkReport(snapshot, options.failOn);
    process.stdout.write(report.text);
    return report.failed ? FINDINGS_EXIT_CODE : 0;
  }
  const interactive = !options.json && process.stdout.isTTY === true && process.stdin.isTTY === true;
  if (!interactive && several) {
    // Off a terminal, each host's plain report in turn; one that could not be read, as a line.
    const results = await checkHosts(namedHosts(options.hosts, options.contexts, hostSettings()), engineOptions(options), !options.readOnly);
    for (const result of results) {
      const also = result.alsoAs.length ? `, also as ${result.alsoAs.map((entry) => entry.name).join(', ')}` : '';
      process.stdout.write(`${displayable(`== ${result.entry.name}${also}`)}\n${result.snapshot ? textReport(result.snapshot) : `UNREACHABLE: ${displayable(result.error ?? '')}\n`}\n`);
    }
    const code = results.some((result) => result.error !== null) ? 1 : 0;
    process.stdout.write('', () => process.exit(code));
    return code;
  }
  if (!interactive) {
    const snapshot = saved ?? (await collectSnapshot(options));
    if (options.json) await writeJson(process.stdout, snapshot);
    else process.stdout.write(textReport(snapshot));
    return 0;
  }
  if (saved) {
    const origin = options.demo ? { kind: 'demo' as const } : { kind: 'file' as const, path: options.snapshot ?? '' };
    const { runExplorer } = await import('../components/run-explorer.js');
    return runExplorer(staticFeed(saved, origin, loadDemoSnapshot));
  }
  const feedOf = (address: EngineAddress, fleet: boolean) =>
    liveFeed(address, fleet ? fleetEngineOptions(engineOptions(options)) : engineOptions(options), loadDemoSnapshot, options.readOnly);
  const deadlineMs = hostDeadlineMs(engineOptions(options));
  // Each host's engine is asked who it is first, so one engine named several ways is collected once.
  const identify = (entry: HostEntry) => identifyEngine(entry, fleetEngineOptions(engineOptions(options)));
  if (several) {
    // The Hosts view first, every named host collected at once; the first one's feed stands ready.
    const entries = namedHosts(options.hosts, options.contexts, hostSettings());
    const fleet = fleetOf(entries, (entry) => feedOf(entry.address as EngineAddress, true), deadlineMs, new Map(), identify);
    const first = fleet.getState().hosts.find((host) => host.feed) ?? null;
    if (!first?.feed) throw new UsageError(`none of the hosts named can be reached: ${entries[0]?.error ?? 'no address'}`);
    // Several logins at once cannot each ask at the terminal: ssh hosts need a key or an agent here.
    allowSshQuestions(false);
    fleet.start();
    const { runExplorer } = await import('../components/run-explorer.js');
    return runExplorer(first.feed, options.output, first.entry.address !== null && isLocal(first.entry.address), { fleet, first: first.entry.key, startOnHosts: true });
  }
  const address = resolveAddress({ host: options.host, context: options.context });
  const feed = feedOf(address, false);
  const explorer = import('../components/run-explorer.js');
  // ssh logs in before the screen is taken, so it can still ask for a passphrase or a new host
  // key; a failure is shown by the explorer, which tries once more without questions.
  if (address.kind === 'ssh') await sshTransport(address).catch(() => undefined);
  allowSshQuestions(false);
  // Ask the engine while React and Ink load: both take about as long, and the first frame needs both.
  feed.start();
  const { runExplorer } = await explorer;
  // The Hosts view (key 0) lists this host with every context and local socket; they are
  // collected when it is first shown.
  const here: HostEntry = { key: 'current', name: options.context ?? options.host ?? address.source, kind: options.context ? 'context' : 'host', address, error: null };
  const listed = listHosts(hostSettings());
  const isHere = (entry: HostEntry) => entry.address !== null && addressKey(entry.address) === addressKey(address);
  // The context it was opened by, when there is one: not another context naming the same engine.
  const known = listed.find((entry) => isHere(entry) && entry.name === options.context) ?? listed.find(isHere);
  const entries = [known ? { ...known, key: 'current' } : here, ...listed.filter((entry) => !isHere(entry))];
  const fleet = fleetOf(entries, (entry) => feedOf(entry.address as EngineAddress, true), deadlineMs, new Map([[addressKey(address), feed]]), identify);
  return runExplorer(feed, options.output, isLocal(address), { fleet, first: 'current', startOnHosts: false });
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
