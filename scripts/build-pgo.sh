#!/usr/bin/env bash
# A release build of `brief` optimised with a profile of its own work (profile-guided
# optimisation, PGO): about 9 % less time per brief than `cargo build --release`, and
# fewer pages of the binary touched; the same behaviour (BENCHMARKS.md, issue 17's targets).
#
#   scripts/build-pgo.sh          # writes target/pgo/brief
#
# Three steps, about 20 minutes on two cores from clean (measured: 19 min 11 s):
# 1. an instrumented build, with the release profile unchanged: cargo hashes the profile
#    into every symbol's name, and a profile only applies to the names it was taken from;
# 2. training: it renders every example brief in both languages, a year of monthly briefs
#    in one batch and a brief of every engagement in the dataset, and queries the dataset;
#    each run adds to the profile in target/pgo/profiles;
# 3. the release build (fat LTO, one codegen unit) with the merged profile.
# It needs llvm-profdata of the toolchain's own LLVM, from rustup's llvm-tools component,
# which it adds when missing. Builds go to target/pgo/, apart from target/release.
set -euo pipefail
cd "$(dirname "$0")/.."

host=$(rustc -vV | sed -n 's/^host: //p')
profdata=$(rustc --print sysroot)/lib/rustlib/$host/bin/llvm-profdata
[ -x "$profdata" ] || rustup component add llvm-tools
[ -x "$profdata" ] || { echo "build-pgo.sh needs llvm-profdata ($profdata)" >&2; exit 1; }

pgo=$PWD/target/pgo
rm -rf "$pgo/profiles"
mkdir -p "$pgo/profiles"

echo "== 1. instrumented build"
# With `--target`, RUSTFLAGS reach only what runs on the target: build scripts and
# proc macros, which run while compiling, are neither instrumented nor profiled.
RUSTFLAGS="-Cprofile-generate=$pgo/profiles" \
  cargo build --release --locked --bin brief --target "$host" --target-dir "$pgo/instrumented"
bin=$pgo/instrumented/$host/release/brief

echo "== 2. training"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
as_of=2026-11-22
"$bin" generate briefs --as-of "$as_of" -q -o "$work/examples/"
"$bin" check briefs --as-of "$as_of" -q
mkdir -p "$work/monthly"
for month in 01 02 03 04 05 06 07 08 09 10 11 12; do
  last=$(date -d "2023-$month-01 +1 month -1 day" +%F)
  printf 'title = "Monthly brief 2023-%s"\n[period]\nfrom = 2023-%s-01\nto = %s\n' \
    "$month" "$month" "$last" > "$work/monthly/2023-$month.toml"
done
"$bin" generate "$work/monthly" --as-of "$as_of" -q -o "$work/monthly-out/"
printf 'title = "Every engagement"\n[period]\nfrom = 2000\nto = 2026\n' > "$work/all.toml"
"$bin" generate "$work/all.toml" --as-of "$as_of" -q -o "$work/all.pdf"
"$bin" events --as-of "$as_of" --format csv > /dev/null

echo "== 3. optimised build"
"$profdata" merge -o "$pgo/brief.profdata" "$pgo/profiles"
RUSTFLAGS="-Cprofile-use=$pgo/brief.profdata" \
  cargo build --release --locked --bin brief --target "$host" --target-dir "$pgo/optimised"
cp "$pgo/optimised/$host/release/brief" "$pgo/brief"
echo "built $pgo/brief"
