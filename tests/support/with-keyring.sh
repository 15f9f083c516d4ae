#!/bin/sh
# Runs a command with a real, unlocked gnome-keyring in a private D-Bus session and home:
#   with-keyring.sh ./test_secret_store_keyring
# Waits until the daemon owns org.freedesktop.secrets; otherwise D-Bus may start a second,
# locked daemon and writes fail with "Cannot create an item in a locked collection".
set -eu
if [ -z "${BOTBAT_IN_KEYRING_SESSION:-}" ]; then
  HOME=$(mktemp -d) BOTBAT_IN_KEYRING_SESSION=1 exec dbus-run-session -- "$0" "$@"
fi
mkdir -p "$HOME"
printf '%s' "${KEYRING_PW:-test-keyring}" | gnome-keyring-daemon --unlock --components=secrets >/dev/null
i=0
until dbus-send --session --print-reply --dest=org.freedesktop.DBus /org/freedesktop/DBus \
        org.freedesktop.DBus.NameHasOwner string:org.freedesktop.secrets 2>/dev/null | grep -q 'boolean true'; do
  i=$((i+1)); [ $i -ge 200 ] && { echo "the secret service did not appear" >&2; exit 1; }; sleep 0.05
done
set +e
"$@"; status=$?
rm -rf "$HOME"
exit $status
