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

EXAMPLES += [
    Ex("Azerbaijan regained control of seven adjacent districts.", []),
    Ex("In the period the parties agreed on three ceasefire regimes.", []),
    Ex("The convoy of 1,200 containers crossed the border.", []),
    Ex("Route 66 and Highway 1 were closed.", []),
    Ex("Resolutions 822, 853, 874 and 884 were adopted.", []),
    Ex("Resolution 1244 was cited.", []),
    Ex("About 30,000 people died and 1 million were displaced.", []),
    Ex("The budget is 40 million manats.", []),
    Ex("A 2-1 majority backed the plan.", []),
    Ex("The town lies 1,600 metres above sea level.", []),
    Ex("The mountain is 2020 metres high.", []),
    Ex("The T-72 tanks and 122mm guns were seized.", []),
    Ex("Tel. 1234 567 890.", []),
    Ex("The bill passed 52-48.", []),
    Ex("Some 5 to 10 soldiers were hurt.", []),
    Ex("Room 1901 was booked.", []),
    Ex("Only 1999 tickets remain.", []),
    Ex("A first, second and third group formed.", []),
    Ex("He may march to the square.", []),
    Ex("He ran the 100 m in 10.2 seconds.", ["10.2 seconds=PT10.2S:DURATION"]),
    Ex("Platform 9 3/4 is famous.", []),
    Ex("Œuvre № 1999 — ☃ ✓", []),
]  # fmt: skip
