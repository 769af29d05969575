"""Last pass over a printed brief (pikepdf): page furniture as artifacts, font names, data files.

What WeasyPrint writes and PDF/UA-1 or plain correctness asks otherwise:

- Running headers and page numbers (CSS margin boxes) are marked content
  whose structure elements WeasyPrint keeps out of the tree. Here they
  become pagination artifacts (``/Artifact <</Type /Pagination>> BDC``) and
  leave the parent tree: a reader skips them instead of finding untagged text.
- The subset tag of an embedded font (``ABCDEF+Name``) comes from WeasyPrint's
  font description, so the Chinese and the English brief name two different
  subsets alike. Each font is renamed with a tag derived from its font
  program: one name, one font, in every PDF the project writes.
- The data files attached (the scorecard) are associated files of the
  document (``/AF`` with ``/AFRelationship /Data``, as in PDF/A-3).

The file is saved with object streams and a content-derived ``/ID``, so two
prints of the same brief are byte-identical.
"""

from __future__ import annotations

import hashlib
import io
from typing import Iterable

import pikepdf

ARTIFACT = [pikepdf.Name.Artifact, pikepdf.Dictionary(Type=pikepdf.Name.Pagination)]
BDC = pikepdf.Operator("BDC")
FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")


def finish(data: bytes, data_files: Iterable[str] = ()) -> bytes:
    """``data`` (a PDF written by WeasyPrint) finished as described above; ``data_files`` are attachment names."""
    with pikepdf.open(io.BytesIO(data)) as pdf:
        _artifacts(pdf)
        _font_names(pdf)
        _associate(pdf, set(data_files))
        out = io.BytesIO()
        pdf.save(out, deterministic_id=True, object_stream_mode=pikepdf.ObjectStreamMode.generate,
                 compress_streams=True)
    return out.getvalue()


def _reachable(root: pikepdf.Object) -> set[tuple[int, int]]:
    """Object ids of the structure elements in the tree under ``root``."""
    seen: set[tuple[int, int]] = set()
    todo = [root]
    while todo:
        node = todo.pop()
        kids = node.get("/K")
        if kids is None:
            continue
        for kid in kids if isinstance(kids, pikepdf.Array) else [kids]:
            if isinstance(kid, pikepdf.Dictionary) and kid.is_indirect and "/S" in kid:
                if kid.objgen not in seen:
                    seen.add(kid.objgen)
                    todo.append(kid)
    return seen


def _artifacts(pdf: pikepdf.Pdf) -> None:
    """Marked content whose structure element is outside the tree becomes a pagination artifact."""
    root = pdf.Root.get("/StructTreeRoot")
    if root is None or "/ParentTree" not in root:
        return
    in_tree = _reachable(root)
    nums = root.ParentTree.get("/Nums")
    if nums is None:
        return
    for page in pdf.pages:
        index = page.obj.get("/StructParents")
        if index is None:
            continue
        entries = next((nums[i + 1] for i in range(0, len(nums), 2) if int(nums[i]) == int(index)), None)
        if not isinstance(entries, pikepdf.Array):
            continue
        loose = {mcid for mcid, element in enumerate(entries)
                 if isinstance(element, pikepdf.Dictionary) and element.objgen not in in_tree}
        if not loose:
            continue
        _mark_artifacts(page.obj, loose, pdf)
        for mcid in loose:
            entries[mcid] = pikepdf.Object.parse(b"null")


def _mark_artifacts(holder: pikepdf.Object, mcids: set[int], pdf: pikepdf.Pdf) -> set[int]:
    """Rewrite the BDC of ``mcids`` in the content of ``holder`` (a page or form XObject); return those not found.

    The forms a page paints are searched only for marks its own content lacks.
    """
    instructions = pikepdf.parse_content_stream(holder if isinstance(holder, pikepdf.Stream) else pikepdf.Page(holder))
    left = set(mcids)
    for at, (operands, operator) in enumerate(instructions):
        if operator == BDC and len(operands) == 2 and isinstance(operands[1], pikepdf.Dictionary):
            mcid = operands[1].get("/MCID")
            if mcid is not None and int(mcid) in left:
                instructions[at] = pikepdf.ContentStreamInstruction(ARTIFACT, operator)
                left.discard(int(mcid))
    if len(left) < len(mcids):
        content = pikepdf.unparse_content_stream(instructions)
        if isinstance(holder, pikepdf.Stream):
            holder.write(content)
        else:
            holder.Contents = pdf.make_stream(content)
    resources = holder.get("/Resources")
    xobjects = resources.get("/XObject") if resources is not None else None
    for xobject in (xobjects or {}).values():
        if not left:
            break
        if xobject.get("/Subtype") == pikepdf.Name.Form:
            left = _mark_artifacts(xobject, left, pdf)
    return left


def _tag(program: bytes) -> str:
    """Six capital letters from the font program: the subset tag of ISO 32000 9.6.4."""
    return "".join(chr(65 + byte % 26) for byte in hashlib.sha256(program).digest()[:6])


def _font_names(pdf: pikepdf.Pdf) -> None:
    """Rename every embedded subset ``TAG+Name`` with a tag derived from its font program."""
    for obj in pdf.objects:
        if not isinstance(obj, pikepdf.Dictionary) or obj.get("/Type") != pikepdf.Name.Font:
            continue
        if obj.get("/Subtype") != pikepdf.Name.Type0:
            continue
        for descendant in obj.get("/DescendantFonts", []):
            descriptor = descendant.get("/FontDescriptor")
            program = next((descriptor[key] for key in FONT_FILES if descriptor is not None and key in descriptor),
                           None)
            if program is None:
                continue
            base = str(descendant.BaseFont)[1:]
            name = base.split("+", 1)[1] if "+" in base[:7] else base
            renamed = pikepdf.Name(f"/{_tag(program.read_bytes())}+{name}")
            descendant.BaseFont = renamed
            descriptor.FontName = renamed
            obj.BaseFont = renamed


def _associate(pdf: pikepdf.Pdf, names: set[str]) -> None:
    """The embedded data files become associated files of the document (``/AF``, ``/AFRelationship /Data``)."""
    if not names:
        return
    specs = []
    for spec in pdf.attachments.values():
        if spec.filename in names:
            spec.obj.AFRelationship = pikepdf.Name.Data
            specs.append(spec.obj)
    if specs:
        pdf.Root.AF = pikepdf.Array(specs)
