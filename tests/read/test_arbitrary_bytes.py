"""Whatever bytes a file holds, reading it gives a Document or an InputError — never anything else."""

from __future__ import annotations

import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from generator.document import Document
from generator.errors import InputError
from generator.read import read_document

EXTENSIONS = st.sampled_from([".txt", ".md", ".html"])
# Pieces of plan reports and of the formats' markup, so that generated files
# reach the structure and table code, not only the decoder.
FRAGMENTS = st.sampled_from([
    "关于某市2023年国民经济和社会发展计划执行情况及2024年计划草案的报告", "一、", "二、", "（一）", "（二）",
    "一是", "二是", "——", "附件1", "附件：1.", "注：1．", "加“*”为约束性指标", "序号", "指标名称", "单位",
    "2023年预期目标", "预计完成", "#", "*", "▽", "（%）", "(万吨)", "一、推动高质量发展", "。", "，", "5.5左右",
    "\t", "\n", "\n\n", "\r\n", " ", "\u3000", "|", "| --- |", "**", "# ", "> ", "---\n", "title: 报告\n",
    "<p>", "</p>", "<br>", "<table>", "<tr>", "<td>", "<td colspan='3'>", "<td rowspan='2'>", "</td>", "</tr>",
    "</table>", "<div class='TRS_Editor'>", "</div>", "<script>", "&nbsp;", "<!--", "-->", "\\*", "1", "33",
])


def _read(data: bytes, suffix: str) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"input{suffix}"
        path.write_bytes(data)
        try:
            assert isinstance(read_document(path), Document)
        except InputError as error:
            assert error.path == str(path)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.binary(max_size=2000), suffix=EXTENSIONS)
def test_arbitrary_bytes(data: bytes, suffix: str) -> None:
    _read(data, suffix)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    pieces=st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=80),
    suffix=EXTENSIONS,
    encoding=st.sampled_from(["utf-8", "utf-8-sig", "gb18030", "utf-16"]),
)
def test_report_like_text(pieces: list[str], suffix: str, encoding: str) -> None:
    _read("".join(pieces).encode(encoding, errors="replace"), suffix)
