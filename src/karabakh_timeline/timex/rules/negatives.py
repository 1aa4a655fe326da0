"""Numbers that are not dates. No rules of their own (blocking rules live with the family they
protect); the examples make sure counts, labels and scores stay untagged."""

from __future__ import annotations

from .base import Ex, Rule

RULES: list[Rule] = []

EXAMPLES = [
    Ex("Some 1,200 containers arrived.", []),
    Ex("Traffic on Route 66 was heavy.", []),
    Ex("The UN Security Council Resolution 822 demands withdrawal.", []),
    Ex("Azerbaijan lost seven districts.", []),
    Ex("The war displaced 40 million people.", []),
    Ex("The parties agreed on three ceasefire regimes.", []),
    Ex("The motion passed 112 to 12.", []),
    Ex("About 2,000 troops and 300 tanks took part.", []),
    Ex("Flight 1492 landed safely.", []),
    Ex("The unit lost 1500 men.", []),
    Ex("He scored 21 points in 36 minutes.", ["36 minutes=PT36M:DURATION"]),
    Ex("Prices rose 12.5 percent.", []),
    Ex("Call 555-1234 today.", ["today=2020-11-01"]),
    Ex("The Su-25 and the F-16 were shown.", []),
    Ex("Article 1996 of the code applies.", []),
    Ex("", []),
]  # fmt: skip
