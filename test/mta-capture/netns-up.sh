#!/bin/sh
# Network namespace "mtalab" with only lo, extra loopback addresses, and dnsmasq as its resolver.
# Nothing in it can reach the outside world.
set -e
NS=mtalab
HERE=$(cd "$(dirname "$0")" && pwd)
ip netns add $NS 2>/dev/null || true
ip netns exec $NS ip link set lo up
for a in 127.0.0.2 127.0.0.3 127.0.0.4 127.0.0.5 127.0.0.6 127.0.0.7 127.0.0.8 127.0.0.10 127.0.0.11 127.0.0.12 127.0.0.13 127.0.0.14 127.0.0.15 127.0.0.16 127.0.0.17 127.0.0.18; do
  ip netns exec $NS ip addr add $a/8 dev lo 2>/dev/null || true
done
mkdir -p /etc/netns/$NS
echo "nameserver 127.0.0.1" > /etc/netns/$NS/resolv.conf
printf '127.0.0.1 localhost\n127.0.0.2 mail.lab.test mail\n' > /etc/netns/$NS/hosts
ip netns exec $NS dnsmasq --conf-file="$HERE/dnsmasq.conf" --pid-file=/run/mtalab-dnsmasq.pid
