#!/usr/bin/env bash
# Writes default.pgo, the CPU profile `go build` optimises khatt with
# (profile-guided optimisation): three cold exports of a generated corpus,
# three warm ones and one with an article changed, as a user runs them.
# Run it again when the hot code changes much; the profile holds function
# names and call stacks, no article text.
#
#   bench/pgo.sh [N]        N generated articles (default 10000)
set -euo pipefail
. "$(dirname "$0")/corpus.sh"
bin=$work/khatt-pgo
(cd "$here" && go build -pgo=off -o "$bin" .)
export XDG_CACHE_HOME=$work/pgo-cache
profiles=()
run() {
	local p=$work/pgo-$1.prof
	KHATT_CPUPROFILE=$p "$bin" export --format jsonl "$corpus" >/dev/null
	profiles+=("$p")
}
for i in 1 2 3; do
	rm -rf "$XDG_CACHE_HOME"
	run "cold$i"
done
for i in 1 2 3; do
	run "warm$i"
done
f=$(find -L "$corpus" -name '*.txt' -print -quit)
cp "$f" "$work/pgo-orig"
echo "وقال المتحدث إن المحادثات ستستأنف." >>"$f"
run changed
cp "$work/pgo-orig" "$f"
go tool pprof -proto "${profiles[@]}" >"$here/default.pgo" 2>/dev/null
rm -rf "$XDG_CACHE_HOME" "${profiles[@]}"
echo "wrote $here/default.pgo"
