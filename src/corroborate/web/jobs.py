"""Background pipeline runs for the ingest page and ``POST /api/v1/articles``.

A run (ingest → extract → link → compare) takes seconds to minutes, longer
than a request should.  Each upload becomes a `Job` run on one worker thread
(runs are serialised: linking always sees everything stored so far); pages
and the API poll its status, which carries the current stage and counts.

The status is written to the store as it changes (`Store.put_job`), so with
several server processes (``serve --workers N``) any of them can answer a
status page, and a finished job's outcome survives a restart.  Runs in two
processes may overlap; a run that finds more articles stored at its end than
it analysed runs again, so the last run to finish has seen every article.
"""

from __future__ import annotations

import logging
import os
import socket
import tempfile
import threading
import time
import uuid
from collections.abc import Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..errors import CorroborateError, error

if TYPE_CHECKING:
    from ..app import Corroborate
    from ..models import Article

#: jobs kept for status pages; the oldest finished ones are forgotten first
MAX_JOBS = 200
#: a running job's progress is written to the store at most this often (seconds)
SAVE_EVERY = 0.5
#: at most this many extra runs when articles keep arriving during a run
MAX_RERUNS = 3

log = logging.getLogger(__name__)


@dataclass
class Job:
    id: str
    state: str = "queued"  # queued | running | done | failed
    stage: str = ""
    done: int = 0
    total: int | None = None
    added: list[str] = field(default_factory=list)
    duplicates: list[str] = field(default_factory=list)
    rejects: list[dict[str, Any]] = field(default_factory=list)
    incidents: int = 0
    error: str | None = None
    created: float = field(default_factory=time.time)
    finished: float | None = None
    #: the server process running it (host, pid, start time), to tell a dead one's jobs
    owner: dict[str, Any] = field(default_factory=dict)
    #: the job that re-ran the pipeline after this one was interrupted
    resumed_by: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"id": self.id, "state": self.state, "stage": self.stage, "done": self.done,
                "total": self.total, "added": self.added, "duplicates": self.duplicates,
                "rejects": self.rejects, "incidents": self.incidents, "error": self.error,
                "finished": self.finished is not None, "resumed_by": self.resumed_by}

    def record(self) -> dict[str, Any]:
        """What the store keeps: the status plus its times."""
        return {**self.to_dict(), "created": self.created, "finished_at": self.finished,
                "owner": self.owner}

    @classmethod
    def from_record(cls, rec: dict[str, Any]) -> Job:
        return cls(id=rec["id"], state=rec["state"], stage=rec.get("stage") or "",
                   done=rec.get("done") or 0, total=rec.get("total"),
                   added=list(rec.get("added") or []),
                   duplicates=list(rec.get("duplicates") or []),
                   rejects=list(rec.get("rejects") or []), incidents=rec.get("incidents") or 0,
                   error=rec.get("error"), created=rec.get("created") or 0.0,
                   finished=rec.get("finished_at"), owner=dict(rec.get("owner") or {}),
                   resumed_by=rec.get("resumed_by"))


class JobRunner:
    """Runs pipeline jobs one at a time on a worker thread and remembers their status."""

    def __init__(self, app: Corroborate) -> None:
        self.app = app
        self._jobs: dict[str, Job] = {}
        #: the queued API pipeline run that new posts may join
        self._pending: Job | None = None
        self._lock = threading.Lock()
        self._pool = ThreadPoolExecutor(max_workers=1, thread_name_prefix="corroborate-job")
        #: when each running job's status was last written
        self._saved: dict[str, float] = {}
        self.owner = current_owner()

    def recover(self) -> Job | None:
        """Mark the unfinished jobs of server processes that are gone as interrupted,
        and queue one pipeline run that extracts and links what they stored.

        Called once at start-up.  A job of a process still alive (another worker of
        this server) is left alone.  Returns the re-queued job, if any.
        """
        orphans = [Job.from_record(rec) for rec in self.app.store.unfinished_jobs()
                   if not owner_alive(rec.get("owner") or {}, self.owner)]
        if not orphans:
            return None
        rerun = self._new()
        for job in orphans:
            job.state = "interrupted"
            job.error = (f"the server stopped during this job (stage {job.stage or 'queued'}); "
                         f"job {rerun.id} ran the pipeline again over everything stored")
            job.stage = ""
            job.finished = time.time()
            job.resumed_by = rerun.id
            rerun.added.extend(job.added)
            self._save(job)
        self._save(rerun)
        self._pool.submit(self._guard, rerun, lambda: self._pipeline(rerun))
        return rerun

    def get(self, job_id: str) -> Job | None:
        """The job, from this process if it runs here, else as another process (or an
        earlier run of this server) last wrote it to the store."""
        with self._lock:
            job = self._jobs.get(job_id)
        if job is not None:
            return job
        rec = self.app.store.get_job(job_id)
        return Job.from_record(rec) if rec is not None else None

    def _save(self, job: Job, *, force: bool = True) -> None:
        now = time.monotonic()
        if not force and now - self._saved.get(job.id, 0.0) < SAVE_EVERY:
            return
        self._saved[job.id] = now
        try:
            self.app.store.put_job(job.record())
            if job.finished is not None:
                self._saved.pop(job.id, None)
                self.app.store.prune_jobs(MAX_JOBS)
        except Exception:  # a status write must never fail the run it describes
            log.exception("could not store the status of job %s", job.id)

    def _new(self) -> Job:
        job = Job(id=uuid.uuid4().hex[:16], owner=self.owner)
        with self._lock:
            if len(self._jobs) >= MAX_JOBS:
                old = sorted((j for j in self._jobs.values() if j.finished),
                             key=lambda j: j.created)
                for j in old[: len(self._jobs) - MAX_JOBS + 1]:
                    del self._jobs[j.id]
            self._jobs[job.id] = job
        return job

    def submit_files(self, files: Sequence[tuple[str, bytes]],
                     stored: Sequence[dict[str, Any]] = ()) -> Job:
        """Queue uploaded files (name, content): they are written to a private temp
        folder under sanitised names and read by the ingest readers.  ``stored`` are
        articles the request already stored (pasted text), reported with the job."""
        job = self._new()
        job.added = [s["id"] for s in stored if s["status"] == "added"]
        job.duplicates = [s["id"] for s in stored if s["status"] == "duplicate"]
        self._save(job)
        self._pool.submit(self._guard, job, lambda: self._run_files(job, files))
        return job

    def submit_articles(self, articles: Sequence[Article], stored: Sequence[dict[str, Any]]) -> Job:
        """Queue the pipeline for articles already stored (by the API).

        A client posting articles one by one would queue one full re-link per
        article; instead, posts that arrive while a pipeline run is still queued
        join it (and share its status), since one run covers everything stored.
        """
        added = [s["id"] for s in stored if s["status"] == "added"]
        duplicates = [s["id"] for s in stored if s["status"] == "duplicate"]
        with self._lock:
            pending = self._pending
            joined = pending is not None and pending.state == "queued"
            if pending is not None and joined:
                pending.added.extend(added)
                pending.duplicates.extend(duplicates)
        if pending is not None and joined:
            self._save(pending)
            return pending
        job = self._new()
        job.added, job.duplicates = added, duplicates
        with self._lock:
            self._pending = job
        self._save(job)
        self._pool.submit(self._guard, job, lambda: self._pipeline(job))
        return job

    def wait(self, job: Job, timeout: float = 600) -> Job:
        end = time.monotonic() + timeout
        while job.finished is None and time.monotonic() < end:
            time.sleep(0.05)
        return job

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True, cancel_futures=True)

    # --- the work ----------------------------------------------------------------------
    def _guard(self, job: Job, work: Any) -> None:
        with self._lock:
            if self._pending is job:
                self._pending = None
            job.state = "running"
        self._save(job)
        try:
            work()
            job.state = "done"
        except CorroborateError as exc:
            job.state, job.error = "failed", str(exc)
        except Exception as exc:  # the status page must say what went wrong
            job.state, job.error = "failed", f"{type(exc).__name__}: {exc}"
        finally:
            job.stage = ""
            job.finished = time.time()
            self._save(job)

    def _run_files(self, job: Job, files: Sequence[tuple[str, bytes]]) -> None:
        from ..ingest import FetchPolicy, iter_inputs

        store = self.app.store
        job.stage = "ingest"
        with tempfile.TemporaryDirectory(prefix="corroborate-upload-") as tmp:
            paths: list[Path] = []
            names: dict[str, str] = {}
            for i, (name, content) in enumerate(files):
                # only the sanitised base name is used, inside our own folder
                path = Path(tmp) / str(i) / safe_filename(name)
                path.parent.mkdir()
                path.write_bytes(content)
                paths.append(path)
                names[str(path)] = f"upload:{path.name}"
            chunk: list[Article] = []
            for item in iter_inputs(paths, fetch=FetchPolicy.from_settings(self.app.settings)):
                if isinstance(item, CorroborateError):
                    if item.file in names:
                        item.file = names[item.file]
                    job.rejects.append(item.to_dict())
                    continue
                for p in item.provenance:
                    p.source = names.get(p.source, p.source)
                chunk.append(item)
                job.done += 1
            result = store.add_articles(chunk)
            job.added.extend(result.added)
            job.duplicates.extend(result.duplicates)
        self._pipeline(job)

    def _pipeline(self, job: Job) -> None:
        from ..analyze import analyze

        def progress(items: Iterable[Any], total: int | None, label: str) -> Iterable[Any]:
            job.stage, job.total, job.done = label, total, 0
            self._save(job)
            for item in items:
                yield item
                job.done += 1
                self._save(job, force=False)

        store = self.app.store
        result = analyze(self.app, [], progress=progress)
        # another server process may have stored articles while this run linked: the
        # incidents just written would leave them out, so go again until none came
        reruns = 0
        while store.count_articles() != result.articles and reruns < MAX_RERUNS:
            reruns += 1
            result = analyze(self.app, [], progress=progress)
        job.incidents = result.counts.get("incidents", 0)
        job.rejects.extend(r.to_dict() for r in result.rejects)


def current_owner() -> dict[str, Any]:
    """This server process, as recorded with its jobs."""
    pid = os.getpid()
    return {"host": socket.gethostname(), "pid": pid, "started": _process_start(pid)}


def _process_start(pid: int) -> str | None:
    """When a process started (Linux /proc), so a reused pid is not taken for it."""
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return None
    return stat.rsplit(")", 1)[-1].split()[19]


def owner_alive(owner: dict[str, Any], me: dict[str, Any]) -> bool:
    """Whether the process that owns a job may still be running it.

    A job of another host cannot be checked and is left alone; one with no owner
    (written before owners were recorded) or of a pid that is gone, or reused by a
    later process, is not alive.
    """
    if not owner:
        return False
    if owner.get("host") != me["host"]:
        return True
    pid = owner.get("pid")
    if not isinstance(pid, int) or pid == me["pid"] and owner.get("started") != me["started"]:
        return False
    if pid == me["pid"]:
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        pass  # alive, under another user
    started = owner.get("started")
    return started is None or started == _process_start(pid)


#: file types the ingest page accepts (the ingest readers' extensions)
ALLOWED_SUFFIXES = (".txt", ".text", ".md", ".markdown", ".csv", ".tsv", ".jsonl", ".ndjson",
                    ".json", ".html", ".htm", ".xhtml", ".rss", ".atom", ".xml", ".rdf", ".urls")


def safe_filename(name: str) -> str:
    """A base name with no directories or odd characters; the suffix is kept."""
    from ..ingest import slugify

    base = name.replace("\\", "/").rsplit("/", 1)[-1]
    stem, dot, suffix = base.rpartition(".")
    if not dot:
        stem, suffix = base, ""
    safe_suffix = "." + suffix.lower() if suffix and suffix.isalnum() else ""
    return slugify(stem)[:100] + safe_suffix


def check_upload(name: str, size: int, limit: int) -> None:
    """E061 for a type the readers do not know, E060 for a file over the limit."""
    suffix = Path(name.replace("\\", "/")).suffix.lower()
    if suffix not in ALLOWED_SUFFIXES:
        raise error("E061", f"{suffix or 'no extension'} is not accepted; use one of "
                    f"{', '.join(ALLOWED_SUFFIXES)}", file=name)
    if size > limit:
        raise error("E060", f"{size:,} bytes is over the limit of {limit:,} bytes", file=name)
