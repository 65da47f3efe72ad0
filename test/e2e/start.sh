#!/usr/bin/env bash
# `npm start`: builds and packages the extension, installs it into a private code-server
# (VS Code 1.100.3 in the browser) and serves the examples/ workspace on 127.0.0.1, no auth.
# Stop with Ctrl+C. PORT (default 8080) and WORKSPACE (default examples/) can be overridden.
set -euo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export VSCODE_E2E_HOME="${VSCODE_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/shipshape-e2e}"
export CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"
PORT="${PORT:-8080}"
WORKSPACE="$(cd "${WORKSPACE:-$ROOT/examples}" && pwd)"

(cd "$ROOT" && npm run --silent package </dev/null >/dev/null)
SKIP_TOOLS=1 bash "$HERE/setup.sh"
CS_BIN="$VSCODE_E2E_HOME/code-server-$CODE_SERVER_VERSION/node_modules/.bin/code-server"

STATE="$VSCODE_E2E_HOME/start"
mkdir -p "$STATE/user-data/User" "$STATE/extensions" "$STATE/xdg-config" "$STATE/xdg-data"
export XDG_CONFIG_HOME="$STATE/xdg-config" XDG_DATA_HOME="$STATE/xdg-data"
"$CS_BIN" --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" \
  --install-extension "$ROOT/dist-vsix/shipshape.vsix" --force >/dev/null
[ -f "$STATE/user-data/User/settings.json" ] || cat > "$STATE/user-data/User/settings.json" <<'JSON'
{
  "workbench.startupEditor": "none",
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoCheckUpdates": false,
  "remote.autoForwardPorts": false,
  "chat.disableAIFeatures": true
}
JSON

echo
echo "  Shipshape in VS Code: http://127.0.0.1:$PORT/?folder=$WORKSPACE"
echo "  (code-server $CODE_SERVER_VERSION, no auth, listening on 127.0.0.1 only; Ctrl+C stops it)"
echo
exec "$CS_BIN" --bind-addr "127.0.0.1:$PORT" --auth none \
  --user-data-dir "$STATE/user-data" --extensions-dir "$STATE/extensions" \
  --disable-telemetry --disable-update-check --disable-getting-started-override "$WORKSPACE"
