"""Schema migrations, shared by every SQL backend.

Each version is a list of statements.  ``{pk}``, ``{json}`` and ``{real}``
are filled by the backend's `SQLStore.DDL` types; each backend adds its own
full-text statements for the same version (`SQLStore.FTS_MIGRATIONS`).  A
migration runs in one transaction together with the version bump, so a
crashed upgrade leaves the previous schema in place.

Version 2 splits incidents: ``incidents`` becomes a narrow index table (the
filter and sort columns plus a compact summary for list rows) and the full
documents move to ``incident_docs``, read only for the ids a caller asks for.
Sorting or counting no longer drags multi-kilobyte documents through the
sorter.  Its steps run in order: `MIGRATIONS`, the backend's full-text
statements, the Python backfill of the summaries (`SQLStore._backfill`), then
`POST_MIGRATIONS`.

Version 3 adds ``jobs``, the status of the web app's background pipeline runs.

Version 5 adds ``incident_ids``, the history of incident ids: the analysis run
that first gave each id out, and for an id merged into another the id it now
redirects to (`Store.resolve_incident_id`).

Version 4 adds the review audit log: ``review_log`` (append-only: rows are
inserted, never updated or deleted) and ``review_heads``, the latest entry per
reviewed key (a value, a report's placement, an incident's status), which makes
"was this edit based on the current version?" one atomic conditional upsert.

Version 6 adds two sort columns to ``incidents``: ``spread`` (the highest minus
the lowest killed figure reported) and ``n_contradictions``, each with an index
per direction; the backfill fills them (and refreshes the list summaries, which
gain the contradicted claims) from the stored documents.

Version 7 adds ``date_last``, the last day an incident's date stands for (the
same as ``date`` for a day; 31 December for "since 2011"), and rebuilds the
two date indexes over it: a month or year date sorts after the day dates of
its period in both directions and a date filter matches the overlap
(docs/comparison.md, "Dates and their precision"); the backfill also refreshes
the list summaries, which gain ``date_precision``.

Version 8 has no DDL: its backfill renames the reference verdict label
``no_match`` to ``disagrees`` (verdicts schema 2.0), because "no match" read
as "no record found" when it means a record was found and its figures differ.
"""

from __future__ import annotations

MIGRATIONS: dict[int, list[str]] = {
    1: [
        # seq is the insertion order (and the integer key full-text indexes need);
        # id is the public key every other table refers to
        """CREATE TABLE articles (
            seq {pk},
            id TEXT NOT NULL UNIQUE,
            content_hash TEXT NOT NULL UNIQUE,
            title TEXT NOT NULL DEFAULT '',
            text TEXT NOT NULL,
            outlet TEXT,
            url TEXT,
            published TEXT,
            language TEXT
        )""",
        "CREATE INDEX articles_published ON articles (published)",
        "CREATE INDEX articles_outlet ON articles (LOWER(outlet))",
        # row_no -1 stands for "whole file": NULLs would defeat the unique key.
        # The key includes article_id so that a file edited between two runs
        # records both texts instead of silently dropping the new one.
        """CREATE TABLE provenance (
            article_id TEXT NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
            source TEXT NOT NULL,
            row_no INTEGER NOT NULL,
            metadata {json} NOT NULL,
            UNIQUE (article_id, source, row_no)
        )""",
        "CREATE INDEX provenance_source ON provenance (source, row_no)",
        """CREATE TABLE extractions (
            article_id TEXT PRIMARY KEY,
            data {json} NOT NULL
        )""",
        """CREATE TABLE incidents (
            id TEXT PRIMARY KEY,
            data {json} NOT NULL,
            date TEXT,
            place_name TEXT,
            admin1 TEXT,
            actors TEXT,
            cause TEXT,
            grade TEXT,
            has_contradictions INTEGER NOT NULL DEFAULT 0,
            n_reports INTEGER NOT NULL DEFAULT 0,
            killed {real}
        )""",
        "CREATE INDEX incidents_date ON incidents (date)",
        "CREATE INDEX incidents_grade ON incidents (grade)",
        "CREATE INDEX incidents_cause ON incidents (cause)",
        "CREATE INDEX incidents_n_reports ON incidents (n_reports)",
        "CREATE INDEX incidents_killed ON incidents (killed)",
        "CREATE INDEX incidents_place ON incidents (LOWER(place_name))",
        """CREATE TABLE incident_reports (
            incident_id TEXT NOT NULL REFERENCES incidents (id) ON DELETE CASCADE,
            article_id TEXT NOT NULL,
            incident_index INTEGER NOT NULL,
            PRIMARY KEY (incident_id, article_id, incident_index)
        )""",
        "CREATE INDEX incident_reports_article ON incident_reports (article_id)",
        """CREATE TABLE verdicts (
            article_id TEXT NOT NULL,
            kind TEXT NOT NULL,
            data {json} NOT NULL,
            PRIMARY KEY (article_id, kind)
        )""",
    ],
    2: [
        # summary: the list row; facts: what outlet statistics read.  Both live
        # beside the document, not in the index table, so that filters scanning
        # the index table read a few dozen bytes a row
        """CREATE TABLE incident_docs (
            id TEXT PRIMARY KEY,
            data {json} NOT NULL,
            summary {json},
            facts {json}
        )""",
        "INSERT INTO incident_docs (id, data) SELECT id, data FROM incidents",
    ],
    3: [
        # background pipeline runs of the web app: every server process reads them,
        # so a status page works whichever worker answers it, and after a restart
        """CREATE TABLE jobs (
            id TEXT PRIMARY KEY,
            data {json} NOT NULL,
            created {real} NOT NULL,
            finished {real}
        )""",
        "CREATE INDEX jobs_created ON jobs (created)",
    ],
    4: [
        # seq orders the log and is the version an edit is based on
        """CREATE TABLE review_log (
            seq {pk},
            at TEXT NOT NULL,
            who TEXT NOT NULL,
            action TEXT NOT NULL,
            data {json} NOT NULL
        )""",
        """CREATE TABLE review_heads (
            key TEXT PRIMARY KEY,
            version INTEGER NOT NULL
        )""",
    ],
    5: [
        # the ids analysis has given out: when each was first given, and where a
        # merged-away id now lives (see corroborate.link.ids)
        """CREATE TABLE incident_ids (
            id TEXT PRIMARY KEY,
            first_seen INTEGER NOT NULL,
            merged_into TEXT,
            reason TEXT,
            changed INTEGER
        )""",
        "CREATE INDEX incident_ids_merged_into ON incident_ids (merged_into)",
    ],
    6: [
        "ALTER TABLE incidents ADD COLUMN spread {real}",
        "ALTER TABLE incidents ADD COLUMN n_contradictions INTEGER NOT NULL DEFAULT 0",
    ],
    7: [
        "ALTER TABLE incidents ADD COLUMN date_last TEXT",
    ],
    8: [],  # data only: see SQLStore._backfill
}

#: statements run after the Python backfill of the same version
POST_MIGRATIONS: dict[int, list[str]] = {
    2: [
        "ALTER TABLE incidents DROP COLUMN data",
        "DROP INDEX incidents_date",
        "DROP INDEX incidents_n_reports",
        "DROP INDEX incidents_killed",
        # one index per sort, in the ORDER BY's exact terms, so that a page is an
        # index walk (plus OFFSET steps) instead of a sort of every match
        "CREATE INDEX incidents_by_date ON incidents ((date IS NULL), date, id)",
        "CREATE INDEX incidents_by_date_desc ON incidents ((date IS NULL), date DESC, id)",
        "CREATE INDEX incidents_by_reports ON incidents (n_reports, id)",
        "CREATE INDEX incidents_by_reports_desc ON incidents (n_reports DESC, id)",
        "CREATE INDEX incidents_by_killed ON incidents ((killed IS NULL), killed, id)",
        "CREATE INDEX incidents_by_killed_desc ON incidents ((killed IS NULL), killed DESC, id)",
        "CREATE INDEX incidents_contra ON incidents (has_contradictions)",
        "CREATE INDEX incidents_admin1 ON incidents (LOWER(admin1))",
    ],
    6: [
        "CREATE INDEX incidents_by_spread ON incidents ((spread IS NULL), spread, id)",
        "CREATE INDEX incidents_by_spread_desc ON incidents ((spread IS NULL), spread DESC, id)",
        "CREATE INDEX incidents_by_contra ON incidents (n_contradictions, id)",
        "CREATE INDEX incidents_by_contra_desc ON incidents (n_contradictions DESC, id)",
    ],
    7: [
        "DROP INDEX incidents_by_date",
        "DROP INDEX incidents_by_date_desc",
        "CREATE INDEX incidents_by_date ON incidents ((date IS NULL), date_last, date DESC, id)",
        "CREATE INDEX incidents_by_date_desc ON incidents ((date IS NULL), date DESC, date_last, id)",
    ],
}
