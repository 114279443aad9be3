"""Wire-copy-like articles assembled from templates of our own writing, for the scale benchmark.

Each article has a headline and a dateline lede that report an event, then a
body of varied length in which about a fifth of the sentences report events
between real states and leaders and the rest are background: economy, weather,
history, figures. The same seed gives the same articles.
"""

from __future__ import annotations

import random
from dataclasses import dataclass

#: (country, demonym, capital, leader) of states the actor knowledge holds.
STATES = (
    ("China", "Chinese", "Beijing", "Xi Jinping"),
    ("Cuba", "Cuban", "Havana", "Miguel Diaz-Canel"),
    ("North Korea", "North Korean", "Pyongyang", "Kim Jong Un"),
    ("South Korea", "South Korean", "Seoul", "Moon Jae-in"),
    ("Russia", "Russian", "Moscow", "Vladimir Putin"),
    ("Japan", "Japanese", "Tokyo", "Shinzo Abe"),
    ("India", "Indian", "New Delhi", "Narendra Modi"),
    ("France", "French", "Paris", "Emmanuel Macron"),
    ("Germany", "German", "Berlin", "Angela Merkel"),
    ("Vietnam", "Vietnamese", "Hanoi", "Nguyen Phu Trong"),
    ("Israel", "Israeli", "Jerusalem", "Benjamin Netanyahu"),
    ("Egypt", "Egyptian", "Cairo", "Abdel Fattah el-Sisi"),
    ("Brazil", "Brazilian", "Brasilia", "Jair Bolsonaro"),
    ("Mexico", "Mexican", "Mexico City", "Andres Manuel Lopez Obrador"),
    ("Turkey", "Turkish", "Ankara", "Recep Tayyip Erdogan"),
    ("Iran", "Iranian", "Tehran", "Hassan Rouhani"),
)

EVENT_SENTENCES = (
    "{leader_a} met {leader_b} in {capital_b} on {weekday} to discuss trade and security.",
    "{country_a} accused {country_b} of violating the terms of their border agreement.",
    "The {demonym_a} foreign minister visited {capital_b} on {weekday}.",
    "{leader_a} praised the friendship between the {demonym_a} and {demonym_b} peoples.",
    "{demonym_a} troops fired on {demonym_b} border guards near the frontier, officials in {capital_b} said.",
    "{country_a} and {country_b} signed an agreement on energy cooperation.",
    "{leader_a} condemned the missile test carried out by {country_b}.",
    "The {demonym_a} government pledged $40 million in aid to {country_b}.",
    "{leader_a} urged {country_b} to return to negotiations.",
    "{country_a} expelled two {demonym_b} diplomats on {weekday}.",
    "Police in {capital_a} arrested dozens of protesters outside the {demonym_b} embassy.",
    "{leader_b} rejected the proposal put forward by {country_a}.",
)

BACKGROUND_SENTENCES = (
    "The {demonym_a} economy grew by {number} percent last year, according to figures published in {month}.",
    "Temperatures in {capital_a} reached {number} degrees during the afternoon.",
    "Rice and wheat prices have risen steadily since the spring.",
    "The two countries have a combined population of more than {number} million.",
    "Traffic in the centre of {capital_a} was heavy for most of the morning.",
    "The harbour is one of the busiest in the region, handling {number} thousand containers a month.",
    "Rainfall this season was well below the average of the past decade.",
    "Exports of machinery and textiles account for a third of national output.",
    "Shares in {capital_a} closed {number} points higher.",
    "The currency has lost a tenth of its value against the dollar in two years.",
    "Tourism brought in record revenue over the summer months.",
    "The new railway line between the port and {capital_a} is due to open in {month}.",
    "Unemployment in the northern provinces remains above {number} percent.",
    "The building, completed in the 1960s, houses several ministries.",
    "Fuel shortages have eased since the new refinery opened.",
    "Schools in the region reopened after the holiday.",
)

HEADLINES = (
    "{leader_a} meets {leader_b} in {capital_b}",
    "{country_a} accuses {country_b} over border",
    "{country_a} and {country_b} sign energy deal",
    "{leader_a} condemns {demonym_b} missile test",
)
LEDES = (
    "{capital_a_upper} -- {leader_a} met {leader_b} on {weekday}, the {demonym_a} news agency reported.",
    "{capital_a_upper} -- {country_a} accused {country_b} on {weekday} of breaking a border agreement.",
    "{capital_a_upper} -- {country_a} and {country_b} signed an energy agreement on {weekday}.",
    "{capital_a_upper} -- {leader_a} condemned a missile test by {country_b} on {weekday}.",
)
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
MONTHS = ("January", "March", "May", "July", "September", "November")


@dataclass(frozen=True, slots=True)
class Article:
    doc_id: str
    title: str
    text: str
    published: str
    outlet: str
    event_sentences: int
    sentences: int

    def record(self) -> dict[str, str]:
        """One JSON Lines record as `comity code` reads it."""
        return {"doc_id": self.doc_id, "title": self.title, "text": self.text,
                "published": self.published, "outlet": self.outlet}


def generate(count: int, seed: int = 7, event_share: float = 0.18) -> list[Article]:
    rng = random.Random(seed)
    return [_article(rng, index, event_share) for index in range(count)]


def _article(rng: random.Random, index: int, event_share: float) -> Article:
    fill = _fillers(rng)
    story = rng.randrange(len(HEADLINES))
    title = HEADLINES[story].format(**fill)
    lede = LEDES[story].format(**fill)
    body_length = rng.choice((4, 6, 8, 10, 14, 20, 28))
    body, events = [], 0
    for _ in range(body_length):
        if rng.random() < event_share:
            body.append(rng.choice(EVENT_SENTENCES).format(**_fillers(rng, fill)))
            events += 1
        else:
            body.append(rng.choice(BACKGROUND_SENTENCES).format(**fill))
    paragraphs = [lede] + [" ".join(body[i : i + 3]) for i in range(0, len(body), 3)]
    text = title + "\n\n" + "\n\n".join(paragraphs) + "\n"
    day = 1 + index % 28
    return Article(
        doc_id=f"gen-{index:06d}", title=title, text=text, published=f"2021-{1 + index % 12:02d}-{day:02d}",
        outlet=rng.choice(("Meridian Wire", "Harbour Post", "Eastgate Daily")),
        event_sentences=events + 2, sentences=body_length + 2,
    )


def _fillers(rng: random.Random, base: dict[str, str] | None = None) -> dict[str, str]:
    a, b = rng.sample(STATES, 2)
    if base is not None and rng.random() < 0.5:  # often the story's own pair
        return base
    return {
        "country_a": a[0], "demonym_a": a[1], "capital_a": a[2], "leader_a": a[3], "capital_a_upper": a[2].upper(),
        "country_b": b[0], "demonym_b": b[1], "capital_b": b[2], "leader_b": b[3],
        "weekday": rng.choice(WEEKDAYS), "month": rng.choice(MONTHS), "number": str(rng.randint(2, 90)),
    }
