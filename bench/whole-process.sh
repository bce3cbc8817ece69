#!/usr/bin/env bash
# Whole-process measurements of khatt, as a user runs it: a fresh build, a
# generated corpus on disk, a private cache, wall time and peak memory from
# /usr/bin/time. Prints a Markdown table (the README's figures come from it).
#
#   bench/whole-process.sh [N]        N articles (default 10000)
#
# Needs ../shared/tools/gen-corpus (or GEN_CORPUS), /usr/bin/time, and tmux
# for the reader's first frame. The corpus is written once to
# ${KHATT_BENCH_DIR:-/tmp/khatt-bench}/cN and reused.
set -euo pipefail
. "$(dirname "$0")/corpus.sh"
bin=$work/khatt
(cd "$here" && go build -o "$bin" .)
export XDG_CACHE_HOME=$work/cache
rm -rf "$XDG_CACHE_HOME"
size=$(du -sLm "$corpus" | cut -f1)

# measure LABEL CMD...: one run, wall seconds and peak resident MiB.
measure() {
	local label=$1
	shift
	/usr/bin/time -f "%e %M" -o "$work/time" "$@" >/dev/null 2>"$work/stderr" || {
		echo "failed: $*" >&2
		cat "$work/stderr" >&2
		exit 1
	}
	read -r secs kb <"$work/time"
	printf '| %s | %s s | %d MiB |\n' "$label" "$secs" $((kb / 1024))
}

echo "khatt $(git -C "$here" rev-parse --short HEAD), $(nproc) cores, $n generated articles ($size MB)"
echo
echo '| run | wall | peak memory |'
echo '|---|---|---|'
# The seeds: the median of 21 runs.
ms=$(python3 - "$bin" <<'PY'
import subprocess, sys, time
ts = []
for _ in range(21):
    t = time.perf_counter()
    subprocess.run([sys.argv[1], "export", "--format", "json"], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
    ts.append(time.perf_counter() - t)
ts.sort()
print("%.0f" % (ts[len(ts) // 2] * 1000))
PY
)
echo "| seeds: \`khatt export --format json\` (median of 21) | $ms ms | |"
measure "$n cold (empty cache): \`khatt export --format jsonl\`" "$bin" export --format jsonl "$corpus"
measure "$n warm (nothing changed)" "$bin" export --format jsonl "$corpus"
measure "$n warm, \`--format json\`" "$bin" export --format json "$corpus"
f=$(find -L "$corpus" -name '*.txt' -print -quit)
cp "$f" "$work/orig"
echo "وقال المتحدث إن المحادثات ستستأنف $(date +%s%N)." >>"$f"
measure "$n warm, one article changed" "$bin" export --format jsonl "$corpus"
cp "$work/orig" "$f"
measure "$n without the cache (\`--no-cache\`)" "$bin" export --no-cache --format jsonl "$corpus"
measure "one \`grep -rcE\` pass over the same files" grep -rcE 'زار|زيارة|التقى|اجتماع|قال|أعلن' "$corpus"

# The reader's first frame on a cold cache: the time until tmux shows
# anything of it.
if command -v tmux >/dev/null; then
	rm -rf "$XDG_CACHE_HOME"
	sock=khatt-bench-$$
	start=$(date +%s%N)
	tmux -L "$sock" -f /dev/null new-session -d -x 160 -y 45 "$bin --bidi app $corpus"
	first=""
	while [ $(($(date +%s%N) - start)) -lt 30000000000 ]; do
		if tmux -L "$sock" capture-pane -p 2>/dev/null | grep -q '[^[:space:]]'; then
			first=$((($(date +%s%N) - start) / 1000000))
			break
		fi
		sleep 0.01
	done
	tmux -L "$sock" kill-server 2>/dev/null || true
	echo "| the reader's first frame, $n cold (in tmux) | ${first:-none} ms | |"
fi
