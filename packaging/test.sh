#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite with ctest. The suite starts
# its own PostgreSQL on loopback and its own keyring in a private D-Bus session.
set -eu
cd "$(dirname "$0")/.."
packaging/install-deps.sh --tests
BUILD_DIR=${BUILD_DIR:-build-tests}
BUILD_DIR=$BUILD_DIR packaging/build.sh
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 300 -j2 "$@"
