#!/usr/bin/env bash
# Peak memory (maximum resident set, the file's mapped pages included) and
# wall time of every nguon command on a file of 100,000 candidates, each
# against its budget: 200 MB, merge 300 MB. Exits 1 when a command is over
# its budget (judged on the median of the runs) or fails.
#
#   tools/peakmem/run.sh [-n CANDIDATES] [-r RUNS] [-k DIR] [-o FILTER] [-b BINARY]
#
#   -n  candidates in the file (default 100000)
#   -r  runs of each command; min and median are shown (default 3)
#   -k  keep the work folder in DIR and reuse the files made there before
#       (default: a new temporary folder, removed at the end)
#   -o  only the commands whose name contains FILTER ("report", "merge")
#   -b  measure this nguon binary instead of one built from the checkout
#       (an older build, to compare)
#
# Linux only: it reads GNU time's %M (kilobytes, 1 MB = 1024 KB here).
# Building the file takes about 30 s, the whole run some minutes. It never
# touches the user's config or Documents folder: both are set to folders
# inside the work folder. Not part of .ci/run (too slow); see
# docs/file-format.md §16.
set -euo pipefail
cd "$(dirname "$0")/../.."

n=100000 runs=3 keep="" only="" given=""
while getopts "n:r:k:o:b:" opt; do
	case $opt in
	n) n=$OPTARG ;;
	r) runs=$OPTARG ;;
	k) keep=$OPTARG ;;
	o) only=$OPTARG ;;
	b) given=$(realpath "$OPTARG") ;;
	*) sed -n '2,22p' "$0" >&2; exit 2 ;;
	esac
done

if [ ! -x /usr/bin/time ]; then
	echo "peakmem: needs GNU time at /usr/bin/time (apt-get install time)" >&2
	exit 2
fi

if [ -n "$keep" ]; then
	mkdir -p "$keep"
	work=$(cd "$keep" && pwd)
else
	work=$(mktemp -d "${TMPDIR:-/tmp}/nguon-peakmem.XXXXXX")
	trap 'rm -rf "$work"' EXIT
fi
export XDG_CONFIG_HOME="$work/config" NGUON_DOCS="$work/docs"
unset NGUON_DB NGUON_LANG
mkdir -p "$XDG_CONFIG_HOME" "$NGUON_DOCS" "$work/out"

echo "peakmem: building into $work"
go build -o "$work/nguon" .
go build -o "$work/peakmem-gen" ./tools/peakmem
bin="$work/nguon"
[ -n "$given" ] && bin=$given
base="$work/base-$n.db" edited="$work/edited-$n.db"
if [ ! -f "$base" ] || [ ! -f "$edited" ]; then
	rm -f "$base" "$edited"
	echo "peakmem: writing $n candidates"
	"$work/peakmem-gen" -out "$base" -edited "$edited" -n "$n"
fi
# The exports the imports read, made once (the export itself is measured below).
if [ ! -f "$work/cells.csv" ]; then
	"$bin" export --db "$base" --what cells --out "$work/cells.csv" >/dev/null
	"$bin" export --db "$base" --what candidates --out "$work/candidates.csv" >/dev/null
	"$bin" export --db "$base" --what candidates --out "$work/candidates.xlsx" >/dev/null
fi

# Each measured command is a line: a name, its budget in MB, then the
# command run by bash in $work (after prepare_<name> when there is one).
cmds=()
add() { cmds+=("$1|$2|$3"); }
add check 200 "\"\$bin\" check --db base-$n.db"
add backup 200 "\"\$bin\" backup --db base-$n.db --out out/backup.db --force"
add "export csv" 200 "\"\$bin\" export --db base-$n.db --what candidates --out out/c.csv --force"
add "export xlsx" 200 "\"\$bin\" export --db base-$n.db --what candidates --out out/c.xlsx --force"
add "import csv, new file" 200 "\"\$bin\" import --db out/new.db --in candidates.csv"
add "import csv, same file again" 200 "\"\$bin\" import --db out/new.db --in candidates.csv"
add "import xlsx, new file" 200 "\"\$bin\" import --db out/newx.db --in candidates.xlsx"
add merge 300 "\"\$bin\" merge --db out/merged.db edited-$n.db"
for what in targets due admitted classes sources breakdown pool; do
	period="--year 2024"
	[ "$what" = due ] && period=""
	for format in text csv xlsx docx; do
		add "report $what $format" 200 "\"\$bin\" report --db base-$n.db --what $what $period --format $format --out out/r.$format --force"
	done
	if [ "$what" != classes ]; then
		add "report $what --by commune" 200 "\"\$bin\" report --db base-$n.db --what $what $period --by commune --out out/r.txt --force"
	fi
done
add minutes 200 "\"\$bin\" minutes --db base-$n.db --out out/minutes"

# prepare makes what a command needs that must not be measured: a new
# file for an import into a new file, a fresh copy for merge.
prepare() {
	case $1 in
	"import csv, new file")
		rm -rf out/new.db out/new.db.backups
		"$bin" import --db out/new.db --in cells.csv >/dev/null ;;
	"import csv, same file again")
		[ -f out/new.db ] || { "$bin" import --db out/new.db --in cells.csv >/dev/null
			"$bin" import --db out/new.db --in candidates.csv >/dev/null; } ;;
	"import xlsx, new file")
		rm -rf out/newx.db out/newx.db.backups
		"$bin" import --db out/newx.db --in cells.csv >/dev/null ;;
	merge)
		rm -rf out/merged.db out/merged.db.backups
		cp "base-$n.db" out/merged.db ;;
	minutes)
		rm -rf out/minutes && mkdir -p out/minutes ;;
	esac
}

# median of the numbers on stdin (the lower middle one of an even count).
median() { sort -g | awk '{v[NR]=$1} END {print v[int((NR+1)/2)]}'; }
minimum() { sort -g | head -1; }

cd "$work"
# The first open of a file copied in checks it in a child process; the
# everyday open trusts a file this program closed (docs/file-format.md §12).
# One check first makes every measured open the everyday one, except the
# commands that open a new copy (merge's copy, the new files).
"$bin" check --db "base-$n.db" >/dev/null

printf '\n%-34s %7s %19s %19s\n' "command ($n candidates)" budget "peak MB min / med" "time s min / med"
over=0
for c in "${cmds[@]}"; do
	IFS='|' read -r name budget cmd <<<"$c"
	if [ -n "$only" ] && [[ "$name" != *"$only"* ]]; then continue; fi
	mem=() secs=() failed=""
	for _ in $(seq "$runs"); do
		prepare "$name"
		if ! bin=$bin /usr/bin/time -o out/time -f '%e %M' bash -c "exec $cmd" >out/stdout 2>out/stderr; then
			failed=$(tail -1 out/stderr)
		fi
		read -r s kb < <(tail -1 out/time)
		secs+=("$s") mem+=("$((kb / 1024))")
	done
	mmin=$(printf '%s\n' "${mem[@]}" | minimum) mmed=$(printf '%s\n' "${mem[@]}" | median)
	smin=$(printf '%s\n' "${secs[@]}" | minimum) smed=$(printf '%s\n' "${secs[@]}" | median)
	verdict=ok
	if [ -n "$failed" ]; then
		verdict="FAILED: $failed"
		over=1
	elif [ "$mmed" -gt "$budget" ]; then
		verdict=OVER
		over=1
	fi
	printf '%-34s %4s MB %8s / %-8s %8s / %-8s %s\n' "$name" "$budget" "$mmin" "$mmed" "$smin" "$smed" "$verdict"
done
exit $over
