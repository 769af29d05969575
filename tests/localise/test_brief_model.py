"""The brief model of the seed, in both languages, as a reader of the brief would check it."""

from __future__ import annotations

import re
import shutil
from datetime import date
from pathlib import Path

import pytest

from generator.brief import Brief, Text
from generator.errors import GlossaryError
from generator.localise import briefs as briefs_module
from tests.support.project import briefs_of
from generator.read import read_document
from tests.support.paths import GLOSSARY, ROOT

CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
DAY = date(2026, 11, 30)


@pytest.fixture(scope="module")
def briefs(seed_doc) -> dict[str, Brief]:
    return briefs_of(seed_doc, generated=DAY)


def _cjk_outside_marked(text: Text) -> list[str]:
    return [s.text for s in text.segments if not s.lang and not s.gap and CJK.search(s.text)]


def test_english_brief_has_no_gaps_and_no_stray_chinese(briefs) -> None:
    en = briefs["en"]
    assert en.gaps == []
    stray = [t for text in en.texts() for t in _cjk_outside_marked(text)]
    assert stray == []
    assert en.terms and all(not CJK.search(t.en) for t in en.terms)
    assert sum(1 for t in en.terms if CJK.search(t.zh)) >= len(en.terms) - 2  # a few keys are Latin (RCEP)


def test_title_block_in_both_languages(briefs) -> None:
    zh, en = briefs["zh"], briefs["en"]
    assert str(zh.title).startswith("关于") and str(zh.title).endswith("报告")
    assert str(en.title).startswith("Report on the Implementation of the 2022 Plan")
    assert str(en.issuer) == "Chongqing Municipal Development and Reform Commission"
    assert (en.review_year, en.plan_year) == ("2022", "2023")
    assert en.generated == "30 November 2026" and zh.generated == "2026年11月30日"
    assert en.html_lang == "en" and zh.html_lang == "zh-Hans"


def test_glance_and_tallies_state_the_scorecard(briefs) -> None:
    en = briefs["en"]
    assert [str(t) for t in en.glance_tally] == ["5 of 6 binding targets met", "13 of 29 anticipatory targets met"]
    assert [str(t) for t in briefs["zh"].glance_tally] == ["6项约束性指标完成5项", "29项预期性指标完成13项"]
    tallies = {str(t.kind): t for t in en.tallies}
    assert {s.key: n for s, n in tallies["Anticipatory"].counts} == {"met": 13, "missed": 15, "not_comparable": 1}
    assert {s.key: n for s, n in tallies["Binding"].counts} == {"met": 5, "no_target": 1}
    assert all(t.agrees for t in en.tallies)


def test_headline_figures_are_converted_exactly(briefs) -> None:
    shown = {(str(f.label), str(f.value)) for f in briefs["en"].headline}
    assert ("gross regional product (GRP)", "over CNY 2.9 trillion") in shown
    assert ("GRP growth", "2.6%") in shown  # with its target: tests/localise/test_executive_summary.py
    assert ("new urban jobs", "710,000 people") in shown
    zh = {(str(f.label), str(f.value)) for f in briefs["zh"].headline}
    assert ("地区生产总值", "超过2.9万亿元") in zh and ("城镇新增就业", "71万人") in zh


def test_scorecard_rows_have_status_word_and_reason(briefs) -> None:
    rows = briefs["en"].score_rows
    top = [r for r in rows if r.level == 0]
    assert len(top) == 35 and len(rows) > 35
    grp = top[0]
    assert (str(grp.name), str(grp.target), str(grp.actual)) == ("GRP growth", "about 5.5%", "2.6%")
    assert (grp.status.key, str(grp.status.label)) == ("missed", "Missed")
    assert str(grp.reason) == "short by 2.9 percentage points"
    grain = next(r for r in rows if str(r.name) == "grain output")
    assert str(grain.actual) == "10.73 million tonnes" and str(grain.cause) == "Report cites: extreme heat"
    zh_grain = next(r for r in briefs["zh"].score_rows if str(r.name) == "粮食产量")
    assert "极端高温" in str(zh_grain.cause)


def test_plan_rows_mark_the_changes(briefs) -> None:
    rows = briefs["en"].plan_rows
    assert len([r for r in rows if r.level == 0]) == 39
    kinds = [r.change_key for r in rows if r.level == 0]
    assert kinds.count("new") == 5
    replaced = next(r for r in rows if r.change_key == "replaced")
    assert str(replaced.name) == "growth in manufacturing investment"
    # private investment's target is not its own: no "last year" value, a note names whose it was
    assert not replaced.previous and not replaced.outcome and replaced.ambition == "unknown"
    assert [str(n) for n in replaced.notes] == ["Replaces growth in private investment (last year's target about 6%)"]
    assert [str(t) for t in briefs["en"].retired] == ["forest coverage"]


def test_sections_show_headings_items_and_figures(briefs) -> None:
    zh, en = briefs["zh"], briefs["en"]
    assert len(en.sections) == 8 + 12 and len(en.overview) == 4
    first = en.sections[0]
    assert str(first.heading) == "Expanding domestic demand and keeping the economy flowing smoothly"
    assert str(zh.sections[0].items[0]) == "积极扩大有效投资"
    # the English brief states facts, it does not translate prose; its item titles are a sentence of it
    assert "expanding effective investment" in str(first.summary) and not first.items
    assert ("infrastructure investment", "up 9%") in {(str(f.label), str(f.value)) for f in first.figures}
    assert str(zh.sections[0].summary)  # the Chinese one keeps the extractive summary


def test_findings_are_localised_and_cite_where_a_reader_finds_them(briefs) -> None:
    en, zh = briefs["en"], briefs["zh"]
    trade = [f for f in en.findings if "imports and exports" in str(f.message)]
    # the table row as the published report numbers it (line 417 of the file), not the file's line
    assert trade and all(f.severity == "warning" and "Attachment 1, row 26" in str(f.where) for f in trade)
    assert any("附件1第26项" in str(f.where) for f in zh.findings)
    assert [str(r.source) for r in en.score_rows[:2]] == ["Attachment 1, row 1", "Attachment 1, row 2"]
    assert str(en.sections[0].source) == "Part 1, section 1" and str(zh.sections[0].source) == "第一部分（一）"
    assert str(trade[0].message) == (
        "The text gives 2% for growth in total imports and exports; the indicator table gives about 2.5%."
    )
    assert [f.severity for f in en.findings] == sorted(
        (f.severity for f in en.findings), key=("error", "warning", "info").index)


def test_a_missing_glossary_term_becomes_a_marked_gap(seed_doc, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, glossary)
    path = glossary / "indicators.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("\n粮食产量:\n") + 1
    end = text.index("\n", text.index("source:", start)) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")

    en = briefs_of(seed_doc, glossary, generated=DAY, langs=("en",))["en"]
    assert set(en.gaps) == {"粮食产量"}
    row = next(r for r in en.score_rows if "粮食产量" in str(r.name))
    gap = row.name.segments[0]
    assert gap.gap and gap.lang == "zh-Hans" and gap.text == "粮食产量"


def test_number_qa_catches_a_wrong_conversion(seed_doc, monkeypatch) -> None:
    from generator.localise.numbers import NumberFormat

    real = NumberFormat.quantity

    def off_by_ten(self, q):
        shown = real(self, q)
        return shown.replace("410.4 billion", "41.04 billion") if shown else shown

    monkeypatch.setattr(NumberFormat, "quantity", off_by_ten)
    with pytest.raises(GlossaryError, match="number QA failed"):
        briefs_of(seed_doc, generated=DAY, langs=("en",))


def test_briefs_of_a_report_without_tables(tmp_path: Path) -> None:
    report = tmp_path / "national.txt"
    report.write_text(
        "关于2030年国民经济和社会发展计划执行情况与2031年国民经济和社会发展计划草案的报告\n\n"
        "国家发展和改革委员会\n\n"
        "一、2030年国民经济和社会发展计划执行情况\n\n"
        "（一）经济运行总体平稳。国内生产总值增长5.2%，城镇新增就业1244万人。\n\n"
        "二、2031年经济社会发展总体要求和主要目标\n\n"
        "主要预期目标是：国内生产总值增长5%左右；城镇新增就业1200万人以上；居民消费价格涨幅3%左右。\n",
        encoding="utf-8",
    )
    out = briefs_of(read_document(report), generated=DAY)
    assert out["zh"].score_rows == () and out["en"].score_rows == ()
    assert "prose" in str(out["en"].plan_origin) or "text" in str(out["en"].plan_origin)
    assert len(out["en"].plan_rows) == 3
    assert briefs_module.BriefBuilder  # the module exposes its builder for other front ends


def test_strict_build_fails_on_a_gap_and_names_the_command(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys

    glossary = tmp_path / "glossary"
    shutil.copytree(GLOSSARY, glossary)
    path = glossary / "items.yaml"
    text = path.read_text(encoding="utf-8")
    assert "积极扩大有效投资:" in text
    start = text.index("积极扩大有效投资:")
    end = text.index("\n", start) + 1
    while text[end:end + 2] == "  ":  # a mapping entry spans its indented lines
        end = text.index("\n", end) + 1
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    seed = ROOT / "seeds" / "chongqing-2023-plan.txt"

    def build(*extra: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            [sys.executable, "-m", "generator", "build", str(seed), "--out", str(tmp_path / "out"),
             "--glossary", str(glossary), "--formats", "html", *extra],
            capture_output=True, text=True, cwd=ROOT, env={**os.environ, "SOURCE_DATE_EPOCH": "1764460800"})

    strict = build("--strict")
    assert strict.returncode == 2
    assert "1 glossary gap" in strict.stderr and "glossary gaps" in strict.stderr
    assert not (tmp_path / "out" / seed.stem / f"{seed.stem}.en.html").exists()

    relaxed = build()
    assert relaxed.returncode == 0
    html = (tmp_path / "out" / seed.stem / f"{seed.stem}.en.html").read_text(encoding="utf-8")
    assert re.search(r'<span class="gap"[^>]*lang="zh-Hans"[^>]*>积极扩大有效投资</span>', html) or \
        re.search(r'<span[^>]*lang="zh-Hans"[^>]*class="gap"[^>]*>积极扩大有效投资</span>', html)


def test_a_report_without_tables_states_its_own_tally_at_a_glance() -> None:
    doc = read_document(ROOT / "tests" / "fixtures" / "reports" / "national-2025.txt")
    out = briefs_of(doc, generated=DAY)
    # The review is what the text names as falling short (it used to be empty), with the stated reason.
    assert [(str(r.name), r.status.key) for r in out["en"].score_rows] == [
        ("CPI increase", "missed"), ("growth in total retail sales of consumer goods", "missed")]
    assert all(str(r.cause).startswith("Report cites: ") for r in out["en"].score_rows)
    assert "text, not a table" in str(out["en"].score_origin)
    assert [str(t) for t in out["en"].glance_tally] == [
        "19 of 21 targets met, as the report states", "8 of 8 binding targets met, as the report states",
        "2 indicators named in the text as falling short"]
    assert [str(t) for t in out["zh"].glance_tally] == [
        "据报告，21项指标完成19项", "据报告，8项约束性指标完成8项", "报告文字点名2项指标未达预期"]
    # Nothing is counted from a table: the tally rows are the report's own, said to come from the text.
    assert [(str(t.kind), t.total, t.agrees) for t in out["en"].tallies] == [
        ("All indicators", 21, None), ("Binding", 8, None)]
    assert all("stated in the text" in str(t.stated) for t in out["en"].tallies)
    grain = next(r for r in out["en"].plan_rows if str(r.name) == "grain output")
    assert str(grain.target) == "about 700 million tonnes" and not grain.unit



# ---------------------------------------------------------------- honest labels (the audit of issue 13)

def _plan(brief: Brief, number: str):
    return next(r for r in brief.plan_rows if r.number == number and r.level == 0)


def _score(brief: Brief, number: str):
    return next(r for r in brief.score_rows if r.number == number and r.level == 0)


def test_seed_tightened_targets_are_marked_more_ambitious_though_lower(briefs) -> None:
    """Row 8 (1.8左右∶1 -> 1.72∶1) and row 39 (0.032左右 -> 0.03): a smaller gap, fewer deaths."""
    for number in ("8", "39"):
        en, zh = _plan(briefs["en"], number), _plan(briefs["zh"], number)
        assert (en.change_key, en.ambition, en.mark) == ("lowered", "more", "more"), number
        assert str(en.change) == "More ambitious (lowered)" and str(zh.change) == "更积极（降低）"
    retail = _plan(briefs["en"], "15")  # 7左右 -> 6: lower and less ambitious
    assert (retail.mark, str(retail.change)) == ("less", "Less ambitious (lowered)")


def test_seed_no_rewording_for_a_dropped_about_or_a_target_left_to_the_state(briefs) -> None:
    en, zh = briefs["en"], briefs["zh"]
    agriculture = _plan(en, "3")  # 4左右 -> 4
    assert (agriculture.change_key, str(agriculture.change)) == ("firmed", "Unchanged (firm figure)")
    assert str(_plan(zh, "3").change) == "持平（去掉“左右”）"
    pollutants = [r for r in en.plan_rows if r.level and str(r.target) == "target not yet issued by the state"]
    assert len(pollutants) == 4
    assert {(r.change_key, str(r.change)) for r in pollutants} == {("pending", "Pending national target")}
    assert {str(r.change) for r in zh.plan_rows if r.change_key == "pending"} == {"待国家下达"}
    dropped_about = [r for r in en.plan_rows if str(r.previous) == f"about {r.target}"]
    assert dropped_about and all(r.change_key == "firmed" for r in dropped_about)


def test_seed_outcomes_are_labelled_as_estimates(briefs) -> None:
    en, zh = briefs["en"], briefs["zh"]
    assert en.estimate and zh.estimate
    assert (str(en.actual_heading), str(zh.actual_heading)) == ("2022 (estimate)", "2022年预计")
    assert (str(en.outcome_heading), str(zh.outcome_heading)) == ("2022 outcome (estimate)", "2022年预计完成")
    assert "estimates" in str(en.estimate_note) and "(Attachment 1)" in str(en.estimate_note)
    assert "预计数" in str(zh.estimate_note)


def test_seed_cpi_is_shown_as_the_inflation_it_implies(briefs) -> None:
    cpi = _score(briefs["en"], "24")
    assert (str(cpi.target), str(cpi.actual)) == ("rise of at most 3%", "rise of 2.1%")
    assert [str(n) for n in cpi.notes] == ["Index (previous year = 100): target at most 103, outcome 102.1"]
    zh = _score(briefs["zh"], "24")
    assert (str(zh.target), str(zh.actual)) == ("涨幅3%以内", "涨幅2.1%")
    assert [str(n) for n in zh.notes] == ["指数（上年=100）：目标103以内，完成102.1"]
    assert str(_plan(briefs["en"], "26").outcome) == "rise of 2.1%"


def test_seed_no_unit_cell_contradicts_its_values(briefs) -> None:
    en, zh = briefs["en"], briefs["zh"]
    # English values carry their converted units ("CNY 400,000 per person-year", "10.87 million tonnes"):
    # no unit column to say "CNY 10,000" or "100 million kilograms" beside them
    assert not en.score_unit_column and not en.plan_unit_column
    assert all(not r.unit for r in (*en.score_rows, *en.plan_rows))
    assert str(_score(en, "34").target) == "10.87 million tonnes"
    # Chinese cells are as written, beside the unit as printed
    assert zh.score_unit_column and (str(_score(zh, "34").unit), str(_score(zh, "34").target)) == ("亿公斤", "108.7")
    assert str(_score(en, "35").name) == "workplace deaths per CNY 100 million of GRP"


def test_seed_renamed_indicators_have_distinct_names_and_a_note(briefs) -> None:
    en = briefs["en"]
    fdi_old, fdi_new = _score(en, "28"), _plan(en, "31")
    assert str(fdi_old.name) != str(fdi_new.name)
    assert str(fdi_new.renamed_from) == str(fdi_old.name) and fdi_new.definition_changed
    assert str(fdi_new.notes[0]).startswith("Definition changed: last year foreign capital actually utilized")
    digital_old, digital_new = _score(en, "6"), _plan(en, "7")
    assert str(digital_old.name) != str(digital_new.name) and str(digital_new.renamed_from) == str(digital_old.name)
    assert all(any(str(f.message).startswith("Renamed from") for f in r.findings) for r in (fdi_new, digital_new))


def test_seed_plan_rows_show_last_years_outcome(briefs) -> None:
    en, zh = briefs["en"], briefs["zh"]
    assert en.plan_outcome_column
    investment = _plan(en, "14")
    assert (str(investment.target), str(investment.outcome), investment.outcome_status) == ("10%", "0.7%", "missed")
    assert (str(_plan(zh, "14").target), str(_plan(zh, "14").outcome)) == ("10", "0.7")
    assert not _plan(en, "2").outcome  # a new indicator has none


def test_seed_every_missed_row_with_a_reason_shows_it_once(briefs) -> None:
    en = briefs["en"]
    assert str(_score(en, "1").cause) == "Report cites: unprecedented strain on Covid-19 control"
    general = [r for r in en.score_rows if r.general_cause]
    assert len(general) == 6 and len({str(r.cause) for r in general}) == 1
    assert str(general[0].cause) == "General factors (see below the table)"
    assert [str(g) for g in en.general_causes] == [
        "For 6 indicators the report gives only general factors: shrinking demand, supply shocks and weakening "
        "expectations; sporadic and frequent Covid-19 outbreaks; the Russia-Ukraine conflict (Attachment 1)"]
    causes = [str(r.cause) for r in en.score_rows if r.cause and not r.general_cause]
    assert len(causes) == len(set(causes)) + 1  # services and retail share one clause of the report


def test_seed_findings_sit_on_their_rows_and_passed_checks_on_one_line(briefs) -> None:
    en, zh = briefs["en"], briefs["zh"]
    trade = _score(en, "26")
    assert [(f.severity, str(f.message), str(f.where)) for f in trade.findings] == [
        ("warning", "Text says 2%, table about 2.5% (Part 1, section 5; Attachment 1)", "Part 1, section 5; Attachment 1")]
    passed = [f for f in en.findings if f.passed]
    assert len(passed) == 1 and en.checks_passed == 35  # 22 figures of the text, 13 sums, shares and counts
    assert str(passed[0].message) == "35 arithmetic and consistency checks passed"
    assert str(next(f for f in zh.findings if f.passed).message) == "35项核算与一致性检查通过"
    assert not any("agree" in str(f.message) for f in en.findings if not f.passed)
    assert len(en.findings) == 8
    assert [r.number for r in en.plan_rows if any("unit" in str(f.message).lower() for f in r.findings)] == [
        "2", "33", "37"]


def test_seed_projects_tables_have_no_empty_column(briefs) -> None:
    for brief in briefs.values():
        for table in brief.projects:
            for j in range(len(table.header)):
                assert any(row[j] for row in table.rows), (str(table.title), str(table.header[j]))
            assert all(len(row) == len(table.header) for row in table.rows)
    plan_2023 = briefs["en"].projects[-1]
    assert [str(h) for h in plan_2023.header] == [
        "Sector", "Projects", "Total investment", "Investment planned for the year"]
    assert plan_2023.numeric_columns == (1, 2, 3)
