// The scan panel's HTML: a static skeleton (no scanner data — that arrives by postMessage and is
// rendered with DOM APIs), a strict CSP allowing only this nonce's script and the media/ styles.
// Editor-free so tests can check it without VS Code.
import { randomBytes } from 'node:crypto';

export interface PanelHtmlParts {
  /** `webview.cspSource`. */
  cspSource: string;
  scriptUri: string;
  styleUri: string;
  nonce?: string;
}

export function makeNonce(): string {
  return randomBytes(18).toString('base64').replace(/[^A-Za-z0-9]/g, '');
}

const attr = (s: string) => s.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

export function panelHtml(parts: PanelHtmlParts): string {
  const nonce = parts.nonce ?? makeNonce();
  const csp = [
    "default-src 'none'",
    `style-src ${parts.cspSource}`,
    `img-src ${parts.cspSource}`,
    `font-src ${parts.cspSource}`,
    `script-src 'nonce-${nonce}'`,
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${attr(csp)}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${attr(parts.styleUri)}">
<title>Scan results</title>
</head>
<body>
<div id="status" role="status" aria-live="polite" hidden></div>
<section id="message" class="message" hidden></section>
<div id="report" hidden>
  <header>
    <h1 id="title"></h1>
    <div id="meta"></div>
    <div class="summary">
      <div id="counts" role="group" aria-label="Findings per severity; press to filter"></div>
      <span id="total"></span>
    </div>
    <div class="toolbar">
      <input type="search" id="search" placeholder="Search ID, package, title, description (/)" aria-label="Search findings">
      <label><input type="checkbox" id="hasFix"> Has fix</label>
      <label>Group by <select id="group" aria-label="Group by">
        <option value="none">nothing</option><option value="severity">severity</option><option value="pkgName">package</option>
        <option value="target">target</option><option value="kind">kind</option>
      </select></label>
      <button type="button" id="clearFilters" class="secondary">Clear filters</button>
      <span id="shown" aria-live="polite"></span>
      <span class="spacer"></span>
      <button type="button" id="exportSarif" class="secondary">Export SARIF</button>
      <button type="button" id="exportJson" class="secondary">Export JSON</button>
    </div>
  </header>
  <div id="main">
    <div id="grid" role="grid" aria-label="Findings" aria-rowcount="0">
      <div id="head" role="row" aria-rowindex="1"></div>
      <div id="viewport" tabindex="0" role="rowgroup" aria-label="Findings, use arrow keys">
        <div id="spacer"><div id="rows"></div></div>
        <div id="empty" hidden>No findings match the filters.</div>
      </div>
    </div>
    <aside id="details" tabindex="-1" aria-label="Finding details"></aside>
  </div>
</div>
<script nonce="${nonce}" src="${attr(parts.scriptUri)}"></script>
</body>
</html>
`;
}
