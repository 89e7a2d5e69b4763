#!/usr/bin/env python3
"""Adds decisions to the bench portal's SQLite database by copying the ones seeded through the API.

bulk_decisions.py DATA_FOLDER TOTAL WORD
bulk_decisions.py --postgres CONNINFO TOTAL WORD     (CONNINFO as psql takes it: "host=… port=… user=… dbname=…")
    Copies the decisions table's rows (each a decision recorded through the API, so every column is as the portal writes
    it) until there are TOTAL, each with a new id and the next number of its workspace and year; every tenth copy's text
    holds WORD. Seeding 10,000 decisions one POST at a time takes longer than the measurement on a loaded machine; the
    register's search reads only this table, so copies measure the same query.
"""
import csv
import glob
import io
import sqlite3
import subprocess
import sys
import unicodedata
import uuid

TOPICS = ["budget", "schedule", "trainings", "op-eds", "visibility", "fieldwork", "translations", "reporting", "venues", "media"]


def fold(text):
    # As Decision.SearchFold: lower case, no accents, đ as dj.
    decomposed = unicodedata.normalize("NFD", text.lower().replace("đ", "dj"))
    return unicodedata.normalize("NFC", "".join(c for c in decomposed if unicodedata.category(c) != "Mn"))


def copies(rows, total, word):
    """The rows to add: copies of the seeded ones, numbered on per workspace and year, every tenth holding WORD."""
    upper = str(rows[0]["Id"]) == str(rows[0]["Id"]).upper()
    numbers = {}
    for r in rows:
        key = (r["WorkspaceId"], r["Year"])
        numbers[key] = max(numbers.get(key, 0), int(r["Number"]))
    count = len(rows)
    batch = []
    while count < total:
        source = rows[count % len(rows)]
        copy = dict(source)
        key = (copy["WorkspaceId"], copy["Year"])
        numbers[key] += 1
        new_id = str(uuid.uuid4())
        copy["Id"] = new_id.upper() if upper else new_id
        copy["Number"] = numbers[key]
        prefix = source["Code"].rsplit("-", 2)[0]
        copy["Code"] = f"{prefix}-{copy['Year']}-{copy['Number']:03d}"
        count += 1
        extra = f" after the {word}" if count % 10 == 0 else ""
        copy["Text"] = f"The partners agree on the {TOPICS[count % len(TOPICS)]} for the next round{extra} (decision {count})."
        if "SearchText" in copy:
            copy["SearchText"] = fold(copy["Code"] + " " + copy["Text"])
        batch.append(copy)
    return batch, count


def main(folder, total, word):
    for path in glob.glob(f"{folder}/**/*.db", recursive=True):
        db = sqlite3.connect(path, timeout=60)
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' and name like '%Decisions'")]
        if tables:
            break
    else:
        sys.exit(f"no decisions table under {folder}")
    table = tables[0]
    columns = [r[1] for r in db.execute(f'pragma table_info("{table}")')]
    rows = [dict(zip(columns, r)) for r in db.execute(f'select * from "{table}"')]
    if not rows:
        sys.exit("no decision was seeded through the API to copy")
    batch, count = copies(rows, total, word)
    marks = ",".join("?" for _ in columns)
    names = ",".join(f'"{c}"' for c in columns)
    with db:
        db.executemany(f'insert into "{table}" ({names}) values ({marks})', [tuple(c[k] for k in columns) for c in batch])
    print(f"   {count} decisions in {table} ({len(batch)} copied)", file=sys.stderr)


def main_postgres(conninfo, total, word):
    table = "MeetingsDecisions"

    def psql(*args, stdin=None):
        return subprocess.run(["psql", conninfo, "-v", "ON_ERROR_STOP=1", "-q", *args], input=stdin, capture_output=True, text=True, check=True).stdout

    # CSV with a header, NULL as an empty unquoted field (psql's \copy default for CSV).
    out = psql("-c", f'\\copy (select * from "{table}") to stdout with (format csv, header)')
    reader = csv.DictReader(io.StringIO(out))
    columns = reader.fieldnames
    rows = list(reader)
    if not rows:
        sys.exit("no decision was seeded through the API to copy")
    batch, count = copies(rows, total, word)
    buffer = io.StringIO()
    writer = csv.DictWriter(buffer, fieldnames=columns)
    writer.writeheader()
    writer.writerows(batch)
    names = ",".join(f'"{c}"' for c in columns)
    psql("-c", f'\\copy "{table}" ({names}) from pstdin with (format csv, header)', stdin=buffer.getvalue())
    psql("-c", f'analyze "{table}"')
    print(f"   {count} decisions in {table} ({len(batch)} copied)", file=sys.stderr)


if __name__ == "__main__":
    if sys.argv[1] == "--postgres":
        main_postgres(sys.argv[2], int(sys.argv[3]), sys.argv[4])
    else:
        main(sys.argv[1], int(sys.argv[2]), sys.argv[3])
