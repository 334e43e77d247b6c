"""Domain gazetteers: canonical names and aliases of bodies, places, people and instruments, and office titles.

The facts live in UTF-8 TSV files with a header row under ``kg/data/gazetteer`` (aliases are
``|``-separated): ``organizations.tsv``, ``places.tsv``, ``countries.tsv``, ``persons.tsv``, ``laws.tsv``
(Policy entries) and ``titles.tsv``. A country is two entities (SCHEMA.md): the Place (俄罗斯) and the
state that acts as a body (Organization 俄罗斯联邦, kind ``state``); ``countries.tsv`` gives both names.
:func:`load_gazetteer` reads and validates them once per directory; any inconsistency is a :class:`ValueError` naming the file and line.
"""

from __future__ import annotations

import functools
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from types import MappingProxyType

from kg.config import DATA_DIR

GAZETTEER_DIR = DATA_DIR / "gazetteer"

ORGANIZATION_KINDS = frozenset(
    {"state", "party", "legislature", "government", "judiciary", "procuratorate", "military",
     "company", "social", "international", "other"}
)
PLACE_KINDS = frozenset({"country", "province", "city", "county", "venue", "region"})
POLICY_KINDS = frozenset(
    {"law", "draft", "regulation", "plan", "strategy", "report", "decision", "opinion", "campaign",
     "initiative", "other"}
)

_STRIP = str.maketrans("・•‧･∙", "·····", "《》〈〉“”‘’\"' \u3000")


def normalize(surface: str) -> str:
    """The matching key of a surface form: without book-title marks, quotes and spaces, one middle dot."""
    return surface.translate(_STRIP)


@dataclass(frozen=True)
class GazetteerEntry:
    """One known entity: its canonical name, other surface forms and fixed properties."""

    type: str  # "Organization" | "Place" | "Person" | "Policy"
    name: str  # canonical
    aliases: tuple[str, ...]  # without the canonical name
    properties: Mapping[str, str] = field(hash=False)  # kind, parent, note … (non-empty only)


@dataclass(frozen=True)
class Title:
    """An office title; ``organization`` is the canonical body it implies, if the title alone says."""

    title: str
    organization: str | None
    rank: int | None  # seniority for sorting, 1 = highest


@dataclass(frozen=True, eq=False)
class Gazetteer:
    """All entries and titles, indexed by every surface form."""

    entries: tuple[GazetteerEntry, ...]
    titles: Mapping[str, Title]
    _by_key: dict[str, tuple[GazetteerEntry, ...]] = field(init=False, repr=False)
    _by_surface: dict[str, tuple[GazetteerEntry, ...]] = field(init=False, repr=False)

    def __post_init__(self) -> None:
        by_key: dict[str, list[GazetteerEntry]] = {}
        by_surface: dict[str, list[GazetteerEntry]] = {}
        # canonical names first: a name outranks another entry's alias in lookup()
        for forms in ([(e, e.name) for e in self.entries], [(e, a) for e in self.entries for a in e.aliases]):
            for entry, form in forms:
                for index, key in ((by_key, normalize(form)), (by_surface, form)):
                    bucket = index.setdefault(key, [])
                    if not any(e is entry for e in bucket):
                        bucket.append(entry)
        object.__setattr__(self, "_by_key", {k: tuple(v) for k, v in by_key.items()})
        object.__setattr__(self, "_by_surface", {k: tuple(v) for k, v in by_surface.items()})

    def lookup(self, surface: str, type: str | None = None) -> GazetteerEntry | None:
        """The entry named or aliased ``surface`` (compared without 《》, quotes and spaces).

        Without ``type``, an entry whose canonical name matches wins over one whose alias does.
        """
        for entry in self._by_key.get(normalize(surface), ()):
            if type is None or entry.type == type:
                return entry
        return None

    def surfaces(self) -> dict[str, list[GazetteerEntry]]:
        """Every surface form as written (names and aliases) with the entries it may denote."""
        return {surface: list(entries) for surface, entries in self._by_surface.items()}


@dataclass(frozen=True)
class _Spec:
    filename: str
    type: str
    columns: tuple[str, ...]
    kinds: frozenset[str] | None


_SPECS = (
    _Spec("organizations.tsv", "Organization", ("name", "kind", "aliases", "parent"), ORGANIZATION_KINDS),
    _Spec("places.tsv", "Place", ("name", "kind", "aliases"), PLACE_KINDS),
    _Spec("persons.tsv", "Person", ("name", "aliases", "note"), None),
    _Spec("laws.tsv", "Policy", ("name", "kind", "aliases"), POLICY_KINDS),
)
_TITLE_COLUMNS = ("title", "organization", "rank")
_COUNTRY_COLUMNS = ("name", "state", "aliases")


def _rows(path: Path, columns: tuple[str, ...]) -> list[tuple[int, dict[str, str]]]:
    """(line number, row) for each non-blank data line, after checking header and column count."""
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    if not lines or tuple(lines[0].split("\t")) != columns:
        raise ValueError(f"{path}:1: the header must be {' TAB '.join(columns)}")
    rows = []
    for lineno, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = [cell.strip() for cell in line.split("\t")]
        if len(cells) != len(columns):
            raise ValueError(f"{path}:{lineno}: expected {len(columns)} tab-separated columns, got {len(cells)}")
        rows.append((lineno, dict(zip(columns, cells))))
    return rows


def _aliases(cell: str) -> tuple[str, ...]:
    """A ``|``-separated alias cell, without blanks and repeats."""
    return tuple(dict.fromkeys(a.strip() for a in cell.split("|") if a.strip()))


def _read_entries(path: Path, spec: _Spec) -> list[tuple[int, GazetteerEntry]]:
    entries = []
    for lineno, row in _rows(path, spec.columns):
        name = row["name"]
        if not name:
            raise ValueError(f"{path}:{lineno}: empty name")
        if spec.kinds is not None and row["kind"] not in spec.kinds:
            raise ValueError(f"{path}:{lineno}: unknown kind {row['kind']!r} (allowed: {', '.join(sorted(spec.kinds))})")
        aliases = _aliases(row["aliases"])
        if name in aliases:
            raise ValueError(f"{path}:{lineno}: alias {name!r} repeats the name")
        properties = {k: v for k, v in row.items() if k not in ("name", "aliases") and v}
        entries.append((lineno, GazetteerEntry(spec.type, name, aliases, MappingProxyType(properties))))
    return entries


def _read_countries(path: Path) -> tuple[list[tuple[int, GazetteerEntry]], list[tuple[int, GazetteerEntry]]]:
    """Each row → (the Place, the state Organization); each has the other's name as an alias."""
    places, states = [], []
    for lineno, row in _rows(path, _COUNTRY_COLUMNS):
        name, state = row["name"], row["state"] or row["name"]
        if not name:
            raise ValueError(f"{path}:{lineno}: empty name")
        aliases = _aliases(row["aliases"])
        if name in aliases or state in aliases:
            raise ValueError(f"{path}:{lineno}: an alias repeats the name or the state's name")
        formal, short = ((state,), (name,)) if state != name else ((), ())
        places.append((lineno, GazetteerEntry("Place", name, (*aliases, *formal), MappingProxyType({"kind": "country"}))))
        states.append((lineno, GazetteerEntry("Organization", state, (*short, *aliases), MappingProxyType({"kind": "state"}))))
    return places, states


def _check_entries(entries: list[tuple[str, GazetteerEntry]]) -> None:
    """Within one type: canonical names unique, no alias naming or shared with another entry
    (each entry comes with its ``file:line``)."""
    names: dict[str, str] = {}
    for where, entry in entries:
        key = normalize(entry.name)
        if key in names:
            raise ValueError(f"{where}: duplicate name {entry.name!r} (first on {names[key]})")
        names[key] = where
    aliases: dict[str, str] = {}
    for where, entry in entries:
        for alias in entry.aliases:
            key = normalize(alias)
            if key in names and names[key] != where:
                raise ValueError(f"{where}: alias {alias!r} is the name of the entry on {names[key]}")
            first = aliases.setdefault(key, where)
            if first != where:
                raise ValueError(f"{where}: alias {alias!r} is also an alias on {first}")


def _read_titles(path: Path, organizations: set[str]) -> dict[str, Title]:
    titles: dict[str, Title] = {}
    for lineno, row in _rows(path, _TITLE_COLUMNS):
        title, organization, rank = row["title"], row["organization"], row["rank"]
        if not title:
            raise ValueError(f"{path}:{lineno}: empty title")
        if title in titles:
            raise ValueError(f"{path}:{lineno}: duplicate title {title!r}")
        if organization and organization not in organizations:
            raise ValueError(f"{path}:{lineno}: organization {organization!r} is not a name in organizations.tsv")
        if rank and not (rank.isascii() and rank.isdigit()):
            raise ValueError(f"{path}:{lineno}: rank {rank!r} is not a non-negative integer")
        titles[title] = Title(title, organization or None, int(rank) if rank else None)
    return titles


@functools.cache
def _load(directory: Path) -> Gazetteer:
    entries: list[GazetteerEntry] = []
    organizations: set[str] = set()
    countries = directory / "countries.tsv"
    country_places, states = _read_countries(countries)
    derived = {"Place": country_places, "Organization": states}
    for spec in _SPECS:
        path = directory / spec.filename
        read = _read_entries(path, spec)
        _check_entries([(f"{path}:{n}", e) for n, e in read] + [(f"{countries}:{n}", e) for n, e in derived.get(spec.type, [])])
        read += derived.get(spec.type, [])
        if spec.type == "Organization":
            organizations = {entry.name for _, entry in read}
            for lineno, entry in read:
                parent = entry.properties.get("parent")
                if parent is not None and parent not in organizations:
                    raise ValueError(f"{path}:{lineno}: parent {parent!r} is not a name in this file")
        entries.extend(entry for _, entry in read)
    titles = _read_titles(directory / "titles.tsv", organizations)
    return Gazetteer(tuple(entries), MappingProxyType(titles))


def load_gazetteer(directory: Path = GAZETTEER_DIR) -> Gazetteer:
    """The validated gazetteer in ``directory``, read once per (resolved) path."""
    return _load(Path(directory).resolve())
