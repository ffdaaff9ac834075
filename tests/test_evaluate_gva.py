import json
import os
from pathlib import Path

import pytest

from corroborate.errors import CorroborateError
from corroborate.evaluate.gva import read_docs, read_incidents

SHARED = Path(os.environ.get("CORROBORATE_SHARED", "../shared"))


def _write(folder: Path) -> None:
    (folder / "docs.jsonl").write_text(json.dumps({
        "doc_id": "d1", "incident_id": "7", "title": "Man shot", "dct": "2017-03-02",
        "content": "A man was shot dead on Main Street."}) + "\n", encoding="utf-8")
    (folder / "incidents.jsonl").write_text(json.dumps({
        "incident_id": "7", "date": "March 1, 2017", "state": "Ohio", "city_or_county": "Dayton",
        "num_killed": 1, "num_injured": 0, "frames": []}) + "\n", encoding="utf-8")


def test_gva_reads_docs_and_incidents(tmp_path):
    _write(tmp_path)
    docs = read_docs(tmp_path)
    incs = read_incidents(tmp_path)
    assert docs[0].article.id == "gva-d1" and docs[0].article.published == "2017-03-02"
    assert incs["7"].killed == 1 and incs["7"].state == "Ohio" and incs["7"].date.isoformat() == "2017-03-01"


def test_gva_malformed_line_names_file_and_row(tmp_path):
    _write(tmp_path)
    with (tmp_path / "incidents.jsonl").open("a") as fh:
        fh.write("{not json\n")
    with pytest.raises(CorroborateError) as exc:
        read_incidents(tmp_path)
    assert exc.value.code == "E013" and exc.value.row == 2


def test_gva_dev_corpus_loads():
    folder = SHARED / "data" / "gva-dev"
    docs = read_docs(folder)
    incs = read_incidents(folder)
    assert len(docs) == 2791 and len(incs) == 1656
    assert all(d.incident_id in incs for d in docs)
