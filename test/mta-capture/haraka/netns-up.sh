#!/bin/sh
# Namespace "harakalab" (only lo; 127.0.0.2-8), its own resolver (the records of
# ../dnsmasq.conf plus remote2.test), the scripted remotes, the capture server, then Haraka.
# Pids in /run/harakalab-*.pid, logs in /tmp/harakalab-*.log.  Needs Haraka installed in
# $HARAKA_DIR (default /tmp/haraka-lab: `npm init -y && npm install Haraka`).
set -e
# HARAKA_ONLY=1: (re)start only Haraka (after: kill $(cat /run/harakalab-haraka.pid)).
NS=harakalab
HERE=$(cd "$(dirname "$0")" && pwd)
HARAKA_DIR=${HARAKA_DIR:-/tmp/haraka-lab}
MAILDIR=${MAILDIR:-/var/tmp/harakalab/Maildir}
bg() { name=$1; shift; ip netns exec $NS setsid "$@" >>/tmp/harakalab-$name.log 2>&1 & echo $! > /run/harakalab-$name.pid; }
if [ "${HARAKA_ONLY:-0}" != 1 ]; then
ip netns add $NS 2>/dev/null || true
ip netns exec $NS ip link set lo up
for a in 2 3 4 5 6 7 8; do ip netns exec $NS ip addr add 127.0.0.$a/8 dev lo 2>/dev/null || true; done
mkdir -p /etc/netns/$NS
echo "nameserver 127.0.0.1" > /etc/netns/$NS/resolv.conf
printf '127.0.0.1 localhost\n127.0.0.2 mail.lab.test\n' > /etc/netns/$NS/hosts
ip netns exec $NS dnsmasq --conf-file="$HERE/../dnsmasq.conf" --log-facility=/tmp/harakalab-dnsmasq.log \
  --address=/mx.remote2.test/127.0.0.7 --mx-host=remote2.test,mx.remote2.test,10 --pid-file=/run/harakalab-dnsmasq.pid
bg remote      node "$HERE/../remote.mjs" 127.0.0.3 25 normal
bg greet421    node "$HERE/../remote.mjs" 127.0.0.4 25 greet421
bg silent      node "$HERE/../remote.mjs" 127.0.0.6 25 silent
bg remote2     node "$HERE/remote2.mjs" 127.0.0.7 25
bg capture     node "$HERE/capture.mjs" "$MAILDIR" 127.0.0.2 25
fi
# Haraka instance: a fresh `haraka -i` dir with this folder's config files over it.
rm -rf "$HARAKA_DIR/inst" && (cd "$HARAKA_DIR" && npx haraka -i "$HARAKA_DIR/inst" >/dev/null)
cp "$HERE"/config/* "$HARAKA_DIR/inst/config/"
# `haraka -i` copies no bounce template: its bounces then have no From/To/Subject and an
# empty text part (captured as *-bare). Normally the package's shipped templates are used.
[ "${BARE:-0}" = 1 ] || cp "$HARAKA_DIR"/node_modules/Haraka/config/outbound.bounce_message* "$HARAKA_DIR/inst/config/"
bg haraka      sh -c "cd '$HARAKA_DIR' && exec npx haraka -c '$HARAKA_DIR/inst'"
sleep 3
