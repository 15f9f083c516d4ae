#!/bin/sh
# Quick start: installs what is missing, builds, and opens the console on the embedded SQLite
# database in the user's data directory. With no display, runs the engine headless and says so.
# Arguments are passed to botbat-console (see --help).
set -eu
cd "$(dirname "$0")/.."
packaging/install-deps.sh
packaging/build.sh
if [ -z "${DISPLAY:-}${WAYLAND_DISPLAY:-}" ]; then
  echo "No display found: starting the engine headless (Ctrl+C stops it)."
  exec build/app/botbat-console --headless "$@"
fi
exec build/app/botbat-console "$@"
