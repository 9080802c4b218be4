#!/usr/bin/env bash
# Installs a real VS Code for the tests: code-server (VS Code 1.100.3 on Node 20) from the npm registry into
# .vscode-test/code-server, plus Debian's chromium to drive it. Idempotent: a second run only checks.
# Desktop VS Code is not used because its download host is often unreachable (CI, offline machines);
# `npm run test:vscode` calls this first.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
VER=${CODE_SERVER_VERSION:-4.100.3}
DEST=$ROOT/.vscode-test/code-server
BIN=$DEST/node_modules/.bin/code-server
t0=$(date +%s)

# 1. Debian packages: kerberos (a VS Code dependency) builds from source and needs the gssapi headers;
#    ripgrep feeds the cache below; chromium drives the workbench headless.
need=()
dpkg -s libkrb5-dev >/dev/null 2>&1 || need+=(libkrb5-dev)
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
[ -x /usr/bin/chromium ] || need+=(chromium)
command -v curl >/dev/null 2>&1 || need+=(curl)
# A CJK font, so the zh-CN screenshots of the panel and the workbench show Chinese rather than boxes.
dpkg -s fonts-wqy-zenhei >/dev/null 2>&1 || need+=(fonts-wqy-zenhei)
command -v make >/dev/null 2>&1 || need+=(build-essential)
command -v python3 >/dev/null 2>&1 || need+=(python3)
if [ ${#need[@]} -gt 0 ]; then
  SUDO=; [ "$(id -u)" = 0 ] || SUDO=sudo
  echo "setup-code-server: apt-get install ${need[*]}"
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
t1=$(date +%s)

# 2. code-server from npm, unless this version is already there.
installed=$(node -p "try{require('$DEST/node_modules/code-server/package.json').version}catch{''}" 2>/dev/null || true)
if [ "$installed" != "$VER" ] || [ ! -x "$BIN" ]; then
  mkdir -p "$DEST/tmp"
  # @vscode/ripgrep's postinstall downloads rg from GitHub unless this cache file exists; build it from Debian's rg.
  RGPKG=1.15.11   # the @vscode/ripgrep pinned by code-server 4.100.3's lib/vscode/npm-shrinkwrap.json
  mkdir -p "$DEST/tmp/vscode-ripgrep-cache-$RGPKG"
  ( cd "$DEST/tmp" && cp "$(command -v rg)" rg && \
    tar czf "vscode-ripgrep-cache-$RGPKG/ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz" rg && rm rg )
  [ -f "$DEST/package.json" ] || printf '{"name":"vscode-test-code-server","private":true}\n' > "$DEST/package.json"
  echo "setup-code-server: npm install code-server@$VER (a few minutes: native modules are built)"
  # unsafe_perm: the postinstall refuses to run as root without it; yes: node-pty's postinstall runs `npx node-gyp`.
  ( cd "$DEST" && TMPDIR="$DEST/tmp" npm_config_yes=true npm_config_unsafe_perm=true \
      npm install "code-server@$VER" --no-audit --no-fund --no-save --loglevel=error )
  installed=$(node -p "require('$DEST/node_modules/code-server/package.json').version")
fi
t2=$(date +%s)
# (not `code-server --version`: it writes a default config under ~/.config)
echo "setup-code-server: code-server $installed (VS Code $(node -p "require('$DEST/node_modules/code-server/lib/vscode/package.json').version")) in $DEST"
echo "setup-code-server: apt $((t1-t0))s, code-server $((t2-t1))s, total $((t2-t0))s"
