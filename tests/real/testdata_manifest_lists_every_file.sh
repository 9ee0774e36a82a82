#!/bin/sh
# Every file under tests/data/ (except MANIFEST.md and the LICENSE texts) has
# a row in tests/data/MANIFEST.md whose SHA-256 matches its bytes, and every
# row names a file that exists: the provenance cannot drift from the data.
cd "$(dirname "$0")/../.." || exit 1
D=tests/data
M=$D/MANIFEST.md
[ -f "$M" ] || { echo "testdata_manifest: $M missing"; exit 1; }
if git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	files=$(git ls-files "$D")
else
	files=$(find "$D" -type f | sort)
fi
bad=0 n=0 first=""
note() { bad=$((bad + 1)); [ -n "$first" ] || first="$1"; echo "$1" >&2; }
for f in $files; do
	rel=${f#"$D"/}
	case "$rel" in MANIFEST.md | */LICENSE | LICENSE) continue ;; esac
	n=$((n + 1))
	# the row: | `rel` | ... | `sha256` |
	want=$(grep -F "| \`$rel\` |" "$M" | grep -oE '`[0-9a-f]{64}`' | tr -d '`' | head -n 1)
	if [ -z "$want" ]; then note "$rel has no row with a SHA-256 in $M"; continue; fi
	got=$(sha256sum < "$f" | cut -c1-64)
	[ "$got" = "$want" ] || note "$rel: SHA-256 $got, $M says $want"
done
# the other way round: each row's file exists
for rel in $(grep -oE '^\| `[^`]+` \|' "$M" | sed 's/^| `//; s/` |$//'); do
	[ -f "$D/$rel" ] || note "$M lists $rel, which is not in $D"
done
if [ "$bad" -ne 0 ]; then
	echo "testdata_manifest: $bad problems in $n files; first: $first"
	exit 1
fi
[ "$n" -gt 0 ] || { echo "testdata_manifest: no data files under $D"; exit 1; }
exit 0
