#!/bin/sh
# Pipe alias of sender@lab.test: one Maildir file per bounce, bytes as Courier hands them over.
D=/var/spool/mtalab/courier/Maildir
f=$(date +%s.%N).$$.mail.lab.test
cat > "$D/tmp/$f" && mv "$D/tmp/$f" "$D/new/$f"
