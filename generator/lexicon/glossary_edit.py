"""Writing glossary files: entries added or changed in place, the rest of each file kept byte for byte.

Owns the one way the tools write ``glossary/*.yaml`` (``glossary gaps
--write``, ``glossary import``): a :class:`Record` is an entry as a tool
wants it written; :func:`edit_text` changes the entries of one file's text
and appends new ones; :func:`write_files` validates the whole folder as it
would be and only then replaces the changed files (each through a temporary
file and a rename), so a glossary is never left half-written or invalid.

A changed entry is edited field by field in the text: a changed value is
re-dumped by ruamel (its quoting and flow style kept) and put in place of the
old value, a new field gets a line after the field before it, a removed field
loses its line. Everything else — other entries and fields, comments, blank
lines, line-wrapped flow lists that a whole-file round trip would reflow —
stays byte for byte. (A flow-style entry such as ``{en: …, kind: term}`` is
rewritten whole, in flow style.) New entries are appended at the end of
their file in the canonical form (fields in
:data:`generator.lexicon.glossary_files.FIELDS` order, aliases as a flow list), each with an optional comment above it.
"""

from __future__ import annotations

import io
import os
import shutil
import tempfile
from dataclasses import dataclass, fields, replace
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.nodes import MappingNode, Node, ScalarNode, SequenceNode
from ruamel.yaml.scalarstring import ScalarString

from generator.errors import GlossaryError
from generator.lexicon.entries import DEFAULT_KIND, Entry
from generator.lexicon.glossary_files import FIELDS, Problem, validate_dir
from generator.paths import UNITS_FILE

TEXT_FIELDS = ("en", "kind", "status", "note", "source", "id", "unit", "polarity", "series")


@dataclass(frozen=True)
class Record:
    """One glossary entry as a tool writes it. ``None``: the field is not written; ``""`` is written empty."""

    file: str  # file name inside the glossary folder, e.g. "items.yaml"
    zh: str
    en: str = ""
    kind: str | None = None
    status: str | None = None
    aliases: tuple[str, ...] = ()
    note: str | None = None
    source: str | None = None
    id: str | None = None
    unit: str | None = None
    polarity: str | None = None
    series: str | None = None
    comment: str | None = None  # written above a new entry (not compared, not exported)

    @classmethod
    def of(cls, entry: Entry, file: str) -> "Record":
        """The record of a loaded entry (every field it has; ``kind`` always)."""
        return cls(file=file, zh=entry.zh, en=entry.en, kind=entry.kind,
                   status=entry.status.value if entry.status else None, aliases=entry.aliases, note=entry.note,
                   source=entry.source, id=entry.id, unit=entry.unit, polarity=entry.polarity,
                   series=entry.series)

    def differs(self, entry: Entry) -> list[str]:
        """The fields whose meaning differs from the loaded ``entry`` (absent kind = term, absent status = preferred)."""
        mine = {"en": self.en, "kind": self.kind or DEFAULT_KIND, "status": self.status or "preferred",
                "aliases": tuple(self.aliases), "note": self.note or None, "source": self.source or None,
                "id": self.id or None, "unit": self.unit or None, "polarity": self.polarity or None,
                "series": self.series or None}
        theirs = {"en": entry.en, "kind": entry.kind, "status": entry.effective_status.value,
                  "aliases": tuple(entry.aliases), "note": entry.note or None, "source": entry.source or None,
                  "id": entry.id or None, "unit": entry.unit or None, "polarity": entry.polarity or None,
                  "series": entry.series or None}
        return [f for f in FIELDS if mine[f] != theirs[f]]

    def values(self) -> dict[str, object]:
        """The fields to write, in file order (``en`` always)."""
        out: dict[str, object] = {}
        for name in FIELDS:
            value = getattr(self, name)
            if name == "en":
                out[name] = value
            elif name == "aliases":
                if value:
                    out[name] = list(value)
            elif value is not None:
                out[name] = value
        return out


RECORD_FIELDS = tuple(f.name for f in fields(Record) if f.name != "comment")


def yaml_rt() -> YAML:
    """The round-trip YAML settings the glossary files are written in."""
    y = YAML(typ="rt")
    y.preserve_quotes = True
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    return y


def _flow_list(items: list[str]) -> CommentedSeq:
    seq = CommentedSeq(items)
    seq.fa.set_flow_style()
    return seq


def record_map(record: Record) -> CommentedMap:
    """A new entry's value in the canonical form."""
    value = CommentedMap()
    for name, field_value in record.values().items():
        value[name] = _flow_list(list(field_value)) if name == "aliases" else field_value  # type: ignore[arg-type]
    return value


def _dump(data: CommentedMap) -> str:
    buffer = io.StringIO()
    yaml_rt().dump(data, buffer)
    return buffer.getvalue()


def entries_text(records: list[Record]) -> str:
    """New entries as YAML text, each with its comment above it."""
    data = CommentedMap()
    for record in records:
        data[record.zh] = record_map(record)
        if record.comment:
            data.yaml_set_comment_before_after_key(record.zh, before=record.comment, indent=0)
    return _dump(data) if records else ""


# --- changing an entry in place ---------------------------------------------------


def _keep_style(old: object, new: object) -> object:
    """``new`` in the quoting style of ``old`` (a double-quoted value stays double-quoted)."""
    if isinstance(old, ScalarString) and isinstance(new, str) and new:
        return type(old)(new)
    return new


def _field_value(name: str, new: object, old: object) -> object:
    """A field's new YAML value in the style of its old one."""
    if name == "aliases":
        seq = _flow_list(list(new))  # type: ignore[call-overload]
        if isinstance(old, CommentedSeq) and not old.fa.flow_style():
            seq.fa.set_block_style()
        return seq
    return _keep_style(old, new)


def _content_end(node: Node) -> int:
    """Index just past the last character of a node's own text (block collections: their last child)."""
    if isinstance(node, MappingNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1][1])
    if isinstance(node, SequenceNode) and not node.flow_style and node.value:
        return _content_end(node.value[-1])
    return node.end_mark.index


def _after_key(key: str, value: object) -> str:
    """The text that follows ``key`` when its value is ``value``: from the ``:`` to the value's last character."""
    text = _dump(CommentedMap([(key, value)]))
    root = YAML(typ="rt").compose(text)
    key_node, value_node = root.value[0]
    return text[key_node.end_mark.index:_content_end(value_node)]


Edit = tuple[int, int, str]  # replace text[start:end] with the string


def _line_start(text: str, index: int) -> int:
    return text.rfind("\n", 0, index) + 1


def _line_end(text: str, index: int) -> int:
    end = text.find("\n", index)
    return len(text) if end < 0 else end


def _entry_edits(text: str, key: Node, node: Node, old: object, record: Record) -> list[Edit]:
    """Edits that turn one entry's text into ``record``, leaving its comments and untouched fields as written."""
    wanted = record.values()
    whole = (key.end_mark.index, _content_end(node))
    if isinstance(old, str) and set(wanted) <= {"en", "kind"} and (record.kind or DEFAULT_KIND) == DEFAULT_KIND:
        return [(*whole, _after_key(record.zh, _keep_style(old, record.en)))]  # shorthand stays shorthand
    if not isinstance(old, CommentedMap) or not isinstance(node, MappingNode) or node.flow_style or not node.value:
        if isinstance(old, CommentedMap):  # a flow mapping: rewritten whole, in flow style
            value = CommentedMap()
            for name, new in wanted.items():
                value[name] = _field_value(name, new, old.get(name))
            value.fa.set_flow_style()
        else:
            value = record_map(record)
        return [(*whole, _after_key(record.zh, value))]
    nodes = {k.value: (k, v) for k, v in node.value if isinstance(k, ScalarNode)}
    indent = " " * node.value[0][0].start_mark.column
    edits: list[Edit] = []
    previous_end = whole[0]
    for name in FIELDS:
        present = name in old and name in nodes
        if name not in wanted:
            if present and not (name == "kind" and record.kind is None and old[name] == DEFAULT_KIND):
                k, v = nodes[name]
                edits.append((_line_start(text, k.start_mark.index), _line_end(text, _content_end(v)) + 1, ""))
            elif present:
                previous_end = _content_end(nodes[name][1])
            continue
        new = wanted[name]
        if present:
            k, v = nodes[name]
            same = list(old[name]) == list(new) if name == "aliases" else str(old[name]) == new  # type: ignore[call-overload]
            if not same:
                edits.append((k.end_mark.index, _content_end(v), _after_key(name, _field_value(name, new, old[name]))))
            previous_end = _content_end(v)
        else:  # a new field, quoted as the entry's other text fields are
            donor = next((v for v in old.values() if isinstance(v, ScalarString)), None)
            at = _line_end(text, previous_end)
            edits.append((at, at, "\n" + indent + name + _after_key(name, _field_value(name, new, donor))))
    return edits


def edit_text(original: str, updates: list[Record], appends: list[Record], label: str) -> str:
    """``original`` with the entries of ``updates`` rewritten in place and ``appends`` added at the end."""
    text = original
    if updates:
        try:
            data = yaml_rt().load(original)
            root = YAML(typ="rt").compose(original)
        except YAMLError as exc:
            raise GlossaryError(f"cannot edit: {' '.join(str(exc).split())[:200]}", label) from None
        if not isinstance(data, CommentedMap) or not isinstance(root, MappingNode):
            raise GlossaryError("cannot edit: not a mapping of terms", label)
        nodes = {k.value: (k, v) for k, v in root.value if isinstance(k, ScalarNode)}
        edits: list[Edit] = []
        for record in updates:
            if record.zh not in data or record.zh not in nodes:
                raise GlossaryError(f"cannot edit: no entry {record.zh!r}", label)
            edits += _entry_edits(original, *nodes[record.zh], data[record.zh], record)
        for start, end, replacement in sorted(edits, key=lambda e: (e[0], e[1]), reverse=True):
            text = text[:start] + replacement + text[end:]
    if appends:
        text += ("" if not text or text.endswith("\n") else "\n") + entries_text(appends)
    return text


# --- writing a folder ----------------------------------------------------------------


def _fatal(problems: list[Problem], folder: Path, directory: Path) -> list[Problem]:
    """Fatal problems, with the temporary folder's paths replaced by the glossary's."""
    return [replace(p, file=p.file.replace(str(folder), str(directory), 1)) for p in problems if p.fatal]


def check_files(directory: Path, texts: dict[str, str]) -> tuple[list[Entry], list[Problem]]:
    """Validate ``directory`` as it would be with the files of ``texts`` (name -> text) replaced: entries, fatal problems."""
    with tempfile.TemporaryDirectory(prefix=".glossary-check-") as tmp:
        folder = Path(tmp)
        for path in directory.glob("*.yaml"):
            if path.is_file():
                shutil.copyfile(path, folder / path.name)
        if not (folder / UNITS_FILE).exists():
            (folder / UNITS_FILE).write_text("", encoding="utf-8")  # not read as glossary entries
        for name, text in texts.items():
            (folder / name).write_text(text, encoding="utf-8")
        entries, problems = validate_dir(folder)
        entries = [replace(e, file=e.file.replace(str(folder), str(directory), 1)) for e in entries]
        return entries, _fatal(problems, folder, directory)


def write_files(directory: Path, texts: dict[str, str]) -> None:
    """Replace the files of ``texts`` (name -> text) in ``directory`` if the folder stays valid; else GlossaryError.

    Every file is first written under a temporary name; the renames follow
    only when all are written, so an error leaves every file as it was.
    """
    changed = {name: text for name, text in texts.items()
               if not (directory / name).is_file() or (directory / name).read_text(encoding="utf-8") != text}
    if not changed:
        return
    _, fatal = check_files(directory, changed)
    if fatal:
        more = f" (and {len(fatal) - 1} more)" if len(fatal) > 1 else ""
        raise GlossaryError(f"the change would break the glossary: {fatal[0]}{more}", directory)
    staged: list[tuple[str, Path]] = []
    try:
        for name, text in changed.items():
            fd, tmp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=directory)
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                handle.write(text)
            staged.append((tmp, directory / name))
        for tmp, path in staged:
            os.replace(tmp, path)
    finally:
        for tmp, _ in staged:
            if os.path.exists(tmp):
                os.unlink(tmp)
