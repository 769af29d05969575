"""Glossary files: reading and validating ``glossary/*.yaml``.

Owns the format of the files (see ``docs/glossary.md``): each file is a YAML
mapping keyed by the Chinese term; a value is the English rendering
(shorthand) or a mapping with ``en``, ``kind``, ``status``, ``aliases``, ``note``,
``source`` and, for indicators, ``id``, ``unit``, ``polarity``, ``series``. Also owns
their limits, the order a folder's files load in (:func:`glossary_files`) and
the checks across files (one term, one rendering; statuses: a forbidden
rendering needs a preferred sibling and is never the one used).

Files are parsed with ruamel.yaml's round-trip composer, so every key and
value keeps its line and column and duplicate keys are seen (and reported)
instead of silently overwritten. Each finding is a :class:`Problem`
(``file:line:column: message``); :func:`parse_yaml_file` and
:func:`scalar_text` also read the units table (``generator.localise.numbers``).
The loaded glossary and its lookup are :mod:`generator.lexicon.glossary`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from ruamel.yaml import YAML
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode

from generator.errors import GlossaryError
from generator.lexicon.entries import DEFAULT_KIND, Entry, Status
from generator.lexicon.keys import SLOT, normalise_key
from generator.paths import MEASURES_FILE, TOPICS_FILE, UNITS_FILE

KINDS = (
    "indicator", "heading", "item", "metric", "policy", "place",
    "organisation", "title", "unit", "status", "term",
)
FIELDS = ("en", "kind", "status", "aliases", "note", "source", "id", "unit", "polarity", "series")
STATUSES = tuple(s.value for s in Status)
INDICATOR_FIELDS = ("id", "unit", "polarity", "series")
POLARITIES = ("higher", "lower", "neutral")
ID_PATTERN = re.compile(r"^[a-z][a-z0-9_]*$")

MAX_EN = 500  # characters of an English rendering
MAX_TEXT = 2000  # characters of a key, alias, note or source
MAX_FILE_BYTES = 4 * 1024 * 1024

# Which file a new entry of each kind goes to (others: DEFAULT_FILE).
KIND_FILES = {
    "indicator": "indicators.yaml",
    "heading": "headings.yaml",
    "item": "items.yaml",
    "metric": "metrics.yaml",
    "title": "report.yaml",
    "place": "report.yaml",
    "organisation": "report.yaml",
}
DEFAULT_FILE = "terms.yaml"

# Files load in this order (the rest alphabetically after them); it decides
# which file a problem about a term defined twice is reported in.
FILE_ORDER = ("indicators.yaml", "report.yaml", "headings.yaml", "items.yaml", "metrics.yaml", "terms.yaml")

_STR = "tag:yaml.org,2002:str"
_TYPE_NAMES = {
    "tag:yaml.org,2002:int": "a number",
    "tag:yaml.org,2002:float": "a number",
    "tag:yaml.org,2002:bool": "true/false",
    "tag:yaml.org,2002:null": "empty",
    "tag:yaml.org,2002:timestamp": "a date",
}

# Characters that corrupt a Word document (not allowed in XML 1.0): C0 controls
# other than tab, line feed and carriage return, U+FFFE/U+FFFF and surrogates.
_BAD_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff\ud800-\udfff]")
# What ruamel's reader refuses besides those: DEL and C1 controls except NEL.
_UNREADABLE = re.compile("[\x7f-\x84\x86-\x9f]")


@dataclass(frozen=True)
class Problem:
    """One problem in a glossary file; ``fatal=False`` ones do not stop a build."""

    file: str
    line: int
    column: int
    message: str
    fatal: bool = True

    def __str__(self) -> str:
        return f"{self.file}:{self.line}:{self.column}: {self.message}"


# --- reading one file ---------------------------------------------------------


def _mark(node: Node) -> tuple[int, int]:
    return node.start_mark.line + 1, node.start_mark.column + 1


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def parse_yaml_file(path: Path, label: str | None = None) -> tuple[MappingNode | None, list[Problem]]:
    """Read a hand-edited YAML file into ruamel's node tree (with positions).

    Reports invalid UTF-8, tabs in indentation, control characters and YAML
    syntax errors as problems; returns the top-level mapping node (None when
    the file is empty or unreadable).
    """
    name = label or str(path)
    problems: list[Problem] = []

    def problem(line: int, column: int, message: str) -> None:
        problems.append(Problem(name, line, column, message))

    try:
        data = path.read_bytes()
    except OSError as exc:
        problem(1, 1, f"cannot read: {exc.strerror or exc}")
        return None, problems
    if len(data) > MAX_FILE_BYTES:
        problem(1, 1, f"file is {len(data):,} bytes (limit {MAX_FILE_BYTES:,})")
        return None, problems
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data.count(b"\n", 0, exc.start) + 1
        column = exc.start - (data.rfind(b"\n", 0, exc.start) + 1) + 1
        problem(line, column, f"invalid UTF-8 byte 0x{data[exc.start]:02x} (save the file as UTF-8)")
        return None, problems

    unreadable = False
    for number, line_text in enumerate(text.split("\n"), start=1):
        indent = len(line_text) - len(line_text.lstrip(" \t"))
        if "\t" in line_text[:indent]:
            problem(number, line_text.index("\t") + 1, "tab in indentation (indent with spaces)")
            unreadable = True
    for pattern, why in ((_BAD_CHARS, "would corrupt Word documents"), (_UNREADABLE, "not allowed in YAML")):
        for m in pattern.finditer(text):
            line, column = _line_col(text, m.start())
            problem(line, column, f"control character U+{ord(m.group()):04X} ({why})")
            unreadable = True
    if unreadable:
        return None, problems

    try:
        root = YAML(typ="rt").compose(text)
    except MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, column = (mark.line + 1, mark.column + 1) if mark is not None else (1, 1)
        what = " ".join(str(exc.problem or exc.context or "syntax error").split())
        context = exc.context_mark if exc.problem_mark is not None else None
        if context is not None and exc.context and context.line + 1 != line:
            what += f" ({' '.join(str(exc.context).split())} started at line {context.line + 1})"
        problem(line, column, f"YAML syntax error: {what}")
        return None, problems
    except YAMLError as exc:
        problem(1, 1, f"YAML error: {' '.join(str(exc).split())}")
        return None, problems
    except RecursionError:
        problem(1, 1, "YAML nested too deeply")
        return None, problems
    if root is None or (isinstance(root, ScalarNode) and root.tag.endswith(":null")):
        return None, problems
    if not isinstance(root, MappingNode):
        line, column = _mark(root)
        problem(line, column, "a glossary file must be a mapping of Chinese terms (term: rendering)")
        return None, problems
    problems.extend(_duplicate_keys(root, name))
    return root, problems


def _duplicate_keys(node: Node, name: str, depth: int = 0) -> list[Problem]:
    """Every key repeated in a mapping of the tree, naming the first occurrence."""
    out: list[Problem] = []
    if depth > 50:
        return out
    if isinstance(node, MappingNode):
        seen: dict[str, int] = {}
        for key, value in node.value:
            if isinstance(key, ScalarNode):
                line, column = _mark(key)
                if key.value in seen:
                    out.append(Problem(name, line, column, f"duplicate key {key.value!r} (first at line {seen[key.value]})"))
                else:
                    seen[key.value] = line
            out.extend(_duplicate_keys(value, name, depth + 1))
    elif isinstance(node, SequenceNode):
        for item in node.value:
            out.extend(_duplicate_keys(item, name, depth + 1))
    return out


def keyed_entries(root: MappingNode, what: str, name: str,
                  problems: list[Problem]) -> Iterator[tuple[str, Node, int, int]]:
    """(key, value node, line, column) of each snake_case key of a keyed file (measures, topics); a key
    that is no string or not snake_case is recorded as a problem and skipped."""
    for key_node, value_node in root.value:
        key = scalar_text(key_node, f"a {what} key", name, problems)
        line, column = _mark(key_node)
        if key is None:
            continue
        if not ID_PATTERN.match(key):
            problems.append(Problem(name, line, column, f"{what} key {key!r} must be snake_case (a-z, 0-9, _)"))
            continue
        yield key, value_node, line, column


def known_fields(node: MappingNode, key: str, fields: tuple[str, ...], name: str,
                 problems: list[Problem]) -> Iterator[tuple[str, Node, tuple[int, int]]]:
    """(field, value node, (line, column)) of each field of an entry's mapping that is one of ``fields``;
    an unknown field is recorded as a problem and skipped."""
    for field_node, value in node.value:
        field = scalar_text(field_node, f"{key}: a field name", name, problems)
        at = _mark(field_node)
        if field is None:
            continue
        if field not in fields:
            problems.append(Problem(name, *at, f"{key}: unknown field {field!r} (one of {', '.join(fields)})"))
            continue
        yield field, value, at


def scalar_text(node: Node, what: str, name: str, problems: list[Problem], limit: int = MAX_TEXT) -> str | None:
    """The string of a scalar node, or None after recording why it is not one."""
    line, column = _mark(node)
    if not isinstance(node, ScalarNode):
        problems.append(Problem(name, line, column, f"{what} must be text, not a {'list' if isinstance(node, SequenceNode) else 'mapping'}"))
        return None
    if node.tag != _STR:
        got = _TYPE_NAMES.get(node.tag, node.tag)
        hint = "" if node.tag.endswith(":null") else " (quote it)"
        problems.append(Problem(name, line, column, f"{what} must be text, not {got}{hint}"))
        return None
    value: str = node.value
    if len(value) > limit:
        problems.append(Problem(name, line, column, f"{what} is {len(value):,} characters (limit {limit})"))
        return None
    bad = _BAD_CHARS.search(value)
    if bad:
        problems.append(Problem(name, line, column, f"{what} contains control character U+{ord(bad.group()):04X} (would corrupt Word documents)"))
        return None
    return value


def _read_entries(path: Path) -> tuple[list[Entry], list[Problem]]:
    name = str(path)
    root, problems = parse_yaml_file(path)
    entries: list[Entry] = []
    if root is None:
        return entries, problems
    seen: set[str] = set()
    for key_node, value_node in root.value:
        zh = scalar_text(key_node, "a term", name, problems)
        if zh is None or zh in seen:  # a repeated key is already reported by parse_yaml_file
            continue
        seen.add(zh)
        line, column = _mark(key_node)
        if not normalise_key(zh):
            problems.append(Problem(name, line, column, "empty term"))
            continue
        entry = _read_entry(zh, value_node, name, line, column, problems)
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _read_entry(zh: str, node: Node, name: str, line: int, column: int, problems: list[Problem]) -> Entry | None:
    def problem(at: Node, message: str, fatal: bool = True) -> None:
        problems.append(Problem(name, *_mark(at), message, fatal))

    if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
        # an empty value's mark is where the next token starts: report the key's line
        problems.append(Problem(name, line, column, f"{zh}: no rendering (write `{zh}: English` or a mapping with en:)"))
        return None
    if not isinstance(node, MappingNode):
        en = scalar_text(node, f"{zh}: the rendering", name, problems, MAX_EN)
        if en is None:
            return None
        if not en.strip():
            problem(node, f"{zh}: untranslated (fill in the English)", fatal=False)
        elif _unknown_slots(zh, (), en):
            problem(node, f"{zh}: en uses {_unknown_slots(zh, (), en)} which the term does not have")
            return None
        return Entry(zh=zh, en=en.strip(), file=name, line=line)

    fields: dict[str, tuple[Node, Node]] = {}
    for key, value in node.value:
        field_name = scalar_text(key, f"{zh}: a field name", name, problems)
        if field_name is None:
            continue
        if field_name not in FIELDS:
            problem(key, f"{zh}: unknown field {field_name!r} (known: {', '.join(FIELDS)})")
            continue
        fields.setdefault(field_name, (key, value))

    values: dict[str, str | None] = {}
    for field_name in ("en", "kind", "status", "note", "source", "id", "unit", "polarity", "series"):
        if field_name not in fields:
            continue
        key, value = fields[field_name]
        text = scalar_text(value, f"{zh}: {field_name}", name, problems, MAX_EN if field_name == "en" else MAX_TEXT)
        values[field_name] = text.strip() if text is not None else None

    ok = True
    if "en" not in fields:
        problems.append(Problem(name, line, column, f"{zh}: missing en (the English rendering)"))
        ok = False
    elif values["en"] is None:
        ok = False
    en = values.get("en") or ""

    kind = values.get("kind") or DEFAULT_KIND
    if "kind" in fields and values.get("kind") is not None and kind not in KINDS:
        problem(fields["kind"][1], f"{zh}: unknown kind {kind!r} (one of {', '.join(KINDS)})")
        ok = False
    status_text = values.get("status")
    status: Status | None = None
    if status_text:
        if status_text not in STATUSES:
            problem(fields["status"][1], f"{zh}: unknown status {status_text!r} (one of {', '.join(STATUSES)})")
            ok = False
        else:
            status = Status(status_text)
            if status is Status.FORBIDDEN and not en:
                problem(fields["status"][1], f"{zh}: a forbidden entry needs the rendering it forbids (en)")
                ok = False
    aliases = _read_aliases(zh, fields.get("aliases"), name, problems)
    if aliases is None:
        ok = False

    for field_name in INDICATOR_FIELDS:
        if field_name in fields and kind != "indicator":
            problem(fields[field_name][0], f"{zh}: field {field_name!r} is only for kind: indicator")
            ok = False
    polarity = values.get("polarity")
    if polarity and polarity not in POLARITIES:
        problem(fields["polarity"][1], f"{zh}: bad polarity {polarity!r} (one of {', '.join(POLARITIES)})")
        ok = False
    ident = values.get("id")
    if ident and not ID_PATTERN.match(ident):
        problem(fields["id"][1], f"{zh}: bad id {ident!r} (snake_case: a-z, 0-9, _)")
        ok = False
    series = values.get("series")
    if series and not ID_PATTERN.match(series):
        problem(fields["series"][1], f"{zh}: bad series {series!r} (the id of another indicator)")
        ok = False

    missing = [f for f in ("id", "polarity") if not values.get(f)] if kind == "indicator" else []
    if missing and en:  # a suggestion is not used yet: its id and polarity can wait for the analyst
        problems.append(Problem(name, line, column, f"{zh}: indicator without {' and '.join(missing)}",
                                fatal=status is not Status.SUGGESTED))
    unknown = _unknown_slots(zh, tuple(a for a, _ in aliases or ()), en)
    if ok and unknown:
        problems.append(Problem(name, line, column, f"{zh}: en uses {unknown} which the term does not have"))
        ok = False
    if ok and not en:
        problems.append(Problem(name, line, column, f"{zh}: untranslated (fill in {', '.join(['en', *missing])})", fatal=False))
    if ok and en and status is Status.SUGGESTED:
        problems.append(Problem(name, line, column, f"{zh}: suggested rendering {en!r} awaits review "
                                "(accept it: status preferred or admitted, or delete the status line)", fatal=False))
    if not ok:
        return None
    return Entry(
        zh=zh, en=en, kind=kind, aliases=tuple(a for a, _ in aliases or ()), note=values.get("note"),
        source=values.get("source"), id=ident or None, unit=values.get("unit"), polarity=polarity or None,
        status=status, series=series or None, file=name, line=line, alias_lines=tuple(n for _, n in aliases or ()),
    )


def _unknown_slots(zh: str, aliases: tuple[str, ...], en: str) -> list[str]:
    """Slots ({year}) the English fills in that the pattern term does not capture."""
    have = {n for z in (zh, *aliases) for n in SLOT.findall(z)}
    return sorted(set(SLOT.findall(en)) - have)


def _read_aliases(zh: str, pair: tuple[Node, Node] | None, name: str, problems: list[Problem]) -> tuple[tuple[str, int], ...] | None:
    """(alias, line) pairs of an entry, or None after recording a problem."""
    if pair is None:
        return ()
    key, node = pair
    if isinstance(node, ScalarNode) and node.tag.endswith(":null"):
        return ()
    if not isinstance(node, SequenceNode):
        problems.append(Problem(name, *_mark(node), f"{zh}: aliases must be a list, e.g. aliases: [别名一, 别名二]"))
        return None
    out: list[tuple[str, int]] = []
    for item in node.value:
        alias = scalar_text(item, f"{zh}: an alias", name, problems)
        if alias is None:
            return None
        if not normalise_key(alias):
            problems.append(Problem(name, *_mark(item), f"{zh}: empty alias"))
            return None
        if normalise_key(alias) in {normalise_key(a) for a, _ in out} | {normalise_key(zh)}:
            problems.append(Problem(name, *_mark(item), f"{zh}: alias {alias!r} repeats the term or another alias", fatal=False))
            continue
        out.append((alias, _mark(item)[0]))
    return tuple(out)


# --- the whole folder -----------------------------------------------------------


def glossary_files(directory: Path) -> list[Path]:
    """The glossary files of a folder in load order (``units.yaml``, ``measures.yaml``, ``topics.yaml`` excluded)."""
    files = [p for p in directory.glob("*.yaml") if p.name not in (UNITS_FILE, MEASURES_FILE, TOPICS_FILE)
             and p.is_file()]
    rank = {n: i for i, n in enumerate(FILE_ORDER)}
    return sorted(files, key=lambda p: (rank.get(p.name, len(rank)), p.name))


def _compatible(a: Entry, b: Entry) -> bool:
    """Whether two entries of one term may give different English (statuses say which one is used)."""
    if Status.FORBIDDEN in (a.status, b.status) or Status.SUGGESTED in (a.status, b.status):
        return True
    return a.effective_status != b.effective_status  # a preferred rendering and an admitted synonym


def _pair_problem(entry: Entry, zh: str, other: Entry, other_zh: str) -> Problem | None:
    """What is wrong with ``entry`` (as ``zh``) sharing a normalised key with ``other`` (as ``other_zh``)."""
    is_alias = zh != entry.zh or other_zh != other.zh
    if Status.FORBIDDEN in (entry.status, other.status):
        forbidden, used = (entry, other) if entry.status is Status.FORBIDDEN else (other, entry)
        if used.translated and used.en == forbidden.en:
            return Problem(entry.file, entry.line, 1, f"{zh}: {forbidden.en!r} is forbidden at {forbidden.where} "
                           f"and used at {used.where}")
        return None
    if is_alias:
        what = f"alias {zh!r}" if zh != entry.zh else f"term {zh!r}"
        owner = f"alias of {other.zh}" if other_zh != other.zh else "a term"
        return Problem(entry.file, entry.line_of(zh), 1,
                       f"{what} collides with {other_zh!r} ({owner}) at {other.file}:{other.line_of(other_zh)}")
    if entry.en and other.en and entry.en != other.en:
        if _compatible(entry, other):
            return None
        return Problem(entry.file, entry.line, 1, f"{zh} is defined twice with different English: {entry.en!r} here, "
                       f"{other.en!r} at {other.where}")
    if entry.kind == other.kind == "indicator" and entry.id != other.id and not _compatible(entry, other):
        return Problem(entry.file, entry.line, 1, f"indicator {zh} is defined twice with different ids: "
                       f"{entry.id!r} here, {other.id!r} at {other.where}")
    if not (entry.en and other.en) and entry.en != other.en:
        return Problem(entry.file, entry.line, 1, f"{zh} is also defined at {other.where} "
                       f"({'this one' if not entry.en else 'that one'} untranslated)", fatal=False)
    return None


def _cross_check(entries: list[Entry]) -> list[Problem]:
    """One term, one rendering: conflicts between entries, aliases and ids; forbidden renderings."""
    problems: list[Problem] = []
    owners: dict[str, list[tuple[Entry, str]]] = {}  # normalised key -> (entry, term as written), in file order
    for entry in entries:
        for zh in (entry.zh, *entry.aliases):
            key = normalise_key(zh)
            earlier = owners.setdefault(key, [])
            for other, other_zh in earlier:
                if other is entry:
                    continue
                found = _pair_problem(entry, zh, other, other_zh)
                if found is not None:
                    problems.append(found)
                    break
            earlier.append((entry, zh))
    for entry in entries:
        if entry.status is Status.FORBIDDEN:
            siblings = [e for e, _ in owners.get(normalise_key(entry.zh), []) if e is not entry]
            if not any(e.translated and e.effective_status is Status.PREFERRED for e in siblings):
                problems.append(Problem(entry.file, entry.line, 1, f"{entry.zh}: forbidden rendering {entry.en!r} "
                                        "has no preferred sibling (add the preferred rendering of the term)",
                                        fatal=False))
    ids: dict[str, Entry] = {}
    for entry in entries:
        if entry.id is None:
            continue
        if entry.id in ids and normalise_key(ids[entry.id].zh) != normalise_key(entry.zh):
            problems.append(Problem(entry.file, entry.line, 1, f"duplicate indicator id {entry.id!r} (also {ids[entry.id].zh} at {ids[entry.id].where})"))
        ids.setdefault(entry.id, entry)
    for entry in entries:
        if entry.series is None:
            continue
        target = ids.get(entry.series)
        if target is None:
            problems.append(Problem(entry.file, entry.line, 1, f"{entry.zh}: series {entry.series!r} is no indicator's id"))
        elif target.series is not None or entry.series == entry.id:
            problems.append(Problem(entry.file, entry.line, 1, f"{entry.zh}: series {entry.series!r} must name "
                                    "the series' own entry (one without a series of its own)"))
    return problems


def validate_dir(directory: Path) -> tuple[list[Entry], list[Problem]]:
    if not directory.is_dir():
        raise GlossaryError("glossary folder not found", directory)
    entries: list[Entry] = []
    problems: list[Problem] = []
    for path in glossary_files(directory):
        found, trouble = _read_entries(path)
        entries.extend(found)
        problems.extend(trouble)
    problems.extend(_cross_check(entries))
    return entries, problems
