/**
 * Whether `node` has one of `keys`. Most spec objects have a few keys and
 * none of a given list: going over their keys once costs less than asking
 * for each of the list's, which, asked of objects of every shape, is a slow
 * property look-up each.
 */
export function hasAnyKey(node: Record<string, unknown>, keys: ReadonlySet<string>): boolean {
  for (const key in node) if (keys.has(key)) return true;
  return false;
}
