#!/usr/bin/env python3
"""Runs generated SQL on real engines and prints what each query returned, as JSON.

Usage: engines.py JOB.json OUT.json

JOB holds, per engine, the statements `aafilter export` printed ("setup") and the queries
("queries"; "layouts" maps a layout name to more queries over that layout's table, which this
script builds from the exported rows). OUT gets, per engine and layout, one entry per query:
the rows as [id, matched_rules] pairs, or {"error": message}. Each engine starts once and runs every
query, so the engines start once. Trino has no server here: its queries are parsed by sqlglot.

The interop harness (Sources/aafilter-interop) writes JOB and compares OUT; scripts/interop sets
up the engines. A missing engine is an error naming it, never a skip.
"""
import concurrent.futures
import csv
import glob
import io
import json
import os
import pwd
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading

INSTALL = "run scripts/interop, which sets it up"


def fail(message):
    print(f"engines.py: {message}", file=sys.stderr)
    sys.exit(3)


def split_statements(text, backslash_escapes=False):
    """Splits a script at top-level semicolons; quotes may hold semicolons and newlines."""
    statements, current, quote, index = [], [], None, 0
    while index < len(text):
        char = text[index]
        current.append(char)
        if quote:
            if backslash_escapes and char == "\\" and index + 1 < len(text):
                current.append(text[index + 1])
                index += 1
            elif char == quote:
                quote = None
        elif char in ("'", '"', "`"):
            quote = char
        elif char == ";":
            statement = "".join(current[:-1]).strip()
            if statement:
                statements.append(statement)
            current = []
        index += 1
    rest = "".join(current).strip()
    if rest:
        statements.append(rest)
    return statements


def rows_of(cursor_rows, preview):
    return [[row[0], row[1] if preview else None] for row in cursor_rows]


def is_preview(query):
    return "AS matched_rules" in query


def run_dbapi(connection, queries):
    results = []
    for query in queries:
        try:
            cursor = connection.execute(query)
            results.append(rows_of(cursor.fetchall(), is_preview(query)))
        except Exception as error:  # reported per query, with the query, by the Swift test
            results.append({"error": str(error)})
    return results


def sqlite(job):
    import sqlite3

    connection = sqlite3.connect(":memory:")
    connection.executescript(job["setup"])
    return {"aafilter": run_dbapi(connection, job["queries"])}


def duckdb_engine(job):
    try:
        import duckdb
    except ImportError:
        fail(f"the duckdb Python package is missing; {INSTALL}")
    connection = duckdb.connect()
    for statement in split_statements(job["setup"]):
        connection.execute(statement)
    results = []
    for query in job["queries"]:
        try:
            results.append(rows_of(connection.execute(query).fetchall(), is_preview(query)))
        except Exception as error:
            results.append({"error": str(error)})
    return {"aafilter": results}


# The cloudquery and steampipe tables, as their PostgreSQL destinations create them
# (docs/sql.md), filled from the exported rows. Summaries are left out: those tools store
# full findings only.
POSTGRES_LAYOUTS = {
    "cloudquery": """
CREATE TABLE aws_accessanalyzer_analyzer_findings (
  _cq_id uuid, _cq_parent_id uuid, account_id text, region text, analyzer_arn text,
  analyzed_at timestamp without time zone, condition jsonb,
  created_at timestamp without time zone, id text, resource_owner_account text,
  resource_type text, status text, updated_at timestamp without time zone, action text[],
  error text, is_public boolean, principal jsonb, resource text, sources jsonb);
INSERT INTO aws_accessanalyzer_analyzer_findings
  (analyzer_arn, analyzed_at, condition, created_at, id, resource_owner_account, resource_type,
   status, updated_at, action, error, is_public, principal, resource)
SELECT 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/test',
  analyzed_at::timestamptz AT TIME ZONE 'UTC', condition, created_at::timestamptz AT TIME ZONE 'UTC',
  id, resource_owner_account, resource_type, status, updated_at::timestamptz AT TIME ZONE 'UTC',
  action, error, is_public, principal, resource
FROM aafilter_findings WHERE has_access_details;
""",
    "steampipe": """
CREATE TABLE aws_accessanalyzer_finding (
  access_analyzer_arn text, id text, analyzed_at timestamp with time zone,
  created_at timestamp with time zone, error text, is_public boolean, resource text,
  resource_owner_account text, resource_type text, status text,
  updated_at timestamp with time zone, action jsonb, sources jsonb, principal jsonb,
  condition jsonb, title text, partition text, region text, account_id text);
INSERT INTO aws_accessanalyzer_finding
  (access_analyzer_arn, id, analyzed_at, created_at, error, is_public, resource,
   resource_owner_account, resource_type, status, updated_at, action, principal, condition, title)
SELECT 'arn:aws:access-analyzer:us-east-1:111122223333:analyzer/test', id,
  analyzed_at::timestamptz, created_at::timestamptz, error, is_public, resource,
  resource_owner_account, resource_type, status, updated_at::timestamptz, to_jsonb(action),
  principal, condition, id
FROM aafilter_findings WHERE has_access_details;
""",
}


def free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def postgres_binaries():
    """The folder holding initdb and pg_ctl: on PATH (macOS, most installs), else Debian's."""
    for folder in [os.path.dirname(shutil.which("initdb") or "")] + sorted(
            glob.glob("/usr/lib/postgresql/*/bin"), reverse=True):
        if folder and all(os.access(os.path.join(folder, tool), os.X_OK)
                          for tool in ("initdb", "pg_ctl")):
            return folder
    return None


def server_user():
    """The server refuses to run as root: as root, it runs as the user scripts/interop names
    (created there only when running as root), else as whoever runs this."""
    if os.geteuid() != 0:
        return None
    return os.environ.get("AAFILTER_PG_USER", "postgres")


def postgres(job):
    bin_dir = postgres_binaries()
    if not bin_dir or not shutil.which("psql"):
        fail(f"PostgreSQL (initdb, pg_ctl, psql) is missing; {INSTALL}")
    root = tempfile.mkdtemp(prefix="aafilter-pg-")
    os.chmod(root, 0o777)
    data = os.path.join(root, "data")
    user = server_user()
    as_user = {}
    if user:
        try:
            group = pwd.getpwnam(user).pw_gid
        except KeyError:
            fail(f"there is no user '{user}' to run PostgreSQL as (it refuses root); {INSTALL}")
        as_user = {"user": user, "group": group, "extra_groups": []}
    port = free_port()

    def server_step(arguments):
        done = subprocess.run(arguments, capture_output=True, text=True, cwd=root, **as_user)
        if done.returncode != 0:
            fail(f"{os.path.basename(arguments[0])} failed: {done.stderr.strip()[-1500:]}")

    try:
        # A linguistic (ICU) default collation, where 'a' < 'B': the generated SQL must still
        # compare and order by bytes.
        server_step([f"{bin_dir}/initdb", "-D", data, "-E", "UTF8", "-A", "trust",
                     "--locale-provider=icu", "--icu-locale=en-US", "--locale=C.UTF-8",
                     "-U", "postgres"])
        # Loopback only, its socket in the temporary folder, stopped below whatever happens.
        server_step([f"{bin_dir}/pg_ctl", "-D", data, "-w", "-l", os.path.join(root, "log"),
                     "-o", f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off",
                     "start"])
        script = ["\\set ON_ERROR_STOP 0", "\\pset format csv", "\\pset tuples_only on"]
        script.append(job["setup"])
        for name, ddl in POSTGRES_LAYOUTS.items():
            if name in job.get("layouts", {}):
                script.append(ddl)
        order = [("aafilter", q) for q in job["queries"]]
        for name, queries in job.get("layouts", {}).items():
            order += [(name, q) for q in queries]
        for index, (_, query) in enumerate(order):
            script.append(f"\\echo @@@query {index}")
            script.append(f"\\warn @@@query {index}")
            script.append(query + ";")
        script.append("\\echo @@@end")
        path = os.path.join(root, "script.sql")
        with open(path, "w", encoding="utf-8") as handle:
            handle.write("\n".join(script) + "\n")
        os.chmod(path, 0o644)
        done = subprocess.run(
            ["psql", "-X", "-q", "-h", "127.0.0.1", "-p", str(port), "-U", "postgres",
             "-d", "postgres", "-f", path],
            capture_output=True, text=True, encoding="utf-8")
        chunks, current = {}, None
        for line in done.stdout.split("\n"):
            if line.startswith("@@@query "):
                current = int(line.split()[1])
                chunks[current] = []
            elif line == "@@@end":
                current = None
            elif current is not None:
                chunks[current].append(line)
        errors, failed, current = [], {}, None
        for line in done.stderr.split("\n"):
            if line.startswith("@@@query "):
                current = int(line.split()[1])
            elif "ERROR" in line:
                errors.append(line)
                if current is not None:
                    failed.setdefault(current, line)
        results = {"aafilter": []}
        for name in job.get("layouts", {}):
            results[name] = []
        for index, (name, query) in enumerate(order):
            lines = chunks.get(index)
            if index in failed:
                results[name].append({"error": failed[index]})
                continue
            if lines is None:
                results[name].append({"error": "no output: " + " | ".join(errors[:3])})
                continue
            rows = list(csv.reader(io.StringIO("\n".join(lines))))
            rows = [row for row in rows if row]
            results[name].append(rows_of(rows, is_preview(query)))
        if errors:
            results["errors"] = errors[:20]
        return results
    finally:
        subprocess.run([f"{bin_dir}/pg_ctl", "-D", data, "-m", "immediate", "stop"],
                       capture_output=True, cwd=root, **as_user)
        shutil.rmtree(root, ignore_errors=True)


# Athena's table over EventBridge events, built from the exported rows: one event per finding,
# plus an older event for every third finding (another status) that the layout must ignore,
# and a deleted finding's events, which it must leave out.
SPARK_EVENTS = """
CREATE OR REPLACE TEMPORARY VIEW access_analyzer_events AS
SELECT '0' AS version, concat('event-', seq) AS id, 'Access Analyzer Finding' AS detail_type,
  'aws.access-analyzer' AS source, '111122223333' AS account, '2025-01-01T00:00:00Z' AS time,
  'us-east-1' AS region, array('arn:aws:access-analyzer:us-east-1:111122223333:analyzer/a') AS resources,
  named_struct('version', '1.0', 'id', id, 'status', status, 'resourceType', resource_type,
    'resource', resource, 'createdAt', concat(substr(created_at, 1, 26), 'Z'),
    'analyzedAt', concat(substr(analyzed_at, 1, 26), 'Z'),
    'updatedAt', concat(substr(updated_at, 1, 26), 'Z'),
    'accountId', resource_owner_account, 'region', 'us-east-1',
    'principal', principal, 'action', action, 'condition', condition,
    'isDeleted', false, 'isPublic', is_public, 'error', error,
    'resourceOwnerAccount', resource_owner_account, 'findingType', finding_type,
    'resourceControlPolicyRestriction', resource_control_policy_restriction,
    'accessType', access_type, 'principalType', principal_type,
    'principalOwnerAccount', principal_owner_account,
    'serviceControlPolicyRestriction', service_control_policy_restriction) AS detail
FROM aafilter_findings WHERE has_access_details
UNION ALL
SELECT '0', concat('old-', seq), 'Access Analyzer Finding', 'aws.access-analyzer', '111122223333',
  '2024-01-01T00:00:00Z', 'us-east-1', array(),
  named_struct('version', '1.0', 'id', id, 'status', 'ACTIVE', 'resourceType', 'AWS::Old::Type',
    'resource', 'old', 'createdAt', '2020-01-01T00:00:00Z', 'analyzedAt', '2020-01-01T00:00:00Z',
    'updatedAt', '2020-01-01T00:00:00Z', 'accountId', '1', 'region', 'us-east-1',
    'principal', map('AWS', '*'), 'action', array('s3:GetObject'), 'condition', map(),
    'isDeleted', false, 'isPublic', true, 'error', CAST(NULL AS STRING),
    'resourceOwnerAccount', '1', 'findingType', 'ExternalAccess',
    'resourceControlPolicyRestriction', CAST(NULL AS STRING), 'accessType', CAST(NULL AS STRING),
    'principalType', CAST(NULL AS STRING), 'principalOwnerAccount', CAST(NULL AS STRING),
    'serviceControlPolicyRestriction', CAST(NULL AS STRING))
FROM aafilter_findings WHERE has_access_details AND seq % 3 = 0
UNION ALL
SELECT '0', 'deleted', 'Access Analyzer Finding', 'aws.access-analyzer', '111122223333',
  '2025-06-01T00:00:00Z', 'us-east-1', array(),
  named_struct('version', '1.0', 'id', 'zz-deleted', 'status', 'ACTIVE', 'resourceType', 'AWS::S3::Bucket',
    'resource', 'deleted', 'createdAt', '2020-01-01T00:00:00Z', 'analyzedAt', '2020-01-01T00:00:00Z',
    'updatedAt', '2020-01-01T00:00:00Z', 'accountId', '1', 'region', 'us-east-1',
    'principal', map('AWS', '*'), 'action', array('s3:GetObject'), 'condition', map(),
    'isDeleted', true, 'isPublic', true, 'error', CAST(NULL AS STRING),
    'resourceOwnerAccount', '1', 'findingType', 'ExternalAccess',
    'resourceControlPolicyRestriction', CAST(NULL AS STRING), 'accessType', CAST(NULL AS STRING),
    'principalType', CAST(NULL AS STRING), 'principalOwnerAccount', CAST(NULL AS STRING),
    'serviceControlPolicyRestriction', CAST(NULL AS STRING))
"""


# Spark plans and schedules every query for a good fraction of a second, whatever the table
# size, so it gets its queries in batches: each query exactly as the test wrote it, wrapped as
# a subquery that tags its rows with the case number and their position in the query's own
# output, and a batch's subqueries joined by UNION ALL into one job. The rows are then put back
# per case in that order. A batch that fails runs again one query at a time, so an error is
# reported against its own query.
SPARK_BATCH = 40


def spark_wrapped(case, query):
    return (f"SELECT {case} AS aafilter_case, monotonically_increasing_id() AS aafilter_position,"
            f" q.*\nFROM (\n{query}\n) AS q")


def spark(job):
    if not shutil.which("java"):
        fail(f"Java is missing (Spark needs it); {INSTALL}")
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        fail(f"the pyspark Python package is missing; {INSTALL}")
    warehouse = tempfile.mkdtemp(prefix="aafilter-spark-")
    spark = (SparkSession.builder.master("local[2]").appName("aafilter-sql-tests")
               .config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false")
               .config("spark.sql.shuffle.partitions", "1")
               # Compiling generated code costs more than interpreting 320 rows.
               .config("spark.sql.codegen.wholeStage", "false")
               .config("spark.sql.codegen.factoryMode", "NO_CODEGEN")
               .config("spark.sql.adaptive.enabled", "false")
               .config("spark.sql.warehouse.dir", warehouse)
               # A JVM that lives a minute or two: the C1 compiler alone costs a third less CPU
               # than with C2, and one collector thread is plenty for this heap.
               .config("spark.driver.extraJavaOptions",
                       f"-Dderby.system.home={warehouse} -XX:TieredStopAtLevel=1 -XX:+UseSerialGC")
               .getOrCreate())
    spark.sparkContext.setLogLevel("ERROR")
    try:
        for statement in split_statements(job["setup"], backslash_escapes=True):
            spark.sql(statement)
        # The exported table, in memory as one partition (a view of the same name hides the
        # table): sorts and windows over 320 rows then need no shuffle.
        spark.table("aafilter_findings").coalesce(1).createOrReplaceTempView("aafilter_findings")
        spark.catalog.cacheTable("aafilter_findings")
        if "athena-eventbridge" in job.get("layouts", {}):
            spark.sql(SPARK_EVENTS)

        def answer(query):
            try:
                rows = [tuple(row) for row in spark.sql(query).collect()]
                return rows_of(rows, is_preview(query))
            except Exception as error:
                return {"error": str(error)[:2000]}

        def answer_batch(queries):
            try:
                union = "\nUNION ALL\n".join(spark_wrapped(case, query)
                                              for case, query in enumerate(queries))
                rows = spark.sql(union).collect()
            except Exception:
                return [answer(query) for query in queries]
            per_case = [[] for _ in queries]
            for row in sorted(rows, key=lambda row: (row[0], row[1])):
                per_case[row[0]].append(tuple(row)[2:])
            return [rows_of(case_rows, is_preview(query))
                    for case_rows, query in zip(per_case, queries)]

        results = {}
        groups = [("aafilter", job["queries"])] + list(job.get("layouts", {}).items())
        with concurrent.futures.ThreadPoolExecutor(max_workers=2) as pool:
            for name, queries in groups:
                # Filters and previews return different columns: a batch holds one kind.
                batches = []
                for preview in (False, True):
                    indices = [i for i, query in enumerate(queries) if is_preview(query) == preview]
                    for start in range(0, len(indices), SPARK_BATCH):
                        batches.append(indices[start:start + SPARK_BATCH])
                answers = [None] * len(queries)
                for batch, batch_answers in zip(
                        batches, pool.map(lambda b: answer_batch([queries[i] for i in b]), batches)):
                    for index, batch_answer in zip(batch, batch_answers):
                        answers[index] = batch_answer
                results[name] = answers
        return results
    finally:
        spark.stop()
        shutil.rmtree(warehouse, ignore_errors=True)


def trino(job):
    try:
        import sqlglot
        from sqlglot.errors import ErrorLevel
    except ImportError:
        fail(f"the sqlglot Python package is missing; {INSTALL}")
    results = {}
    groups = [("aafilter", job["queries"])] + list(job.get("layouts", {}).items())
    groups.append(("setup", split_statements(job.get("setup", ""))))
    for name, queries in groups:
        results[name] = []
        for query in queries:
            try:
                parsed = sqlglot.parse(query, read="trino", error_level=ErrorLevel.RAISE)
                results[name].append([] if parsed and parsed[0] is not None else {"error": "empty"})
            except Exception as error:
                results[name].append({"error": str(error)[:2000]})
    return results


ENGINES = {"sqlite": sqlite, "postgres": postgres, "duckdb": duckdb_engine, "spark": spark,
           "trino": trino}


def main():
    # A stopped test run must still stop the PostgreSQL server (the finally blocks); Spark's
    # JVM exits with this process, when its standard input closes.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    if len(sys.argv) != 3:
        fail("usage: engines.py JOB.json OUT.json")
    with open(sys.argv[1], encoding="utf-8") as handle:
        job = json.load(handle)
    out = {}
    # Spark takes the longest, mostly in its driver: it runs beside the other engines, which
    # take turns.
    background = {}

    def run_spark():
        try:
            background["result"] = spark(job["spark"])
        except BaseException as error:  # raised again below, in the main thread
            background["error"] = error

    thread = threading.Thread(target=run_spark, daemon=True) if "spark" in job else None
    if thread:
        thread.start()
    for name, engine_job in job.items():
        if name != "spark":
            out[name] = ENGINES[name](engine_job)
    if thread:
        thread.join()
        if "error" in background:
            raise background["error"]
        out["spark"] = background["result"]
    with open(sys.argv[2], "w", encoding="utf-8") as handle:
        json.dump(out, handle)


if __name__ == "__main__":
    main()
