const PREFIXES = ['', 'k', 'm', 'g', 't', 'p'];

/**
 * Parses a human size the way Docker does (go-units): `64m`, `1g`, `512k`, `100MB`, or plain bytes.
 * `base` is 1024 for tmpfs sizes (RAMInBytes, and the kernel's own parsing) and 1000 for log
 * `max-size` (FromHumanSize). null for what is not an absolute size, like `50%`.
 */
export function parseSize(value: string, base: 1000 | 1024): number | null {
  const match = /^\s*(\d+(?:\.\d+)?)\s*([kmgtp]?)i?b?\s*$/i.exec(value);
  if (!match) return null;
  const power = PREFIXES.indexOf((match[2] ?? '').toLowerCase());
  return Math.round(Number(match[1]) * base ** power);
}

/** A size the engine reports, where -1 or a missing value means "not computed". */
export function knownSize(value: number | undefined | null): number | null {
  return typeof value === 'number' && value >= 0 ? value : null;
}
