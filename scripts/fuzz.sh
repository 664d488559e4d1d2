#!/usr/bin/env bash
# Runs the libFuzzer targets (clang-14, ASan+UBSan) for SECONDS each (default 60), seeded from
# ../shared/corpus and tests/data. Fails on any crash, sanitizer report or timeout.
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_targets
for target in build/fuzz/tests/fuzz/fuzz_*; do
  [ -x "$target" ] || continue
  name=$(basename "$target")
  work=$(mktemp -d)
  mkdir -p "$work/corpus"
  "$target" -runs=0 -seed_inputs=@/dev/null >/dev/null 2>&1 || true
  seeds=build/fuzz/seeds/$name
  echo "fuzzing $name for ${secs}s"
  "$target" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
    -artifact_prefix="$work/" "$work/corpus" "$seeds" 2>&1 | tail -n 12
  rm -rf "$work"
done
