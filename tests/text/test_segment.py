"""The process's jieba: its dictionary cache is read whole, and a bad cache is rebuilt, never trusted."""

from __future__ import annotations

import marshal
import subprocess
import sys
from pathlib import Path

import jieba
import pytest
from conftest import ROOT

from nlp.text.segment import _load_cache, words


def test_a_good_cache_fills_the_tokenizer_as_jieba_would(tmp_path: Path) -> None:
    (tmp_path / "jieba.cache").write_bytes(marshal.dumps(({"绩效": 5, "绩": 0, "自评": 3}, 8)))
    tokenizer = jieba.Tokenizer()
    assert _load_cache(tokenizer, tmp_path)
    assert tokenizer.initialized and tokenizer.total == 8 and tokenizer.FREQ["自评"] == 3


@pytest.mark.parametrize("content", [b"", b"\x00not marshal", marshal.dumps([1, 2]), marshal.dumps(({}, 0))])
def test_a_missing_or_bad_cache_is_left_to_jieba(tmp_path: Path, content: bytes) -> None:
    tokenizer = jieba.Tokenizer()
    assert not _load_cache(tokenizer, tmp_path)  # no file yet
    (tmp_path / "jieba.cache").write_bytes(content)
    assert not _load_cache(tokenizer, tmp_path) and not tokenizer.initialized


def _fresh_process(script: str, env: dict[str, str], home: Path) -> subprocess.CompletedProcess:
    """``script`` in a new Python with only ``env`` (and a home), as a user's first run would be."""
    return subprocess.run(
        [sys.executable, "-c", script],
        env={**env, "HOME": str(home), "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        cwd=ROOT,
        timeout=120,
    )


def test_jieba_caches_where_it_can_and_is_quiet_where_it_cannot(tmp_path: Path) -> None:
    """A cache folder that cannot be made (here: a file stands in its way) costs the cache, never a traceback."""
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("", encoding="utf-8")
    script = "from nlp.text.segment import cache_folder, words; print(cache_folder(), words('测试分词'))"
    for base, folder in ((tmp_path / "cache", tmp_path / "cache" / "jixiao"), (blocked, None)):
        result = _fresh_process(script, {"XDG_CACHE_HOME": str(base)}, tmp_path)
        assert result.returncode == 0, result.stderr
        assert result.stderr == ""
        assert result.stdout.startswith(str(folder))
    assert (tmp_path / "cache" / "jixiao" / "jieba.cache").is_file()


def test_a_corrupt_cache_on_disk_is_rebuilt_by_jieba(tmp_path: Path) -> None:
    folder = tmp_path / "jixiao"
    folder.mkdir()
    (folder / "jieba.cache").write_bytes(b"\x00garbage")
    script = "from nlp.text.segment import words; print(' '.join(words('项目支出绩效自评')))"
    result = _fresh_process(script, {"JIXIAO_CACHE": str(folder)}, tmp_path)
    assert result.returncode == 0 and result.stderr == ""
    assert result.stdout.split() == words("项目支出绩效自评")
    freq, total = marshal.loads((folder / "jieba.cache").read_bytes())  # jieba wrote a good one
    assert total > 0 and "绩效" in freq
