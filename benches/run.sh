#!/usr/bin/env bash
# Whole-process benchmarks: brief against the Typst CLI on the same documents, with
# public tools only (hyperfine, GNU time, typst-cli 0.15.1). BENCHMARKS.md records the
# figures of a run and what they mean.
#
#   benches/run.sh            # all measurements; results in benches/results/
#   benches/run.sh 1 2        # only the measurements named
#   BRIEF=target/pgo/brief RESULTS=benches/results/pgo benches/run.sh 1 2 3
#                             # the profile-guided build (scripts/build-pgo.sh)
#
# 1. the flagship brief: `brief generate` vs `typst compile` of the exported template
#    and the emitted brief.json, with the same fonts
# 2. 120 monthly briefs (ten years of months) in one `brief generate` vs 120 `typst compile`
# 3. briefs of 10, 100, 1,000 and 5,000 synthetic events: time and peak memory
# In-process figures (4: a 100,000-event dataset; 5: brief's own stages beside Typst's)
# come from `cargo bench --bench stages`.
set -euo pipefail
cd "$(dirname "$0")/.."

need() { command -v "$1" >/dev/null 2>&1 || { echo "benches/run.sh needs $1 ($2)" >&2; exit 1; }; }
need hyperfine "Debian: apt-get install hyperfine"
[ -x /usr/bin/time ] || { echo "benches/run.sh needs GNU time (Debian: apt-get install time)" >&2; exit 1; }
if ! typst --version 2>/dev/null | grep -q '^typst 0\.15\.1'; then
  cargo install typst-cli --version 0.15.1 --locked
fi

cargo build --release --locked --bin brief --example synth
# BRIEF measures another build of brief, such as scripts/build-pgo.sh's target/pgo/brief.
brief=$(realpath "${BRIEF:-target/release/brief}")
synth=$PWD/target/release/examples/synth
# RESULTS: where the figures go (the profile-guided build's: benches/results/pgo).
results=$(realpath -m "${RESULTS:-benches/results}")
mkdir -p "$results"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_of=2026-11-22
# The measurements to run: those named on the command line, or all.
wanted=" ${*:-1 2 3 4} "
wants() { [[ $wanted == *" $1 "* ]]; }
# The Typst CLI gets exactly brief's fonts and nothing else.
typst_fonts=(--font-path "$PWD/fonts" --ignore-system-fonts --ignore-embedded-fonts)

{
  echo "machine: $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GiB, $(uname -srm)"
  echo "cpu: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs)"
  echo "brief: $("$brief" --version); typst: $(typst --version)"
} > "$results/machine.txt"

# Every measurement compiles the exported templates.
"$brief" templates export "$work/tpl" >/dev/null
"$brief" generate briefs/bnpt-international-2021-2024.toml --as-of "$as_of" -q \
  -o "$work/flagship.pdf" --emit-data "$work/tpl/brief.json"

if wants 1; then
echo "== 1. the flagship brief"
hyperfine --warmup 3 --runs 20 --export-markdown "$results/1-flagship.md" \
  -n "brief generate" "$brief generate briefs/bnpt-international-2021-2024.toml --as-of $as_of -q -o $work/b.pdf" \
  -n "typst compile" "typst compile ${typst_fonts[*]} --root $work/tpl $work/tpl/brief.typ $work/t.pdf"
# Peak memory: GNU time's maximum resident set (for brief, the larger of its process
# and any worker), the median of five runs, in MiB.
peak() { for _ in 1 2 3 4 5; do /usr/bin/time -f '%M' "$@" 2>&1 >/dev/null | tail -1; done | sort -n | sed -n 3p; }
{
  echo
  echo "| command | peak MiB (median of 5) |"
  echo "|:---|---:|"
  echo "| brief generate | $(( $(peak "$brief" generate briefs/bnpt-international-2021-2024.toml --as-of "$as_of" -q -o "$work/b.pdf") / 1024 )) |"
  echo "| typst compile | $(( $(peak typst compile "${typst_fonts[@]}" --root "$work/tpl" "$work/tpl/brief.typ" "$work/t.pdf") / 1024 )) |"
} >> "$results/1-flagship.md"
cat "$results/1-flagship.md"

fi

if wants 2; then
echo "== 2. 120 monthly briefs"
mkdir -p "$work/monthly" "$work/months"
for year in $(seq 2015 2024); do
  for month in 01 02 03 04 05 06 07 08 09 10 11 12; do
    last=$(date -d "$year-$month-01 +1 month -1 day" +%F)
    printf 'title = "Monthly brief %s-%s"\nmarking = "TLP:GREEN"\noutput = "monthly-%s-%s.pdf"\n[period]\nfrom = %s-%s-01\nto = %s\n' \
      "$year" "$month" "$year" "$month" "$year" "$month" "$last" > "$work/monthly/$year-$month.toml"
    dir="$work/months/$year-$month"
    mkdir -p "$dir"
    cp "$work/tpl/brief.typ" "$work/tpl/lib.typ" "$dir/"
    "$brief" generate "$work/monthly/$year-$month.toml" --as-of "$as_of" -q -o "$dir/brief.pdf" --emit-data "$dir/brief.json"
  done
done
hyperfine --warmup 1 --runs 5 --export-markdown "$results/2-monthly.md" \
  -n "brief generate (120 specs, one process)" "$brief generate $work/monthly --as-of $as_of -q -o $work/out/" \
  -n "typst compile x 120" "for d in $work/months/*; do typst compile ${typst_fonts[*]} --root \$d \$d/brief.typ \$d/t.pdf; done"

fi

if wants 3; then
echo "== 3. synthetic briefs: time and peak memory"
printf '| events | pages | brief s | brief peak MiB | typst s | typst peak MiB |\n|---:|---:|---:|---:|---:|---:|\n' > "$results/3-scale.md"
for n in 10 100 1000 5000; do
  "$synth" "$n" > "$work/synth-$n.csv"
  printf 'title = "Synthetic brief, %s events"\n[period]\nfrom = 2015\nto = 2024\n' "$n" > "$work/synth-$n.toml"
  dir="$work/scale-$n"
  mkdir -p "$dir"
  cp "$work/tpl/brief.typ" "$work/tpl/lib.typ" "$dir/"
  data=(--no-bundled-data --data "$work/synth-$n.csv" --data data/partners.toml --data data/topics.toml)
  "$brief" generate "$work/synth-$n.toml" "${data[@]}" --as-of "$as_of" -q -o "$dir/brief.pdf" --emit-data "$dir/brief.json"
  pages=$(pdfinfo "$dir/brief.pdf" 2>/dev/null | awk '/^Pages:/ {print $2}' || echo "?")
  b=$( { /usr/bin/time -f '%e %M' "$brief" generate "$work/synth-$n.toml" "${data[@]}" --as-of "$as_of" -q -o "$dir/b.pdf" ; } 2>&1 | tail -1)
  t=$( { /usr/bin/time -f '%e %M' typst compile "${typst_fonts[@]}" --root "$dir" "$dir/brief.typ" "$dir/t.pdf" ; } 2>&1 | tail -1)
  read -r bs bk <<< "$b"
  read -r ts tk <<< "$t"
  printf '| %s | %s | %s | %s | %s | %s |\n' "$n" "$pages" "$bs" "$((bk / 1024))" "$ts" "$((tk / 1024))" >> "$results/3-scale.md"
done
cat "$results/3-scale.md"
fi

if wants 4 || wants 5; then
echo "== 4 and 5: in-process stages (criterion)"
cargo bench --locked --bench stages -- --noplot 2>&1 | grep -E '^[a-z0-9].*|time:' | tee "$results/4-5-stages.txt"
fi
echo "results in $results"
