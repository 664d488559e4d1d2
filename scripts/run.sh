#!/usr/bin/env bash
# The main job: builds wirelab (release) and opens the desktop app on the default scenario
# (echo over epoll). With no display it says so and prints the headless timeline instead.
# Installs missing Debian packages first. Extra arguments go to the program.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/deps.sh
cmake --preset release >/dev/null
cmake --build --preset release
bin=build/release
if [ -n "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ] && [ -x "$bin/gui/wirelab" ]; then
  exec "$bin/gui/wirelab" "$@"
fi
echo "wirelab: no display found (DISPLAY/WAYLAND_DISPLAY unset): printing the headless timeline instead." >&2
if [ -x "$bin/gui/wirelab" ]; then
  exec "$bin/gui/wirelab" "$@"
fi
exec "$bin/cli/wirelab-cli" -r resources/captures/echo-epoll-3clients.pcapng "$@"
