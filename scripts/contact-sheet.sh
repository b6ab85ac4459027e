#!/usr/bin/env bash
# Renders every example brief in briefs/ (every variant of each; the flagship's Indonesian
# edition is a spec of its own) to PNG pages, and writes a contact sheet to review them
# at a glance: OUT/index.html, one row of pages per brief.
#
#   scripts/contact-sheet.sh [OUT]        # default OUT: target/contact-sheet
#
# Environment: BRIEF (the binary; default target/release/brief, built if missing),
# AS_OF (default 2026-11-22; the monthly brief is rendered for February 2023), PPI
# (default 60).
set -euo pipefail
cd "$(dirname "$0")/.."

out=${1:-target/contact-sheet}
as_of=${AS_OF:-2026-11-22}
ppi=${PPI:-60}
brief=${BRIEF:-target/release/brief}
[ -x "$brief" ] || cargo build --release --locked --quiet

rm -rf "$out"
mkdir -p "$out"
for spec in briefs/*.toml; do
  name=$(basename "$spec" .toml)
  date=$as_of
  [ "$name" = monthly ] && date=2023-03-05
  render=("$brief" generate "$spec" --as-of "$date" --format png --ppi "$ppi" --quiet)
  "${render[@]}" -o "$out/$name/"
done

{
  printf '<!doctype html>\n<meta charset="utf-8">\n<title>brief: contact sheet</title>\n'
  printf '<style>body{font:14px sans-serif;margin:1em;background:#ddd}h2{margin:1.2em 0 .3em}'
  printf 'img{height:%spx;margin:0 6px 6px 0;background:#fff;box-shadow:0 1px 3px #888}</style>\n' "$((ppi * 6))"
  printf '<h1>Example briefs as of %s</h1>\n' "$as_of"
  find "$out" -name '*.png' | sed -E 's/-[0-9]+\.png$//' | sort -u | while read -r stem; do
    printf '<h2>%s</h2>\n<div>' "${stem#"$out"/}"
    ls "$stem"-*.png | sort -V | while read -r page; do
      printf '<img src="%s" alt="%s">' "${page#"$out"/}" "$(basename "$page")"
    done
    printf '</div>\n'
  done
} >"$out/index.html"
pages=$(find "$out" -name '*.png' | wc -l)
echo "wrote $out/index.html ($pages pages)"
