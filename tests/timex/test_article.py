"""The project's acceptance case: the bundled Karabakh article (DCT 2020-11-01)."""

from __future__ import annotations

import datetime as dt

from karabakh_timeline.timex import analyse

DCT = dt.date(2020, 11, 1)
ARTICLE = (
    "Azerbaijani President Ilham Aliyev said Azerbaijan was ready to stop. He said this on "
    "November 1 at a meeting with Turkish Foreign Minister Mevlut Cavusoglu in Baku. "
    "Earlier on November 1, the Armenian authorities explained their position. "
    "Earlier, Armenian Prime Minister Nikol Pashinyan had asked Russia for help, "
    "the Russian Foreign Ministry said on October 31. "
    "Another aggravation of the situation in Nagorno-Karabakh happened on September 27. "
    "In the period from 9 to 26 October, the parties agreed on three ceasefire regimes, "
    "which were never observed. On October 30 in Geneva, the ministers met. "
    "The conflict in Nagorno-Karabakh began in February 1988, when Nagorno-Karabakh "
    "announced its withdrawal from the Azerbaijan SSR. During the armed confrontation in "
    "1992-1994, Azerbaijan lost control over Nagorno-Karabakh and seven adjacent districts. "
    "Since 1992, negotiations have been held within the framework of the OSCE Minsk Group."
)


def _values() -> list[tuple[str, str]]:
    return [(t.text, t.value) for t in analyse(ARTICLE, DCT).timexes]


def test_dates_of_the_article() -> None:
    values = _values()
    assert values == [
        ("November 1", "2020-11-01"),
        ("November 1", "2020-11-01"),
        ("October 31", "2020-10-31"),
        ("September 27", "2020-09-27"),
        ("9", "2020-10-09"),
        ("26 October", "2020-10-26"),
        ("October 30", "2020-10-30"),
        ("February 1988", "1988-02"),
        ("1992", "1992"),
        ("1994", "1994"),
        ("1992", "1992"),
    ]


def test_earlier_alone_is_never_a_calendar_date() -> None:
    for t in analyse(ARTICLE, DCT).timexes:
        if t.text.lower().startswith("earlier"):
            assert t.value in ("PAST_REF",)


def test_ranges_of_the_article() -> None:
    intervals = analyse(ARTICLE, DCT).intervals
    got = [
        (iv.text, iv.begin.value if iv.begin else None, iv.finish.value if iv.finish else None)
        for iv in intervals
    ]
    assert got == [
        ("from 9 to 26 October", "2020-10-09", "2020-10-26"),
        ("1992-1994", "1992", "1994"),
        ("Since 1992", "1992", None),
    ]


def test_nothing_from_counts() -> None:
    texts = {t.text for t in analyse(ARTICLE, DCT).timexes}
    assert not texts & {"three", "seven", "three ceasefire regimes", "seven adjacent districts"}
