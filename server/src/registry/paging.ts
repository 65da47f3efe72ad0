// RFC 8288 `Link` headers as registries send them: relative or absolute, several links per header.

/** The `rel="next"` target of a Link header, resolved against the URL that was requested. */
export function nextLink(header: string | undefined, requestUrl: URL): URL | undefined {
  if (!header) return undefined;
  for (const match of header.matchAll(/<([^>]*)>((?:\s*;\s*[^;,]+)*)/g)) {
    const params = match[2] ?? '';
    const rel = params.match(/;\s*rel\s*=\s*"?([^";]+)"?/i)?.[1];
    if (!rel || !rel.toLowerCase().split(/\s+/).includes('next')) continue;
    try {
      return new URL(match[1]!, requestUrl);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
