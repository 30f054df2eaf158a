let collator: Intl.Collator | null = null;

/**
 * Text order for names and titles: the same as `a.localeCompare(b)`, from one collator made on
 * first use (localeCompare looks the collator up on every call, which shows when sorting
 * thousands; making one takes milliseconds, which a start-up should not pay before it sorts).
 */
export function compareText(a: string, b: string): number {
  collator ??= new Intl.Collator();
  return collator.compare(a, b);
}
