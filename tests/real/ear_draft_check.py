#!/usr/bin/python3
"""Check that a JSON document is an EAR claims set as draft-ietf-rats-ear
(EAT Attestation Results) names and types its claims, reading it with
Python's json module (no FUTEET code), then check PATH=VALUE pairs with
tests/real/ear_check.py.

usage: ear_draft_check.py EAR.json [PATH=VALUE ...]

Checked against the draft (section "EAR Claims" and its JSON examples):
  eat_profile   "tag:github.com,2023:veraison/ear"
  iat           integer (NumericDate)
  ear.verifier-id  object with "developer" and "build" strings
  eat_nonce     optional, base64url text without padding (RFC 4648 5) of at most
                64 bytes (RFC 9711 4.1 wants 8..64; a raw SNP report's --nonce may
                be shorter, so the lower bound is not checked here)
  submods       object: name -> appraisal, each with
     ear.status                 "none" | "affirming" | "warning" | "contraindicated"
     ear.trustworthiness-vector optional object: AR4SI claim names
         (instance-identity configuration executables file-system hardware
          runtime-opaque storage-opaque sourced-data) -> integer -128..127
     ear.appraisal-policy-id    optional string
  and the status is no better than the worst tier in the vector (the
  AR4SI tiers: none -1..1, affirming 2..31 / -2..-32, warning 32..95 /
  -33..-96, contraindicated 96..127 / -97..-128).
Other keys must be extensions (a dotted name outside "ear." or "eat_"
except ear.veraison.*, which the draft's Veraison profile uses).
Duplicate object keys are an error (RFC 8259 4: names SHOULD be unique)."""
import json
import os
import re
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ear_check import check_values  # noqa: E402

PROFILE = "tag:github.com,2023:veraison/ear"
STATUS = ["none", "affirming", "warning", "contraindicated"]
AR4SI = ["instance-identity", "configuration", "executables", "file-system",
         "hardware", "runtime-opaque", "storage-opaque", "sourced-data"]
TOP = {"eat_profile", "iat", "ear.verifier-id", "eat_nonce", "submods"}
SUB = {"ear.status", "ear.trustworthiness-vector", "ear.appraisal-policy-id"}


def no_dups(pairs):
    keys = [k for k, _ in pairs]
    dup = {k for k in keys if keys.count(k) > 1}
    if dup:
        raise ValueError("duplicate keys %s" % sorted(dup))
    return dict(pairs)


def tier(v):
    a = abs(v) - (1 if v < 0 else 0)
    if -1 <= v <= 1:
        return 0
    return 1 if a < 32 else 2 if a < 96 else 3


def extension(k):
    return k.startswith("ear.veraison.") or not (k.startswith("ear.") or k.startswith("eat_"))


def check_draft(doc):
    bad = []
    if not isinstance(doc, dict):
        return ["not a JSON object"]
    for k in ("eat_profile", "iat", "ear.verifier-id", "submods"):
        if k not in doc:
            bad.append("missing " + k)
    if doc.get("eat_profile") != PROFILE:
        bad.append("eat_profile %r" % doc.get("eat_profile"))
    if not isinstance(doc.get("iat"), int) or isinstance(doc.get("iat"), bool):
        bad.append("iat is not an integer")
    vid = doc.get("ear.verifier-id")
    if not (isinstance(vid, dict) and isinstance(vid.get("developer"), str)
            and isinstance(vid.get("build"), str)):
        bad.append("ear.verifier-id lacks developer/build strings")
    if "eat_nonce" in doc and not re.fullmatch(r"[A-Za-z0-9_-]{2,86}", doc["eat_nonce"]):
        bad.append("eat_nonce is not base64url text")
    for k in doc:
        if k not in TOP and not extension(k):
            bad.append("unknown top-level claim " + k)
    subs = doc.get("submods")
    if not isinstance(subs, dict) or not subs:
        return bad + ["submods is not a non-empty object"]
    for name, s in subs.items():
        if not isinstance(s, dict):
            bad.append("submod %s is not an object" % name)
            continue
        st = s.get("ear.status")
        if st not in STATUS:
            bad.append("%s: ear.status %r" % (name, st))
            continue
        tv = s.get("ear.trustworthiness-vector", {})
        if not isinstance(tv, dict):
            bad.append("%s: trustworthiness vector is not an object" % name)
            tv = {}
        for k, v in tv.items():
            if k not in AR4SI:
                bad.append("%s: unknown AR4SI claim %s" % (name, k))
            if not isinstance(v, int) or isinstance(v, bool) or not -128 <= v <= 127:
                bad.append("%s: %s = %r is not an int8" % (name, k, v))
            elif tier(v) > STATUS.index(st):
                bad.append("%s: %s = %d is worse than ear.status %s" % (name, k, v, st))
        if "ear.appraisal-policy-id" in s and not isinstance(s["ear.appraisal-policy-id"], str):
            bad.append("%s: ear.appraisal-policy-id is not a string" % name)
        for k in s:
            if k not in SUB and not extension(k):
                bad.append("%s: unknown claim %s" % (name, k))
    return bad


def main():
    try:
        with open(sys.argv[1], encoding="utf-8") as f:
            doc = json.load(f, object_pairs_hook=no_dups)
    except ValueError as e:
        print("not valid JSON: %s" % e)
        return 1
    bad = check_draft(doc) + check_values(doc, sys.argv[2:])
    if bad:
        print("; ".join(bad))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
