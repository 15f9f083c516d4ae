#!/bin/sh
# Installs what is missing, builds, and runs the whole test suite with ctest. The suite starts
# its own PostgreSQL on loopback and its own keyring in a private D-Bus session.
set -eu
cd "$(dirname "$0")/.."
packaging/install-deps.sh --tests
BUILD_DIR=${BUILD_DIR:-build-tests}
BUILD_DIR=$BUILD_DIR packaging/build.sh
# npm packages the tests use (the OpenAPI validator, the Standard Webhooks reference verifier),
# pinned by their package-lock.json files; reinstalled only when a lock file changed.
for dir in tests/support/openapi-validate tests/support/standard-webhooks; do
  (
    cd "$dir"
    if ! cmp -s package-lock.json node_modules/.botbat-installed-lock.json 2>/dev/null; then
      npm ci --no-audit --no-fund
      cp package-lock.json node_modules/.botbat-installed-lock.json
    fi
  )
done
cd "$BUILD_DIR"
ctest --output-on-failure --timeout 300 -j2 "$@"
