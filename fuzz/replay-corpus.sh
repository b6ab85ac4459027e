#!/usr/bin/env bash
# Replays a fuzz corpus through the release binary, as cli::fuzz_replay does for
# fuzz/replay/, and counts the exit codes. The fuzz targets stop before rendering; this
# reaches `brief check`'s template compile too. Anything but 0 and 2 is a finding: its
# input and first line of output are listed.
#
#   fuzz/replay-corpus.sh spec    [corpus folder, default fuzz/corpus/spec]
#   fuzz/replay-corpus.sh dataset [corpus folder, default fuzz/corpus/dataset]
set -euo pipefail
cd "$(dirname "$0")/.."
target=${1:?usage: fuzz/replay-corpus.sh spec|dataset [corpus folder]}
corpus=${2:-fuzz/corpus/$target}
cargo build --release --quiet
brief=$PWD/target/release/brief
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
declare -A codes=()
for input in "$corpus"/*; do
  if [ "$target" = spec ]; then
    cp "$input" "$work/fuzz.toml"
    args=(check fuzz.toml --as-of 2024-03-31 --quiet)
  else
    # The selector byte: format = byte % 3, bundled records when bit 0x80 is set.
    selector=$(od -An -tu1 -N1 "$input" | tr -d ' ')
    [ -n "$selector" ] || continue
    extension=(toml json csv)
    file=fuzz.${extension[selector % 3]}
    tail -c +2 "$input" >"$work/$file"
    args=(events --data "$file" --format json)
    ((selector & 128)) || args+=(--no-bundled-data)
  fi
  code=0
  (cd "$work" && timeout 60 "$brief" "${args[@]}" >/dev/null 2>"$work/stderr") || code=$?
  codes[$code]=$((${codes[$code]:-0} + 1))
  if [ "$code" != 0 ] && [ "$code" != 2 ]; then
    echo "exit $code: $input: $(head -n 1 "$work/stderr")"
  fi
done
for code in "${!codes[@]}"; do echo "exit $code: ${codes[$code]} inputs"; done | sort
