#!/bin/sh
# No tracked file refers to the team workspace beside the repository (the
# parent directory's "shared" folder): a clone must build, test and explain
# itself. Every file git tracks is searched, this one included; the pattern is
# assembled at run time so that this file does not match it.
cd "$(dirname "$0")/../.." || exit 1
dots=..
pat="$dots/shared"
if ! git rev-parse --is-inside-work-tree >/dev/null 2>&1; then
	echo "no_shared_references: not a git work tree (the test searches git ls-files)"
	exit 1
fi
hits=$(git ls-files -z | xargs -0 grep -lF -- "$pat" 2>/dev/null)
if [ -n "$hits" ]; then
	echo "$hits" | sed 's/^/    /' >&2
	echo "no_shared_references: $(echo "$hits" | wc -l) tracked files mention $pat, first: $(echo "$hits" | head -n 1)"
	exit 1
fi
exit 0
