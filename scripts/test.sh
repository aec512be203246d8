#!/usr/bin/env bash
# The test command: installs system packages, builds (debug) and runs every test suite.
# Conformance suites read NOTEGATE_DATA (e.g. ../shared/data); without it they are skipped and say so.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build --build-tests
swift test --skip-build "$@"
