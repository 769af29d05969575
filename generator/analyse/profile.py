"""A report's profile: where it stands among other reports (region, level, genre, years).

The document model gives the region as the title names it (``河北省``,
``全国``) and the issuer; what it lacks for reading reports side by side is
derived here, from those fields only:

* **level** — national (``全国``, or no region and an issuer of the State
  Council / a national body), provincial (the region's status word is
  ``省``, ``自治区`` or ``特别行政区``), municipal (``市``, ``自治州``, ``州``,
  ``地区``, ``盟``) or county (``县``, ``区``, ``旗``). A city's level is read
  from its status word, so a municipality directly under the central
  government (``…市``) is *municipal* here, as its English name
  ("… Municipality") says;
* **region** — the title's place, else the place the issuer's name opens
  with (``某省发展和改革委员会`` -> ``某省``);
* **genre** — see :func:`genre_of`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from enum import Enum

from generator.document import Document
from generator.read.meta import NATIONAL


class Level(str, Enum):
    NATIONAL = "national"
    PROVINCIAL = "provincial"
    MUNICIPAL = "municipal"
    COUNTY = "county"
    UNKNOWN = "unknown"


class Genre(str, Enum):
    PLAN_REPORT = "plan_report"  # 关于…计划执行情况与…计划草案的报告
    WORK_REPORT = "work_report"  # 政府工作报告


# A region's status word -> its level; the longest word that ends the name decides.
STATUS_WORDS: tuple[tuple[str, Level], ...] = (
    ("特别行政区", Level.PROVINCIAL), ("自治区", Level.PROVINCIAL), ("自治州", Level.MUNICIPAL),
    ("自治县", Level.COUNTY), ("地区", Level.MUNICIPAL), ("省", Level.PROVINCIAL), ("市", Level.MUNICIPAL),
    ("州", Level.MUNICIPAL), ("盟", Level.MUNICIPAL), ("县", Level.COUNTY), ("区", Level.COUNTY),
    ("旗", Level.COUNTY),
)
# Issuers that speak for the whole country.
NATIONAL_ISSUERS = re.compile(r"^(?:国家|国务院|中华人民共和国)")
_ISSUER_PLACE = re.compile(
    r"^(?P<place>[\u4e00-\u9fff]{1,12}?(?:特别行政区|自治区|自治州|自治县|省|市|州|地区|盟|县|区|旗))"
    r"(?:发展和改革委员会|发展改革委|发改委|人民政府|政府)"
)


@dataclass(frozen=True)
class ReportProfile:
    """Region, level, genre and years of one report."""

    region: str | None
    level: Level
    genre: Genre
    review_year: int | None
    plan_year: int | None
    issuer: str | None


def genre_of(doc: Document) -> Genre:
    """The report's genre.

    The seam for government work reports: the reader does not tell the genres
    apart on this branch (``Document`` has no ``genre``), so every report is a
    plan report. When the reader sets ``Document.genre``, map it here; every
    comparison across reports (continuity pairs, benchmarks) already keys on
    this value.
    """
    return Genre.PLAN_REPORT


def level_of(region: str | None, issuer: str | None) -> Level:
    """The administrative level of a report about ``region`` issued by ``issuer``."""
    if region == NATIONAL or (region is None and issuer and NATIONAL_ISSUERS.match(issuer)):
        return Level.NATIONAL
    if region:
        for word, level in STATUS_WORDS:
            if region.endswith(word):
                return level
    return Level.UNKNOWN


def region_of_issuer(issuer: str | None) -> str | None:
    """The place an issuer's name opens with (``某省发展和改革委员会`` -> ``某省``), else None."""
    m = _ISSUER_PLACE.match(issuer or "")
    return m.group("place") if m else None


def profile(doc: Document) -> ReportProfile:
    """The profile of ``doc``."""
    region = doc.region or region_of_issuer(doc.issuer)
    return ReportProfile(region, level_of(region, doc.issuer), genre_of(doc), doc.review_year, doc.plan_year,
                         doc.issuer)
