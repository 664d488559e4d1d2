#!/usr/bin/env bash
# Installs the Debian 12 packages wirelab needs, only those that are missing.
# Runs as root, or through sudo when available. (libqt6svg6-dev is a virtual package that
# qt6-svg-dev provides: dpkg never lists it as installed, so it is not asked for by name.)
set -euo pipefail
packages=(build-essential cmake ninja-build pkg-config libpcap-dev libgtest-dev libbenchmark-dev
  qt6-base-dev qt6-svg-dev tshark tcpdump libtins-dev clang-14 libclang-rt-14-dev
  xvfb xauth imagemagick iproute2 valgrind python3 plantuml libxml2-utils)
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
echo "wirelab: installing ${missing[*]}" >&2
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
export DEBIAN_FRONTEND=noninteractive
# tshark asks whether non-root users may capture; answer "no" without a prompt.
echo "wireshark-common wireshark-common/install-setuid boolean false" | $SUDO debconf-set-selections
$SUDO apt-get update -qq
$SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
