// `WWW-Authenticate` parsing per RFC 7235: several challenges in one header, parameters in any
// order, quoted strings with backslash escapes, token68 forms. Scheme names compare case-blind.

export interface Challenge {
  /** Lower-case scheme: `bearer`, `basic`, … */
  scheme: string;
  /** Parameter names lower-cased; values unquoted. */
  params: Record<string, string>;
  token68?: string;
}

const TOKEN_CHAR = /[!#$%&'*+\-.^_`|~0-9A-Za-z]/;

export function parseWwwAuthenticate(header: string | undefined): Challenge[] {
  if (!header) return [];
  const challenges: Challenge[] = [];
  let i = 0;
  const n = header.length;
  const skipSpace = () => { while (i < n && (header[i] === ' ' || header[i] === '\t')) i++; };
  const skipSeparators = () => { while (i < n && (header[i] === ',' || header[i] === ' ' || header[i] === '\t')) i++; };
  const readToken = () => { const start = i; while (i < n && TOKEN_CHAR.test(header[i]!)) i++; return header.slice(start, i); };
  const readQuoted = () => {
    let value = '';
    i++; // opening quote
    while (i < n && header[i] !== '"') {
      if (header[i] === '\\' && i + 1 < n) i++;
      value += header[i++];
    }
    i++; // closing quote
    return value;
  };

  while (i < n) {
    skipSeparators();
    const scheme = readToken();
    if (!scheme) { i++; continue; }
    const challenge: Challenge = { scheme: scheme.toLowerCase(), params: {} };
    challenges.push(challenge);
    skipSpace();
    const token68 = header.slice(i).match(/^[A-Za-z0-9\-._~+/]+=*[ \t]*(?=,|$)/);
    if (token68) {
      challenge.token68 = token68[0].trim();
      i += token68[0].length;
      continue;
    }
    // Parameters until the next challenge: a token that is not followed by "=".
    while (i < n) {
      skipSeparators();
      const start = i;
      const name = readToken();
      if (!name) { if (i < n) i++; continue; }
      skipSpace();
      if (header[i] !== '=') { i = start; break; }
      i++;
      skipSpace();
      challenge.params[name.toLowerCase()] = header[i] === '"' ? readQuoted() : readToken();
    }
  }
  return challenges;
}

/** The challenge a registry client should answer: Bearer over Basic, anything else ignored. */
export function pickChallenge(challenges: Challenge[]): Challenge | undefined {
  return challenges.find((c) => c.scheme === 'bearer') ?? challenges.find((c) => c.scheme === 'basic');
}
