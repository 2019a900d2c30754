/** What a change means to a consumer, and the version bump it calls for. */

export type ChangeKind = 'breaking' | 'feature' | 'fix' | 'docs';
export type Bump = 'major' | 'minor' | 'patch' | 'none';

export interface ApiChange {
  kind: ChangeKind;
  /** The export, member, property or parameter, e.g. `InvitationCreate.email` or `Invitations.create(body)`. */
  symbol: string;
  message: string;
  /** The changelog section: a resource class, `Models`, `Client` or `Runtime`. */
  group: string;
}

const BUMP_OF: Record<ChangeKind, Bump> = { breaking: 'major', feature: 'minor', fix: 'patch', docs: 'patch' };
const ORDER: Bump[] = ['none', 'patch', 'minor', 'major'];

export function bumpFor(changes: ApiChange[]): Bump {
  return changes.reduce<Bump>((worst, c) => (ORDER.indexOf(BUMP_OF[c.kind]) > ORDER.indexOf(worst) ? BUMP_OF[c.kind] : worst), 'none');
}

const KIND_ORDER: ChangeKind[] = ['breaking', 'feature', 'fix', 'docs'];

/** Breaking changes first, then by section and symbol: the order a reader and a test can rely on. */
export function sortChanges(changes: ApiChange[]): ApiChange[] {
  return [...changes].sort((a, b) => KIND_ORDER.indexOf(a.kind) - KIND_ORDER.indexOf(b.kind) || cmp(a.group, b.group) || cmp(a.symbol, b.symbol) || cmp(a.message, b.message));
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
