#!/bin/sh
# Remove the lab users of setup.sh and their homes.
for u in labok vacen vacbsd vacfr vacde; do userdel "$u" 2>/dev/null; done
rm -rf /var/spool/mtalab/home
