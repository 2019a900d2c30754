/**
 * The client cores a package can be generated with, as subsets of the one
 * runtime: `full` vendors every runtime file but the slim entry; `slim`
 * vendors the slim entry as the package's `client.ts` and leaves out the
 * files only the full client uses. Generated code imports the same modules
 * either way.
 */
export const CORES = ['full', 'slim'] as const;
export type CoreKind = (typeof CORES)[number];

/** The slim core's client, written in the runtime beside the full one. */
const SLIM_ENTRY = 'slim-client.ts';
/** Runtime files only the full client imports. */
const FULL_ONLY = ['client.ts', 'retry.ts'];

const selected = new WeakMap<Record<string, string>, Map<CoreKind, Record<string, string>>>();

/** The runtime files a package with `core` vendors, by their name in the package; the same files give the same object. */
export function runtimeFiles(all: Record<string, string>, core: CoreKind = 'full'): Record<string, string> {
  let byCore = selected.get(all);
  if (!byCore) selected.set(all, (byCore = new Map()));
  let files = byCore.get(core);
  if (!files) byCore.set(core, (files = select(all, core)));
  return files;
}

function select(all: Record<string, string>, core: CoreKind): Record<string, string> {
  const slim = all[SLIM_ENTRY];
  if (slim === undefined) throw new Error(`the runtime has no ${SLIM_ENTRY}`);
  const files: Record<string, string> = {};
  for (const [name, text] of Object.entries(all)) {
    if (name === SLIM_ENTRY || (core === 'slim' && FULL_ONLY.includes(name))) continue;
    files[name] = text;
  }
  if (core === 'slim') files['client.ts'] = slim;
  return Object.fromEntries(Object.entries(files).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
}
