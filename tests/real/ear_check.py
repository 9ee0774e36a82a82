#!/usr/bin/python3
"""Check fields of a futeet-verify EAR (JSON) against expected values.

usage: ear_check.py EAR.json PATH=VALUE ...
PATH is '/'-separated below submods.cpu0 (EAR claim names contain dots);
a leading '/' starts at the top level. VALUE is compared as text (JSON
true/false as 'true'/'false'). Used by tests/real/futeet_verify.sh; it shares
no code with lib/verify (Python's json module parses the output)."""
import json
import sys


def check_values(doc, checks):
    """The PATH=VALUE pairs that do not hold, as messages."""
    bad = []
    for check in checks:
        path, want = check.split("=", 1)
        node = doc if path.startswith("/") else doc["submods"]["cpu0"]
        try:
            for part in path.strip("/").split("/"):
                node = node[int(part)] if isinstance(node, list) else node[part]
        except (KeyError, IndexError, ValueError, TypeError):
            bad.append("%s missing" % path)
            continue
        got = json.dumps(node) if isinstance(node, bool) else str(node)
        if got != want:
            bad.append("%s = %s, want %s" % (path, got, want))
    return bad


def main():
    with open(sys.argv[1]) as f:
        doc = json.load(f)
    bad = check_values(doc, sys.argv[2:])
    if bad:
        print("; ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
