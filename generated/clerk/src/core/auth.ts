import { SDKError } from './errors.js';
import { readEnv } from './env.js';
import type { AuthScheme, Credential } from './types.js';

/** Each scheme with the credential the user gave, or found in its environment variable. */
export function resolveCredentials(clientName: string, schemes: AuthScheme[], given: Record<string, Credential | undefined>, oauth?: { scheme: string; clientId: { option: string; env?: string }; clientSecret: { option: string; env?: string } }): Map<string, Credential> {
  const found = new Map<string, Credential>();
  for (const scheme of schemes) {
    const value = given[scheme.option] ?? (scheme.env ? readEnv(scheme.env) : undefined);
    if (value !== undefined && value !== '') found.set(scheme.option, value);
  }
  if (schemes.length > 0 && found.size === 0) {
    const ways = schemes.map((s) => `pass \`${s.option}\` to the constructor${s.env ? ` or set ${s.env}` : ''}`);
    if (oauth) ways.push(`pass \`${oauth.clientId.option}\` and \`${oauth.clientSecret.option}\`${oauth.clientId.env && oauth.clientSecret.env ? ` or set ${oauth.clientId.env} and ${oauth.clientSecret.env}` : ''}`);
    throw new SDKError(`${clientName}: no credential given; ${ways.join(', or ')}.`);
  }
  return found;
}

export interface AppliedAuth {
  headers: Record<string, string>;
  query: Record<string, string>;
  cookies: Record<string, string>;
  /** The secret values sent, so logs and errors can redact them. */
  secrets: string[];
}

/** The first scheme the operation accepts that has a credential. */
export async function applyAuth(schemes: AuthScheme[], credentials: Map<string, Credential>, accepted: string[] | undefined): Promise<AppliedAuth> {
  const applied: AppliedAuth = { headers: {}, query: {}, cookies: {}, secrets: [] };
  const scheme = schemes.find((s) => credentials.has(s.option) && (accepted === undefined || accepted.includes(s.option)));
  if (!scheme) return applied;
  const credential = credentials.get(scheme.option)!;
  const secret = typeof credential === 'function' ? await credential() : credential;
  applied.secrets.push(secret);
  if (scheme.type === 'bearer') applied.headers['Authorization'] = `Bearer ${secret}`;
  else if (scheme.type === 'basic') {
    const encoded = btoa(String.fromCharCode(...new TextEncoder().encode(secret)));
    applied.headers['Authorization'] = `Basic ${encoded}`;
    applied.secrets.push(encoded);
  } else if (scheme.in === 'header') applied.headers[scheme.name] = secret;
  else if (scheme.in === 'query') applied.query[scheme.name] = secret;
  else applied.cookies[scheme.name] = secret;
  return applied;
}
