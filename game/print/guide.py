"""The facilitator's guide: how to run a session, what to do when a student discloses abuse, the
helplines, and for every card its safe answer, discussion questions and facilitator note."""
from __future__ import annotations

from pathlib import Path

from game.engine.cards import Card, Deck
from game.kinds import kind_of
from game.helplines import helpline_lines
from game.i18n import N_, Translator
from game.print.document import PrintDocument, Style
from game.words import card_summary, topic_name

ACCENT = (0, 98, 112)
ALERT = (178, 28, 40)
TEXT = (20, 20, 20)
QUIET = (90, 90, 90)
MARGIN = 18.0

GROUND_RULES = (
    N_("We listen to each other and nobody laughs at anyone's answer."),
    N_("We talk about the young people in the stories, not about ourselves or anyone in the room."),
    N_("Anyone may pass, or step out for a while, without saying why."),
    N_("If something in a story has happened to you, it is not your fault, and you can talk to me or to "
       "another adult you trust afterwards."),
)
HOW_TO_PLAY = (
    N_("Split the class into two to six teams. Shuffle the turn cards; keep the red alerts in a separate pile."),
    N_("A team draws a card and reads the front aloud. The whole room talks about it, then the team picks a choice."),
    N_("Turn the card over: the back shows how safe each choice is and why. Read it aloud."),
    N_("Between turns, read one red alert to the whole room."),
)
RULES = (
    N_("Each team's choice earns 3 points when it is safe, 1 when it is partly safe and 0 when it is risky, "
       "and you can add 1 point for a good discussion and 1 for naming a way to get help."),
    N_("Speed never counts and scores never go down, so the team that chooses safely and asks for help wins."),
)
# (minutes, turn cards, red alerts, minutes of discussion a card): the same lengths as the game's setup.
TIMINGS = ((15, 6, 1, 1), (30, 12, 2, 2), (45, 18, 3, 2))
DISCLOSURE = (
    N_("Listen calmly. Let the student talk; do not ask for details or push for more."),
    N_("Believe them, and tell them so."),
    N_("Tell them: \"It is not your fault. You did the right thing by telling me.\""),
    N_("Do not promise to keep it secret. Explain that you will tell the people whose job is to help."),
    N_("Follow your school's referral route the same day, and write down what was said in the student's own words."),
)
REFERRAL_FALLBACK = N_("If your school has no referral route: tell the head teacher. If that is not possible or "
                       "not safe, call the Child Helpline 1098 together with the student (free, 24 hours).")


def _answer(card: Card, tr: Translator) -> list[str]:
    """What the guide gives as a card's answer: the safe choices, or myth/fact, or the alert itself."""
    return kind_of(card).guide_lines(card, tr)


def render_guide(decks: list[Deck], cards: list[Card], tr: Translator, fonts_dir: Path,
                 page_size: tuple[float, float]) -> bytes:
    doc = PrintDocument(fonts_dir, tr.language, page_size, title=tr._("Nirapod: facilitator's guide"))
    doc.start_flow(MARGIN, lambda page: tr.format(tr._("Page {number}"), number=page))
    title = Style(18.0, True, ACCENT)
    heading = Style(12.5, True, ACCENT)
    subheading = Style(10.5, True, TEXT)
    body = Style(10.0, False, TEXT)
    strong = Style(10.0, True, TEXT)
    note = Style(9.5, False, QUIET)

    def bullets(items, style=body):
        for item in items:
            doc.flow("• " + item, style, indent=3.0)

    doc.flow(tr._("Nirapod: facilitator's guide"), title, space_after=1.0)
    doc.flow(tr.format(tr._("A card game about staying safe online, for ages 13 to 18. {count} cards in this guide."),
                       count=len(cards)), note, space_after=5.0)

    doc.flow(tr._("Ground rules (read them aloud)"), heading, keep_with_next=10)
    bullets([tr._(rule) for rule in GROUND_RULES])
    doc.y += 2
    doc.flow(tr._("How to play"), heading, keep_with_next=10)
    bullets([tr._(step) for step in HOW_TO_PLAY])
    doc.flow(tr._("The rules in two sentences"), subheading, keep_with_next=10)
    doc.flow(" ".join(tr._(sentence) for sentence in RULES), strong)
    doc.flow(tr._("Timing"), subheading, keep_with_next=10)
    bullets([tr.format(tr._("{minutes} minutes: about {cards} cards and {alerts} red alerts, "
                            "{discussion} minutes of discussion a card."),
                       minutes=minutes, cards=count, alerts=alerts, discussion=discussion)
             for minutes, count, alerts, discussion in TIMINGS])
    doc.flow(tr._("Leave the last five minutes for questions and for the helplines below."), body, space_after=4)

    doc.flow(tr._("If a student tells you about abuse"), Style(12.5, True, ALERT), keep_with_next=10)
    bullets([tr._(step) for step in DISCLOSURE])
    doc.flow(tr._(REFERRAL_FALLBACK), strong, space_after=4)

    doc.flow(tr._("Helplines (Bangladesh)"), heading, keep_with_next=10)
    bullets(helpline_lines(tr), strong)
    doc.flow(tr._("Give more than one number: one service may be down or busy."), note, space_after=5)

    doc.flow(tr._("The cards"), title, space_after=3)
    chosen = {card.id for card in cards}
    for deck in decks:
        deck_cards = [card for card in deck.cards if card.id in chosen]
        if not deck_cards:
            continue
        doc.flow(tr.text(deck.title), heading, keep_with_next=20, space_after=2)
        for card in deck_cards:
            doc.flow(f"{card_summary(tr, card)}", subheading, keep_with_next=15, space_after=0.5)
            doc.flow(f"{topic_name(tr, card.topic)} · {card.id}", note, space_after=0.8)
            for line in _answer(card, tr):
                doc.flow(line, body, indent=3.0, space_after=0.8)
            if card.discussion:
                doc.flow(tr._("Discussion questions:"), strong, indent=3.0, space_after=0.5)
                for question in card.discussion:
                    doc.flow("• " + tr.text(question), body, indent=6.0, space_after=0.5)
            if card.facilitator_note is not None:
                doc.flow(tr.format(tr._("Facilitator's note: {note}"), note=tr.text(card.facilitator_note)), note,
                         indent=3.0)
            doc.y += 3
    return doc.to_bytes()
