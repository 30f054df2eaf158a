// A computation kept from one frame to the next: the lists a view draws are sorted again only
// when what they are made from changes.

/** A function that computes again only when its arguments change (by identity). */
export function lastValue<A extends unknown[], T>(compute: (...args: A) => T): (...args: A) => T {
  let last: { args: A; value: T } | null = null;
  return (...args) => {
    if (!last || args.some((arg, index) => arg !== last!.args[index])) last = { args, value: compute(...args) };
    return last.value;
  };
}
