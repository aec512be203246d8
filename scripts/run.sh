#!/usr/bin/env bash
# The main job: installs system packages, builds NoteGate and starts the gateway on the embedded vocabulary.
# Extra arguments go to `notegate serve` (e.g. --port 8080).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product notegate --scratch-path .build-release
. scripts/allocator.sh
LD_PRELOAD="$(notegate_preload)" exec .build-release/release/notegate serve "$@"
