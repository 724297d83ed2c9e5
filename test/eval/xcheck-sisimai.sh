#!/bin/bash
# test/eval/xcheck-sisimai.sh DIR — the cross-check of docs/parser-generalisation.md ("Module walk"):
# read every mail under DIR with inmail (this checkout's build) and with Debian's Sisimai 4.25 (the
# reference parser's older release; a second opinion, not the truth: it lacks Sisimai 5's reasons
# authfailure, requireptr, speeding, notcompliantrfc, badreputation, and reads every delay as expired).
# Prints one line per (file, recipient):
#   SAME|DIFF  file  recipient  inmail=reason/status  sisimai=reason/status
# and a count at the end. XC_ONLY_DIFF=1 prints only the differences.
set -u
DIR=$(realpath "${1:?usage: test/eval/xcheck-sisimai.sh DIR (run from the checkout, after npm run build; needs libsisimai-perl)}")
WT=$(cd "$(dirname "$0")/../.." && pwd)
perl -MSisimai -e 1 2>/dev/null || { echo "xcheck-sisimai: Debian's libsisimai-perl is not installed" >&2; exit 2; }
tmp=$(mktemp -d)
(cd "$WT" && node dist/cli/main.js parse --jsonl "$DIR") > "$tmp/inmail.jsonl" 2>/dev/null
find "$DIR" -type f ! -name "*.json" | sort | perl -MSisimai -MJSON::PP -ne '
  chomp; my $f = $_; my $r = eval { Sisimai->make($f, delivered => 1, vacation => 1) } || [];
  for my $e (@$r) { my $d = $e->damn; print JSON::PP->new->canonical->encode({file=>$f, recipient=>lc($d->{recipient}), reason=>$d->{reason}, status=>$d->{deliverystatus}, step=>$d->{smtpcommand}}), "\n" }
  print JSON::PP->new->encode({file=>$f, recipient=>"", reason=>"(none)", status=>""}), "\n" unless @$r;
' > "$tmp/sisimai.jsonl" 2>/dev/null
node -e '
const fs = require("fs");
const [a, b] = process.argv.slice(1).map((p) => fs.readFileSync(p, "utf8").split("\n").filter(Boolean).map((l) => JSON.parse(l)));
const ours = new Map();
for (const m of a) { if (!m.recipients || !m.recipients.length) ours.set(m.file + "\t", { reason: m.kind === "not-bounce" ? "(not-bounce)" : "(none)", status: "" }); for (const r of m.recipients ?? []) ours.set(m.file + "\t" + r.address.toLowerCase(), r); }
const theirs = new Map(b.map((s) => [s.file + "\t" + s.recipient, s]));
const keys = [...new Set([...ours.keys(), ...theirs.keys()])].sort();
let same = 0, diff = 0;
for (const k of keys.filter((k) => !k.split("\t")[0].endsWith(".json"))) {
  const o = ours.get(k), t = theirs.get(k);
  const ok = o && t && o.reason === t.reason;
  ok ? same++ : diff++;
  if (ok && process.env.XC_ONLY_DIFF === "1") continue;
  const [file, rcpt] = k.split("\t");
  console.log(`${ok ? "SAME" : "DIFF"}\t${file}\t${rcpt || "-"}\tinmail=${o ? o.reason + "/" + (o.status || "-") : "(absent)"}\tsisimai=${t ? t.reason + "/" + (t.status || "-") : "(absent)"}`);
}
console.log(`# same ${same}, different ${diff}`);
' "$tmp/inmail.jsonl" "$tmp/sisimai.jsonl"
rm -rf "$tmp"
