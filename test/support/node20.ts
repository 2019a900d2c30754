// vitest 5's reporters call Map.groupBy/Object.groupBy, which Node 20 lacks;
// without these, a failing run crashes instead of showing what failed.
type GroupBy = <K, T>(items: Iterable<T>, key: (item: T, index: number) => K) => Map<K, T[]>;

if (typeof (Map as { groupBy?: GroupBy }).groupBy !== 'function') {
  (Map as unknown as { groupBy: GroupBy }).groupBy = (items, key) => {
    const out = new Map();
    let i = 0;
    for (const item of items) {
      const k = key(item, i++);
      out.set(k, [...(out.get(k) ?? []), item]);
    }
    return out;
  };
}

if (typeof (Object as { groupBy?: unknown }).groupBy !== 'function') {
  (Object as unknown as { groupBy: (items: Iterable<unknown>, key: (item: unknown, index: number) => PropertyKey) => object }).groupBy = (items, key) =>
    Object.fromEntries((Map as unknown as { groupBy: GroupBy }).groupBy(items, key));
}
