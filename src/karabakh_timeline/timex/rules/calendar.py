"""Calendar dates written out: full and partial dates, years, decades, centuries, quarters,
halves, seasons, fiscal years. Years left out are inferred in ``resolve.py``."""

from __future__ import annotations

from ..lexicon import SEASON_RE, SEASONS, UNIT_RE, WEEKDAY_RE, month_value, ordinal_value
from ..spec import Spec
from .base import BLOCK, Built, Ex, Groups, Multi, Piece, Rule
from .common import (
    DAY,
    DAY_OR_WORD,
    MONTH,
    NUM_START,
    SPELLED_YEAR,
    YEAR,
    cal,
    looks_like_year,
    year_of,
)

# A weekday written before a full date ("Tuesday, 27 October", "this coming Sunday, March 8").
_REL_WEEKDAY = rf"(?:(?:this\s+coming|this|next|last|coming|past)\s+)?{WEEKDAY_RE}"
_REL_YEAR = r"\s+(?P<rel>this|last|next)\s+year(?!['’])"
_NOT_NUMBER_AFTER = r"(?!\s*(?:%|percent|per\s+cent|[.,]\d))"


def _iso(g: Groups) -> Spec | None:
    spec = cal(int(g["y"] or 0), int(g["m"] or 0), int(g["d"] or 0))
    if spec and g["hh"]:
        spec.time = f"T{g['hh']}:{g['mm']}"
        spec.type = "TIME"
    return spec


def _numeric(g: Groups) -> Spec | None:
    a, b = int(g["a"] or 0), int(g["b"] or 0)
    # Day first (international style) unless that cannot be: 09/27/2020 is month first.
    day, month = (b, a) if b > 12 >= a else (a, b)
    return cal(year_of(g["y"]), month, day)


def _day_month(g: Groups) -> Spec | None:
    spec = cal(year_of(g["y"]), month_value(g["mo"] or ""), ordinal_value(g["d"] or ""))
    rel = (g["rel"] or "").lower()
    if spec is not None and rel:  # "March 3 last year"
        offset = {"this": 0, "last": -1, "next": 1}[rel]
        return Spec("rel", unit="year", offset=offset, month=spec.month, day=spec.day)
    return spec


def _month_year(g: Groups) -> Spec | None:
    rel = (g["rel"] or "").lower()
    if rel:  # "June last year"
        spec = Spec("rel", unit="year", offset={"this": 0, "last": -1, "next": 1}[rel])
        spec.month = month_value(g["mo"] or "")
        return spec
    return cal(year_of(g["y"]), month_value(g["mo"] or ""))


_CAPITALISED_OK = frozenset(
    "in on by since until till from during before after early late mid last next this "
    "the of and or through to between around about until in, since, until, that".split()
)


def _month_alone(g: Groups) -> Spec | None:
    word = g["mo"] or ""
    if word[-1:] != "." and len(word) == 3 and word not in ("May",):
        return None  # "Jan", "Mar" without a dot are more often names than months
    start, _ = g.whole
    text = g.m.string
    before = text[max(0, start - 20) : start].split()
    # "Theresa May", "Prime Minister May", "April Glaspie": a name, not a month.
    if (
        before
        and before[-1][:1].isupper()
        and before[-1].rstrip(",").lower() not in _CAPITALISED_OK
        and not before[-1].endswith((".", ":", ";"))
    ):
        return None
    after = text[g.whole[1] : g.whole[1] + 15]
    if after[:1] == " " and after[1:2].isupper() and word in ("May", "April", "June", "August"):
        return None
    return cal(None, month_value(word))


def _year(g: Groups) -> Spec | None:
    start, end = g.span("y")
    if not looks_like_year(g.m.string, start, end):
        return None
    return Spec("lit", value=g["y"])


def _decade(g: Groups) -> Spec | None:
    if g["dec"]:
        return Spec("lit", value=g["dec"][:3])
    if g["short"]:
        return Spec("lit", value="19" + g["short"][0])
    words = ["twenties", "thirties", "forties", "fifties", "sixties", "seventies", "eighties",
             "nineties"]  # fmt: skip
    return Spec("lit", value=f"19{words.index((g['word'] or '').lower()) + 2}")


def _century(g: Groups) -> Spec | None:
    n = ordinal_value(g["n"] or "")
    if not n or n > 30:
        return None
    return Spec("lit", value=f"{n - 1:02d}")


_QUARTERS = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4,
             "4th": 4, "final": 4, "last": 4}  # fmt: skip


def _quarter(g: Groups) -> Built:
    year = year_of(g["y1"] or g["y2"])
    part = f"Q{_QUARTERS[(g['q'] or '').lower()]}"
    spec = Spec("cal", year=year, part=part)
    rel = g["rel"] or g["rel2"]
    if rel:  # "next year's first quarter", "the first quarter of next year"
        offset = {"this": 0, "last": -1, "next": 1}[rel.lower()]
        return Spec("rel", unit="year", offset=offset, part=part)
    if g["the"] and g["hyphen"] and not g["y1"]:
        # "the third-quarter results": the article belongs to the noun.
        return Multi([Piece(g.span("rest")[0], g.whole[1], spec)], is_range=False)
    return spec


def _half(g: Groups) -> Spec | None:
    year = year_of(g["y"])
    part = "H1" if (g["h"] or "").lower() == "first" else "H2"
    rel = (g["rel"] or "").lower()
    if rel:  # "the second half of next year"; "of the year": this year
        return Spec("rel", unit="year", offset={"last": -1, "next": 1}.get(rel, 0), part=part)
    return Spec("cal", year=year, part=part)


def _season(g: Groups) -> Spec | None:
    word = (g["s"] or "").lower()
    year = year_of(g["y"])
    rel = (g["rel"] or "").lower().split()
    if rel and year is None:
        offset = {"last": -1, "past": -1, "next": 1, "coming": 1}.get(rel[-1], 0)
        offset = 0 if rel[0] == "this" else offset  # "this past spring" is this year's
        return Spec("rel", unit="year", offset=offset, part=SEASONS[word])
    if year is None and not g["the"] and word in ("fall", "spring"):
        before = g.m.string[max(0, g.whole[0] - 12) : g.whole[0]].lower().split()
        if not before or before[-1] not in ("in", "this", "last", "next", "early", "late", "by"):
            return None  # "prices fall", "a spring": not seasons
    return Spec("cal", year=year, part=SEASONS[word])


_FIXED_HOLIDAYS = {
    "christmas eve": (12, 24), "christmas day": (12, 25), "christmas": (12, 25),
    "new year's eve": (12, 31), "new year's day": (1, 1), "new year's": (1, 1),
    "halloween": (10, 31), "valentine's day": (2, 14), "boxing day": (12, 26),
}  # fmt: skip


def _holiday(g: Groups) -> Spec | None:
    name = " ".join((g["h"] or "").lower().replace("’", "'").split())
    year = year_of(g["y"])
    if name.startswith("easter"):
        return Spec("cal", year=year, part="EASTER")
    if name.startswith("thanksgiving"):
        return Spec("cal", year=year, part="THANKSGIVING")
    month, day = _FIXED_HOLIDAYS[name]
    return cal(year, month, day)


def _the_day(g: Groups) -> Spec | None:
    text = g.m.string
    start, end = g.whole
    after = text[end : end + 2]
    before = text[max(0, start - 4) : start].lower()
    # "on the 27th" or "the 27th." refer to a day; "the 27th Division" does not.
    if before.endswith("on ") or after[:1] in ("", ".", ",", ";", ")") or after == " -":
        return cal(None, None, ordinal_value(g["d"] or ""))
    return None


RULES = [
    Rule("iso_date",
         rf"{NUM_START}(?P<y>[12]\d{{3}})-(?P<m>0[1-9]|1[0-2])-(?P<d>0[1-9]|[12]\d|3[01])"
         r"(?:T(?P<hh>[01]\d|2[0-3]):(?P<mm>[0-5]\d)(?::[0-5]\d)?)?(?![\d-])", _iso, 20),
    Rule("numeric_date",
         rf"{NUM_START}(?P<a>[0-3]?\d)(?P<sep>[/.])(?P<b>[0-3]?\d)(?P=sep)"
         r"(?P<y>[12]\d{3}|\d{2})(?![\d/.]\d)", _numeric, 21),
    Rule("day_month",
         rf"(?:{_REL_WEEKDAY},?\s+)?(?:the\s+)?{NUM_START}(?P<d>{DAY_OR_WORD})(?:\s+of)?\s+"
         rf"(?P<mo>{MONTH})(?:,?\s+(?P<y>{YEAR})|{_REL_YEAR})?{_NOT_NUMBER_AFTER}", _day_month, 22),
    Rule("month_day",
         rf"(?:{_REL_WEEKDAY},?\s+)?(?P<mo>{MONTH})\s+(?:the\s+)?(?P<d>{DAY}(?!\d)|{DAY_OR_WORD})"
         rf"(?:,?\s+(?P<y>{YEAR})|{_REL_YEAR})?(?!\d){_NOT_NUMBER_AFTER}", _day_month, 23),
    Rule("month_year",
         rf"(?P<mo>{MONTH}),?\s+(?:of\s+)?(?:(?P<y>{YEAR}|'\d\d|{SPELLED_YEAR})(?!\d)"
         r"|(?P<rel>this|last|next)\s+year)", _month_year, 24),
    Rule("spelled_year",
         rf"(?:the\s+year\s+)?(?P<y>{SPELLED_YEAR})(?![\s-]+(?:{UNIT_RE}|people|men|troops)\b)",
         lambda g: Spec("lit", value=f"{year_of(g['y']):04d}"), 64),
    Rule("fiscal", rf"fiscal(?:\s+year)?\s+(?P<y>{YEAR}|'?\d\d(?!\d))|FY\s?(?P<y2>{YEAR})",
         lambda g: Spec("lit", value=f"{year_of(g['y'] or g['y2']):04d}"), 25),
    Rule("quarter",
         r"(?:(?P<the>the)\s+|(?P<rel>this|last|next)\s+year's\s+)?"
         rf"(?P<rest>(?:(?P<y1>{YEAR})\s+)?(?:fiscal[- ]?)?(?P<q>first|second"
         r"|third|fourth|1st|2nd|3rd|4th|final)(?:\s|(?P<hyphen>-))(?:fiscal[- ])?quarter)"
         rf"(?:\s+of\s+(?:fiscal\s+)?(?P<y2>{YEAR})|\s+of\s+(?P<rel2>this|last|next)\s+year)?",
         _quarter, 26),
    Rule("year_quarter", rf"the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?quarter(?![\s-]+(?:of|century)\b)",
         lambda g: Spec("cal", year=year_of(g["y"]), part="Q"), 26),
    # "the 1988 period": that year's part being compared (the quarter in an earnings story,
    # the year otherwise); resolve.py decides.
    Rule("year_period", rf"the\s+(?P<y>{YEAR})\s+(?:fiscal\s+)?period\b",
         lambda g: Spec("cal", year=year_of(g["y"]), part="Q", quarterly="period"), 26),
    Rule("half",
         rf"the\s+(?P<h>first|second|last)\s+(?:half|two\s+quarters(?=\s+of))(?:\s+of\s+"
         rf"(?:(?P<y>{YEAR})|(?P<rel>the|this|last|next)\s+year)|(?!\s+of))", _half, 27),
    Rule("season",
         rf"(?:(?P<the>the)\s+|(?P<rel>this|last|next|past|coming|this\s+past|this\s+coming)\s+)?"
         rf"(?P<s>{SEASON_RE})(?:\s+(?:of\s+)?(?P<y>{YEAR}|{SPELLED_YEAR}))?", _season, 60),
    Rule("decade",
         r"(?:the\s+)?(?:(?P<dec>1\d{2}0|20\d0)'?s|'(?P<short>\d0)s|(?P<word>twenties|thirties"
         r"|forties|fifties|sixties|seventies|eighties|nineties))", _decade, 28),
    Rule("century",
         r"(?:the\s+)?(?P<n>\d{1,2}(?:st|nd|rd|th)|(?:twenty[- ])?(?:first|second|third|fourth"
         r"|fifth|sixth|seventh|eighth|ninth|tenth|eleventh|twelfth|thirteenth|fourteenth"
         r"|fifteenth|sixteenth|seventeenth|eighteenth|nineteenth|twentieth))[- ]century",
         _century, 29),
    Rule("holiday",
         r"(?P<h>(?-i:Christmas(?:\s+(?:Eve|Day))?|New\s+Year['’]s(?:\s+(?:Eve|Day))?|Halloween"
         r"|Valentine['’]s\s+Day|Boxing\s+Day|Easter(?:\s+Sunday)?|Thanksgiving(?:\s+Day)?))"
         rf"(?:,?\s+(?P<y>{YEAR}))?", _holiday, 59),
    Rule("month_alone", rf"(?P<mo>{MONTH})", _month_alone, 61),
    Rule("the_day", r"the\s+(?P<d>(?:[12]\d|3[01]|[1-9])(?:st|nd|rd|th))", _the_day, 62),
    Rule("year", rf"{NUM_START}(?P<y>{YEAR})(?!-\d)", _year, 63),
    # Labels followed by numbers are never dates ("Resolution 822", "Route 66", "No. 1992").
    Rule("label_number",
         r"(?-i:Resolution|Route|Highway|Flight|Article|No\.|Nos\.|Number|Paragraph|Chapter)"
         r"\s+\d[\d,./-]*", lambda g: BLOCK, 10),
]  # fmt: skip

EXAMPLES = [
    Ex("The war started on 27 September 2020.", ["27 September 2020=2020-09-27"]),
    Ex("It started on September 27, 2020, in the morning.",
       ["September 27, 2020=2020-09-27", "the morning=2020-09-27TMO:TIME"]),
    Ex("He arrived on Sept. 27 for talks.", ["Sept. 27=2020-09-27"]),
    Ex("He arrived on Sept. 27.", ["Sept. 27=2020-09-27"]),
    Ex("Dated 27/09/2020 in Baku.", ["27/09/2020=2020-09-27"]),
    Ex("Dated 09/27/2020 in Baku.", ["09/27/2020=2020-09-27"]),
    Ex("Published 2020-09-27 by the ministry.", ["2020-09-27=2020-09-27"]),
    Ex("The decree of 1 October 1994 was cited.", ["1 October 1994=1994-10-01"]),
    Ex("The summit ended on the 27th of September.", ["the 27th of September=2020-09-27"]),
    Ex("Talks resumed on March eighth.", ["March eighth=2020-03-08"]),
    Ex("The conflict began in February 1988, when protests started.",
       ["February 1988=1988-02"]),
    Ex("It was adopted in June of 1994.", ["June of 1994=1994-06"]),
    Ex("The accord was signed in 1994.", ["1994=1994"]),
    Ex("In 1988, the region voted to leave.", ["1988=1988"]),
    Ex("By 2025 the road should be ready.", ["2025=2025"]),
    Ex("The events of the 1970s shaped it.", ["the 1970s=197"]),
    Ex("In the early 1990s the war raged.", ["the early 1990s=199"]),
    Ex("The ruins date to the 13th century.", ["the 13th century=12"]),
    Ex("A church from the twelfth century stands there.", ["the twelfth century=11"]),
    Ex("Music of the '80s was loud.", ["the '80s=198"]),
    Ex("It grew in the nineties.", ["the nineties=199"]),
    Ex("Revenue for fiscal 1998 rose.", ["fiscal 1998=1998"]),
    Ex("Profit fell in the third quarter.", ["the third quarter=2020-Q3"], dct="2020-11-01"),
    Ex("Profit fell in the third quarter of 1998.", ["the third quarter of 1998=1998-Q3"]),
    Ex("Its third-quarter profit fell.", ["third-quarter=1998-Q3"], dct="1998-11-01"),
    Ex("Sales in this year's third quarter fell.", ["this year's third quarter=2020-Q3"]),
    Ex("It takes effect in next year's first quarter.", ["next year's first quarter=2021-Q1"]),
    Ex("Sales in the first half of 2019 rose.", ["the first half of 2019=2019-H1"]),
    Ex("Sales will rise in the second half of the year.", ["the second half of the year=2020-H2"]),
    Ex("The slump lasts through the first two quarters of 1990.",
       ["the first two quarters of 1990=1990-H1"]),
    Ex("Sales fell in the first two quarters.", ["the first two quarters=P2Q:DURATION"]),
    Ex("Sales will rise in the first half of next year.", ["the first half of next year=2021-H1"]),
    Ex("The plant opens in the first quarter of next year.",
       ["the first quarter of next year=2021-Q1"]),
    Ex("Profit fell in the fourth quarter of last year.",
       ["the fourth quarter of last year=2019-Q4"]),
    Ex("Net rose in the third quarter; it earned $3 million in the 2019 quarter.",
       ["the third quarter=2020-Q3", "the 2019 quarter=2019-Q3"]),
    Ex("The fighting resumed in the autumn of 2019.", ["the autumn of 2019=2019-FA"]),
    Ex("They met in summer 2016.", ["summer 2016=2016-SU"]),
    Ex("Prices fall when supply rises.", []),
    Ex("Fighting flared in mid-October.", ["mid-October=2020-10"]),
    Ex("The visit is planned for early March 2021.", ["early March 2021=2021-03"]),
    Ex("The budget is due by the end of 1994.", ["the end of 1994=1994"]),
    Ex("Another aggravation happened on September 27.", ["September 27=2020-09-27"]),
    Ex("He said this on November 1 at a meeting.", ["November 1=2020-11-01"]),
    Ex("The ministry said on October 31.", ["October 31=2020-10-31"]),
    Ex("On October 30 in Geneva, the ministers met.", ["October 30=2020-10-30"]),
    Ex("The vote will be held in March.", ["March=2021-03"]),
    Ex("The pipeline is due to start in March.", ["March=2020-03"], dct="2020-01-15"),
    Ex("The pipeline is due to start in March.", ["March=2021-03"], dct="2020-11-15"),
    Ex("The talks collapsed on December 28.", ["December 28=2019-12-28"], dct="2020-01-05"),
    Ex("The talks will resume on December 28.", ["December 28=2020-12-28"], dct="2020-01-05"),
    Ex("The talks will resume on January 10.", ["January 10=2021-01-10"], dct="2020-12-20"),
    Ex("Elections took place in May.", ["May=2020-05"]),
    Ex("Theresa May spoke to reporters.", []),
    Ex("You may go now.", ["now=PRESENT_REF"]),
    Ex("Troops march on.", []),
    Ex("The deal was signed on the 27th.", ["the 27th=2020-11-27"], dct="2020-11-30"),
    Ex("In October the army advanced, and on the 9th it took the town.",
       ["October=2020-10", "the 9th=2020-10-09"]),
    Ex("The 27th Division moved south.", []),
    Ex("He lived at 1200 Main Street.", []),
    Ex("Some 1,200 containers were shipped.", []),
    Ex("He drove along Route 66 and Route 2020.", []),
    Ex("The UN adopted Resolution 822 and Resolution 1994.", []),
    Ex("They lost 1200 soldiers.", []),
    Ex("Shares rose to 1995 points.", []),
    Ex("The ceasefire was broken on Christmas Eve.", ["Christmas Eve=2019-12-24"],
       dct="2020-01-05"),
    Ex("Troops will be home by Christmas.", ["Christmas=2020-12-25"]),
    Ex("Fireworks marked New Year's Eve.", ["New Year's Eve=2019-12-31"], dct="2020-01-02"),
    Ex("The truce began on New Year's Day 1995.", ["New Year's Day 1995=1995-01-01"]),
    Ex("Pilgrims arrived for Easter 2019.", ["Easter 2019=2019-04-21"]),
    Ex("The store will open before Thanksgiving.", ["Thanksgiving=2020-11-26"]),
    Ex("It happened on Tuesday, 27 October 2020.", ["Tuesday, 27 October 2020=2020-10-27"]),
    Ex("Women's Day is this coming Sunday, March eighth.",
       ["this coming Sunday, March eighth=2020-03-08"], dct="2020-03-05"),
    Ex("FY2021 spending was approved.", ["FY2021=2021"]),
    Ex("The group fell apart in mid-1996.", ["mid-1996=1996"]),
    Ex("He hoped to see the opening of the 2000 Olympics.", ["2000=2000"]),
    Ex("The accord of 12 May 1994 holds.", ["12 May 1994=1994-05-12"]),
    Ex("Rates rose 5.3 percent in 1997.", ["1997=1997"]),
    Ex("Output rose in 2019 and 2020.", ["2019=2019", "2020=2020"]),
    Ex("The sides agreed to ceasefires on 10 October, 17 October and 25 October.",
       ["10 October=2020-10-10", "17 October=2020-10-17", "25 October=2020-10-25"]),
    Ex("On 10 October, the sides met.", ["10 October=2020-10-10"]),
    Ex("On 10 October, 2019 the sides met.", ["10 October, 2019=2019-10-10"]),
    Ex("By the 1990s, the town was empty.", ["the 1990s=199"]),
    Ex("In March, 1992, the town fell.", ["March, 1992=1992-03"]),
    Ex("He met her in June last year.", ["June last year=2019-06"]),
    Ex("The exercise ends on November 20 this year.", ["November 20 this year=2020-11-20"]),
    Ex("He was arrested on 3 March last year.", ["3 March last year=2019-03-03"]),
    Ex("The outcome would only be decided on January 22.", ["January 22=2006-01-22"],
       dct="2005-12-15"),
    Ex("It opened in January this year.", ["January this year=2020-01"]),
    Ex("It was built in nineteen ninety-six.", ["nineteen ninety-six=1996"]),
    Ex("Families kept the secret for more than two thousand years.", []),
    Ex("It changes by the year two thousand.", ["the year two thousand=2000"]),
    Ex("The winter of nineteen ninety-four was cold.",
       ["The winter of nineteen ninety-four=1994-WI"]),
]  # fmt: skip

# Year inference by tense and DCT, and more written forms.
EXAMPLES += [
    Ex("The summit was held on March 3.", ["March 3=2020-03-03"]),
    Ex("The summit will be held on March 3.", ["March 3=2021-03-03"]),
    Ex("The summit is scheduled for March 3.", ["March 3=2021-03-03"]),
    Ex("Parliament approved the law on December 2.", ["December 2=2019-12-02"],
       dct="2020-01-10"),
    Ex("Parliament will vote on December 2.", ["December 2=2020-12-02"], dct="2020-01-10"),
    Ex("The offer expires Nov. 21, the company said.", ["Nov. 21=2020-11-21"],
       dct="2020-11-02"),
    Ex("The dividend is payable Dec. 15 to holders of record.", ["Dec. 15=2020-12-15"],
       dct="2020-10-26"),
    Ex("Voting ended in October.", ["October=2020-10"]),
    Ex("A new round is expected in February.", ["February=2021-02"]),
    Ex("The ceasefire collapsed in January.", ["January=2020-01"]),
    Ex("He was born on 4 July 1950.", ["4 July 1950=1950-07-04"]),
    Ex("On July 4, 1950, he was born.", ["July 4, 1950=1950-07-04"]),
    Ex("Nov. 9, 1989 changed Europe.", ["Nov. 9, 1989=1989-11-09"]),
    Ex("The accord dated 10.11.2020 ended the war.", ["10.11.2020=2020-11-10"]),
    Ex("The file 2020-11-10 was released.", ["2020-11-10=2020-11-10"]),
    Ex("Events of 1915 are disputed.", ["1915=1915"]),
    Ex("Since the 1990s the town has been empty.", ["the 1990s=199"]),
    Ex("In the late 1980s protests began.", ["the late 1980s=198"]),
    Ex("By the mid-1990s the front was frozen.", ["the mid-1990s=199"]),
    Ex("The 1920s were turbulent.", ["The 1920s=192"]),
    Ex("A 19th-century church stands there.", ["19th-century=18"]),
    Ex("The 21st century began in 2001.", ["The 21st century=20", "2001=2001"]),
    Ex("Budgets for fiscal year 2021 rose.", ["fiscal year 2021=2021"]),
    Ex("Growth slowed in the fourth quarter.", ["the fourth quarter=2019-Q4"],
       dct="2020-01-20"),
    Ex("Growth will slow in the fourth quarter.", ["the fourth quarter=2020-Q4"],
       dct="2020-01-20"),
    Ex("Output in the second quarter of 2019 fell.", ["the second quarter of 2019=2019-Q2"]),
    Ex("Sales in the second half of 2020 recovered.", ["the second half of 2020=2020-H2"]),
    Ex("The offensive began in the spring of 1994.", ["the spring of 1994=1994-SP"]),
    Ex("Fighting eased in winter 2020.", ["winter 2020=2020-WI"]),
    Ex("Talks resume this autumn.", ["this autumn=2020-FA"]),
    Ex("Talks failed last summer.", ["last summer=2019-SU"]),
    Ex("Talks resume next spring.", ["next spring=2021-SP"]),
    Ex("In the summer the roads open.", ["the summer=2020-SU"]),
    Ex("Hopes rose in early 2020.", ["early 2020=2020"]),
    Ex("The bridge opened in late October.", ["late October=2020-10"]),
    Ex("It is due at the end of March 2021.", ["the end of March 2021=2021-03"]),
    Ex("It opened at the beginning of 2019.", ["the beginning of 2019=2019"]),
    Ex("It happened around 1990.", ["around 1990=1990"]),
    Ex("He returned on the 3rd.", ["the 3rd=2020-11-03"]),
    Ex("In the 3rd round he won.", []),
    Ex("The town had 2,000 residents in 1989.", ["1989=1989"]),
    Ex("Some 1500 refugees fled.", []),
    Ex("The index fell 1.5% to 1990.5 points.", []),
    Ex("It costs $1999 today.", ["today=2020-11-01"]),
    Ex("Call extension 2021 now.", ["now=PRESENT_REF"]),
    Ex("The plane was a Boeing 747 and its flight number 1998.", []),
    Ex("Article 2020 of the treaty says so.", []),
    Ex("Rates rose 1.2 percent in May 2020 and 3 percent in June.",
       ["May 2020=2020-05", "June=2020-06"]),
    Ex("April Glaspie met Saddam.", []),
    Ex("Prime Minister May resigned.", []),
    Ex("In May the talks resumed.", ["May=2020-05"]),
    Ex("It was built in nineteen eighty.", ["nineteen eighty=1980"]),
    # An infinitive of intention or agreement puts its act after the (past) verb: the month
    # is the nearest one, not the past one (tense.py).
    Ex("It announced an agreement to acquire the bank in January.", ["January=2021-01"]),
    Ex("Thermo agreed to purchase the line for $22 million in February.",
       ["February=2021-02"], dct="2020-10-30"),
    Ex("It agreed to buy the unit in October.", ["October=2020-10"]),
    Ex("He went to church in January.", ["January=2020-01"]),
    Ex("Prices continued to rise in January.", ["January=2020-01"]),
    Ex("The offer had been scheduled to expire in January.", ["January=2020-01"]),
    Ex("The firm plans to open the plant in March.", ["March=2021-03"]),
    Ex("Both parties pledged to issue the constitution by Nov. 21, which has not happened.",
       ["Nov. 21=2020-11-21"], dct="2020-11-24"),
    Ex("Prodi has promised to define a strategy by the end of January.",
       ["the end of January=2021-01"], dct="2020-12-01"),
    # "the 1988 period": the quarter being reported in an earnings story, else the year.
    Ex("Net rose in the third quarter. In the 1989 period, taxes were lower.",
       ["the third quarter=2020-Q3", "the 1989 period=1989-Q3"]),
    Ex("In the first nine months, net was $3 million, compared with a loss in the 1988 period.",
       ["the first nine months=P9M:DURATION", "the 1988 period=1988"]),
    Ex("Sales doubled in the 1988 period.", ["the 1988 period=1988"]),
]  # fmt: skip
