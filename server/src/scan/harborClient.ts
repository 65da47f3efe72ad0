// Harbor API calls through the product's one registry client (TLS, retries, redirects and
// readable errors are its job): adapts RegistryClient.request to HarborRequest.
//
// Harbor's REST API (/api/v2.0) takes Basic credentials and does not always answer 401 with a
// challenge the client could learn from, so when a username/password is known it is sent with
// each API call (the client drops it on a redirect to another host).
import type { RegistryCredential } from '../credentials/types';
import type { RegistryClient } from '../registry/client';
import type { HarborRequest } from './harbor';

export function harborRequestVia(client: Pick<RegistryClient, 'request'>, host: string, credential?: RegistryCredential): HarborRequest {
  const basic: Record<string, string> = credential?.username && credential.secret
    ? { authorization: `Basic ${Buffer.from(`${credential.username}:${credential.secret}`).toString('base64')}` }
    : {};
  return async (method, path, headers) => {
    const what = method === 'POST' ? 'starting a Harbor scan' : `reading ${path.includes('/additions/') ? 'the Harbor vulnerability report' : 'the Harbor artifact'}`;
    const res = await client.request({ method, path, headers: { accept: 'application/json', ...basic, ...headers }, what });
    const text = res.body.toString('utf8').trim();
    if (!text) return undefined;
    try {
      return JSON.parse(text) as unknown;
    } catch {
      throw new Error(`${host} answered with something that is not JSON while ${what} — is this a Harbor registry?`);
    }
  };
}
