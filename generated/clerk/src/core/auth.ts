import { SDKError } from './errors.js';
import { readEnv } from './env.js';
import type { AuthPlacement, AuthScheme, Credential } from './types.js';

/**
 * Each scheme with the credential the user gave, or found in its environment
 * variable. `otherWay` is how else a client can authenticate, which the OAuth2
 * flow (oauth.ts) words, so only bundles with the flow carry its words.
 */
export function resolveCredentials(clientName: string, schemes: AuthScheme[], given: Record<string, Credential | undefined>, otherWay?: string): Map<string, Credential> {
  const found = new Map<string, Credential>();
  for (const scheme of schemes) {
    const value = given[scheme.option] ?? (scheme.env ? readEnv(scheme.env) : undefined);
    if (value !== undefined && value !== '') found.set(scheme.option, value);
  }
  if (schemes.length > 0 && found.size === 0) {
    const ways = schemes.map((s) => `pass \`${s.option}\` to the constructor${s.env ? ` or set ${s.env}` : ''}`);
    if (otherWay) ways.push(otherWay);
    throw new SDKError(`${clientName}: no credential given; ${ways.join(', or ')}.`);
  }
  return found;
}

export interface AppliedAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
  /** The secret values sent, so logs and errors can redact them. */
  secrets: string[];
}

/** The first scheme the operation accepts that has a credential. */
export async function applyAuth(schemes: AuthScheme[], credentials: Map<string, Credential>, accepted: string[] | undefined): Promise<AppliedAuth> {
  const applied: AppliedAuth = { headers: {}, query: {}, secrets: [] };
  const scheme = schemes.find((s) => credentials.has(s.option) && (accepted === undefined || accepted.includes(s.option)));
  if (!scheme) return applied;
  const credential = credentials.get(scheme.option)!;
  const secret = typeof credential === 'function' ? await credential() : credential;
  applied.secrets.push(secret);
  scheme.put(secret, applied);
  return applied;
}

type Placement<T extends AuthPlacement['type']> = Omit<Extract<AuthPlacement, { type: T }>, 'type'>;

/** `Authorization: Bearer <secret>`. */
export function bearer(p: Placement<'bearer'>): AuthScheme {
  return { ...p, type: 'bearer', put: (secret, applied) => { applied.headers['Authorization'] = `Bearer ${secret}`; } };
}

/** HTTP basic authentication of a `user:password` secret; the encoded form is redacted too. */
export function basic(p: Placement<'basic'>): AuthScheme {
  return {
    ...p,
    type: 'basic',
    put: (secret, applied) => {
      const encoded = btoa(String.fromCharCode(...new TextEncoder().encode(secret)));
      applied.headers['Authorization'] = `Basic ${encoded}`;
      applied.secrets.push(encoded);
    },
  };
}

/** An API key in the header, query parameter or cookie the spec names; a cookie joins those the call sends. */
export function apiKey(p: Placement<'apiKey'>): AuthScheme {
  return {
    ...p,
    type: 'apiKey',
    put: (secret, applied) => {
      if (p.in === 'cookie') applied.headers['Cookie'] = `${encodeURIComponent(p.name)}=${encodeURIComponent(secret)}`;
      else applied[p.in === 'header' ? 'headers' : 'query'][p.name] = secret;
    },
  };
}
