// Every registry failure becomes a RegistryError with a kind the UI can act on and a message a
// person can read. Messages name the registry host, never a credential.

export type RegistryErrorKind =
  | 'unauthorized'   // 401: no or rejected credentials
  | 'forbidden'      // 403 / insufficient_scope: credentials fine, permission missing
  | 'not-found'      // 404: repository, tag, manifest or blob unknown
  | 'unsupported'    // 405 / operation not offered by this registry (e.g. delete disabled)
  | 'rate-limited'   // 429 after retries
  | 'server'         // 5xx after retries
  | 'bad-request'    // other 4xx
  | 'protocol'       // answer we cannot understand (garbage JSON, missing headers)
  | 'timeout'        // no answer in time
  | 'network'        // connection refused, DNS, reset
  | 'tls';           // certificate problems

export class RegistryError extends Error {
  override readonly name = 'RegistryError';
  constructor(
    readonly kind: RegistryErrorKind,
    message: string,
    readonly registry: string,
    readonly status?: number,
    /** Registry error codes from the JSON body (`NAME_UNKNOWN`, `DENIED`…). */
    readonly codes: string[] = [],
  ) {
    super(message);
  }
}

interface ErrorBody { errors?: { code?: string; message?: string }[] }

/** Registry error codes and messages from an OCI error body, when there is one. */
export function parseErrorBody(body: Buffer | string): { codes: string[]; detail: string } {
  try {
    const data = JSON.parse(body.toString()) as ErrorBody;
    const errors = Array.isArray(data.errors) ? data.errors : [];
    return {
      codes: errors.map((e) => String(e.code ?? '')).filter(Boolean),
      detail: errors.map((e) => [e.code, e.message].filter(Boolean).join(': ')).filter(Boolean).join('; '),
    };
  } catch {
    return { codes: [], detail: '' };
  }
}

const NO_DETAIL_STATUS = new Set([502, 503, 504]);

/** Turns an HTTP failure into a RegistryError with a human message. */
export function httpError(registry: string, status: number, what: string, body: Buffer | string = '', hint?: string): RegistryError {
  const { codes, detail } = parseErrorBody(body);
  const tail = detail && !NO_DETAIL_STATUS.has(status) ? ` (${truncate(detail, 200)})` : '';
  const fix = hint ? ` — ${hint}` : '';
  if (status === 401) {
    return new RegistryError('unauthorized', `401: credentials for ${registry} were rejected or are missing while ${what}${tail}${fix || ` — sign in with "docker login ${registry}" or update them with "Shipshape: Add Registry"`}`, registry, status, codes);
  }
  if (status === 403 || codes.includes('DENIED')) {
    return new RegistryError('forbidden', `${status}: access denied by ${registry} while ${what}${tail} — the account lacks permission for this${fix}`, registry, status, codes);
  }
  if (status === 404) return new RegistryError('not-found', `404: not found on ${registry} while ${what}${tail}${fix}`, registry, status, codes);
  if (status === 405 || codes.includes('UNSUPPORTED')) return new RegistryError('unsupported', `${status}: ${registry} does not support ${what}${tail}${fix}`, registry, status, codes);
  if (status === 429) return new RegistryError('rate-limited', `429: ${registry} is rate-limiting requests while ${what}; try again later${fix}`, registry, status, codes);
  if (status >= 500) return new RegistryError('server', `${status}: ${registry} had a server error while ${what}${tail}; try again later${fix}`, registry, status, codes);
  return new RegistryError('bad-request', `${status}: ${registry} refused ${what}${tail}${fix}`, registry, status, codes);
}

export function truncate(text: string, max: number): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > max ? oneLine.slice(0, max - 1) + '…' : oneLine;
}

/** Turns a socket-level error into a RegistryError. */
export function networkError(registry: string, error: NodeJS.ErrnoException, what: string): RegistryError {
  const code = error.code ?? '';
  if (code === 'ETIMEDOUT' || code === 'ESOCKETTIMEDOUT' || code === 'TIMEOUT') {
    return new RegistryError('timeout', `${registry} did not answer in time while ${what}`, registry);
  }
  if (/CERT|SELF_SIGNED|UNABLE_TO_VERIFY|TLS|SSL|ERR_SSL/i.test(code) || /certificate/i.test(error.message)) {
    return new RegistryError('tls', `TLS error talking to ${registry} while ${what}: ${error.message} — set "caFile" for this registry (or "insecure": true to skip verification)`, registry);
  }
  if (code === 'ECONNREFUSED') return new RegistryError('network', `cannot connect to ${registry} (connection refused) while ${what}`, registry);
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return new RegistryError('network', `cannot resolve host ${registry} while ${what}`, registry);
  if (code === 'ECONNRESET' || code === 'EPIPE') return new RegistryError('network', `${registry} closed the connection while ${what}`, registry);
  return new RegistryError('network', `network error talking to ${registry} while ${what}: ${error.message}`, registry);
}
