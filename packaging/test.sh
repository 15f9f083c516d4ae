#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite with ctest. The suite starts
# its own PostgreSQL on loopback and its own keyring in a private D-Bus session.
set -eu
cd "$(dirname "$0")/.."
packaging/install-deps.sh --tests
BUILD_DIR=${BUILD_DIR:-build-tests}
BUILD_DIR=$BUILD_DIR packaging/build.sh
# The OpenAPI validator's npm packages, pinned by its package-lock.json; reinstalled only when
# the lock file changed since the last install.
(
  cd tests/support/openapi-validate
  if ! cmp -s package-lock.json node_modules/.botbat-installed-lock.json 2>/dev/null; then
    npm ci --no-audit --no-fund
    cp package-lock.json node_modules/.botbat-installed-lock.json
  fi
)
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 300 -j2 "$@"
