"""Fixed, versioned comparison groups for boilerplate: built once from named documents, saved, loaded by name.

A boilerplate share (``nlp.text.corpus_stats``) depends on the group a text is measured
against. Measured against whatever a run happens to hold, the same evaluation scores
differently alone and in two batches; a saved group makes the score a property of the
document and the group. The group file lists its documents (file, content hash,
family, province, year) and records its own version, a hash of everything else in the
file, so a run can name exactly what it compared with. The file is plain JSON (never a
pickle) and is rebuilt byte for byte from the same documents.

``jixiao reference build corpus/dev/docs -o models/reference/dev.json``
(``nlp.corpus.reference_build``) writes the shipped group; ``load_reference("shipped")`` or
``load_reference(FILE)`` reads one.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from nlp.errors import InputError
from nlp.text.corpus_stats import BOILERPLATE_SHARE, Reference

FORMAT = "jixiao-reference-group"
FORMAT_VERSION = 1
SHIPPED = "shipped"
BATCH = "batch"
SHIPPED_FILE = Path("reference") / "dev.json"  # under the models folder (nlp.structure.model_store.MODELS)
MAX_FILE_BYTES = 64 * 1024 * 1024  # a group of tens of thousands of documents stays far below this


@dataclass(frozen=True)
class Member:
    """One document of the group, as the group file lists it."""

    file: str  # path relative to the folder it was found in, or the name of a file given alone
    sha256: str  # first 16 hex digits of the file's bytes: which version of the document was read
    family: str | None  # template family (from the gold answer beside it, if any)
    province: str | None  # from the gold answer beside it, if any
    year: int | None  # the year its title states
    region: str | None  # the administrative division its title names

    def to_dict(self) -> dict:
        return {
            "file": self.file,
            "sha256": self.sha256,
            "family": self.family,
            "province": self.province,
            "year": self.year,
            "region": self.region,
        }


@dataclass(frozen=True)
class ReferenceGroup:
    """A saved comparison group: its members and the tetragrams common enough among them to be template."""

    name: str
    members: tuple[Member, ...]
    boilerplate: frozenset[str]

    @property
    def version(self) -> str:
        """First 12 hex digits of the SHA-256 of the group's content: the same documents, the same version."""
        canonical = json.dumps(self._content(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()[:12]

    def reference(self) -> Reference:
        """The group as the pipeline measures with it."""
        return Reference(self.name, len(self.members), self.boilerplate, self.version)

    def _content(self) -> dict:
        return {
            "name": self.name,
            "boilerplate_share": list(BOILERPLATE_SHARE),
            "documents": [member.to_dict() for member in self.members],
            "boilerplate_tetragrams": sorted(self.boilerplate),
        }

    def to_json(self) -> dict:
        """The file's content: format, version and summary counts first, then the members and tetragrams."""
        content = self._content()
        return {
            "format": FORMAT,
            "format_version": FORMAT_VERSION,
            "name": self.name,
            "version": self.version,
            "n_documents": len(self.members),
            "families": _counts(member.family for member in self.members),
            "provinces": _counts(member.province for member in self.members),
            "years": _counts(member.year for member in self.members),
            "boilerplate_share": content["boilerplate_share"],
            "documents": content["documents"],
            "boilerplate_tetragrams": content["boilerplate_tetragrams"],
        }

    def save(self, path: Path) -> None:
        """Write the group as indented UTF-8 JSON (one tetragram per line, so a change shows in a diff)."""
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(self.to_json(), ensure_ascii=False, indent=1) + "\n", encoding="utf-8")


def _counts(values: Iterable[object]) -> dict[str, int]:
    """How many members have each value (``unknown`` for none), sorted by value."""
    counted = Counter("unknown" if value is None else str(value) for value in values)
    return dict(sorted(counted.items()))


class _GroupFile:
    """Strict reading of a group file: every problem is an ``InputError`` naming the file and the field."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def fail(self, reason: str) -> InputError:
        return InputError(str(self.path), reason)

    def read(self) -> dict:
        try:
            if self.path.stat().st_size > MAX_FILE_BYTES:
                raise self.fail(f"larger than {MAX_FILE_BYTES // 2**20} MB; not a reference group file")
            data = json.loads(self.path.read_text(encoding="utf-8"))
        except OSError as error:
            raise self.fail(f"cannot read: {error.strerror or error}") from None
        except UnicodeDecodeError:
            raise self.fail("not UTF-8") from None
        except json.JSONDecodeError as error:
            raise self.fail(f"not valid JSON: {error.msg} at line {error.lineno}") from None
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            raise self.fail(f"not a reference group file (its 'format' must be {FORMAT!r})")
        if data.get("format_version") != FORMAT_VERSION:
            raise self.fail(f"format_version {data.get('format_version')!r}; this jixiao reads {FORMAT_VERSION}")
        return data

    def strings(self, data: dict, key: str) -> list[str]:
        value = data.get(key)
        if not isinstance(value, list) or not all(isinstance(item, str) for item in value):
            raise self.fail(f"{key}: expected a list of strings")
        return value

    def member(self, value: object, index: int) -> Member:
        where = f"documents[{index}]"
        if not isinstance(value, dict) or set(value) != set(Member.__dataclass_fields__):
            raise self.fail(f"{where}: expected an object with {', '.join(Member.__dataclass_fields__)}")
        for key in ("file", "sha256"):
            if not isinstance(value[key], str):
                raise self.fail(f"{where}.{key}: expected a string")
        for key in ("family", "province", "region"):
            if value[key] is not None and not isinstance(value[key], str):
                raise self.fail(f"{where}.{key}: expected a string or null")
        if value["year"] is not None and (isinstance(value["year"], bool) or not isinstance(value["year"], int)):
            raise self.fail(f"{where}.year: expected a whole number or null")
        return Member(**value)


def load_group(path: Path) -> ReferenceGroup:
    """Read a group file written by ``ReferenceGroup.save``; its recorded version must match its content."""
    reader = _GroupFile(path)
    data = reader.read()
    name = data.get("name")
    if not isinstance(name, str) or not name:
        raise reader.fail("name: expected a non-empty string")
    documents = data.get("documents")
    if not isinstance(documents, list) or not documents:
        raise reader.fail("documents: expected a non-empty list")
    members = tuple(reader.member(value, i) for i, value in enumerate(documents))
    group = ReferenceGroup(name, members, frozenset(reader.strings(data, "boilerplate_tetragrams")))
    if data.get("boilerplate_share") != list(BOILERPLATE_SHARE):
        raise reader.fail(
            f"built with boilerplate shares {data.get('boilerplate_share')}, this jixiao uses {list(BOILERPLATE_SHARE)}"
        )
    if data.get("version") != group.version:
        raise reader.fail(f"recorded version {data.get('version')!r} does not match its content ({group.version})")
    return group


def shipped_path() -> Path:
    """Where the group built from the development corpus is shipped."""
    from nlp.structure.model_store import MODELS

    return MODELS / SHIPPED_FILE


def load_reference(choice: str) -> Reference:
    """The comparison group a run names: ``shipped`` (the development corpus's) or a group FILE.

    ``batch`` (the run's own documents) is built by ``nlp.corpus.batch``, not loaded; naming it
    here is a mistake of the caller.
    """
    if choice == BATCH:
        raise ValueError("the 'batch' comparison group is built by the batch run from its own documents")
    path = shipped_path() if choice == SHIPPED else Path(choice).resolve()
    return _load_cached(path, *_stamp(path))


@lru_cache(maxsize=8)
def _load_cached(path: Path, size: int, modified: int) -> Reference:
    """Read once per process and file version (size and modification time are part of the key)."""
    return load_group(path).reference()


def _stamp(path: Path) -> tuple[int, int]:
    try:
        stat = path.stat()
    except OSError:
        return (-1, -1)  # load_group reports the missing file
    return stat.st_size, stat.st_mtime_ns
