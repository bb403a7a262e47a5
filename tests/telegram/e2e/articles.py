"""Invented articles (written for these tests) and the pages that carry them."""

from __future__ import annotations

from pathlib import Path

HARBOUR_ARTICLE = """\
Port Elwen approves harbour flood barrier after two-year dispute

The town council of Port Elwen voted on Tuesday to build a movable flood barrier across the mouth of the old \
harbour, ending a two-year dispute between fishing families and shop owners on the quay.

The barrier, designed by the engineering firm Calder & Moss, will cost about 48 million euros and is expected to \
be finished in 2027. Mayor Ines Varga said the vote was the most important decision the council had taken in a \
generation. "Every winter the sea comes a little further into the streets," she told reporters after the meeting.

Opponents had argued that a fixed wall would cut the fishing fleet off from the open sea during storms. The \
movable design answers that concern: its steel gates lie flat on the seabed and rise only when the tide gauge \
predicts a surge above two metres.

The regional water authority will pay sixty percent of the cost. The rest comes from a harbour levy on visiting \
cruise ships, which the council approved in the same session by a narrower margin of nine votes to six.

Tomas Reiner, who speaks for the Port Elwen Fishermen's Association, welcomed the compromise. He said the \
association would still watch closely how often the gates are closed during the herring season.

Construction is due to start next spring. The council expects the quay to stay open to pedestrians for most of \
the works, although the ferry terminal will move to a temporary pier for about eight months.
"""


LIBRARY_ARTICLE = """\
Northfield library reopens with a repair café and late hours

The public library in Northfield reopened on Saturday after an eleven-month renovation that added a repair \
café, a recording studio and opening hours until ten in the evening on weekdays.

Head librarian Dalia Okafor said the late hours were the change readers had asked for most often. Many people \
in the district work shifts at the Brennan logistics park and could not visit before the old closing time of \
six o'clock.

The repair café will open every second Sunday. Volunteers from the Northfield Makers Club will help visitors \
mend lamps, bicycles, clothes and small appliances, and the library will lend the tools. Organisers hope to keep \
about two tonnes of household goods out of the landfill each year.

The renovation cost 3.2 million euros, most of it from the national fund for public buildings. The city covered \
the rest after a public vote in which seventy-one percent of participants backed the project.

On the first day more than two thousand people came through the doors, according to the library. Children's \
author Pieter Lund read from his new book in the reading garden, and a brass band from the local school played \
on the steps.

The recording studio can be booked free of charge for two hours a week by anyone with a library card.
"""


# Ten long sentences: their points stay near the 300-character cap even shortened (what a long point gives up is
# mostly an aside set off by commas), so ten of them outgrow one Telegram message.
NIGHT_TRAIN_PARAGRAPHS = """\
The overnight train between the harbour city of Merrow and the mountain town of Kessvik will run again \
from the first week of December, thirty years after the last sleeper carriage left the valley, the \
regional rail operator Valtora Lines announced on Thursday at a crowded meeting in Merrow.

Odile Marchetti, the chief executive of the regional rail operator Valtora Lines, said the company had \
bought eleven refurbished sleeper cars from a Danish leasing firm and fitted each of them with a shower, \
a small lounge and hooks for bicycles, as families had asked in the consultation.

Henrik Solberg, the transport minister in the Valtora coalition government, said a bed in a six-berth \
compartment would cost about forty euros and a private cabin for two about one hundred and sixty euros, \
prices he described as "fair for a trip that saves people a night in a hotel room".

Amara Osei, the director of the state infrastructure agency Railnet, said her engineers had spent most \
of the summer replacing worn sleepers and signals on the single-track line above Harrowgate, the largest \
repair of the mountain section since the tunnel under the Grey Pass opened in 1961.

Lena Vogt, a consumer advocate at the Valtora Travellers Union in Merrow, welcomed the return of the \
service on behalf of her members but warned that the timetable leaves no room for delays, as the last bus \
to the Ander plateau leaves twenty minutes after the train arrives.

Tomasz Wierzba, the head chef of the lounge car and a former cook at the Bellmont spa hotel, said his \
menu would feature cheese from the Bellmont dairy cooperative and wine from the southern slopes, and \
that it would change every month so that regular passengers never tire of it.

Ravi Anand of the environmental campaign group Green Corridor estimated that each \
full train replaces about two hundred car journeys over the Grey Pass and would cut emissions and shorten \
the long weekend queues at the tunnel that cause so much anger in the valley every winter.

Ingrid Paulsen, the chief finance officer of Harrowgate province, said the revival would cost about \
twenty-six million euros over five years, most of it from the national fund for regional rail, with the \
three provinces along the line sharing the rest according to how many stations each of them has.

Bruno Castellan, the chair of the Kessvik Hoteliers Association and owner of a guesthouse near the \
station, said his members feared that guests arriving at seven in the morning would want to check in at \
once, something that most small family-run guesthouses in the town cannot easily offer.

Sofia Lindahl, a mountain guide who leads walking tours on the Ander plateau every summer, said the \
twenty-four bicycle places that can be booked for five euros each would change how people plan their \
holidays in the valley, because they would no longer need a car to reach the trails.

Marek Dvorak, the mayor of the spa village of Bellmont and a former conductor on the old night train, \
said his village had waited three decades for this day and would hold a small party with a brass band on \
the platform when the first train stops there shortly after midnight in December.

Greta Holm, the head of the Kessvik tourism board and a former ski instructor, said the arrival time of \
seven in the morning was early enough for skiers to reach the first lift of the day, and that the board \
would sell combined tickets for the train journey and a day pass for the slopes.

Pieter Vos, a rail historian at the University of Merrow who wrote two books about the line, said his \
research shows the old night train stopped in 1994 for lack of passengers and carriages, and that the new \
timetable is almost identical to the one printed in 1979.
"""


# A keyword-stuffed headline and a long wire-service byline, as some pages carry in their metadata (extraction keeps
# page metadata whole); non-BMP emoji make the UTF-16 length differ from the code-point count.
NIGHT_TRAIN_TITLE = " | ".join(
    f"🚆🌙 {phrase}"
    for phrase in [
        "Night train returns to the Valtora valley after thirty years",
        "Merrow to Kessvik sleeper tickets, prices and timetable",
        "Valtora Lines night train: bicycle places, showers and a lounge car",
        "Bellmont spa village stop, Harrowgate repairs and Grey Pass tunnel",
        "Ander plateau hiking and Kessvik skiing by train",
        "Everything you need to know about the Valtora night train",
    ]
    * 4
)


NIGHT_TRAIN_BYLINE = (
    "Mira Castell, Johan Brandt, Aiyana Redfeather and Kofi Mensah-Larbi in Merrow; additional reporting by "
    "Dario Esposito in Kessvik, Nadia Haddad in Harrowgate and Yuki Tanabe in Bellmont; editing by Priya Raman"
)


# A news site's long dated slug: the link is in the digest's markup (the source link), so it counts towards the
# message limit as the bot measures it (tags included, to be safe).
NIGHT_TRAIN_PATH = (
    "/travel/2025/09/18/night-train-returns-to-the-valtora-valley-after-thirty-years-merrow-kessvik-sleeper-"
    "tickets-prices-timetable-bicycle-places-showers-lounge-car-bellmont-spa-village-stop-harrowgate-repairs-"
    "grey-pass-tunnel-ander-plateau-hiking-kessvik-skiing-by-train"
)


def night_train_page() -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in NIGHT_TRAIN_PARAGRAPHS.split("\n\n"))
    return (
        f"<!doctype html><html><head><title>{NIGHT_TRAIN_TITLE}</title>"
        f"<meta property='og:title' content='{NIGHT_TRAIN_TITLE}'>"
        "<meta property='og:site_name' content='Valtora Valley Courier 🏔'>"
        f"<meta name='author' content='{NIGHT_TRAIN_BYLINE}'>"
        "<meta property='article:published_time' content='2025-09-18T08:30:00Z'>"
        f"</head><body><article><h1>{NIGHT_TRAIN_TITLE}</h1>{paragraphs}</article></body></html>"
    )


TEASER = "The council finally decided about the harbour barrier — details here: "


def article_page(text: str, title: str) -> str:
    paragraphs = "".join(f"<p>{p}</p>" for p in text.split("\n\n")[1:])
    return (
        f"<!doctype html><html><head><title>{title}</title><meta property='og:site_name' content='Elwen Courier'>"
        f"</head><body><nav><a href='/'>Home</a> | <a href='/sport'>Sport</a></nav><article><h1>{title}</h1>"
        f"{paragraphs}</article><footer>Subscribe to our newsletter</footer></body></html>"
    )


QUARRY_ARTICLE = """\
Quarry pond reopens for swimmers after algae tests

The old quarry pond at Brackley reopened for swimming on Monday after water tests found the algae bloom had \
cleared. The town's lifeguards will be on duty every afternoon until the end of August, the parks department \
said. Swimmers had been kept out for three weeks while the pond was tested twice a week.
"""


# A story with asides a shortened point leaves out ("The two kayakers, students at …, were taken…").
KAYAK_ARTICLE = (
    (Path(__file__).resolve().parents[2] / "fixtures" / "articles" / "en-kayak-rescue.txt")
    .read_text(encoding="utf-8")
    .rstrip("\n")
)
