import { SEVERITY_MARKER, SEVERITY_ORDER } from '../../src/model/findings.js';
import type { Finding, Severity, Snapshot } from '../../src/model/types.js';
import type { Theme } from '../parts/theme.js';

export { SEVERITY_MARKER };

export function severityColor(severity: Severity, theme: Theme): string | undefined {
  return severity === 'danger' ? theme.danger : severity === 'warning' ? theme.warning : theme.muted;
}

/** The row marker of the most severe finding about `name`, or none. */
export function rowMarker(worst: Map<string, Severity>, name: string, theme: Theme): { text: string; color: string | undefined } | null {
  const severity = worst.get(name);
  return severity ? { text: SEVERITY_MARKER[severity], color: severityColor(severity, theme) } : null;
}

export interface WorstSeverities {
  containers: Map<string, Severity>;
  volumes: Map<string, Severity>;
}

/** The most severe finding about each container and volume, for the row markers. */
export function worstSeverities(snapshot: Snapshot): WorstSeverities {
  const containers = new Map<string, Severity>();
  const volumes = new Map<string, Severity>();
  const note = (map: Map<string, Severity>, name: string, severity: Severity) => {
    const current = map.get(name);
    if (!current || SEVERITY_ORDER[severity] < SEVERITY_ORDER[current]) map.set(name, severity);
  };
  for (const finding of snapshot.findings ?? []) {
    for (const name of finding.containers) note(containers, name, finding.severity);
    for (const name of finding.volumes) note(volumes, name, finding.severity);
  }
  return { containers, volumes };
}

/** Findings about one mount of one container, for the line under that mount in its pane. */
export function findingsAt(snapshot: Snapshot, container: string, mount: string | null): Finding[] {
  return (snapshot.findings ?? []).filter((finding) => finding.containers.includes(container) && finding.mount === mount);
}
