#!/usr/bin/env bash
# What the tests need on the machine, checked before `npm test` (the pretest step) and by .ci/run:
# Dovecot (the real IMAP server of the IMAP tests), Chromium (the console tests), Postgres on 127.0.0.1:5432 with trust auth for
# 127.0.0.1 and Redis on 127.0.0.1:6379. On Debian as root, whatever is missing is installed with
# apt-get and started; elsewhere the script names what to install and fails, so that no IMAP test
# is ever skipped silently. Extra Debian packages to install when their command is missing can be
# named as arguments (`.ci/run` adds docker-compose).
set -euo pipefail

# The tests' own overrides (test/helpers/pg-admin.ts, test/helpers/redis.ts) name other servers:
# those are checked, never started.
hostport() { local x=${1#*://}; x=${x##*@}; x=${x%%/*}; echo "${x%:*} ${x##*:}"; }
read -r pg_host pg_port < <(hostport "${INMAIL_TEST_ADMIN_URL:-postgres://postgres@127.0.0.1:5432/postgres}")
read -r redis_host redis_port < <(hostport "${INMAIL_TEST_REDIS_URL:-redis://127.0.0.1:6379}")
ours() { [ -z "${INMAIL_TEST_ADMIN_URL:-}${INMAIL_TEST_REDIS_URL:-}" ]; }

have() { command -v "$1" >/dev/null 2>&1 || [ -x "/usr/sbin/$1" ]; }
pg_up() { have pg_isready && pg_isready -h "$pg_host" -p "$pg_port" -q; }
redis_up() { (exec 3<>"/dev/tcp/$redis_host/$redis_port" && printf 'PING\r\n' >&3 && head -c 5 <&3 | grep -q PONG) 2>/dev/null; }
can_install() { [ "$(id -u)" = 0 ] && have apt-get; }

# Debian package → command it provides.
declare -A packages=()
have dovecot || packages[dovecot-imapd]=dovecot
# Chromium: the console tests drive it (playwright-core, no browser download).
have chromium || packages[chromium]=chromium
pg_up || have pg_ctlcluster || packages[postgresql]=pg_ctlcluster
redis_up || have redis-server || packages[redis-server]=redis-server
# dnsmasq: the resolver of the lab namespace in which the delivery-report test runs real Postfix.
have dnsmasq || packages[dnsmasq-base]=dnsmasq
for extra in "$@"; do have "$extra" || packages[$extra]=$extra; done

if [ "${#packages[@]}" -gt 0 ]; then
  if ! can_install; then
    echo "The tests need: ${!packages[*]} (Debian package names; commands: ${packages[*]})." >&2
    echo "Install them (as root: apt-get install ${!packages[*]}), or run this script as root on Debian: $0" >&2
    exit 1
  fi
  echo "installing ${!packages[*]} for the tests" >&2
  export DEBIAN_FRONTEND=noninteractive
  # Another apt-get may hold the lock (a shared machine): wait for it rather than fail.
  apt_get() { apt-get -o DPkg::Lock::Timeout=300 "$@"; }
  apt_get install -y -qq --no-install-recommends "${!packages[@]}" >/dev/null ||
    { apt_get update -qq && apt_get install -y -qq --no-install-recommends "${!packages[@]}" >/dev/null; }
fi

# Real Postfix for the delivery-report test, unpacked by the test into its own directory and
# run in a network namespace, never installed (it would take the machine's port 25): only its package.
if can_install && ! ls /var/cache/apt/archives/postfix_3.7*_amd64.deb >/dev/null 2>&1; then
  (cd /var/cache/apt/archives && { apt-get download -qq postfix >/dev/null 2>&1 || { apt-get update -qq && apt-get download -qq postfix >/dev/null 2>&1; }; }) ||
    echo "could not download the postfix package: the live Postfix test will be skipped" >&2
fi

if ! pg_up; then
  { ours && can_install; } || { echo "Postgres does not answer on $pg_host:$pg_port: start it (trust auth for $pg_host)." >&2; exit 1; }
  version=$(ls /etc/postgresql | sort -V | tail -n 1)
  hba=/etc/postgresql/$version/main/pg_hba.conf
  # The tests connect as postgres without a password, as CI does.
  grep -q '^host all all 127.0.0.1/32 trust' "$hba" || sed -i '1i host all all 127.0.0.1/32 trust' "$hba"
  pg_ctlcluster --skip-systemctl-redirect "$version" main start
fi
if ! redis_up; then
  { ours && can_install; } || { echo "Redis does not answer on $redis_host:$redis_port: start it." >&2; exit 1; }
  redis-server --daemonize yes --bind "$redis_host" --port "$redis_port" --save "" --appendonly no >/dev/null
fi
for _ in $(seq 1 30); do
  pg_up && redis_up && exit 0
  sleep 1
done
pg_up || echo "Postgres does not answer on $pg_host:$pg_port" >&2
redis_up || echo "Redis does not answer on $redis_host:$redis_port" >&2
exit 1
