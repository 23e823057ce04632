#!/usr/bin/env python3
"""Loads `cbsh records format=jsonl` into DuckDB with AWS's Glue columns for CTRs and runs the
callback funnel of docs/ctr-analytics.md.

    Tests/Analytics/ctr_duckdb.py CBSH        # checks the funnel of a known scenario
    Tests/Analytics/ctr_duckdb.py --sql       # prints the CREATE TABLE for the docs

The table is built from AWS's own Glue table (Tests/Fixtures/glue-connect_ctr-table-aws-samples.ts.txt:
lower-cased names, nested structs), Hive types turned into DuckDB's. Exit 0 when the counts are
right, 1 when not, 77 when the duckdb module is missing (a skip, not a failure).
"""

import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
GLUE = ROOT / "Tests" / "Fixtures" / "glue-connect_ctr-table-aws-samples.ts.txt"

# A retry that is answered, a callback whose only attempt fails (exhausted), and a call
# answered at once: 3 calls, 2 callbacks requested, 3 attempts, 1 answered, 1 exhausted.
SCENARIO = """
agent alice
enqueue
callback C1 initial-delay=10s max-attempts=2 retry-delay=1m
wait 10s
offer
accept
wait 20s
fail reason=no-answer
ready alice
wait 1m
offer
accept
wait 10s
connect
wait 2m
hangup
ready alice
enqueue
callback C4 initial-delay=10s max-attempts=1
wait 10s
offer
accept
fail reason=busy
ready alice
enqueue
offer
accept
wait 1m
hangup
ready alice
"""

EXPECTED = {"calls": 3, "callbacks_requested": 2, "attempts": 3, "answered": 1, "exhausted": 1}

# The funnel of docs/ctr-analytics.md, word for word.
FUNNEL = """
SELECT
  count(*) FILTER (WHERE initiationmethod = 'INBOUND') AS calls,
  count(DISTINCT coalesce(initialcontactid, contactid))
    FILTER (WHERE initiationmethod = 'CALLBACK') AS callbacks_requested,
  count(*) FILTER (WHERE initiationmethod = 'CALLBACK'
                     AND queue.dequeuetimestamp IS NOT NULL) AS attempts,
  count(*) FILTER (WHERE initiationmethod = 'CALLBACK'
                     AND agent.connectedtoagenttimestamp IS NOT NULL) AS answered,
  count(*) FILTER (WHERE initiationmethod = 'CALLBACK'
                     AND disconnectreason LIKE 'TELECOM_%'
                     AND nextcontactid IS NULL) AS exhausted
FROM connect_ctr
"""

# The load of docs/ctr-analytics.md: by name, which DuckDB matches without regard to case,
# as Athena's JSON SerDe does; the two formats keep timestamps the strings Glue declares.
LOAD = """
INSERT INTO connect_ctr BY NAME
SELECT * FROM read_json('{path}', format = 'newline_delimited',
                        dateformat = '%d', timestampformat = '%d')
"""


def duckdb_type(hive):
    """A Hive type of the Glue table as DuckDB's: struct<a:int> is STRUCT("a" INTEGER)."""
    hive = hive.strip()
    if hive.startswith("struct<") and hive.endswith(">"):
        return "STRUCT(" + ", ".join(
            f'"{name}" {duckdb_type(inner)}' for name, inner in fields(hive[7:-1])) + ")"
    if hive.startswith("array<") and hive.endswith(">"):
        return duckdb_type(hive[6:-1]) + "[]"
    return {"string": "VARCHAR", "int": "INTEGER", "bigint": "BIGINT"}[hive]


def fields(body):
    """`a:int,b:struct<c:string>` as (name, type) pairs, splitting at top-level commas."""
    depth, start, found = 0, 0, []
    for index, char in enumerate(body + ","):
        if char == "<":
            depth += 1
        elif char == ">":
            depth -= 1
        elif char == "," and depth == 0:
            name, _, kind = body[start:index].partition(":")
            found.append((name, kind))
            start = index + 1
    return found


def glue_columns():
    text = GLUE.read_text()
    return re.findall(r'name:\s*"([a-z]+)",\s*type:\s*"([^"]+)"', text)


def create_table_sql():
    columns = ",\n".join(f'  "{name}" {duckdb_type(kind)}' for name, kind in glue_columns())
    return f"CREATE TABLE connect_ctr (\n{columns}\n);"


def main():
    if sys.argv[1:] == ["--sql"]:
        print(create_table_sql())
        return 0
    try:
        import duckdb
    except ImportError:
        print("note: the duckdb module is not installed (pip install duckdb): skipped")
        return 77
    cbsh = sys.argv[1]
    columns = glue_columns()
    assert len(columns) == 31, f"the Glue table has 31 columns, found {len(columns)}"
    with tempfile.TemporaryDirectory() as folder:
        path = os.path.join(folder, "records.jsonl")
        run = subprocess.run(
            [cbsh, "-c", SCENARIO + f"\nrecords format=jsonl file={path}"],
            capture_output=True, text=True)
        if run.returncode != 0:
            print(f"cbsh failed ({run.returncode}): {run.stderr}")
            return 1
        con = duckdb.connect()
        con.execute(create_table_sql())
        con.execute(LOAD.format(path=path))
        loaded = con.execute("SELECT count(*) FROM connect_ctr").fetchone()[0]
        row = con.execute(FUNNEL).fetchone()
        got = dict(zip(EXPECTED, row))
        heads = con.execute(
            "SELECT count(*) FROM connect_ctr WHERE initialcontactid IS NULL").fetchone()[0]
    problems = []
    if loaded != 6:
        problems.append(f"loaded {loaded} records, expected 6")
    if got != EXPECTED:
        problems.append(f"funnel {got}, expected {EXPECTED}")
    if heads != 3:
        problems.append(f"{heads} chain heads (InitialContactId IS NULL), expected 3")
    for problem in problems:
        print("FAIL:", problem)
    if not problems:
        print(f"ok: {loaded} records loaded with AWS's Glue columns; funnel {got}")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
