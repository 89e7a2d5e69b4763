#!/usr/bin/env python3
"""The decisions register's search as SQL, timed in the bench's SQLite database: the old shape against the new one.

search_sql.py DATA_FOLDER WORD [ROUNDS]
    Prints the query plans and the p95 (ms) of each shape over ROUNDS runs (default 200), both on the same rows and
    workspaces: where the time of a search goes, apart from HTTP, sign-in and rendering.
      old: lower(Text) and lower(Code) searched with instr, a COUNT and then the page (two passes, each folding every row);
      new: the folded SearchText with instr, the page, and the COUNT only when the page is full (as MeetingViews does).
"""
import glob
import sqlite3
import sys
import time


def p95(db, sql, args, rounds):
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        db.execute(sql, args).fetchall()
        times.append(time.perf_counter() - start)
    times.sort()
    return times[int(len(times) * 0.95) - 1] * 1000


def main(folder, word, rounds):
    for path in glob.glob(f"{folder}/**/*.db", recursive=True):
        db = sqlite3.connect(path)
        tables = [r[0] for r in db.execute("select name from sqlite_master where type='table' and name like '%Decisions'")]
        if tables:
            break
    else:
        sys.exit(f"no decisions table under {folder}")
    t = tables[0]
    workspaces = [r[0] for r in db.execute(f'select distinct WorkspaceId from "{t}"')]
    visible = "(" + ",".join("?" for _ in workspaces) + ")"
    order = 'order by DecidedAtUtc desc, Number desc limit 20'
    old_where = f'WorkspaceId in {visible} and (instr(lower(Text), ?) > 0 or instr(lower(Code), ?) > 0)'
    new_where = f'WorkspaceId in {visible} and instr(SearchText, ?) > 0'
    shapes = {
        "old count": (f'select count(*) from "{t}" where {old_where}', [*workspaces, word, word]),
        "old page": (f'select * from "{t}" where {old_where} {order}', [*workspaces, word, word]),
        "new page": (f'select * from "{t}" where {new_where} {order}', [*workspaces, word]),
        "new count": (f'select count(*) from "{t}" where {new_where}', [*workspaces, word]),
    }
    total = db.execute(f'select count(*) from "{t}"').fetchone()[0]
    hits = db.execute(shapes["new count"][0], shapes["new count"][1]).fetchone()[0]
    print(f"{total} decisions, {len(workspaces)} workspaces, {hits} hits for '{word}'")
    for name, (sql, args) in shapes.items():
        plan = "; ".join(r[3] for r in db.execute("explain query plan " + sql, args))
        print(f"{name}: p95 {p95(db, sql, args, rounds):.2f} ms  plan: {plan}")


if __name__ == "__main__":
    main(sys.argv[1], sys.argv[2], int(sys.argv[3]) if len(sys.argv) > 3 else 200)
