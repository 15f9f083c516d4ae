#!/bin/sh
# Installs the Debian 12 packages botbat-console needs to build, run and test, if any are missing.
# Usage: packaging/install-deps.sh [--tests]   (root, or a user with sudo)
set -eu

BUILD="build-essential cmake ninja-build pkg-config
  qt6-base-dev qt6-base-dev-tools qt6-httpserver-dev qt6-websockets-dev qt6-networkauth-dev
  qt6-charts-dev libqt6opengl6-dev qt6-svg-dev qt6-tools-dev qt6-tools-dev-tools
  qtkeychain-qt6-dev libqt6sql6-sqlite libqt6sql6-psql libssl-dev libphonenumber-dev
  libxkbcommon-dev qt6-qpa-plugins"
# Tests: a real PostgreSQL, a real keyring in a private D-Bus session, offscreen/X11 screenshots,
# curl to replay a copied "Copy as curl" command.
TESTS="openssl curl postgresql gnome-keyring dbus dbus-x11 libsecret-tools xvfb xauth"

packages=$BUILD
if [ "${1:-}" = "--tests" ]; then
  packages="$BUILD $TESTS"
  # The OpenAPI validator (tests/support/openapi-validate) runs on node >= 18 with npm: any on
  # PATH will do (e.g. a newer one from elsewhere); Debian's only when there is none.
  command -v node >/dev/null 2>&1 || packages="$packages nodejs"
  command -v npm >/dev/null 2>&1 || packages="$packages npm"
fi

missing=""
for p in $packages; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$p" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing="$missing $p"
done
[ -z "$missing" ] && exit 0

if [ "$(id -u)" = 0 ]; then SUDO=""
elif command -v sudo >/dev/null 2>&1; then SUDO="sudo"
else echo "Missing packages:$missing. Run this as root or install sudo." >&2; exit 1
fi
echo "Installing:$missing"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends $missing >/dev/null
