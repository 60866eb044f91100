#!/usr/bin/env bash
# `make sample`: analyse the bundled samples (samples/: .txt, .html, .json, .jsonl), ingest them
# into a fresh store under out/sample/, ingest them again (nothing changes), and summarise.
set -euo pipefail
cd "$(dirname "$0")/.."
CC=.venv/bin/counterclaim
OUT=out/sample
DB="$OUT/counterclaim.db"
rm -rf "$OUT"
mkdir -p "$OUT"

echo "== counterclaim analyze samples/seed-pashinian-call-to-arms.txt --format text"
$CC analyze samples/seed-pashinian-call-to-arms.txt --format text
echo
echo "== counterclaim analyze samples/* --format json > $OUT/analyses.jsonl"
$CC analyze samples/* --format json > "$OUT/analyses.jsonl"
echo "$(wc -l < "$OUT/analyses.jsonl") analyses written"
echo
echo "== counterclaim ingest samples --db $DB"
$CC ingest samples --db "$DB"
echo
echo "== the same again: re-ingesting changes nothing"
$CC ingest samples --db "$DB"
echo
echo "== counterclaim list --db $DB"
$CC list --db "$DB"
