#!/usr/bin/env python3
"""Every UI string has its French translation (TAP).

UI strings are the English texts inside {{#_}}...{{/_}} in the templates and
the C string literals marked N_("...") in src/.  Each must be a key of
src/views/i18n/fr.json; a translation must keep the {{placeholders}} of its
English text.
"""
import glob
import json
import os
import re
import sys

root = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
cat = json.load(open(os.path.join(root, "src/views/i18n/fr.json"), encoding="utf-8"))
strings = {}
for path in sorted(glob.glob(os.path.join(root, "src/views/templates/*.mustache"))):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"\{\{#_\}\}(.*?)\{\{/_\}\}", text, re.S):
        strings.setdefault(m.group(1), os.path.relpath(path, root))
lit = r'"((?:[^"\\]|\\.)*)"'
for path in sorted(glob.glob(os.path.join(root, "src/**/*.c"), recursive=True)):
    text = open(path, encoding="utf-8").read()
    for m in re.finditer(r"N_\(((?:\s*" + lit + r")+)\s*\)", text):
        parts = re.findall(lit, m.group(1))
        s = "".join(parts).encode("utf-8").decode("unicode_escape").encode("latin-1").decode("utf-8")
        strings.setdefault(s, os.path.relpath(path, root))

missing = [(s, where) for s, where in strings.items() if s not in cat]
ph = re.compile(r"\{\{\{?\s*[\w.]+\s*\}?\}\}")
broken = [s for s in strings if s in cat and sorted(ph.findall(s)) != sorted(ph.findall(cat[s]))]
n = 0
n += 1
if missing:
    print(f"not ok {n} - {len(missing)} of {len(strings)} UI strings have no French translation")
    for s, where in missing[:400]:
        print(f"#   {where}: {s!r}")
else:
    print(f"ok {n} - all {len(strings)} UI strings have a French translation")
n += 1
if broken:
    print(f"not ok {n} - translations that lose or add placeholders")
    for s in broken[:20]:
        print(f"#   {s!r} -> {cat[s]!r}")
else:
    print(f"ok {n} - translations keep their placeholders")
sys.exit(1 if missing or broken else 0)
