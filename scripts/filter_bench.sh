#!/usr/bin/env bash
# Display-filter cost over decoding (issue 6: at most +20 % for a typical filter). Builds
# filter_bench (release preset), then in ONE run prints per filter the wall time of a pass
# over the capture and the instructions per packet (callgrind, deterministic), each with its
# overhead over decoding alone (read + dissect + track).
#   WIRELAB_BENCH_PCAP              capture (default: the bench's synthetic 1,000,000 frames)
#   WIRELAB_BENCH_CALLGRIND_PACKETS packets counted under callgrind (default 200000; 0 = skip)
#   WIRELAB_BENCH_REPETITIONS       timed passes per filter, median kept (default 3)
set -euo pipefail
cd "$(dirname "$0")/.."
cg_packets=${WIRELAB_BENCH_CALLGRIND_PACKETS:-200000}
reps=${WIRELAB_BENCH_REPETITIONS:-3}

cmake --preset release -DWIRELAB_BUILD_GUI=OFF >/dev/null
cmake --build --preset release --target filter_bench >/dev/null
bin=build/release/tests/bench/filter_bench

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$bin" --benchmark_filter='^(decode|typical|heavy)' --benchmark_repetitions="$reps" \
  --benchmark_report_aggregates_only=true --benchmark_out="$tmp/run.json" --benchmark_out_format=json >/dev/null

names=$(python3 -c "
import json; runs = json.load(open('$tmp/run.json'))['benchmarks']
print(' '.join(dict.fromkeys(r['run_name'].split('/real_time')[0] for r in runs)))")
if [ "$cg_packets" -gt 0 ] && command -v valgrind >/dev/null; then
  for n in $names; do
    [ "$n" = heavy/regex ] && continue  # ~1000x the others: too slow under callgrind
    valgrind --tool=callgrind --collect-atstart=no --callgrind-out-file="$tmp/cg.${n//\//_}" \
      "$bin" --count "${n#*/}" "$cg_packets" >/dev/null 2>&1
  done
fi

python3 - "$tmp" "$cg_packets" <<'PY'
import json, os, sys
tmp, n = sys.argv[1], int(sys.argv[2])
runs = json.load(open(f"{tmp}/run.json"))["benchmarks"]
ms = {r["run_name"].split("/real_time")[0]: r["real_time"] for r in runs if r.get("aggregate_name") == "median"}
def ir(name):
    p = f"{tmp}/cg.{name.replace('/', '_')}"
    if not n or not os.path.exists(p): return None
    for line in open(p):
        if line.startswith("totals:"): return int(line.split()[1]) / n
d_ms, d_ir = ms["decode"], ir("decode")
print(f"{'filter':28} {'ms/pass':>9} {'+% time':>8} {'instr/pkt':>10} {'filter instr':>12} {'+% instr':>9}")
for name, t in ms.items():
    i = ir(name)
    cols = f"{t:9.1f} {100 * (t / d_ms - 1):7.1f}%"
    if i is not None and d_ir: cols += f" {i:10.1f} {i - d_ir:12.1f} {100 * (i / d_ir - 1):8.1f}%"
    print(f"{name:28} {cols}")
PY
