#!/usr/bin/env bash
# Peak memory per tracked TCP connection: writes two synthetic captures of N and N/10
# connections (SYN, SYN-ACK, ACK, FIN-ACK each way, last ACK: 6 segments per connection, all
# on 10.x.x.x addresses inside the file; nothing is sent anywhere), runs
# `wirelab-cli -r FILE -q -z timeline,0` on each (it tracks every connection and prints one)
# and prints the peak RSS difference divided by the difference in connections (the fixed cost
# of the program cancels out), with and without the capture file itself, which the reader
# maps into memory and RSS counts (~70 bytes a frame).
#   usage: scripts/conn_memory.sh [N]   (default 1000000; needs build/dev/cli/wirelab-cli)
set -euo pipefail
cd "$(dirname "$0")/.."
n=${1:-1000000}
cli=${WIRELAB_CLI:-build/dev/cli/wirelab-cli}
dir=$(mktemp -d)
[ -n "${WIRELAB_MEMORY_KEEP:-}" ] || trap 'rm -rf "$dir"' EXIT
echo "captures in $dir" >&2
write() {  # write FILE CONNECTIONS
  python3 - "$1" "$2" <<'PY'
import struct, sys
path, n = sys.argv[1], int(sys.argv[2])
def seg(src, dst, sport, dport, seq, ack, flags):
    tcp = struct.pack("!HHIIBBHHH", sport, dport, seq, ack, 5 << 4, flags, 65535, 0, 0)
    ip = struct.pack("!BBHHHBBH4s4s", 0x45, 0, 40, 0, 0x4000, 64, 6, 0, src, dst)
    return b"\x02\0\0\0\0\x02\x02\0\0\0\0\x01\x08\x00" + ip + tcp
with open(path, "wb") as f:
    f.write(struct.pack("<IHHiIII", 0xa1b2c3d4, 2, 4, 0, 0, 65535, 1))
    t = 0
    for i in range(n):
        c = bytes([10, 1 + (i >> 16) % 250, (i >> 8) & 255, i & 255]); s = bytes([10, 0, 0, 1])
        cp, sp, a, b = 1024 + i % 60000, 80, 1000, 5000
        for src, dst, p1, p2, seq, ack, fl in ((c, s, cp, sp, a, 0, 0x02), (s, c, sp, cp, b, a + 1, 0x12),
                                              (c, s, cp, sp, a + 1, b + 1, 0x10), (c, s, cp, sp, a + 1, b + 1, 0x11),
                                              (s, c, sp, cp, b + 1, a + 2, 0x11), (c, s, cp, sp, a + 2, b + 2, 0x10)):
            t += 1
            frame = seg(src, dst, p1, p2, seq, ack, fl)
            f.write(struct.pack("<IIII", t // 1000000, t % 1000000, len(frame), len(frame)) + frame)
PY
}
rss() { /usr/bin/time -f %M "$cli" -r "$1" -q -z "${WIRELAB_MEMORY_REPORT:-timeline,0}" 2>&1 >/dev/null | tail -n 1; }
small=$((n / 10))
write "$dir/small.pcap" "$small"
write "$dir/big.pcap" "$n"
a=$(rss "$dir/small.pcap")
b=$(rss "$dir/big.pcap")
conns=$("$cli" -r "$dir/big.pcap" -q -z conv,tcp | grep -c '<->' || true)
echo "peak RSS: $a KiB with $small connections, $b KiB with $n ($conns in the conversation table)"
fa=$(stat -c %s "$dir/small.pcap")
fb=$(stat -c %s "$dir/big.pcap")
python3 -c "
d = $n - $small
print(f'{($b - $a) * 1024 / d:.0f} bytes of peak RSS per connection, '
      f'{(($b - $a) * 1024 - ($fb - $fa)) / d:.0f} without the mapped capture file')"
