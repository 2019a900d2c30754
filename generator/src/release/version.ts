import type { Bump } from './changes.js';

/**
 * The next version after `previous` for a change of size `bump`, never below
 * `floor` (the version configured for the package).
 *
 * Below 1.0.0 the leftmost non-zero part is the one consumers' caret ranges
 * treat as major (`^0.3.1` takes 0.3.x, never 0.4.0), so a breaking change
 * bumps the minor part and a feature or fix bumps the patch part: a 0.x
 * package never sends a breaking change through `npm update`, and reaches
 * 1.0.0 only when its configured version says so.
 */
export function nextVersion(previous: string, bump: Bump, floor: string): string {
  const p = parse(previous);
  let next: [number, number, number];
  if (bump === 'none') next = p;
  else if (p[0] === 0) next = bump === 'major' ? [0, p[1] + 1, 0] : [0, p[1], p[2] + 1];
  else if (bump === 'major') next = [p[0] + 1, 0, 0];
  else if (bump === 'minor') next = [p[0], p[1] + 1, 0];
  else next = [p[0], p[1], p[2] + 1];
  const f = parse(floor);
  return (compareVersions(f, next) > 0 ? f : next).join('.');
}

function parse(v: string): [number, number, number] {
  const m = /^(\d+)\.(\d+)\.(\d+)$/.exec(v);
  if (!m) throw new Error(`not a version of the form MAJOR.MINOR.PATCH: ${JSON.stringify(v)}`);
  return [Number(m[1]), Number(m[2]), Number(m[3])];
}

function compareVersions(a: number[], b: number[]): number {
  for (let i = 0; i < 3; i++) if (a[i] !== b[i]) return a[i]! - b[i]!;
  return 0;
}
