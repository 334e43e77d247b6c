"""Bad input as a user meets it: `python -m kg` as a subprocess, real files, the real local server.

Every case must end in one clear line naming the file at fault (never a traceback) and must not
leave half an output behind: no output file from a failed `kg extract -o`, nothing in the graph
from a `kg load` whose file has a bad record anywhere, even on its last line.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from kg.config import SAMPLE_CORPUS
from kg.ingest import MAX_ARTICLE_CHARS, MAX_BYTES, iter_articles, normalize, split_articles
from kg.models import DocumentResult

KG = [sys.executable, "-m", "kg"]
CORPUS_FILES = sorted(SAMPLE_CORPUS.glob("*.txt"))
GOOD = SAMPLE_CORPUS / "001_7045c40841cfed20.txt"  # two articles


@dataclass
class Run:
    returncode: int
    stdout: str
    stderr: str
    seconds: float
    max_rss_mb: float  # peak resident memory of the `kg` process

    @property
    def error_lines(self) -> list[str]:
        return [line for line in self.stderr.splitlines() if line.startswith("error:")]


def kg(*args: str, tmp_path: Path, env: dict | None = None, timeout: float = 300) -> Run:
    """Run `python -m kg ARGS` and measure its wall time and peak memory (os.wait4 on that child)."""
    out, err = tmp_path / ".kg-stdout", tmp_path / ".kg-stderr"
    environment = {**os.environ, "COLUMNS": "80", **(env or {})}  # a narrow terminal: messages must not wrap
    started = time.perf_counter()
    with open(out, "wb") as o, open(err, "wb") as e:
        proc = subprocess.Popen([*KG, *args], stdout=o, stderr=e, env=environment, cwd=tmp_path)
    deadline = started + timeout
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        if time.perf_counter() > deadline:
            proc.kill()
            proc.wait()
            pytest.fail(f"kg {' '.join(args)} did not finish within {timeout} s")
        time.sleep(0.05)
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        returncode=proc.returncode,
        stdout=out.read_text(encoding="utf-8", errors="replace"),
        stderr=err.read_text(encoding="utf-8", errors="replace"),
        seconds=time.perf_counter() - started,
        max_rss_mb=usage.ru_maxrss / 1024,
    )


def assert_clear_error(run: Run, message: str) -> None:
    """Exit 1, no traceback, and ``message`` whole on one `error:` line."""
    assert run.returncode == 1, run.stderr
    assert "Traceback" not in run.stderr, run.stderr
    assert any(message in line for line in run.error_lines), f"{message!r} not on one error line of:\n{run.stderr}"


@pytest.fixture
def server_env(graph_settings, tmp_path) -> dict:
    return {
        "NEO4J_URI": graph_settings.uri,
        "NEO4J_USER": graph_settings.user,
        "NEO4J_PASSWORD": graph_settings.password,
        "KG_HOME": str(tmp_path / "home"),
    }


def _node_count(driver) -> int:
    return driver.execute_query("MATCH (n) RETURN count(n) AS c").records[0]["c"]


# --- one bad file -------------------------------------------------------------------------------


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    run = kg("extract", str(empty), "-o", str(tmp_path / "out.jsonl"), tmp_path=tmp_path)
    assert_clear_error(run, f"error: {empty}: the file is empty (no text)")
    assert not (tmp_path / "out.jsonl").exists()


def test_gbk_file_is_refused_with_the_iconv_command(tmp_path):
    """GBK/GB18030 is detected and refused (not converted): the message gives the iconv command."""
    gbk = tmp_path / "gbk.txt"
    gbk.write_bytes("十四届全国人大常委会第八次会议在京举行。\n会议听取了报告。\n".encode("gb18030"))
    run = kg("extract", str(gbk), tmp_path=tmp_path)
    assert_clear_error(
        run,
        f"error: {gbk}: not UTF-8 (invalid byte 0xcb at byte offset 2); looks like GBK/GB18030; "
        "convert with iconv -f GB18030 -t UTF-8",
    )
    assert run.stdout == ""


_RNG = random.Random(7)


@pytest.mark.parametrize(
    "name, data, expected, end",
    [
        ("elf.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)), "binary content (NUL byte at byte offset 7), not a text file", ""),
        ("controls.txt", b"\x1b[0m\x01\x02\x03" * 200, "binary content (800 control bytes in 1400), not a text file", ""),
        ("random.txt", _RNG.randbytes(100_000), "binary content (NUL byte at byte offset", ""),
        ("random_no_nul.txt", _RNG.randbytes(100_000).replace(b"\x00", b"a"), "binary content (", "control bytes in 100000), not a text file"),
        ("high_bytes.txt", bytes(_RNG.randrange(0x80, 0x100) for _ in range(5000)), "not UTF-8 (invalid byte", "; save the file as UTF-8"),
        ("shift_jis.txt", "日本語のテキストです。これはテストです。".encode("shift_jis"), "not UTF-8 (invalid byte", "; save the file as UTF-8"),
    ],
)
def test_binary_junk(tmp_path, name, data, expected, end):
    """Binary junk, and text in an encoding that is not GBK: refused without the GB18030 hint."""
    path = tmp_path / name
    path.write_bytes(data)
    run = kg("extract", str(path), "-o", str(tmp_path / "out.jsonl"), tmp_path=tmp_path)
    assert_clear_error(run, f"error: {path}: {expected}")
    assert run.error_lines[0].endswith(end)
    assert not (tmp_path / "out.jsonl").exists()


def test_path_that_does_not_exist(tmp_path):
    missing = tmp_path / "no" / "such.txt"
    run = kg("extract", str(missing), tmp_path=tmp_path)
    assert_clear_error(run, f"error: {missing}: no such file")


def test_file_over_the_size_limit_is_refused_at_once(tmp_path):
    big = tmp_path / "huge.txt"
    with open(big, "wb") as f:
        f.truncate(MAX_BYTES + 1)  # sparse: refused on its size, before a byte is read
    run = kg("extract", str(big), tmp_path=tmp_path, timeout=60)
    assert_clear_error(run, f"error: {big}: {MAX_BYTES + 1} bytes is over the {MAX_BYTES}-byte limit; split the file")
    assert run.seconds < 30


def test_file_names_with_brackets_are_shown_as_they_are(tmp_path):
    """The CLI prints messages through rich: a file name must not be taken for markup."""
    draft = tmp_path / "[draft]新闻.txt"
    draft.write_bytes(b"")
    run = kg("extract", str(draft), tmp_path=tmp_path)
    assert_clear_error(run, f"error: {draft}: the file is empty (no text)")
    odd = tmp_path / "x["
    odd.mkdir()
    missing = odd / "b].txt"  # the path reads "…x[/b].txt": a closing tag for rich
    run = kg("extract", str(missing), tmp_path=tmp_path)
    assert_clear_error(run, f"error: {missing}: no such file")


def test_a_long_message_stays_on_one_line(tmp_path):
    deep = tmp_path / ("很长的目录名" * 12) / ("子目录" * 10)
    deep.mkdir(parents=True)
    gbk = deep / "新闻稿件.txt"
    gbk.write_bytes("全国人民代表大会常务委员会".encode("gb18030"))
    run = kg("extract", str(gbk), tmp_path=tmp_path)  # COLUMNS=80
    assert_clear_error(run, f"error: {gbk}: not UTF-8")
    assert len(run.stderr.strip().splitlines()) == 1, run.stderr


# --- odd but valid text -------------------------------------------------------------------------


def test_text_without_article_boundaries_is_one_article(tmp_path):
    text = (
        "关于加强基层治理的几点思考\n"
        "基层治理是国家治理的基石。近年来，各地积极探索，形成了一批好经验好做法。\n"
        "一是坚持党建引领，把党的领导贯穿基层治理全过程。\n"
        "二是坚持人民至上，让群众成为基层治理的参与者和受益者。\n"
        "总之，基层治理现代化任重道远，需要久久为功。\n"
    )
    path = tmp_path / "essay.txt"
    path.write_text(text, encoding="utf-8")
    (article,) = list(iter_articles([path]))
    assert article.title == "关于加强基层治理的几点思考"
    assert article.text.splitlines()[-1] == "总之，基层治理现代化任重道远，需要久久为功。"
    run = kg("extract", str(path), tmp_path=tmp_path)
    assert run.returncode == 0, run.stderr
    (line,) = run.stdout.splitlines()
    assert DocumentResult.model_validate_json(line).title == "关于加强基层治理的几点思考"


def test_lines_of_100k_characters(tmp_path):
    """Three 100k-character lines, each one sentence full of facts: processed in bounded memory and
    time, as articles of at most MAX_ARTICLE_CHARS characters whose evidence is inside their text."""
    clause = "赵乐际委员长主持会议，十四届全国人大常委会第八次会议听取了国务院关于加强经济工作的报告，"
    line = clause * (100_000 // len(clause)) + "。"
    path = tmp_path / "long_lines.txt"
    path.write_text("长句测试\n" + "\n".join([line] * 3) + "\n", encoding="utf-8")
    articles = list(iter_articles([path], default_year=2024))
    assert all(len(a.text) <= MAX_ARTICLE_CHARS for a in articles)
    assert sum(len(a.text) for a in articles) >= 3 * len(line)  # nothing dropped
    assert articles[0].title == "长句测试" and len(articles[0].title) <= 100
    run = kg("extract", str(path), "--year", "2024", "-o", str(tmp_path / "out.jsonl"), tmp_path=tmp_path, timeout=300)
    assert run.returncode == 0, run.stderr
    docs = [DocumentResult.model_validate_json(x) for x in (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()]
    assert len(docs) == len(articles) and all(d.relations for d in docs)
    print(f"\n3 lines of 100k characters: {run.seconds:.1f} s, peak {run.max_rss_mb:.0f} MB")
    assert run.seconds < 120, f"{run.seconds:.0f} s"
    assert run.max_rss_mb < 1000, f"peak memory {run.max_rss_mb:.0f} MB for a 0.9 MB file"


def test_a_single_line_over_a_million_characters(tmp_path):
    """No article boundary and no line break in 1.2 M characters: spaCy's own limit is 1,000,000."""
    sentence = "国务院常务会议研究部署加强基层治理工作。"
    path = tmp_path / "one_line.txt"
    path.write_text(sentence * (1_200_000 // len(sentence)), encoding="utf-8")
    run = kg("extract", str(path), "-o", str(tmp_path / "out.jsonl"), tmp_path=tmp_path, timeout=300)
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    lines = (tmp_path / "out.jsonl").read_text(encoding="utf-8").splitlines()
    assert len(lines) >= 12  # cut into parts of at most MAX_ARTICLE_CHARS characters
    titles = [DocumentResult.model_validate_json(x).title for x in lines]
    assert all(len(t) <= 110 for t in titles) and titles[1].endswith("（续1）")


def test_compilations_joined_with_cat_lose_no_article(tmp_path):
    """A colophon ("2024年8月10日印") in the middle of a file ends one compilation, not the file."""
    separate = [a for f in CORPUS_FILES for a in iter_articles([f])]
    joined = split_articles(normalize("\n".join(f.read_text(encoding="utf-8") for f in CORPUS_FILES)), "all.txt")
    assert len(joined) >= len(separate)
    kept = sum(len(a.text) for a in joined) / sum(len(a.text) for a in separate)
    assert kept > 0.97, f"only {kept:.0%} of the text is in the articles of the joined file"
    after_the_colophon = [a.title for f in CORPUS_FILES[2:] for a in iter_articles([f])]  # 002 ends in a colophon
    assert set(after_the_colophon) <= {a.title for a in joined}


def test_a_50_mb_file_is_accepted_and_split_into_all_its_articles(tmp_path):
    """50 MB of corpus text (the five files, joined, ~230 times over): read and split, not refused.

    How fast and in how much memory the whole extraction runs is a benchmark's question
    (benchmarks/extract_benchmark.py, benchmarks/scale_benchmark.py), not a unit test's."""
    once = "\n".join(f.read_text(encoding="utf-8") for f in CORPUS_FILES) + "\n"
    copies = 50 * 1024 * 1024 // len(once.encode("utf-8")) + 1
    big = tmp_path / "big.txt"
    big.write_bytes(once.encode("utf-8") * copies)
    per_copy = len(split_articles(normalize(once), "once.txt"))
    assert sum(1 for _ in iter_articles([big])) == per_copy * copies


# --- a folder with good and bad files: report and skip the bad ones, or --strict ----------------


@pytest.fixture
def mixed(tmp_path) -> Path:
    folder = tmp_path / "mixed"
    folder.mkdir()
    (folder / "a_good.txt").write_bytes(GOOD.read_bytes())
    (folder / "b_empty.txt").write_bytes(b"")
    (folder / "c_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    return folder


def test_folder_with_bad_files_skips_them_and_fails_at_the_end(tmp_path, mixed):
    out = tmp_path / "out.jsonl"
    run = kg("extract", str(mixed), "--year", "2024", "-o", str(out), tmp_path=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    lines = run.stderr.splitlines()
    assert f"skipped: {mixed / 'b_empty.txt'}: the file is empty (no text)" in lines
    assert f"skipped: {mixed / 'c_binary.txt'}: binary content (NUL byte at byte offset 8), not a text file" in lines
    assert lines[-1] == "error: skipped 2 input files (see above); the other files were processed"
    assert "" not in lines, "a stray empty line (the progress bar, when stderr is not a terminal)"
    docs = [DocumentResult.model_validate_json(x) for x in out.read_text(encoding="utf-8").splitlines()]
    assert [d.source.rsplit("#", 1)[0] for d in docs] == [str(mixed / "a_good.txt")] * 2


def test_folder_with_bad_files_strict_stops_at_the_first_and_writes_nothing(tmp_path, mixed):
    out = tmp_path / "out.jsonl"
    out.write_text("earlier output\n", encoding="utf-8")
    run = kg("extract", str(mixed), "--strict", "-o", str(out), tmp_path=tmp_path)
    assert_clear_error(run, f"error: {mixed / 'b_empty.txt'}: the file is empty (no text)")
    assert "c_binary.txt" not in run.stderr
    assert out.read_text(encoding="utf-8") == "earlier output\n"


def test_missing_path_among_good_ones_is_skipped(tmp_path):
    missing = tmp_path / "missing.txt"
    run = kg("extract", str(missing), str(GOOD), "--year", "2024", tmp_path=tmp_path)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert f"skipped: {missing}: no such file" in run.stderr.splitlines()
    assert len(run.stdout.splitlines()) == 2


def test_folder_of_only_bad_files(tmp_path, mixed):
    (mixed / "a_good.txt").unlink()
    run = kg("extract", str(mixed), tmp_path=tmp_path)
    assert_clear_error(run, f"error: no articles found in {mixed}")
    assert run.stdout == ""


def test_build_loads_the_good_files_and_fails_at_the_end(tmp_path, mixed, server_env, driver):
    run = kg("build", str(mixed), "--year", "2024", "--out", str(tmp_path / "out"), tmp_path=tmp_path, env=server_env)
    assert run.returncode == 1 and "Traceback" not in run.stderr, run.stderr
    assert run.stderr.splitlines()[-1] == "error: skipped 2 input files (see above); the other files were processed"
    assert "2 articles" in run.stdout
    docs = driver.execute_query("MATCH (d:Document) RETURN d.source AS s").records
    assert sorted(r["s"] for r in docs) == [f"{mixed / 'a_good.txt'}#0", f"{mixed / 'a_good.txt'}#1"]


def test_build_strict_loads_nothing(tmp_path, mixed, server_env, driver):
    run = kg("build", str(mixed), "--strict", "--out", str(tmp_path / "out"), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {mixed / 'b_empty.txt'}: the file is empty (no text)")
    assert _node_count(driver) == 0
    assert not (tmp_path / "out").exists()


# --- kg load: a bad record anywhere loads nothing -----------------------------------------------


@pytest.fixture(scope="module")
def good_lines(sample_results) -> list[str]:
    return [r.model_dump_json() for r in sample_results[:6]]


@pytest.mark.parametrize(
    "case, bad_line",
    [("middle", 3), ("last", 6), ("last-without-newline", 6)],
)
def test_load_malformed_json_names_the_line_and_loads_nothing(tmp_path, server_env, driver, good_lines, case, bad_line):
    lines = list(good_lines)
    lines[bad_line - 1] = lines[bad_line - 1][: len(lines[bad_line - 1]) // 2]  # cut in the middle of the record
    path = tmp_path / "bad.jsonl"
    path.write_text("\n".join(lines) + ("" if case.endswith("without-newline") else "\n"), encoding="utf-8")
    run = kg("load", str(path), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {path}, line {bad_line}: not a document record of SCHEMA.md (")
    assert "nothing was loaded" in run.error_lines[0]
    assert _node_count(driver) == 0


def test_load_record_that_is_not_a_document(tmp_path, server_env, driver, good_lines):
    path = tmp_path / "other.jsonl"
    path.write_text(good_lines[0] + "\n" + json.dumps({"doc_id": "doc-1", "title": "x"}) + "\n", encoding="utf-8")
    run = kg("load", str(path), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {path}, line 2: not a document record of SCHEMA.md (")
    assert _node_count(driver) == 0


def test_load_relation_to_an_unknown_entity_loads_nothing(tmp_path, server_env, driver, good_lines):
    """A hand-edited record whose relation points at no entity of the record: a clear error naming
    the line, before anything is written (not a KeyError traceback after the nodes were loaded)."""
    record = json.loads(good_lines[0])
    assert record["relations"]
    record["relations"][0]["source"] = "person-nobody"
    path = tmp_path / "dangling.jsonl"
    path.write_text(good_lines[1] + "\n" + json.dumps(record, ensure_ascii=False) + "\n", encoding="utf-8")
    run = kg("load", str(path), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {path}, line 2: ")
    assert "person-nobody" in run.error_lines[0] and "nothing was loaded" in run.error_lines[0]
    assert _node_count(driver) == 0


def test_load_empty_file_is_an_error(tmp_path, server_env, driver):
    path = tmp_path / "empty.jsonl"
    path.write_text("\n\n", encoding="utf-8")
    run = kg("load", str(path), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {path}: the file is empty (no text)")


def test_load_gbk_file_gives_the_iconv_command(tmp_path, server_env, driver, good_lines):
    path = tmp_path / "gbk.jsonl"
    path.write_bytes(good_lines[0].encode("gb18030") + b"\n")
    run = kg("load", str(path), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {path}: not UTF-8")
    assert "iconv -f GB18030 -t UTF-8" in run.error_lines[0]
    assert _node_count(driver) == 0


def test_load_missing_file(tmp_path, server_env):
    run = kg("load", str(tmp_path / "nope.jsonl"), tmp_path=tmp_path, env=server_env)
    assert_clear_error(run, f"error: {tmp_path / 'nope.jsonl'}: no such file")


# --- data that looks like markup ---------------------------------------------------------------


def test_query_table_prints_values_as_they_are(tmp_path, server_env, driver):
    """`kg query` prints rows through a rich table: a value such as "[/b]" is data, not markup."""
    run = kg("query", "-e", "RETURN 'a[/b]c' AS x, '[bold]标题' AS y", tmp_path=tmp_path, env={**server_env, "COLUMNS": "200"})
    assert run.returncode == 0 and "Traceback" not in run.stderr, run.stderr
    assert "a[/b]c" in run.stdout and "[bold]标题" in run.stdout
