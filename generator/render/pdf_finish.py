"""Last touches to a printed brief, on WeasyPrint's PDF objects before they are written.

What WeasyPrint 70 writes and PDF/UA-1 or plain correctness asks otherwise:

- Running headers and page numbers (CSS margin boxes) are marked content
  whose structure elements WeasyPrint keeps out of the tree. They become
  pagination artifacts (``/Artifact <</Type /Pagination>> BDC``) and leave
  the parent tree, so a reader skips them instead of meeting untagged text.
- The subset tag of an embedded font (``ABCDEF+Name``) comes from WeasyPrint's
  font description, so the Chinese and the English brief give two different
  subsets one name. Each font is renamed with a tag derived from its font
  program: one name, one font, in every PDF the project writes.
- The data files attached (the scorecard) are associated files of the
  document: ``/AF`` in the catalog and ``/AFRelationship /Data`` on each
  file specification, as in PDF/A-3.

:func:`finisher` returns a WeasyPrint finisher doing all three; it works on
the ``pydyf`` objects in memory, so nothing is parsed or written twice.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Collection
from typing import Any

ARTIFACT_TAG = "/Artifact"
FONT_FILES = ("FontFile", "FontFile2", "FontFile3")


def finisher(data_files: Collection[str] = ()) -> Callable[[Any, Any], None]:
    """A WeasyPrint finisher: artifacts, font names and associated files (``data_files`` are attachment names)."""

    def finish(_document: Any, pdf: Any) -> None:
        artifacts(pdf)
        font_names(pdf)
        associate(pdf, set(data_files))

    return finish


def _get(pdf: Any, reference: Any) -> Any:
    return pdf.objects[int(bytes(reference).split()[0])]


def _reachable(pdf: Any, root: Any) -> set[int]:
    """Object numbers of the structure elements in the tree under ``root``."""
    seen: set[int] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        kids = node.get("K", ())
        for kid in kids if isinstance(kids, list) else [kids]:
            if isinstance(kid, bytes) and kid.endswith(b" R"):
                element = _get(pdf, kid)
                if isinstance(element, dict) and element.get("Type") == "/StructElem" and element.number not in seen:
                    seen.add(element.number)
                    todo.append(element)
    return seen


def artifacts(pdf: Any) -> None:
    """Marked content whose structure element is outside the tree becomes a pagination artifact."""
    import pydyf

    if "StructTreeRoot" not in pdf.catalog:
        return
    root = _get(pdf, pdf.catalog["StructTreeRoot"])
    in_tree = _reachable(pdf, root)
    nums = _get(pdf, root["ParentTree"])["Nums"]
    pages = {int(nums[i]): nums[i + 1] for i in range(0, len(nums), 2)}
    for index, reference in enumerate(pdf.page_references):
        entries = pages.get(index)
        if not isinstance(entries, list):
            continue
        loose = {mcid for mcid, element in enumerate(entries)
                 if isinstance(element, bytes) and int(element.split()[0]) not in in_tree}
        if not loose:
            continue
        content = _get(pdf, _get(pdf, reference)["Contents"])
        found = _mark(content.stream, loose, pydyf)
        for mcid in found:
            entries[mcid] = "null"  # keeps the array indexed by MCID


def _mark(stream: list, mcids: set[int], pydyf: Any) -> set[int]:
    """Turn ``/Tag <</MCID n>> BDC`` into a pagination artifact for each ``n`` of ``mcids``; the MCIDs found."""
    found = set()
    for at in range(1, len(stream) - 1):
        item = stream[at]
        if (isinstance(item, dict) and item.get("MCID") in mcids and stream[at + 1] == b"BDC"
                and isinstance(stream[at - 1], str) and stream[at - 1].startswith("/")):
            stream[at - 1] = ARTIFACT_TAG
            stream[at] = pydyf.Dictionary({"Type": "/Pagination"})
            found.add(item["MCID"])
    return found


def _tag(program: bytes) -> str:
    """Six capital letters from the font program: the subset tag of ISO 32000-1, 9.6.4."""
    return "".join(chr(65 + byte % 26) for byte in hashlib.sha256(program).digest()[:6])


def font_names(pdf: Any) -> None:
    """Rename every embedded subset ``TAG+Name`` with a tag derived from its font program."""
    for font in list(pdf.objects):
        if not (isinstance(font, dict) and font.get("Type") == "/Font" and font.get("Subtype") == "/Type0"):
            continue
        for reference in font.get("DescendantFonts", ()):
            descendant = _get(pdf, reference)
            descriptor = _get(pdf, descendant["FontDescriptor"])
            key = next((k for k in FONT_FILES if k in descriptor), None)
            if key is None:
                continue
            program = b"".join(part if isinstance(part, bytes) else bytes(part)
                               for part in _get(pdf, descriptor[key]).stream)
            base = bytes(font["BaseFont"]).decode("latin-1").lstrip("/")
            name = base.split("+", 1)[1] if "+" in base[:7] else base
            renamed = f"/{_tag(program)}+{name}".encode("latin-1")
            font["BaseFont"] = descendant["BaseFont"] = descriptor["FontName"] = renamed


def associate(pdf: Any, names: set[str]) -> None:
    """Embedded files named in ``names`` become associated data files of the document."""
    import pydyf

    specs = [obj for obj in pdf.objects
             if isinstance(obj, dict) and obj.get("Type") == "/Filespec" and str(obj["UF"].string) in names]
    for spec in specs:
        spec["AFRelationship"] = "/Data"
    if specs:
        pdf.catalog["AF"] = pydyf.Array(spec.reference for spec in specs)
