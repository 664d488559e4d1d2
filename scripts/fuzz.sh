#!/usr/bin/env bash
# Builds the libFuzzer targets (clang-14, ASan+UBSan, `fuzz` preset) with their seeds, then runs
# each for SECONDS (default 60). Fails (exit 1) on any crash, leak, sanitizer report or timeout;
# the input that caused it is kept in build/fuzz/artifacts/<target>/ and its path is printed.
# Usage: bash scripts/fuzz.sh [SECONDS]
set -euo pipefail
cd "$(dirname "$0")/.."
secs=${1:-60}
build=build/fuzz
cmake --preset fuzz >/dev/null
cmake --build --preset fuzz --target fuzz_targets

declare -A max_len=([fuzz_dissect]=65600 [fuzz_capture_reader]=32768 [fuzz_filter]=4096)
failed=0
summary=""
for name in fuzz_dissect fuzz_capture_reader fuzz_filter; do
  bin=$build/tests/fuzz/$name
  corpus=$build/corpus/$name        # grows across runs; seeds stay read-only
  artifacts=$build/artifacts/$name
  log=$build/logs/$name.log
  mkdir -p "$corpus" "$artifacts" "$(dirname "$log")"
  echo "fuzzing $name for ${secs}s (log: $log)"
  status=0
  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 ASAN_OPTIONS=detect_leaks=1 \
    "$bin" -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="${max_len[$name]}" \
    -print_final_stats=1 -artifact_prefix="$artifacts/" "$corpus" "$build/seeds/$name" >"$log" 2>&1 || status=$?
  runs=$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | grep -o '[0-9]*$' || echo "?")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -n 1 | grep -o '[0-9]*' || echo "?")
  # A finding: non-zero exit, or any sanitizer/libFuzzer report in the log.
  if [ "$status" -ne 0 ] || grep -qE '^==[0-9]+==ERROR|runtime error:|ERROR: libFuzzer|LeakSanitizer' "$log"; then
    failed=1
    echo "FAIL $name (exit $status):"
    grep -E 'ERROR|runtime error:|SUMMARY|Test unit written|#[0-9]+ 0x' "$log" | head -n 25
    summary+="  $name: FAIL after $runs runs; reproducer in $artifacts/"$'\n'
  else
    summary+="  $name: ok, $runs runs in ${secs}s, coverage $cov edges"$'\n'
  fi
done
echo "fuzz summary:"
printf '%s' "$summary"
exit $failed
