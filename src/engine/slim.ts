// Keeps only the fields stowage reads of an API answer. An inspect is 4–10 kB of JSON, of which
// stowage reads a tenth; on a host with thousands of containers the rest would be most of the
// memory the collection holds.

/** What to keep: `true` keeps a field whole; a shape keeps those fields of an object, or of each element of a list. */
export type Shape = { readonly [field: string]: true | Shape };

export function slim<T>(value: unknown, shape: Shape): T {
  if (Array.isArray(value)) return value.map((element) => slim(element, shape)) as T;
  if (value === null || typeof value !== 'object') return value as T;
  const kept: Record<string, unknown> = {};
  for (const [field, inner] of Object.entries(shape)) {
    const child = (value as Record<string, unknown>)[field];
    if (child !== undefined) kept[field] = inner === true ? child : slim(child, inner);
  }
  return kept as T;
}
