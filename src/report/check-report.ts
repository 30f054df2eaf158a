import { atLeast, fixLines, SEVERITY_MARKER } from '../model/findings.js';
import { displayable } from '../text/displayable.js';
import { engineTitle } from '../model/engine-name.js';
import type { Finding, Severity, Snapshot } from '../model/types.js';

function count(findings: Finding[], severity: Severity): number {
  return findings.filter((finding) => finding.severity === severity).length;
}

/** What `stowage check` prints: a summary line, then each finding with why and how to fix it. */
export function checkReport(snapshot: Snapshot, failOn: Severity): { text: string; failed: boolean } {
  const { findings, engine } = snapshot;
  const failing = findings.filter((finding) => atLeast(finding.severity, failOn));
  const lines = [
    `${findings.length ? `${count(findings, 'danger')} danger, ${count(findings, 'warning')} warning, ${count(findings, 'info')} info` : 'no findings'} on ${engine.host} (${engineTitle(engine)})`,
  ];
  for (const finding of findings) {
    lines.push('', `${SEVERITY_MARKER[finding.severity]} ${finding.severity.padEnd(7)} ${finding.title}`, `  why: ${finding.why}`);
    const [first = '', ...rest] = fixLines(finding.fix);
    lines.push(`  fix: ${first}`, ...rest.map((line) => (line ? `       ${line}` : '')));
  }
  for (const warning of snapshot.warnings) lines.push('', `warning: ${warning}`);
  lines.push('', failing.length ? `FAIL: ${failing.length} finding${failing.length === 1 ? '' : 's'} at ${failOn} or above` : `OK: nothing at ${failOn} or above`);
  // Each line through the one boundary: names, paths and labels in it came from the engine.
  return { text: `${lines.map(displayable).join('\n')}\n`, failed: failing.length > 0 };
}
