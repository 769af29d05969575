"""PDF/UA structure that WeasyPrint's tagger leaves out, added while it tags the brief.

WeasyPrint 70 builds the structure tree from the laid-out boxes
(``weasyprint.pdf.tags``) but drops what only the HTML knows and maps a few
elements in ways PDF/UA-1 (ISO 14289-1) refuses:

- ``lang`` attributes: no ``/Lang`` below the document, so the Chinese terms
  of an English brief are read in the document's language;
- ``th scope``: no ``/Scope`` on ``TH``, and every ``th`` not scoped "row"
  becomes a header of its whole column, so a category header row of a
  scorecard heads every later row of every other category too;
- ``dl``: ``L > Div > LI > LBody``, where PDF/UA wants ``L > LI > (Lbl, LBody)``
  (the term is the label, the description the body);
- CSS columns: the column boxes of a multi-column list repeat its element,
  giving ``L > L``.

:func:`recording` records which box each structure element was made for
while WeasyPrint tags a document; :func:`complete` (a WeasyPrint finisher)
then fixes the tree with that knowledge: ``/Lang`` where the HTML has
``lang``, ``/Scope`` from ``th scope``, each data cell's ``/Headers`` from
its column's headers, its row's header and its row group's header (one
``tbody`` per category, its header ``th scope="rowgroup"``), the description
lists as ``L > LI > (Lbl, LBody)``, and the ``/IDTree`` the headers need.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

# The PDF /Scope of each HTML th scope; a th without one heads its column in
# a thead and its row elsewhere (what browsers infer for simple tables).
SCOPES = {"col": "/Column", "colgroup": "/Column", "row": "/Row", "rowgroup": "/Row"}
ROW_GROUP = "rowgroup"

_LOCK = threading.Lock()  # the tagger is patched for one document at a time


@dataclass
class _Made:
    """A structure element and the box WeasyPrint made it for."""

    element: Any  # pydyf.Dictionary
    box: Any  # weasyprint box
    outer: Any  # the box whose element was being built around it (None at the top)


@dataclass
class Recorder:
    """Structure elements of one document, each with its box (the innermost one it was yielded for)."""

    made: dict[int, _Made] = field(default_factory=dict)
    stack: list[Any] = field(default_factory=list)
    group_headers: dict[int, list[Any]] = field(default_factory=dict)  # id(tbody element) -> header IDs

    def wrap(self, build: Callable[..., Iterator[Any]]) -> Callable[..., list[Any]]:
        # Eager: WeasyPrint consumes each call's elements at once (it only slices them into
        # the parent's kids), so a list serves, without a generator frame around every box.
        def recording_build(box: Any, parent: Any, *args: Any) -> list[Any]:
            real = getattr(box, "_box", box)  # AbsolutePlaceholder
            outer = self.stack[-1] if self.stack else None
            self.stack.append(real)
            try:
                elements = list(build(box, parent, *args))
            finally:
                self.stack.pop()
            for element in elements:  # inner calls returned first: the innermost box is kept
                self.made.setdefault(id(element), _Made(element, real, outer))
            return elements

        return recording_build


@contextmanager
def recording() -> Iterator[Recorder]:
    """Record the boxes of the structure elements WeasyPrint makes inside this block."""
    from weasyprint.pdf import tags

    recorder = Recorder()
    with _LOCK:
        original = tags._build_box_tree
        tags._build_box_tree = recorder.wrap(original)  # the tagger recurses through the module global
        try:
            yield recorder
        finally:
            tags._build_box_tree = original


def _html(box: Any) -> Any:
    return getattr(box, "element", None)


def _same_element(made: _Made) -> bool:
    """True for an anonymous or pseudo box of the element whose box encloses it."""
    return made.outer is not None and _html(made.outer) is not None and _html(made.outer) is _html(made.box)


class _Tree:
    """The document's objects, reachable by reference."""

    def __init__(self, pdf: Any) -> None:
        self.pdf = pdf

    def get(self, reference: Any) -> Any:
        return self.pdf.objects[int(bytes(reference).split()[0])]

    def replace_kid(self, parent_ref: Any, old: Any, new: list[Any]) -> None:
        parent = self.get(parent_ref)
        kids = parent["K"]
        at = list(kids).index(old.reference)
        kids[at:at + 1] = [kid.reference for kid in new]
        for kid in new:
            kid["P"] = parent.reference


def complete(recorder: Recorder) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher that completes the structure tree recorded by ``recorder``."""

    def finisher(_document: Any, pdf: Any) -> None:
        if "StructTreeRoot" not in pdf.catalog:
            return
        tree = _Tree(pdf)
        made = list(recorder.made.values())
        _languages(made)
        _lists(tree, made)
        for item in made:
            if item.element["S"] == "/Table":
                _table_headers(recorder, item.box)
        _id_tree(tree)

    return finisher


def _languages(made: list[_Made]) -> None:
    import pydyf

    for item in made:
        element = _html(item.box)
        if element is None or getattr(item.box, "element_tag", None) in ("html", "body") or _same_element(item):
            continue
        lang = element.get("lang")
        if lang:
            item.element["Lang"] = pydyf.String(lang)


def _lists(tree: _Tree, made: list[_Made]) -> None:
    """Description lists as ``L > LI > (Lbl, LBody)``; no ``L`` directly inside its own element's ``L``."""
    import pydyf

    for item in made:  # dt/dd: WeasyPrint wraps each in its own LI > LBody; keep the body, as Lbl for a dt
        tag = getattr(item.box, "element_tag", None)
        if tag in ("dt", "dd") and item.element["S"] == "/LI" and len(item.element["K"]) == 1:
            body = tree.get(item.element["K"][0])
            if tag == "dt":
                body["S"] = "/Lbl"
            tree.replace_kid(item.element["P"], item.element, [body])
    for item in made:
        tag = getattr(item.box, "element_tag", None)
        outer = getattr(item.outer, "element_tag", None)
        if item.element["S"] == "/Div" and tag == "div" and outer == "dl":
            item.element["S"] = "/LI"  # the div grouping a term with its descriptions
        elif item.element["S"] == "/L" and tag == "dl" and not _same_element(item):
            _group_bare_items(tree, item.element, pydyf)
    for item in made:  # column boxes repeat the list's element: their items belong to the list itself
        if item.element["S"] == "/L" and _same_element(item):
            parent = tree.get(item.element["P"])
            if parent["S"] == "/L":
                tree.replace_kid(item.element["P"], item.element, [tree.get(k) for k in item.element["K"]])


def _group_bare_items(tree: _Tree, lst: Any, pydyf: Any) -> None:
    """``dt``/``dd`` written straight into a ``dl`` (no div): one LI per term and its descriptions."""
    kids = [tree.get(k) if isinstance(k, bytes) else k for k in lst["K"]]
    if not any(isinstance(k, dict) and k.get("S") in ("/Lbl", "/LBody") for k in kids):
        return
    grouped: list[Any] = []
    current = None
    for kid in kids:
        if isinstance(kid, dict) and kid.get("S") in ("/Lbl", "/LBody"):
            if current is None or kid["S"] == "/Lbl":
                current = pydyf.Dictionary({"Type": "/StructElem", "S": "/LI", "K": pydyf.Array(),
                                            "P": lst.reference, "Pg": kid["Pg"]})
                tree.pdf.add_object(current)
                grouped.append(current.reference)
            current["K"].append(kid.reference)
            kid["P"] = current.reference
        else:
            current = None
            grouped.append(kid.reference if isinstance(kid, dict) else kid)
    lst["K"] = pydyf.Array(grouped)


def _cells(table: Any) -> Iterator[tuple[Any, Any, Any, list[int]]]:
    """(row group, row, cell, grid columns) of every cell of a laid-out table, row by row."""
    covered: dict[int, int] = {}  # column -> rows still covered by a rowspan from above
    for group in table.children:
        for row in getattr(group, "children", ()):
            column = 0
            for cell in getattr(row, "children", ()):
                while covered.get(column, 0) > 0:
                    column += 1
                columns = list(range(column, column + getattr(cell, "colspan", 1)))
                for c in columns:
                    covered[c] = getattr(cell, "rowspan", 1)
                yield group, row, cell, columns
                column = columns[-1] + 1
            covered = {c: n - 1 for c, n in covered.items() if n > 1}


def _table_headers(recorder: Recorder, box: Any) -> None:
    """``/Scope`` on every TH and ``/Headers`` on every TD: its column's, its row's and its row group's headers.

    Row-group headers are remembered per ``tbody`` element, so the rows of a
    group that continue on the next page keep the header drawn on the page before.
    """
    import pydyf

    table = box.get_wrapped_table() if getattr(box, "is_table_wrapper", False) else box
    if table is None:
        return
    cells = [(g, r, c, cols) for g, r, c, cols in _cells(table)
             if getattr(c, "mark", None) is not None and _html(c) is not None]
    column_headers: dict[int, list[Any]] = {}
    row_headers: dict[int, list[Any]] = {}
    for group, row, cell, columns in cells:
        if cell.element_tag != "th":
            continue
        scope = (_html(cell).get("scope") or "").lower()
        in_head = getattr(group, "element_tag", None) == "thead"
        cell.mark["A"]["Scope"] = SCOPES.get(scope, "/Column" if in_head else "/Row")
        key = cell.mark.get("ID")
        if key is None:
            continue
        if scope == ROW_GROUP:
            recorder.group_headers.setdefault(id(_html(group)), []).append(key)
        elif scope == "row" or (not scope and not in_head):
            row_headers.setdefault(id(row), []).append(key)
        else:
            for column in columns:
                column_headers.setdefault(column, []).append(key)
    for group, row, cell, columns in cells:
        if cell.element_tag != "td":
            continue
        headers = [key for column in columns for key in column_headers.get(column, [])]
        headers += row_headers.get(id(row), []) + recorder.group_headers.get(id(_html(group)), [])
        cell.mark["A"]["Headers"] = pydyf.Array(dict.fromkeys(headers))


def _id_tree(tree: _Tree) -> None:
    """The ``/IDTree`` name tree of the structure root: element identifier -> element (the headers' targets)."""
    import pydyf

    ids = {str(obj["ID"].string): obj for obj in tree.pdf.objects
           if isinstance(obj, dict) and obj.get("Type") == "/StructElem" and "ID" in obj}
    if not ids:
        return
    names = pydyf.Array()
    for key in sorted(ids):
        names.append(ids[key]["ID"])
        names.append(ids[key].reference)
    root = tree.get(tree.pdf.catalog["StructTreeRoot"])
    root["IDTree"] = pydyf.Dictionary({"Names": names})
