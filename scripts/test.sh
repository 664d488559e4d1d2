#!/usr/bin/env bash
# Builds wirelab with warnings as errors and runs every test; then the fuzz target for 60 s
# under ASan+UBSan. Installs missing Debian packages first. Exit status 0 means all passed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake --preset ci >/dev/null
cmake --build --preset ci
ctest --preset ci --timeout 600 -j2
bash scripts/fuzz.sh 60
