// What each log driver keeps on the engine's host, and how its log is capped: Docker's json-file
// and local, Podman's k8s-file (which Podman also writes for `json-file`), journald, none, ...

/** Drivers that keep the log in a file of the container's own on the engine's host. */
const FILE_DRIVERS = new Set(['json-file', 'local', 'k8s-file']);

/**
 * Drivers whose file can be emptied in place: its writer (dockerd for json-file, conmon for
 * k8s-file) opens it with O_APPEND, so it goes on writing at the new end.
 */
const TRUNCATABLE_DRIVERS = new Set(['json-file', 'k8s-file']);

export const hasLogFile = (driver: string) => FILE_DRIVERS.has(driver);

/** Why a container's log cannot be emptied in place, by its driver alone; null when it can. */
export function logDriverRefusal(driver: string): string | null {
  if (TRUNCATABLE_DRIVERS.has(driver)) return null;
  if (driver === 'none') return 'its log driver is none: it keeps no log';
  if (driver === 'journald') return 'its log driver is journald: the lines are in the systemd journal, not in a file of its own (`journalctl --vacuum-size=…` shrinks the journal)';
  if (driver === 'local') return 'its log driver is local, whose compressed files the engine rotates itself (5 × 20 MB unless set otherwise)';
  return `its log driver is ${driver}: the lines are sent elsewhere, not kept in a file here`;
}

/** Where the log of a container without a log file is, for a report line. */
export function logWithoutFile(driver: string): string {
  if (driver === 'none') return 'no log kept';
  if (driver === 'journald') return 'in the systemd journal';
  return hasLogFile(driver) ? 'no log file named' : `sent to ${driver}, not stored on this host`;
}

/** How to keep a log from growing back: Podman's and Docker's settings differ. */
export function logCapAdvice(driver: string): string[] {
  if (driver === 'k8s-file') {
    return [
      'cap it for good: podman run --log-opt max-size=10m … (a new container; Podman keeps one file)',
      'every new container: containers.conf [containers] log_size_max = 10485760',
      'compose: logging: { driver: k8s-file, options: { max-size: "10m" } }',
    ];
  }
  return [
    'cap it for good: docker run --log-opt max-size=10m --log-opt max-file=3 … (a new container)',
    'every new container: /etc/docker/daemon.json "log-opts": {"max-size": "10m", "max-file": "3"}',
    'compose: logging: { driver: json-file, options: { max-size: "10m", max-file: "3" } }',
  ];
}
