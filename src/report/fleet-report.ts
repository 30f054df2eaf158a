// What `stowage check` prints for several hosts: each host's report under a heading, a line with
// the cause for a host that could not be checked, and a last line counting them. One engine
// reached by several entries is reported once, under the first, naming the others.
import type { HostCheck } from '../app/fleet.js';
import { describeAddress } from '../engine/connection/address.js';
import { engineName } from '../model/engine-name.js';
import { atLeast } from '../model/findings.js';
import type { Severity } from '../model/types.js';
import { displayable } from '../text/displayable.js';
import { checkReport } from './check-report.js';

/** The exit status of a fleet check: 3 when any host failed at `failOn` (it wins), else 1 when any could not be checked, else 0. */
export function fleetExitCode(results: HostCheck[], failOn: Severity): 0 | 1 | 3 {
  if (results.some((result) => result.snapshot?.findings.some((finding) => atLeast(finding.severity, failOn)))) return 3;
  if (results.some((result) => result.error !== null)) return 1;
  return 0;
}

/** `name (address)`, the address left out when it is the name (a --host). */
function named(entry: HostCheck['entry']): string {
  const address = entry.address ? describeAddress(entry.address) : null;
  return `${entry.name}${address && address !== entry.name ? ` (${address})` : ''}`;
}

/** `== name (address)`, then the other entries that are the same engine: `, also as b (address)`. */
function heading(result: HostCheck): string {
  return `== ${named(result.entry)}${result.alsoAs.length ? `, also as ${result.alsoAs.map(named).join(', ')}` : ''}`;
}

export function fleetReport(results: HostCheck[], failOn: Severity): string {
  const out: string[] = [];
  let failed = 0;
  let unchecked = 0;
  for (const result of results) {
    out.push(displayable(heading(result)));
    if (!result.snapshot) {
      unchecked++;
      // Never asked (a context that cannot be read), or asked without an answer.
      out.push(`${result.entry.address ? 'UNREACHABLE' : 'NOT CHECKED'}: ${displayable(result.error ?? 'unknown')}`, '');
      continue;
    }
    const report = checkReport(result.snapshot, failOn);
    if (report.failed) failed++;
    out.push(report.text);
  }
  const ok = results.length - failed - unchecked;
  out.push(`${results.length} host${results.length === 1 ? '' : 's'}: ${failed} failed at ${failOn} or above, ${unchecked} could not be checked, ${ok} OK`);
  return `${out.join('\n')}\n`;
}

/** `check --json` of several hosts: one entry each, with its findings or its error. */
export function fleetJson(results: HostCheck[]) {
  return results.map((result) => ({
    name: result.entry.name,
    kind: result.entry.kind,
    address: result.entry.address ? describeAddress(result.entry.address) : null,
    alsoAs: result.alsoAs.map((entry) => ({ name: entry.name, kind: entry.kind, address: entry.address ? describeAddress(entry.address) : null })),
    engine: result.snapshot ? { name: engineName(result.snapshot.engine), ...result.snapshot.engine } : null,
    error: result.error,
    findings: result.snapshot ? result.snapshot.findings : null,
  }));
}
