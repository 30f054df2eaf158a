// `stowage` (or `stowage explore`): the explorer on a terminal; off one, the plain report (or
// --json). Several --host and --context open the Hosts view, or are reported in turn off a terminal.
import { loadDemoSnapshot } from '../app/demo.js';
import { checkHosts, fleetEngineOptions, fleetOf, hostDeadlineMs, identifyEngine } from '../app/fleet.js';
import { liveFeed, type LiveFeed, staticFeed } from '../app/host-feed.js';
import { type EngineAddress, isLocal } from '../engine/connection/address.js';
import { addressKey, type HostEntry, hostSettings, listHostsFrom, namedHosts } from '../engine/connection/hosts.js';
import { allowSshQuestions, sshTransport } from '../engine/connection/ssh-transport.js';
import { UsageError } from '../errors.js';
import { writeJson } from '../report/json-output.js';
import { textReport } from '../report/text-report.js';
import { displayable } from '../text/displayable.js';
import { defineCommand, type Explorer, LOOK_FLAGS, type LookChoice, lookChoice, noOperands, several } from './command.js';
import { chosenAddress, engineOptions, lookedAt, readSaved } from './reach-engine.js';

export interface ExploreOptions extends LookChoice {
  command: 'explore';
  /** Where the explorer writes backups, and where its restores look for them. */
  output: string;
}

type LoadExplorer = () => Promise<Explorer>;

export const exploreCommand = defineCommand({
  name: 'explore',
  usage: 'stowage [options]',
  summary: 'explore the engine (text when piped)',
  flags: [...LOOK_FLAGS, 'output'],
  parse(values, operands): ExploreOptions {
    noOperands(operands);
    const choice = lookChoice(values);
    if (several(choice) && choice.json) {
      throw new UsageError('--json prints one host\'s snapshot; pass one --host or --context, or use `stowage check --json` for several');
    }
    return { command: 'explore', ...choice, output: values.output ?? process.cwd() };
  },
  async run(options, { loadExplorer }) {
    const interactive = !options.json && process.stdout.isTTY === true && process.stdin.isTTY === true;
    if (!interactive) return several(options) ? reportEach(options) : report(options);
    if (options.saved) {
      const feed = staticFeed(readSaved(options.saved), options.saved, loadDemoSnapshot);
      const { runExplorer } = await loadExplorer();
      return runExplorer(feed);
    }
    return several(options) ? exploreHosts(options, loadExplorer) : exploreOne(options, loadExplorer);
  },
});

async function report(options: ExploreOptions): Promise<number> {
  const snapshot = await lookedAt(options);
  if (options.json) await writeJson(process.stdout, snapshot);
  else process.stdout.write(textReport(snapshot));
  return 0;
}

/** Off a terminal, each host's plain report in turn; one that could not be read, as a line. */
async function reportEach(options: ExploreOptions): Promise<number> {
  const results = await checkHosts(namedHosts(options.hosts, options.contexts, hostSettings()), engineOptions(options), !options.readOnly);
  for (const { entry, alsoAs, snapshot, error } of results) {
    const also = alsoAs.length ? `, also as ${alsoAs.map((other) => other.name).join(', ')}` : '';
    process.stdout.write(`${displayable(`== ${entry.name}${also}`)}\n${snapshot ? textReport(snapshot) : `UNREACHABLE: ${displayable(error ?? '')}\n`}\n`);
  }
  return results.some((result) => result.error !== null) ? 1 : 0;
}

function feedOf(options: ExploreOptions, address: EngineAddress, inFleet: boolean): LiveFeed {
  const engine = engineOptions(options);
  return liveFeed(address, inFleet ? fleetEngineOptions(engine) : engine, loadDemoSnapshot, options.readOnly);
}

/** The Hosts view's hosts, each collected when it is first shown (or at once, when several were named). */
function fleetFor(options: ExploreOptions, entries: HostEntry[], ready: ReadonlyMap<string, LiveFeed> = new Map()) {
  const fleetOptions = fleetEngineOptions(engineOptions(options));
  // Each host's engine is asked who it is first, so one engine named several ways is collected once.
  const identify = (entry: HostEntry) => identifyEngine(entry, fleetOptions);
  return fleetOf(entries, (entry) => feedOf(options, entry.address as EngineAddress, true), hostDeadlineMs(engineOptions(options)), ready, identify);
}

/** The Hosts view first, every named host collected at once; the first one's feed stands ready. */
async function exploreHosts(options: ExploreOptions, loadExplorer: LoadExplorer): Promise<never> {
  const entries = namedHosts(options.hosts, options.contexts, hostSettings());
  const fleet = fleetFor(options, entries);
  const first = fleet.getState().hosts.find((host) => host.feed) ?? null;
  if (!first?.feed) throw new UsageError(`none of the hosts named can be reached: ${entries[0]?.error ?? 'no address'}`);
  // Several logins at once cannot each ask at the terminal: ssh hosts need a key or an agent here.
  allowSshQuestions(false);
  fleet.start();
  const { runExplorer } = await loadExplorer();
  return runExplorer(first.feed, options.output, first.entry.address !== null && isLocal(first.entry.address), { fleet, first: first.entry.key, startOnHosts: true });
}

/** One engine's views; the Hosts view (key 0) lists it with every context and local socket. */
async function exploreOne(options: ExploreOptions, loadExplorer: LoadExplorer): Promise<never> {
  const address = chosenAddress(options);
  const feed = feedOf(options, address, false);
  const explorer = loadExplorer();
  // ssh logs in before the screen is taken, so it can still ask for a passphrase or a new host
  // key; a failure is shown by the explorer, which tries once more without questions.
  if (address.kind === 'ssh') await sshTransport(address).catch(() => undefined);
  allowSshQuestions(false);
  // Ask the engine while React and Ink load: both take about as long, and the first frame needs both.
  feed.start();
  const { runExplorer } = await explorer;
  const fleet = fleetFor(options, listHostsFrom(address, options, hostSettings()), new Map([[addressKey(address), feed]]));
  return runExplorer(feed, options.output, isLocal(address), { fleet, first: 'current', startOnHosts: false });
}
