#!/usr/bin/env bash
# Makes the large loopback captures the decode benchmark reads, following
# ../shared/corpus/big/HOWTO.md (its generator scripts, 127.0.0.1 only, bounded in count and
# time), into DIR (default $WIRELAB_BIG_DIR or /tmp/wirelab-big). Existing files are kept.
# Needs root (tcpdump on lo). Sizes are cut down from the HOWTO's by default so the run fits in
# a few minutes on a busy machine; set WIRELAB_BIG_TCP_CONNS / WIRELAB_BIG_UDP_DGRAMS to change.
#   tcp_short_conns.pcap  WIRELAB_BIG_TCP_CONNS connections (HOWTO: 56000 -> ~960k packets)
#   udp_many.pcap         WIRELAB_BIG_UDP_DGRAMS datagrams  (HOWTO: 835000 -> ~1M packets)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${WIRELAB_BIG_DIR:-/tmp/wirelab-big}}
gen=${WIRELAB_BIG_GEN:-$here/../shared/corpus/big}
tcp_conns=${WIRELAB_BIG_TCP_CONNS:-30000}
udp_dgrams=${WIRELAB_BIG_UDP_DGRAMS:-835000}
mkdir -p "$out"
[ -f "$gen/tcp_short.py" ] || { echo "gen_big_captures: no generator scripts in $gen" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "gen_big_captures: needs root for tcpdump on lo" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# capture NAME FILTER MAXPACKETS: starts tcpdump on lo into NAME.part; sets $tp.
capture() {
  timeout 900 tcpdump -i lo -n -Z root -B 524288 -c "$3" -w "$out/$1.part" "$2" 2>"$out/$1.tcpdump.log" &
  tp=$!
  pids+=("$tp")
  sleep 2
}
finish() {  # finish NAME: stop tcpdump, keep the file only if it is complete
  sleep 2
  kill -INT "$tp" 2>/dev/null || true
  wait "$tp" || true
  mv "$out/$1.part" "$out/$1"
  echo "$1: $(tail -n 3 "$out/$1.tcpdump.log" | tr '\n' ' ')"
}

if [ ! -f "$out/tcp_short_conns.pcap" ]; then
  echo "generating tcp_short_conns.pcap ($tcp_conns connections)..."
  timeout 900 python3 "$gen/tcp_short.py" server 20100 4 900 & sp=$!
  pids+=("$sp")
  sleep 1
  capture tcp_short_conns.pcap 'host 127.0.0.1 and tcp portrange 20100-20103' 5000000
  timeout 900 python3 "$gen/tcp_short.py" client 20100 4 "$tcp_conns" 20240601
  finish tcp_short_conns.pcap
  kill "$sp" 2>/dev/null || true
fi

if [ ! -f "$out/udp_many.pcap" ]; then
  echo "generating udp_many.pcap ($udp_dgrams datagrams)..."
  sinks=()
  for p in 20300 20301 20302; do timeout 900 python3 "$gen/udp_many.py" sink $p 900 & sinks+=($!); done
  timeout 900 python3 "$gen/udp_many.py" echo 20303 900 & sinks+=($!)
  pids+=("${sinks[@]}")
  sleep 1
  capture udp_many.pcap 'host 127.0.0.1 and (udp portrange 20300-20309 or icmp)' 5000000
  timeout 900 python3 "$gen/udp_many.py" send 20300 3 20303 20309 "$udp_dgrams" 20240602 80000
  finish udp_many.pcap
  kill "${sinks[@]}" 2>/dev/null || true
fi
ls -l "$out"/*.pcap
