// Scan results panel (webview side). Plain JS, no framework.
//
// Security: everything shown comes from scanners and registries, so it is rendered only with
// textContent / DOM APIs (never innerHTML), links are http(s) only and are opened by the
// extension, and messages from the extension are checked before use.
// Speed: findings are filtered and sorted as index arrays and only the rows in view exist in the
// DOM (fixed row height), so tens of thousands of findings stay responsive.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const SEVERITIES = ['CRITICAL', 'HIGH', 'MEDIUM', 'LOW', 'UNKNOWN'];
  const RANK = { CRITICAL: 5, HIGH: 4, MEDIUM: 3, LOW: 2, UNKNOWN: 1 };
  const ROW_HEIGHT = 24;
  const OVERSCAN = 10;
  const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
  const COLUMNS = [
    { key: 'severity', label: 'Severity' },
    { key: 'id', label: 'ID' },
    { key: 'pkgName', label: 'Package' },
    { key: 'installedVersion', label: 'Installed' },
    { key: 'fixedVersion', label: 'Fixed' },
    { key: 'title', label: 'Title' },
  ];
  const GROUPS = { none: null, severity: 'severity', pkgName: 'pkgName', target: 'target', kind: 'kind' };

  const $ = (id) => document.getElementById(id);
  const el = (tag, className, text) => {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  };

  /** UI state: persisted with setState so the panel looks the same after hide/reload. */
  const saved = vscode.getState() || {};
  const ui = {
    sort: typeof saved.sort === 'string' ? saved.sort : 'severity',
    desc: typeof saved.desc === 'boolean' ? saved.desc : true,
    severities: Array.isArray(saved.severities) ? saved.severities.filter((s) => SEVERITIES.includes(s)) : [],
    hasFix: saved.hasFix === true,
    search: typeof saved.search === 'string' ? saved.search : '',
    group: typeof saved.group === 'string' && saved.group in GROUPS ? saved.group : 'none',
    selected: Number.isInteger(saved.selected) ? saved.selected : -1,
    scrollTop: typeof saved.scrollTop === 'number' ? saved.scrollTop : 0,
    // Which cached report this panel shows: the extension's serializer reopens it after a reload.
    key: typeof saved.key === 'string' ? saved.key : undefined,
  };
  let findings = [];
  let haystacks = [];
  let items = []; // visible list: { g: label, n: count } group headers or finding indices (numbers)
  let cursor = -1; // position in items of the selected row
  let renderQueued = false;

  const persist = () => vscode.setState({ ...ui, scrollTop: $('viewport').scrollTop });

  // ---- messages from the extension --------------------------------------------------------
  window.addEventListener('message', (event) => {
    const msg = event.data;
    if (!msg || typeof msg !== 'object' || typeof msg.type !== 'string') return;
    switch (msg.type) {
      case 'report': return Array.isArray(msg.findings) && msg.meta && typeof msg.meta === 'object' ? showReport(msg.meta, msg.findings) : undefined;
      case 'status': return showStatus(typeof msg.text === 'string' ? msg.text : '', msg.busy === true);
      case 'error': return showMessage('error', typeof msg.title === 'string' ? msg.title : 'Error', typeof msg.text === 'string' ? msg.text : '');
      case 'trivyMissing': return showTrivyMissing(msg);
    }
  });

  function showStatus(text, busy) {
    const status = $('status');
    status.textContent = text;
    status.classList.toggle('busy', busy);
    status.hidden = text === '';
  }

  function showMessage(kind, title, text, extra) {
    const box = $('message');
    box.replaceChildren();
    box.className = 'message ' + kind;
    box.setAttribute('role', kind === 'error' ? 'alert' : 'status');
    box.append(el('h2', '', title));
    for (const para of String(text).split('\n\n')) if (para) box.append(el('p', 'pre', para));
    if (extra) box.append(extra);
    box.hidden = false;
    if (kind === 'error') showStatus('', false);
  }

  function showTrivyMissing(msg) {
    const extra = el('div');
    const commands = Array.isArray(msg.commands) ? msg.commands.filter((c) => typeof c === 'string') : [];
    if (commands.length) {
      const pre = el('pre', 'install');
      pre.textContent = commands.join('\n');
      extra.append(pre);
    }
    const actions = el('div', 'actions');
    if (typeof msg.installUrl === 'string') {
      const guide = el('button', '', 'Open the installation guide');
      guide.addEventListener('click', () => vscode.postMessage({ type: 'openExternal', url: msg.installUrl }));
      actions.append(guide);
    }
    const settings = el('button', 'secondary', 'Set shipshape.trivy.path');
    settings.addEventListener('click', () => vscode.postMessage({ type: 'openSettings' }));
    const retry = el('button', 'secondary', 'Try again');
    retry.addEventListener('click', () => vscode.postMessage({ type: 'rescan' }));
    actions.append(settings, retry);
    extra.append(actions);
    showMessage('warning', 'Trivy is not installed', typeof msg.text === 'string' ? msg.text : '', extra);
  }

  // ---- report ------------------------------------------------------------------------------
  function text(v) { return typeof v === 'string' ? v : typeof v === 'number' ? String(v) : ''; }

  function cleanFinding(f) {
    if (!f || typeof f !== 'object') return null;
    return {
      kind: text(f.kind), id: text(f.id), severity: SEVERITIES.includes(f.severity) ? f.severity : 'UNKNOWN',
      title: text(f.title), description: text(f.description), pkgName: text(f.pkgName),
      installedVersion: text(f.installedVersion), fixedVersion: text(f.fixedVersion), target: text(f.target),
      resultClass: text(f.resultClass), resultType: text(f.resultType), status: text(f.status), pkgPath: text(f.pkgPath),
      primaryUrl: text(f.primaryUrl), references: Array.isArray(f.references) ? f.references.filter((r) => typeof r === 'string') : [],
      cvss: Array.isArray(f.cvss) ? f.cvss.filter((c) => c && typeof c === 'object') : [],
      cwes: Array.isArray(f.cwes) ? f.cwes.filter((c) => typeof c === 'string') : [],
      startLine: Number.isInteger(f.startLine) ? f.startLine : undefined, endLine: Number.isInteger(f.endLine) ? f.endLine : undefined,
      resolution: text(f.resolution), publishedDate: text(f.publishedDate), layerDigest: text(f.layerDigest),
    };
  }

  function showReport(meta, raw) {
    const key = text(meta.key);
    if (key !== ui.key) { ui.selected = -1; ui.scrollTop = 0; }
    ui.key = key;
    findings = raw.map(cleanFinding).filter(Boolean);
    haystacks = findings.map((f) => [f.id, f.pkgName, f.title, f.installedVersion, f.fixedVersion, f.target, f.kind, f.description].join('\n').toLowerCase());
    $('message').hidden = true;
    $('report').hidden = false;
    showStatus('', false);
    $('title').textContent = text(meta.title) || text(meta.artifactName) || 'Scan results';
    const tags = Array.isArray(meta.tags) ? meta.tags.filter((t) => typeof t === 'string').join(', ') : '';
    const bits = [text(meta.scanner), text(meta.artifactType), tags, meta.scannedAt ? 'scanned ' + text(meta.scannedAt).replace('T', ' ').slice(0, 19) : '', text(meta.digest)];
    $('meta').textContent = bits.filter(Boolean).join(' · ');
    renderCounts();
    if (ui.selected >= findings.length) ui.selected = -1;
    applyView(false);
    $('viewport').scrollTop = ui.scrollTop;
    render();
    showDetails();
  }

  function renderCounts() {
    const counts = Object.fromEntries(SEVERITIES.map((s) => [s, 0]));
    for (const f of findings) counts[f.severity]++;
    const box = $('counts');
    box.replaceChildren();
    for (const s of SEVERITIES) {
      const button = el('button', 'count sev-' + s.toLowerCase());
      button.type = 'button';
      button.dataset.severity = s;
      button.setAttribute('aria-pressed', String(ui.severities.includes(s)));
      button.title = `Show only ${s.toLowerCase()} findings (toggle)`;
      button.append(el('span', 'label', s), el('span', 'n', counts[s]));
      box.append(button);
    }
    $('total').textContent = `${findings.length} finding${findings.length === 1 ? '' : 's'}`;
  }

  // ---- filtering, sorting, grouping --------------------------------------------------------
  function compareBy(key) {
    if (key === 'severity') return (a, b) => RANK[findings[a].severity] - RANK[findings[b].severity];
    return (a, b) => collator.compare(findings[a][key], findings[b][key]);
  }

  function applyView(resetScroll) {
    const needle = ui.search.trim().toLowerCase();
    const wanted = ui.severities.length ? new Set(ui.severities) : null;
    const indices = [];
    for (let i = 0; i < findings.length; i++) {
      const f = findings[i];
      if (wanted && !wanted.has(f.severity)) continue;
      if (ui.hasFix && !f.fixedVersion) continue;
      if (needle && !haystacks[i].includes(needle)) continue;
      indices.push(i);
    }
    const primary = compareBy(ui.sort);
    const bySeverity = compareBy('severity');
    const byId = compareBy('id');
    const sign = ui.desc ? -1 : 1;
    indices.sort((a, b) => sign * primary(a, b) || -bySeverity(a, b) || byId(a, b) || a - b);

    const groupKey = GROUPS[ui.group];
    if (groupKey) {
      const groups = new Map();
      for (const i of indices) {
        const label = findings[i][groupKey] || '(none)';
        if (!groups.has(label)) groups.set(label, []);
        groups.get(label).push(i);
      }
      const labels = [...groups.keys()];
      if (groupKey === 'severity') labels.sort((a, b) => RANK[b] - RANK[a]);
      else labels.sort((a, b) => collator.compare(a, b));
      items = [];
      for (const label of labels) items.push({ g: label, n: groups.get(label).length }, ...groups.get(label));
    } else {
      items = indices;
    }
    cursor = items.indexOf(ui.selected);
    $('shown').textContent = indices.length === findings.length ? `showing all ${findings.length}` : `showing ${indices.length} of ${findings.length}`;
    $('grid').setAttribute('aria-rowcount', String(items.length + 1));
    $('spacer').style.height = items.length * ROW_HEIGHT + 'px';
    $('empty').hidden = items.length > 0;
    for (const button of $('counts').children) button.setAttribute('aria-pressed', String(ui.severities.includes(button.dataset.severity)));
    for (const th of document.querySelectorAll('#head button[data-key]')) {
      const active = th.dataset.key === ui.sort;
      th.parentElement.setAttribute('aria-sort', active ? (ui.desc ? 'descending' : 'ascending') : 'none');
      th.querySelector('.arrow').textContent = active ? (ui.desc ? '▼' : '▲') : '';
    }
    if (resetScroll) $('viewport').scrollTop = 0;
    persist();
    queueRender();
  }

  // ---- virtualised rows --------------------------------------------------------------------
  function queueRender() {
    if (renderQueued) return;
    renderQueued = true;
    requestAnimationFrame(() => { renderQueued = false; render(); });
  }

  function render() {
    const viewport = $('viewport');
    const first = Math.max(0, Math.floor(viewport.scrollTop / ROW_HEIGHT) - OVERSCAN);
    const last = Math.min(items.length, Math.ceil((viewport.scrollTop + viewport.clientHeight) / ROW_HEIGHT) + OVERSCAN);
    const rows = $('rows');
    rows.style.transform = `translateY(${first * ROW_HEIGHT}px)`;
    const fragment = document.createDocumentFragment();
    for (let pos = first; pos < last; pos++) fragment.append(rowFor(pos));
    rows.replaceChildren(fragment);
  }

  function rowFor(pos) {
    const item = items[pos];
    if (typeof item !== 'number') {
      const row = el('div', 'row group');
      row.setAttribute('role', 'row');
      row.setAttribute('aria-rowindex', String(pos + 2));
      const cell = el('div', 'cell', `${item.g} (${item.n})`);
      cell.setAttribute('role', 'rowheader');
      row.append(cell);
      return row;
    }
    const f = findings[item];
    const row = el('div', 'row');
    row.setAttribute('role', 'row');
    row.setAttribute('aria-rowindex', String(pos + 2));
    row.dataset.pos = String(pos);
    const selected = item === ui.selected;
    row.setAttribute('aria-selected', String(selected));
    if (selected) row.classList.add('selected');
    const sev = el('div', 'cell sev sev-' + f.severity.toLowerCase(), f.severity);
    const cells = [sev, el('div', 'cell id', f.id), el('div', 'cell', f.pkgName), el('div', 'cell', f.installedVersion),
      el('div', 'cell', f.fixedVersion || '—'), el('div', 'cell title', f.title || firstLine(f.description))];
    for (const c of cells) { c.setAttribute('role', 'gridcell'); row.append(c); }
    if (!f.fixedVersion) cells[4].classList.add('nofix');
    row.title = f.title || f.id;
    return row;
  }

  function firstLine(s) { const nl = s.indexOf('\n'); return (nl < 0 ? s : s.slice(0, nl)).slice(0, 200); }

  function select(pos, scrollIntoView) {
    if (items.length === 0) return;
    pos = Math.max(0, Math.min(items.length - 1, pos));
    cursor = pos;
    const item = items[pos];
    ui.selected = typeof item === 'number' ? item : -1;
    if (scrollIntoView) {
      const viewport = $('viewport');
      const top = pos * ROW_HEIGHT;
      if (top < viewport.scrollTop) viewport.scrollTop = top;
      else if (top + ROW_HEIGHT > viewport.scrollTop + viewport.clientHeight) viewport.scrollTop = top + ROW_HEIGHT - viewport.clientHeight;
    }
    persist();
    render();
    showDetails();
  }

  // ---- details pane ------------------------------------------------------------------------
  function link(url) {
    const safe = /^https?:\/\//i.test(url);
    if (!safe) return el('span', 'ref', url);
    const a = el('a', 'ref', url);
    a.href = url;
    a.addEventListener('click', (e) => { e.preventDefault(); vscode.postMessage({ type: 'openExternal', url }); });
    return a;
  }

  function field(dl, label, value) {
    if (!value) return;
    dl.append(el('dt', '', label), el('dd', '', value));
  }

  function showDetails() {
    const pane = $('details');
    pane.replaceChildren();
    const f = findings[ui.selected];
    if (!f) { pane.append(el('p', 'hint', 'Select a finding to see its description, CVSS scores and references. Keys: ↑/↓ move, / searches.')); return; }
    const head = el('h2');
    head.append(el('span', 'badge sev-' + f.severity.toLowerCase(), f.severity), document.createTextNode(' '), el('span', 'id', f.id));
    pane.append(head);
    if (f.title) pane.append(el('p', 'title', f.title));
    const dl = el('dl');
    field(dl, 'Kind', f.kind);
    field(dl, 'Package', f.pkgName);
    field(dl, 'Installed', f.installedVersion);
    field(dl, 'Fixed in', f.fixedVersion || (f.kind === 'vulnerability' ? 'no fix available' : ''));
    field(dl, 'Status', f.status);
    field(dl, 'Target', f.target + (f.startLine ? `:${f.startLine}${f.endLine && f.endLine !== f.startLine ? '-' + f.endLine : ''}` : ''));
    field(dl, 'Path', f.pkgPath);
    field(dl, 'Type', [f.resultClass, f.resultType].filter(Boolean).join(' / '));
    field(dl, 'Published', f.publishedDate.slice(0, 10));
    field(dl, 'CWE', f.cwes.join(', '));
    field(dl, 'Layer', f.layerDigest);
    pane.append(dl);
    if (f.startLine && f.target) {
      const reveal = el('button', 'secondary', `Open ${f.target}:${f.startLine}`);
      reveal.addEventListener('click', () => vscode.postMessage({ type: 'revealFinding', index: ui.selected }));
      pane.append(reveal);
    }
    if (f.cvss.length) {
      pane.append(el('h3', '', 'CVSS'));
      const table = el('table', 'cvss');
      const head = el('tr');
      for (const h of ['Source', 'v3', 'v3 vector', 'v2', 'v2 vector']) head.append(el('th', '', h));
      table.append(head);
      for (const c of f.cvss) {
        const tr = el('tr');
        for (const v of [c.source, c.v3Score, c.v3Vector, c.v2Score, c.v2Vector]) tr.append(el('td', '', text(v)));
        table.append(tr);
      }
      pane.append(table);
    }
    if (f.description) { pane.append(el('h3', '', 'Description'), el('p', 'description pre', f.description)); }
    if (f.resolution) { pane.append(el('h3', '', f.kind === 'secret' ? 'Match' : 'Resolution'), el('p', 'pre', f.resolution)); }
    const refs = [...new Set([f.primaryUrl, ...f.references].filter(Boolean))];
    if (refs.length) {
      pane.append(el('h3', '', `References (${refs.length})`));
      const ul = el('ul', 'refs');
      for (const r of refs) { const li = el('li'); li.append(link(r)); ul.append(li); }
      pane.append(ul);
    }
  }

  // ---- controls ----------------------------------------------------------------------------
  function buildHeader() {
    const head = $('head');
    for (const col of COLUMNS) {
      const cell = el('div', 'cell');
      cell.setAttribute('role', 'columnheader');
      const button = el('button', 'sort');
      button.type = 'button';
      button.dataset.key = col.key;
      button.append(el('span', '', col.label), el('span', 'arrow'));
      button.title = `Sort by ${col.label.toLowerCase()}`;
      cell.append(button);
      head.append(cell);
    }
    head.addEventListener('click', (e) => {
      const button = e.target.closest('button[data-key]');
      if (!button) return;
      if (ui.sort === button.dataset.key) ui.desc = !ui.desc;
      else { ui.sort = button.dataset.key; ui.desc = button.dataset.key === 'severity'; }
      applyView(false);
    });
  }

  function wireControls() {
    const search = $('search');
    search.value = ui.search;
    let timer;
    search.addEventListener('input', () => {
      clearTimeout(timer);
      timer = setTimeout(() => { ui.search = search.value; applyView(true); }, 120);
    });
    search.addEventListener('keydown', (e) => {
      if (e.key === 'Escape' && search.value) { search.value = ''; ui.search = ''; applyView(true); e.stopPropagation(); }
      if (e.key === 'ArrowDown' || e.key === 'Enter') { e.preventDefault(); $('viewport').focus(); if (cursor < 0) select(firstRow(), true); }
    });
    const hasFix = $('hasFix');
    hasFix.checked = ui.hasFix;
    hasFix.addEventListener('change', () => { ui.hasFix = hasFix.checked; applyView(true); });
    const group = $('group');
    group.value = ui.group;
    group.addEventListener('change', () => { ui.group = group.value in GROUPS ? group.value : 'none'; applyView(true); });
    $('counts').addEventListener('click', (e) => {
      const button = e.target.closest('button[data-severity]');
      if (!button) return;
      const s = button.dataset.severity;
      ui.severities = ui.severities.includes(s) ? ui.severities.filter((x) => x !== s) : [...ui.severities, s];
      applyView(true);
    });
    $('clearFilters').addEventListener('click', () => {
      ui.severities = []; ui.hasFix = false; ui.search = ''; search.value = ''; hasFix.checked = false; applyView(true);
    });
    $('exportSarif').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'sarif' }));
    $('exportJson').addEventListener('click', () => vscode.postMessage({ type: 'export', format: 'json' }));

    const viewport = $('viewport');
    viewport.addEventListener('scroll', () => { queueRender(); persistSoon(); }, { passive: true });
    viewport.addEventListener('click', (e) => {
      const row = e.target.closest('.row[data-pos]');
      if (row) { viewport.focus(); select(Number(row.dataset.pos), false); }
    });
    viewport.addEventListener('keydown', (e) => {
      const page = Math.max(1, Math.floor(viewport.clientHeight / ROW_HEIGHT) - 1);
      const moves = { ArrowDown: 1, ArrowUp: -1, PageDown: page, PageUp: -page };
      if (e.key in moves) select(cursor < 0 ? firstRow() : cursor + moves[e.key], true);
      else if (e.key === 'Home') select(0, true);
      else if (e.key === 'End') select(items.length - 1, true);
      else if (e.key === 'Enter') { $('details').focus(); }
      else return;
      e.preventDefault();
    });
    new ResizeObserver(() => queueRender()).observe(viewport);
    document.addEventListener('keydown', (e) => {
      if (e.key === '/' && document.activeElement !== search) { e.preventDefault(); search.focus(); search.select(); }
    });
  }

  function firstRow() { const i = items.findIndex((x) => typeof x === 'number'); return i < 0 ? 0 : i; }

  let persistTimer;
  function persistSoon() { clearTimeout(persistTimer); persistTimer = setTimeout(persist, 200); }

  buildHeader();
  wireControls();
  vscode.postMessage({ type: 'ready' });
})();
