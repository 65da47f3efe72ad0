// Does an ARG/ENV name look like it holds a secret? BuildKit's rule (a `_`-delimited token such
// as KEY, TOKEN, SECRET, PASSWORD) with an allow-list for names that only say where a secret
// lives or identify one (`*_FILE`, `PUBLIC_*`, `GPG_KEY`, `*_KEY_ID`…): fewer false positives
// than BuildKit and hadolint. Shared by every secrets-in-ARG/ENV rule.

/** BuildKit's tokens: a `_`-delimited word of the name equal to one of these. */
const SECRET_TOKENS = /(?:^|_)(?:apikey|auth|credential|credentials|key|password|pword|passwd|secret|token)(?:_|$)/i;
/**
 * Names that hold no secret although they contain a token: BuildKit's `public`, plus references
 * to where a secret lives (`*_FILE` is Docker's secrets convention), key ids and key servers.
 */
const ALLOWED = [
  /(?:^|_)public(?:_|$)/i,
  /_(?:file|path|dir|url|uri|name|id|ids|type|length|size|server|algorithm|header|env)$/i,
  /^gpg_keys?$/i,
  /(?:^|_)(?:key_?id|keyring|keyserver|fingerprint)(?:_|$)/i,
];

/** Half of a credential pair, reported although its shape matches the allow-list. */
const ALWAYS = /^aws_access_key_id$/i;

export function looksLikeSecretName(name: string): boolean {
  return ALWAYS.test(name) || (SECRET_TOKENS.test(name) && !ALLOWED.some((re) => re.test(name)));
}
