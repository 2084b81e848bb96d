#!/bin/sh
# Launches Mosquitto for docker-compose (eclipse-mosquitto:2 is Alpine: POSIX sh and busybox only).
#
# The app writes the password and ACL files into a volume shared with this container ($MQTT_AUTH_SRC)
# and cannot signal a process in another container. So this script waits for the files, copies them
# to a directory only Mosquitto's user can read ($MQTT_AUTH_COPY, the config's password_file/acl_file;
# the app's uid differs from Mosquitto's, and a 0600 file it owns would be unreadable here), and every
# few seconds compares them and sends SIGHUP when they changed. Comparing contents rather than mtimes
# also catches two rewrites within the same second.
conf=${MOSQUITTO_CONF:-/mosquitto/config/mosquitto.conf}
src=${MQTT_AUTH_SRC:-/mosquitto/auth}
dst=${MQTT_AUTH_COPY:-/mosquitto/private}
owner=${MOSQUITTO_USER:-mosquitto}
interval=${MQTT_AUTH_POLL:-2}
mosquitto=${MOSQUITTO:-mosquitto}

say() { echo "run.sh: $*" >&2; }

# Copy one file by rename: on SIGHUP Mosquitto refuses everyone if it finds no password file.
install_file() {
    cp "$src/$1" "$dst/.$1.tmp" || return 1
    chmod 0600 "$dst/.$1.tmp"
    if [ "$(id -u)" = 0 ]; then chown "$owner" "$dst/.$1.tmp" || return 1; fi
    mv -f "$dst/.$1.tmp" "$dst/$1"
}

# Succeeds when at least one file changed and was installed.
refresh() {
    changed=1
    for name in passwd acl; do
        if ! cmp -s "$src/$name" "$dst/$name"; then
            if install_file "$name"; then changed=0; else say "could not install $name"; fi
        fi
    done
    return $changed
}

mkdir -p "$dst" && chmod 0700 "$dst" || exit 1
if [ "$(id -u)" = 0 ]; then chown "$owner" "$dst" || exit 1; fi

waited=0
while [ ! -s "$src/passwd" ] || [ ! -s "$src/acl" ]; do
    [ $waited = 1 ] || say "waiting for $src/passwd and $src/acl (manage.py mqtt_auth_files writes them)"
    waited=1
    sleep "$interval"
done
refresh

"$mosquitto" -c "$conf" &
pid=$!
# As PID 1 a shell ignores SIGTERM unless it traps it: pass it on, and let Mosquitto save its queue.
stopping=0
trap 'stopping=1; kill -TERM "$pid" 2>/dev/null' TERM INT

while kill -0 "$pid" 2>/dev/null; do
    # Sleeping in the background keeps the shell free to run the trap at once.
    sleep "$interval" &
    wait $!
    if [ $stopping = 0 ] && kill -0 "$pid" 2>/dev/null && refresh; then
        say "password or ACL file changed; reloading"
        kill -HUP "$pid"
    fi
done
wait "$pid"
