#!/bin/sh
# Start the scripted remotes inside the namespace (pids in /run/mtalab-remote-*.pid).
HERE=$(cd "$(dirname "$0")" && pwd)
start() { ip netns exec mtalab setsid node "$HERE/remote.mjs" "$1" 25 "$2" >>/tmp/mtalab-remote.log 2>&1 & echo $! > /run/mtalab-remote-$2.pid; }
start 127.0.0.3 normal
start 127.0.0.4 greet421
start 127.0.0.6 silent
start 127.0.0.7 mailfrom
# third batch (cases-third.txt): a session refused at one step
start 127.0.0.8 greet554
start 127.0.0.10 helo
start 127.0.0.11 starttls
start 127.0.0.12 senderdeny
start 127.0.0.13 greetgmx
start 127.0.0.14 mailsize
start 127.0.0.15 mailstorage
start 127.0.0.16 mailrbl
start 127.0.0.17 mailunknown
start 127.0.0.18 dropdata
