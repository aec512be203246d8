#!/usr/bin/env bash
# Installs the system packages NoteGate builds and tests against (Debian 12).
# Idempotent and quick when everything is already present.
set -euo pipefail
# libjemalloc2: the server's allocator (scripts/allocator.sh), not needed to build or test.
needed=(libxml2-dev libcurl4-openssl-dev libxml2-utils libsqlite3-dev pkg-config libjemalloc2)
missing=()
for p in "${needed[@]}"; do
  dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  SUDO=""
  [ "$(id -u)" -ne 0 ] && SUDO="sudo"
  echo "setup: installing ${missing[*]}" >&2
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq "${missing[@]}" >/dev/null
fi
