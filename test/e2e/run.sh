#!/usr/bin/env bash
# Runs the end-to-end suite: installs prerequisites into a cache folder (setup.sh), then the
# driver. When prerequisites are missing and cannot be installed it says why and skips; with
# CI=true a skip is a failure.
set -uo pipefail
HERE="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
ROOT="$(cd "$HERE/../.." && pwd)"
export VSCODE_E2E_HOME="${VSCODE_E2E_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/shipshape-e2e}"
export CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.100.3}"

skip() {
  echo "e2e: SKIPPED — $*" >&2
  if [ "${CI:-}" = "true" ]; then echo "e2e: CI=true, a skip is a failure" >&2; exit 1; fi
  exit 0
}

[ "$(id -u)" = 0 ] || command -v sudo >/dev/null || command -v chromium >/dev/null \
  || skip "Debian chromium is missing and this user cannot install packages (run as root or install chromium ripgrep libkrb5-dev)"
SKIP_TOOLS=1 bash "$HERE/setup.sh" || skip "prerequisites could not be installed (see messages above)"

VSIX="${VSIX:-$ROOT/dist-vsix/shipshape.vsix}"
[ -f "$VSIX" ] || { echo "e2e: $VSIX missing: run npm run package" >&2; exit 1; }
CS_BIN="$VSCODE_E2E_HOME/code-server-$CODE_SERVER_VERSION/node_modules/.bin/code-server" VSIX="$VSIX" \
  node "$HERE/driver.cjs"
