/**
 * Text order for names and titles: the same as `a.localeCompare(b)`, from one collator made
 * once (localeCompare looks the collator up on every call, which shows when sorting thousands).
 */
export const compareText: (a: string, b: string) => number = new Intl.Collator().compare;
