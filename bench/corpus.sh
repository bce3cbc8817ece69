# Sourced by the bench scripts: N (their first argument, default 10000)
# generated articles written once to ${KHATT_BENCH_DIR:-/tmp/khatt-bench}/cN
# and reused. Sets n, here (the repository), work and corpus.
n=${1:-10000}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
gen=${GEN_CORPUS:-$here/../shared/tools/gen-corpus}
work=${KHATT_BENCH_DIR:-/tmp/khatt-bench}
corpus=$work/c$n
mkdir -p "$work"
if [ ! -d "$corpus" ]; then
	"$gen" "$corpus" "$n" >/dev/null
fi
