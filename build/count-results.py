#!/usr/bin/env python3
"""Prints "<passed> <failed>" summed over every .trx file below the given folder."""
import pathlib
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}
passed = failed = 0
for trx in pathlib.Path(sys.argv[1]).rglob("*.trx"):
    counters = ET.parse(trx).getroot().find("t:ResultSummary/t:Counters", ns)
    if counters is None:
        continue
    passed += int(counters.get("passed", 0))
    # A test that errored or timed out did not pass either.
    failed += sum(int(counters.get(k, 0)) for k in ("failed", "error", "timeout", "aborted"))
print(passed, failed)
