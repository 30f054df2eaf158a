// `stowage check`: the storage mistakes, each with its fix, and exit 3 when one is at --fail-on.
// Several hosts (or --all-contexts) are checked at once, each within its deadline, and reported in turn.
import { checkHosts } from '../app/fleet.js';
import { hostSettings, listHosts, namedHosts } from '../engine/connection/hosts.js';
import { UsageError } from '../errors.js';
import { atLeast } from '../model/findings.js';
import type { Severity } from '../model/types.js';
import { checkReport } from '../report/check-report.js';
import { fleetExitCode, fleetJson, fleetReport } from '../report/fleet-report.js';
import { writeJson } from '../report/json-output.js';
import { defineCommand, LOOK_FLAGS, type LookChoice, lookChoice, noOperands, several } from './command.js';
import { engineOptions, lookedAt } from './reach-engine.js';

/** Something was found at or above --fail-on (1 is kept for "could not check"). */
const FINDINGS_EXIT_CODE = 3;

export interface CheckOptions extends LookChoice {
  command: 'check';
  /** Exit 3 when a finding is at least this severe. */
  failOn: Severity;
  /** Every docker context (default included) and the local sockets that are there. */
  allContexts: boolean;
}

export const checkCommand = defineCommand({
  name: 'check',
  usage: 'stowage check [--fail-on LEVEL]',
  summary: 'the storage mistakes, each with its fix',
  flags: [...LOOK_FLAGS, 'fail-on', 'all-contexts'],
  parse(values, operands): CheckOptions {
    noOperands(operands);
    const failOn = values['fail-on'] ?? 'danger';
    if (failOn !== 'danger' && failOn !== 'warning' && failOn !== 'info') {
      throw new UsageError(`--fail-on takes danger, warning or info, not "${failOn}"`);
    }
    const allContexts = values['all-contexts'] ?? false;
    return { command: 'check', ...lookChoice(values, allContexts), failOn, allContexts };
  },
  async run(options) {
    if (several(options) || options.allContexts) return checkEach(options);
    const snapshot = await lookedAt(options);
    if (options.json) {
      await writeJson(process.stdout, snapshot.findings);
      return snapshot.findings.some((finding) => atLeast(finding.severity, options.failOn)) ? FINDINGS_EXIT_CODE : 0;
    }
    const report = checkReport(snapshot, options.failOn);
    process.stdout.write(report.text);
    return report.failed ? FINDINGS_EXIT_CODE : 0;
  },
});

async function checkEach(options: CheckOptions): Promise<number> {
  const entries = options.allContexts ? listHosts(hostSettings()) : namedHosts(options.hosts, options.contexts, hostSettings());
  const results = await checkHosts(entries, engineOptions(options), !options.readOnly);
  if (options.json) await writeJson(process.stdout, fleetJson(results));
  else process.stdout.write(fleetReport(results, options.failOn));
  return fleetExitCode(results, options.failOn);
}
