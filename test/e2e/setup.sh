#!/usr/bin/env bash
# Installs what the end-to-end suite needs, on a fresh machine or an already prepared one.
#   - Debian packages: chromium (the browser), libkrb5-dev (a code-server native module needs
#     gssapi/gssapi.h), ripgrep (stands in for the rg binary code-server would download),
#     fonts-liberation (stable text rendering in screenshots)
#   - the ripgrep cache tarball that @vscode/ripgrep looks for before it tries GitHub
#   - code-server 4.99.4 (VS Code 1.99.3, the newest release that runs on Node 20) in
#     test/e2e/.cache/code-server, apart from the project's own dependencies
#   - playwright-core: a pinned devDependency of the project (npm ci installs it)
# Idempotent: every step checks first and says what it skipped. Non-interactive (CI has no stdin).
# See ../../../shared/notes/real-vscode-offline.md for why each step is needed.
set -euo pipefail

CODE_SERVER_VERSION=4.99.4
RIPGREP_PKG_VERSION=1.15.11          # @vscode/ripgrep bundled by code-server 4.99.4
RIPGREP_ASSET=ripgrep-v13.0.0-10-x86_64-unknown-linux-musl.tar.gz

here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
cache="$here/.cache"
cs_dir="$cache/code-server"
cs_bin="$cs_dir/node_modules/.bin/code-server"
cs_marker="$cs_dir/.installed-$CODE_SERVER_VERSION"

log() { printf '[e2e setup] %s\n' "$*"; }
fail() { printf '[e2e setup] ERROR: %s\n' "$*" >&2; exit 1; }
t0=$(date +%s)

# --- 1. Debian packages -------------------------------------------------------------------------
apt_pkgs=(chromium libkrb5-dev ripgrep fonts-liberation)
missing=()
for p in "${apt_pkgs[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ ${#missing[@]} -eq 0 ]; then
  log "apt: ${apt_pkgs[*]} already installed (skipped)"
else
  sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || fail "not root and no sudo: install ${missing[*]} with apt-get first"
    sudo="sudo -n"
  fi
  log "apt: installing ${missing[*]} (apt-get update first)"
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get update -qq </dev/null
  $sudo env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends \
    "${missing[@]}" </dev/null >/dev/null
  log "apt: done"
fi
[ -x /usr/bin/chromium ] || fail "/usr/bin/chromium is missing after the apt step"
[ -x /usr/bin/rg ] || fail "/usr/bin/rg is missing after the apt step"

# --- 2. ripgrep cache for @vscode/ripgrep's postinstall ---------------------------------------
[ "$(uname -m)" = x86_64 ] || fail "only x86_64 is prepared (the ripgrep cache name is for x86_64 musl)"
tmpdir="$(node -p 'require("os").tmpdir()')"
rg_cache="$tmpdir/vscode-ripgrep-cache-$RIPGREP_PKG_VERSION/$RIPGREP_ASSET"
if [ -s "$rg_cache" ] && tar tzf "$rg_cache" 2>/dev/null | grep -qx rg; then
  log "ripgrep cache: $rg_cache present (skipped)"
else
  mkdir -p "$(dirname "$rg_cache")"
  tar czf "$rg_cache" -C /usr/bin rg
  log "ripgrep cache: built $rg_cache from /usr/bin/rg"
fi

# --- 3. code-server -----------------------------------------------------------------------------
if [ -f "$cs_marker" ] && [ -x "$cs_bin" ]; then
  log "code-server $CODE_SERVER_VERSION: present in $cs_dir (skipped)"
else
  log "code-server $CODE_SERVER_VERSION: installing into $cs_dir (about a minute)"
  rm -rf "$cs_dir"
  mkdir -p "$cs_dir"
  # A package.json of its own so npm does not walk up to the project's.
  printf '{ "name": "idsync-e2e-code-server", "private": true }\n' >"$cs_dir/package.json"
  t=$(date +%s)
  # npm_config_yes: the postinstall runs `npx node-gyp`; unsafe_perm: it refuses to run as root otherwise.
  (cd "$cs_dir" && npm_config_yes=true npm_config_unsafe_perm=true \
    npm install --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION" </dev/null) \
    || fail "npm install code-server@$CODE_SERVER_VERSION failed (see the output above)"
  [ -x "$cs_dir/node_modules/code-server/lib/vscode/node_modules/@vscode/ripgrep/bin/rg" ] \
    || fail "code-server installed without its rg binary (the ripgrep cache step did not take)"
  [ -x "$cs_bin" ] || fail "code-server binary missing after install: $cs_bin"
  touch "$cs_marker"
  log "code-server: installed in $(( $(date +%s) - t ))s"
fi
# (Not `code-server --version`: it writes ~/.config/code-server/config.yaml as a side effect.)
log "code-server: $(node -p 'require(process.argv[1]).version' "$cs_dir/node_modules/code-server/package.json") ready at $cs_bin"

# --- 4. playwright-core (project devDependency) -------------------------------------------------
if (cd "$root" && node -e 'require.resolve("playwright-core")' 2>/dev/null); then
  log "playwright-core: $(cd "$root" && node -p 'require("playwright-core/package.json").version') (from the project's node_modules)"
else
  log "playwright-core: missing from node_modules, running npm ci"
  (cd "$root" && npm ci --no-audit --no-fund </dev/null)
fi

log "ready in $(( $(date +%s) - t0 ))s"
