"""English sentences of the brief's generated content, keyed by the analysis' codes.

The analysis gives every reason and finding as a code with parameters
plus a Chinese sentence (``scoring.REASONS``, ``factcheck.MESSAGES``). The Chinese brief uses those
sentences as they are; the English brief fills these templates with
parameters that the English voice has already rendered (glossary terms,
Babel-formatted numbers). A code missing here falls back to a neutral
sentence, never to Chinese.
"""

from __future__ import annotations

# Short reasons for the scorecard table, where target and actual stand in their own
# columns: lang -> code -> template. Codes not here use the full sentences below
# (English) or the analysis' own sentence (Chinese).
SHORT_REASONS: dict[str, dict[str, str]] = {
    "zh": {
        "below_target": "低于目标{gap}",
        "above_target": "高于目标{gap}",
        "off_target": "偏离目标{gap}",
        "at_or_above": "达到目标",
        "at_or_below": "未超过目标上限",
        "within_range": "在目标区间内",
        "near_target": "与目标基本一致",
        "above_bound": "高于目标上限",
        "outside_range": "不在目标区间内",
        "same_as_target": "完成值按目标值表述",
        "positive_growth": "实现正增长",
        "negative_growth": "未实现正增长",
        "negative_as_required": "实现负增长",
        "only_positive": "完成值仅表述为正增长",
    },
    "en": {
        "below_target": "short by {gap}",
        "above_target": "above target by {gap}",
        "off_target": "off target by {gap}",
        "at_or_above": "target reached",
        "at_or_below": "within the ceiling",
        "within_range": "within the target range",
        "near_target": "in line with the target",
        "above_bound": "above the ceiling",
        "outside_range": "outside the target range",
        "same_as_target": "outcome stated as the target value",
        "positive_growth": "positive growth",
        "negative_growth": "no positive growth",
        "negative_as_required": "decline as required",
        "only_positive": "outcome reported only as positive growth",
        "stated_shortfall": "named in the report as falling short",
    },
}

# Scorecard reasons: parameters actual, target, gap (a difference in the indicator's unit), count, missed.
REASONS_EN: dict[str, str] = {
    "target_pending": "target not yet issued by the central government",
    "period_on_track": "managed over the five-year plan period; on schedule",
    "period_target": "managed over the five-year plan period; no annual target",
    "no_target": "no target set",
    "calibre_changed": "statistical basis changed; not comparable with the target",
    "reported_achieved": "the report expects it to be met",
    "no_actual": "no outcome given",
    "stated_shortfall": "named in the report as falling short",
    "same_as_target": "outcome stated as the target itself ({actual})",
    "qualitative_target": "qualitative target ({target})",
    "qualitative_actual": "outcome described qualitatively ({actual})",
    "relative_target": "target set relative to last year; no base to compare",
    "positive_growth": "positive growth achieved ({actual})",
    "negative_growth": "no positive growth ({actual})",
    "negative_as_required": "decline achieved as required ({actual})",
    "only_positive": "outcome given only as positive growth, short of the target of {target}",
    "sign_only": "outcome gives only a direction ({actual}); cannot be compared with {target}",
    "unit_mismatch": "target ({target}) and outcome ({actual}) are in different units",
    "ratio_mismatch": "target ({target}) and outcome ({actual}) are not both ratios",
    "at_or_above": "{actual}, reaching the target of {target}",
    "at_or_below": "{actual}, within the ceiling of {target}",
    "within_range": "{actual}, within the target range {target}",
    "near_target": "{actual}, in line with the target of {target}",
    "below_target": "{actual}, below the target of {target} (short by {gap})",
    "above_target": "{actual}, above the target of {target} (by {gap})",
    "above_bound": "{actual}, above the ceiling of {target}",
    "outside_range": "{actual}, outside the target range {target}",
    "off_target": "{actual}, off the target of {target} (by {gap})",
    "unknown_polarity": "direction of the indicator unknown; {actual} against {target} not judged",
    "quota_met": "target assigned by the higher authority met ({actual})",
    "quota_missed": "target assigned by the higher authority not met ({actual})",
    "in_step": "{actual}, in step with economic growth of {target}",
    "not_in_step": "{actual}, below economic growth of {target}",
    "children_met": "all {count} components met",
    "children_missed": "{missed} of {count} components missed",
    "children_mixed": "components mixed ({count} in all)",
}

# Fact-check findings: parameters as in factcheck.MESSAGES, rendered.
FINDINGS_EN: dict[str, str] = {
    "prose_table_mismatch": "The text gives {prose} for {name}; the indicator table gives {table}.",
    "prose_table_agrees": "{count} figures in the text agree with the indicator table.",
    "sum_agrees": "{what}: the parts add up to {sum}, matching the stated total of {total}.",
    "sum_mismatch": "{what}: the parts add up to {sum}, not the stated total of {total} (difference {diff}).",
    "share_agrees": "{part} account for {computed}% of {whole}, matching the stated {stated}%.",
    "share_mismatch": "{part} account for {computed}% of {whole}, not the stated {stated}%.",
    "tally_agrees": "The report's own count of indicators agrees with the indicator table.",
    "tally_mismatch": "The report's own count of indicators differs from the indicator table.",
    "tally_named_status": "The report counts {name} as {stated_status}; by the table it is {computed_status}.",
    "changes_agree": "The changes to the indicator set that the report states agree with the two tables.",
    "changes_mismatch": "The changes to the indicator set that the report states differ from the two tables.",
    "status_disagrees": "The table's own completion column says {name} was {stated_key}; by its target {target}"
                        " and outcome {actual} it was {computed_key}.",
    "status_agrees": "The table's own completion column agrees with the computed status for {count} indicators.",
    "unit_missing": "{name} has no unit (target {target}).",
    "unit_missing_qualitative": "{name} has no unit (its target is qualitative: {target}).",
    "unit_contradicts_name": "The unit of {name} ({unit}) does not fit the indicator, which measures a level"
                             " (expected unit: {catalogue_unit}).",
}

FALLBACK_FINDING_EN = "A figure of the report needs checking."
