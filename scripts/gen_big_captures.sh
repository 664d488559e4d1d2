#!/usr/bin/env bash
# Makes the large loopback captures the decode benchmark reads, following
# ../shared/corpus/big/HOWTO.md (its generator scripts, 127.0.0.1 only, bounded in count and
# time), into DIR (default $WIRELAB_BIG_DIR or /tmp/wirelab-big). Existing files are kept.
# Needs root (tcpdump on lo). Sizes are cut down from the HOWTO's by default so the run fits in
# a few minutes on a busy machine; set WIRELAB_BIG_TCP_CONNS / WIRELAB_BIG_UDP_DGRAMS to change.
#   tcp_short_conns.pcap  WIRELAB_BIG_TCP_CONNS connections (HOWTO: 56000 -> ~960k packets)
#   udp_many.pcap         WIRELAB_BIG_UDP_DGRAMS datagrams  (HOWTO: 835000 -> ~1M packets)
#   tcp_bulk_s96.pcap     six long transfers, snaplen 96, each WIRELAB_BIG_BULK_PERCENT % of
#                         the HOWTO's size (default 25: ~950 MiB of payload in all)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
out=${1:-${WIRELAB_BIG_DIR:-/tmp/wirelab-big}}
gen=${WIRELAB_BIG_GEN:-$here/../shared/corpus/big}
tcp_conns=${WIRELAB_BIG_TCP_CONNS:-30000}
udp_dgrams=${WIRELAB_BIG_UDP_DGRAMS:-835000}
bulk_percent=${WIRELAB_BIG_BULK_PERCENT:-25}
mkdir -p "$out"
[ -f "$gen/tcp_short.py" ] || { echo "gen_big_captures: no generator scripts in $gen" >&2; exit 1; }
[ "$(id -u)" -eq 0 ] || { echo "gen_big_captures: needs root for tcpdump on lo" >&2; exit 1; }

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# capture NAME FILTER MAXPACKETS [TCPDUMP OPTION...]: starts tcpdump on lo into NAME.part;
# sets $tp.
capture() {
  local name=$1 filter=$2 max=$3
  shift 3
  timeout 900 tcpdump -i lo -n -Z root -B 524288 "$@" -c "$max" -w "$out/$name.part" "$filter" 2>"$out/$name.tcpdump.log" &
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
if [ ! -f "$out/tcp_bulk_s96.pcap" ]; then
  echo "generating tcp_bulk_s96.pcap (six transfers, $bulk_percent % of the HOWTO's sizes)..."
  # port RCVBUF SLOW MIB CHUNK NODELAY, as in the HOWTO (the last two run at the same time)
  conns=("20200 0 0 1024 65536 0" "20201 0 0 1536 1448 1" "20202 32768 0 512 65536 0"
         "20203 8192 1 256 65536 0" "20204 0 0 256 1448 1" "20205 0 0 256 1448 1")
  servers=()
  for c in "${conns[@]}"; do
    read -r port rcvbuf slow _ <<<"$c"
    timeout 900 python3 "$gen/tcp_bulk.py" server "$port" "$rcvbuf" "$slow" 900 & servers+=($!)
  done
  pids+=("${servers[@]}")
  sleep 1
  capture tcp_bulk_s96.pcap 'host 127.0.0.1 and tcp portrange 20200-20205' 9000000 -s 96
  mib() { local m=$(($1 * bulk_percent / 100)); echo $((m > 0 ? m : 1)); }
  for c in "${conns[@]:0:4}"; do
    read -r port _ _ size chunk nodelay <<<"$c"
    timeout 900 python3 "$gen/tcp_bulk.py" client "$port" "$(mib "$size")" "$chunk" "$nodelay"
  done
  read -r port4 _ _ size4 chunk4 nodelay4 <<<"${conns[4]}"
  read -r port5 _ _ size5 chunk5 nodelay5 <<<"${conns[5]}"
  timeout 900 python3 "$gen/tcp_bulk.py" client "$port4" "$(mib "$size4")" "$chunk4" "$nodelay4" & c4=$!
  timeout 900 python3 "$gen/tcp_bulk.py" client "$port5" "$(mib "$size5")" "$chunk5" "$nodelay5"
  wait "$c4"
  finish tcp_bulk_s96.pcap
  kill "${servers[@]}" 2>/dev/null || true
fi
ls -l "$out"/*.pcap
