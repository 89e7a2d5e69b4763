#!/usr/bin/env python3
"""Prints the 20 slowest tests and the 20 slowest test classes found in the .trx files below the given folder.

A class's time is the sum of its tests' times: what it costs the suite when its tests run one after another (as xunit
runs the tests of one class). Fixture set-up (a portal started per class) is not in the .trx files, so a class that is
cheap here can still be slow to start; the per-project durations build/test.sh prints include that.
Usage: slowest-tests.py FOLDER [COUNT]
"""
import collections
import pathlib
import sys
import xml.etree.ElementTree as ET

ns = {"t": "http://microsoft.com/schemas/VisualStudio/TeamTest/2010"}


def seconds(duration: str) -> float:
    # "hh:mm:ss.fffffff"; a test that never ran has none.
    hours, minutes, rest = duration.split(":")
    return int(hours) * 3600 + int(minutes) * 60 + float(rest)


def main() -> None:
    folder = pathlib.Path(sys.argv[1])
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 20
    tests = []  # (seconds, class, name, outcome)
    for trx in folder.rglob("*.trx"):
        root = ET.parse(trx).getroot()
        classes = {
            unit.get("id"): method.get("className", "?")
            for unit in root.iterfind("t:TestDefinitions/t:UnitTest", ns)
            for method in unit.iterfind("t:TestMethod", ns)
        }
        for result in root.iterfind("t:Results/t:UnitTestResult", ns):
            duration = result.get("duration")
            if duration is None:
                continue
            class_name = classes.get(result.get("testId"), "?")
            name = result.get("testName", "?")
            # xunit's test name repeats the class: "Namespace.Class.Method"; the method alone is enough beside the class.
            if name.startswith(class_name + "."):
                name = name[len(class_name) + 1:]
            tests.append((seconds(duration), class_name, name, result.get("outcome", "?")))

    if not tests:
        print(f"slowest tests: no test results below {folder}")
        return
    by_class = collections.defaultdict(lambda: [0.0, 0])
    for took, class_name, _, _ in tests:
        by_class[class_name][0] += took
        by_class[class_name][1] += 1

    print(f"== {count} slowest tests (of {len(tests)})")
    for took, class_name, name, outcome in sorted(tests, reverse=True)[:count]:
        mark = "" if outcome == "Passed" else f"  [{outcome}]"
        print(f"{took:8.1f} s  {short(class_name)} :: {name}{mark}")
    print(f"== {count} slowest classes (of {len(by_class)}), sum of their tests")
    for class_name, (took, n) in sorted(by_class.items(), key=lambda item: item[1][0], reverse=True)[:count]:
        print(f"{took:8.1f} s  {short(class_name)} ({n} tests)")


def short(class_name: str) -> str:
    # "Consortium.Portal.IntegrationTests.Identity.SignInTests_Sqlite" -> "IntegrationTests.Identity.SignInTests_Sqlite"
    return class_name.removeprefix("Consortium.Portal.")


if __name__ == "__main__":
    main()
