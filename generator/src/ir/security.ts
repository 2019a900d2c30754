import { specError } from '../diagnostics.js';
import type { LoadedSpec } from '../load/loader.js';
import { isRef } from '../load/refs.js';
import { docsOf } from './docs.js';
import { valueName, type NameRegistry } from './names.js';
import { isObject } from './schemas.js';
import type { IRAuthScheme, IRClientCredentials, IROAuth, IROAuthFlow } from './types.js';
import type { Warn } from './warnings.js';

/** `optionNames` holds the runtime's own client options, which a credential option must not shadow. */
export function authSchemes(spec: LoadedSpec, optionNames: NameRegistry, warn: Warn, envPrefix: string): IRAuthScheme[] {
  const schemes = (spec.document['components'] as Record<string, unknown> | undefined)?.['securitySchemes'];
  if (!isObject(schemes)) return [];
  const out: IRAuthScheme[] = [];
  for (const schemeName of Object.keys(schemes)) {
    const entry = schemes[schemeName];
    const node = isRef(entry) ? spec.refs.deref(entry, spec.file)?.value : entry;
    if (!isObject(node)) throw specError('a security scheme must be a mapping', spec.positions.locate(entry));
    const scheme = authScheme(schemeName, node, optionNames, spec, warn);
    if (scheme?.type === 'bearer' && scheme.oauth && !out.some((s) => s.type !== 'apiKey' && s.clientCredentials)) {
      const cc = clientCredentialsOf(scheme.oauth, optionNames, envPrefix);
      if (cc) scheme.clientCredentials = cc;
    }
    if (scheme) out.push(scheme);
  }
  return out;
}

const FLOWS = ['clientCredentials', 'authorizationCode', 'implicit', 'password', 'deviceAuthorization'] as const;
/** Flows a client could run by itself, given credentials; the others need a person at a browser. */
const MACHINE_FLOWS: ReadonlySet<string> = new Set(['password']);

/** The first client credentials flow with a token URL, which the client runs when given `clientId` and `clientSecret`. */
function clientCredentialsOf(oauth: IROAuth, optionNames: NameRegistry, envPrefix: string): IRClientCredentials | undefined {
  const flow = oauth.flows.find((f) => f.flow === 'clientCredentials' && f.tokenUrl !== undefined);
  if (!flow) return undefined;
  return {
    tokenUrl: flow.tokenUrl!,
    scopes: flow.scopes.map(([name]) => name),
    clientId: { option: optionNames.claim('clientId'), env: `${envPrefix}_CLIENT_ID` },
    clientSecret: { option: optionNames.claim('clientSecret'), env: `${envPrefix}_CLIENT_SECRET` },
  };
}

function oauthOf(node: Record<string, unknown>, warn: Warn): IROAuth {
  const flows = isObject(node['flows']) ? node['flows'] : {};
  const out: IROAuthFlow[] = [];
  for (const flow of FLOWS) {
    const f = flows[flow];
    if (!isObject(f)) continue;
    const url = (key: string) => (typeof f[key] === 'string' ? f[key] : undefined);
    const scopes = isObject(f['scopes']) ? f['scopes'] : {};
    out.push({ flow, tokenUrl: url('tokenUrl'), authorizationUrl: url('authorizationUrl'), refreshUrl: url('refreshUrl'), scopes: Object.keys(scopes).map((k) => [k, String(scopes[k] ?? '')]) });
    if (MACHINE_FLOWS.has(flow)) {
      warn(`the OAuth2 ${flow} flow${url('tokenUrl') ? ` (token URL ${url('tokenUrl')})` : ''} is not run by the client: it takes a bearer token obtained elsewhere`, flows, flow);
    }
  }
  return { flows: out, openIdConnectUrl: typeof node['openIdConnectUrl'] === 'string' ? node['openIdConnectUrl'] : undefined };
}

function authScheme(schemeName: string, node: Record<string, unknown>, optionNames: NameRegistry, spec: LoadedSpec, warn: Warn): IRAuthScheme | undefined {
  const optionExt = node['x-sdkgen-option'];
  const option = optionNames.claim(valueName(typeof optionExt === 'string' ? optionExt : schemeName, 'apiKey'));
  const env = typeof node['x-sdkgen-env'] === 'string' ? node['x-sdkgen-env'] : undefined;
  const description = docsOf(node).description;
  const type = node['type'];
  const httpScheme = typeof node['scheme'] === 'string' ? node['scheme'].toLowerCase() : '';
  if (type === 'http' && httpScheme === 'basic') return { type: 'basic', schemeName, option, env, description };
  if (type === 'oauth2' || type === 'openIdConnect') return { type: 'bearer', schemeName, option, env, description, oauth: oauthOf(node, warn) };
  if (type === 'http') return { type: 'bearer', schemeName, option, env, description };
  if (type === 'apiKey') {
    const location = node['in'];
    if ((location !== 'header' && location !== 'query' && location !== 'cookie') || typeof node['name'] !== 'string') {
      throw specError('an apiKey security scheme needs `in` (header, query or cookie) and `name`', spec.positions.locate(node));
    }
    return { type: 'apiKey', in: location, name: node['name'], schemeName, option, env, description };
  }
  warn(`security scheme type ${JSON.stringify(type)} is not supported; it is ignored`, node, 'type');
  return undefined;
}

/** Whether any scheme sends its credential outside `Authorization`, which fetch alone drops on a redirect to another origin. */
export function credentialOutsideAuthorization(auth: IRAuthScheme[]): boolean {
  return auth.some((a) => a.type === 'apiKey');
}
