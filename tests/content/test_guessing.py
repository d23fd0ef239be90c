"""Whether a team can win a scenario card without reading its story: the guessers and their bounds.

A guesser sees only a card's choices (never the story or the question) and picks one. If a rule such
as "the shortest choice" or a word classifier trained on the other cards' choices picks a safe choice
on many cards, the room learns to spot the pattern instead of thinking about the situation. Every
guesser here must stay at or under GUESS_SHARE of the scenario cards, in English and in Bangla (the
Bangla as the game shows it, from the compiled catalogs).

Run it from the shell to see each guesser's figures and the cards it guesses, per deck:

    python -m tests.content.test_guessing            # both languages
    python -m tests.content.test_guessing --lang bn  # one language
    python -m tests.content.test_guessing --deck grooming --deck sextortion
"""
from __future__ import annotations

import argparse
import math
import random
import re
from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Callable

import pytest

from game.content.decks import bundled_deck_paths, load_decks
from game.engine.cards import Grade
from game.i18n import Translator
from game.resources import DECKS_DIR, LOCALES_DIR

# A guesser may pick a safe choice on at most this share of the scenario cards (chance is about 31%:
# a third of the three-choice cards, a quarter of the four-choice ones, more where two are safe).
GUESS_SHARE = 0.45
LONGEST_SAFE_SHARE = 1 / 3    # the safe choice is the longest on at most a third of the cards
SHORTEST_SAFE_SHARE = 0.35    # ... and the shortest on at most 35% (chance is about 31%)
# On three-choice cards no position may hold more than 40% of the safe answers. Chance is a third;
# with about sixty such cards one standard deviation of chance is about six points, so 40% leaves
# room for honest variation while a team that always picks the favourite position still wins far
# less than the GUESS_SHARE bound. Four-choice cards are fewer (about forty): their bound, 37.5%, is
# chance (25%) plus about two standard deviations of chance on that count. A card with two safe
# choices counts both positions.
POSITION_SHARE = {3: 0.40, 4: 0.375}

# --- what the surface rule looks for -------------------------------------------------------------
# A choice "names an adult or a helpline" when one of these words (English) or word starts (Bangla)
# is in it; it "hedges" when it holds one of the hedge words or a semicolon.
ADULT_WORDS_EN = {
    "adult", "adults", "mother", "mum", "mom", "father", "dad", "parent", "parents", "aunt", "aunty",
    "auntie", "uncle", "teacher", "teachers", "counsellor", "counselor", "principal", "headteacher",
    "grandmother", "grandfather", "grandma", "granny", "nani", "dadi", "guardian", "brother", "sister",
    "cousin", "police", "helpline", "1098", "999", "109", "01320000888", "imam", "elder", "sir",
    "madam", "apa", "bhaiya", "coach", "nurse", "doctor",
}
ADULT_PHRASES_EN = ("head teacher", "class teacher", "trusted adult", "child helpline")
ADULT_STARTS_BN = (
    "মা", "বাবা", "আব্বু", "আম্মু", "আম্মা", "আব্বা", "খালা", "খালু", "চাচা", "চাচি", "মামা", "মামি",
    "ফুপু", "ফুপা", "নানা", "নানি", "দাদা", "দাদি", "শিক্ষক", "শিক্ষিকা", "স্যার", "ম্যাডাম", "প্রধান",
    "অভিভাবক", "পুলিশ", "হেল্পলাইন", "১০৯৮", "৯৯৯", "১০৯", "০১৩২০০০০৮৮৮", "ভাই", "আপু", "আপা", "বোন",
    "কাজিন", "বড়", "ভরসার", "কাউন্সেলর", "ইমাম", "হুজুর", "বাড়ির", "পরিবার", "প্রাপ্তবয়স্ক", "কোচ",
)
# Bangla word starts that are not about an adult although they begin like one.
NOT_ADULT_BN = ("মাঝে", "মানে", "মানা", "মামলা", "মাধ্যম", "মাত্র", "মাথা", "মাফ", "মারা", "মাসে", "মাস",
                "মাল", "মাঠ", "মালিহা", "বাবদ", "বোঝ", "বোনাস", "ভাইরাল", "দাদাগিরি", "বড়াই")
# The hedges the issue measured (a longer list, with "just" or "instead", guessed fewer cards).
HEDGES_EN = {"but", "because", "so", "since", "only"}
HEDGES_BN = ("কিন্তু", "তবে", "কারণ", "তাই", "যেহেতু", "শুধু", "কেবল")

WORD = re.compile(r"[0-9a-z'\u0980-\u09ff]+|[;:,?!()]")
LANGUAGES = ("en", "bn")


@dataclass(frozen=True)
class Scenario:
    """A scenario card as a guesser sees it: the choices' words in one language, and their grades."""

    card_id: str
    deck_id: str
    choices: tuple[str, ...]
    safe: tuple[bool, ...]


def scenarios_in(language: str) -> list[Scenario]:
    """Every bundled scenario card, its choices as the game shows them in `language`."""
    result = load_decks(bundled_deck_paths(DECKS_DIR))
    assert not result.problems, "\n".join(map(str, result.problems))
    translator = Translator(LOCALES_DIR, language)
    return [
        Scenario(card.id, card.deck_id, tuple(translator.text(c.text) for c in card.choices),
                 tuple(c.grade is Grade.SAFE for c in card.choices))
        for card in result.cards.values() if card.kind == "scenario"
    ]


def words(text: str) -> list[str]:
    return WORD.findall(text.lower())


def names_an_adult(text: str) -> bool:
    lowered = text.lower()
    found = words(lowered)
    if any(w in ADULT_WORDS_EN for w in found) or any(p in lowered for p in ADULT_PHRASES_EN):
        return True
    return any(w.startswith(ADULT_STARTS_BN) and not w.startswith(NOT_ADULT_BN) for w in found)


def hedges(text: str) -> bool:
    found = words(text)
    return ";" in text or any(w in HEDGES_EN or w.startswith(HEDGES_BN) for w in found)


# --- the surface rules: each takes a card's choices and returns the index it picks ---------------

def _shortest(choices) -> int:
    return min(range(len(choices)), key=lambda i: len(choices[i]))


def _longest(choices) -> int:
    return max(range(len(choices)), key=lambda i: len(choices[i]))


def _adult_without_hedge(choices) -> int:
    """The shortest choice that names an adult or helpline and does not hedge; else the shortest."""
    plain = [i for i, text in enumerate(choices) if names_an_adult(text) and not hedges(text)]
    if not plain:
        return _shortest(choices)
    return min(plain, key=lambda i: len(choices[i]))


SURFACE_RULES: dict[str, Callable[[tuple[str, ...]], int]] = {
    "shortest": _shortest,
    "longest": _longest,
    "first": lambda choices: 0,
    "last": lambda choices: len(choices) - 1,
    "adult, no hedge, shortest": _adult_without_hedge,
}


# --- the word classifiers ------------------------------------------------------------------------

def features(choices: tuple[str, ...], index: int, bigrams: bool) -> list[str]:
    """The words of one choice (lower case, unigrams and optionally bigrams, punctuation kept), plus
    where it stands among its card's choices: shortest, longest, first, last."""
    found = words(choices[index])
    feats = list(found)
    if bigrams:
        feats += [f"{a} {b}" for a, b in zip(["<s>"] + found, found + ["</s>"])]
    lengths = [len(c) for c in choices]
    if lengths[index] == min(lengths):
        feats.append("#shortest")
    if lengths[index] == max(lengths):
        feats.append("#longest")
    feats.append("#first" if index == 0 else "#last" if index == len(choices) - 1 else "#middle")
    return feats


class NaiveBayes:
    """Multinomial naive Bayes, safe against not safe, with add-one smoothing. Leaving a card out
    subtracts its counts from the totals, so each fold costs only that card's words."""

    def __init__(self, cards: list[Scenario], bigrams: bool):
        self.bigrams = bigrams
        self.counts = {True: Counter(), False: Counter()}
        self.totals = {True: 0, False: 0}
        self.card_feats = {}
        for card in cards:
            feats = [features(card.choices, i, bigrams) for i in range(len(card.choices))]
            self.card_feats[card.card_id] = feats
            for f, safe in zip(feats, card.safe):
                self.counts[safe].update(f)
                self.totals[safe] += len(f)

    def pick(self, card: Scenario) -> int:
        held = {True: Counter(), False: Counter()}
        for f, safe in zip(self.card_feats[card.card_id], card.safe):
            held[safe].update(f)
        vocab = {w for label in (True, False) for w, n in self.counts[label].items() if n - held[label][w] > 0}
        totals = {label: self.totals[label] - sum(held[label].values()) for label in (True, False)}

        def log_likelihood(feats, label):
            denominator = math.log(totals[label] + len(vocab))
            return sum(math.log(self.counts[label][w] - held[label][w] + 1) - denominator
                       for w in feats if w in vocab)

        scores = [log_likelihood(f, True) - log_likelihood(f, False) for f in self.card_feats[card.card_id]]
        return max(range(len(scores)), key=scores.__getitem__)


class ChoiceLogit:
    """A small logistic regression that chooses between a card's choices (a softmax over them, as a
    team chooses), over the same features, with L2 and a fixed number of passes of plain gradient
    descent in a fixed random order, trained afresh for every held-out card."""

    def __init__(self, cards: list[Scenario], bigrams: bool, passes: int = 12, rate: float = 0.3,
                 l2: float = 0.002):
        self.passes, self.rate, self.l2 = passes, rate, l2
        index: dict[str, int] = {}
        self.card_feats = {}
        for card in cards:
            self.card_feats[card.card_id] = [
                sorted({index.setdefault(f, len(index)) for f in features(card.choices, i, bigrams)})
                for i in range(len(card.choices))]
        self.size = len(index)
        # What a card is trained towards: its safe choices share the whole probability.
        self.examples = [(card.card_id, self.card_feats[card.card_id],
                          [safe / sum(card.safe) for safe in card.safe]) for card in cards]

    def _train(self, held_out: str) -> list[float]:
        weights = [0.0] * self.size
        get = weights.__getitem__
        order = [(feats, targets) for card_id, feats, targets in self.examples if card_id != held_out]
        shuffle = random.Random(23).shuffle
        rate, decay = self.rate, 1.0 - self.rate * self.l2
        exp = math.exp
        for _ in range(self.passes):
            shuffle(order)
            for feats, targets in order:
                scores = [sum(map(get, f)) for f in feats]
                top = max(scores)
                exps = [exp(s - top) for s in scores]
                total = sum(exps)
                for f, e, target in zip(feats, exps, targets):
                    step = rate * (target - e / total)
                    for j in f:
                        weights[j] = weights[j] * decay + step
        return weights

    def pick(self, card: Scenario) -> int:
        weights = self._train(card.card_id)
        scores = [sum(weights[j] for j in f) for f in self.card_feats[card.card_id]]
        return max(range(len(scores)), key=scores.__getitem__)


CLASSIFIERS = {
    "naive Bayes, words": lambda cards: NaiveBayes(cards, bigrams=False),
    "naive Bayes, words + pairs": lambda cards: NaiveBayes(cards, bigrams=True),
    "logistic regression, words": lambda cards: ChoiceLogit(cards, bigrams=False),
    "logistic regression, + pairs": lambda cards: ChoiceLogit(cards, bigrams=True),
}


@dataclass(frozen=True)
class Guesses:
    method: str
    language: str
    total: int
    guessed: tuple[Scenario, ...]

    @property
    def share(self) -> float:
        return len(self.guessed) / self.total if self.total else 0.0

    def line(self) -> str:
        return f"{self.language} {self.method:28} {len(self.guessed):3}/{self.total} = {self.share:5.1%}"


def guess_all(cards: list[Scenario], language: str) -> list[Guesses]:
    """Every guesser's picks on every card; a card is guessed when the pick is graded safe."""
    found = []
    for name, rule in SURFACE_RULES.items():
        found.append(Guesses(name, language, len(cards), tuple(c for c in cards if c.safe[rule(c.choices)])))
    for name, make in CLASSIFIERS.items():
        model = make(cards)
        found.append(Guesses(name, language, len(cards), tuple(c for c in cards if c.safe[model.pick(c)])))
    return found


def safe_position_shares(cards: list[Scenario]) -> dict[int, list[float]]:
    """For each number of choices, the share of the safe answers standing at each position."""
    tally: dict[int, Counter] = defaultdict(Counter)
    for card in cards:
        for position, safe in enumerate(card.safe):
            if safe:
                tally[len(card.choices)][position] += 1
    return {n: [tally[n][p] / sum(tally[n].values()) for p in range(n)] for n in sorted(tally)}


def longest_and_shortest(cards: list[Scenario]) -> tuple[list[str], list[str]]:
    """The cards whose safe choice is the longest, and those whose safe choice is the shortest."""
    longest = [c.card_id for c in cards
               if any(s and len(t) == max(map(len, c.choices)) for t, s in zip(c.choices, c.safe))]
    shortest = [c.card_id for c in cards
                if any(s and len(t) == min(map(len, c.choices)) for t, s in zip(c.choices, c.safe))]
    return longest, shortest


# --- the tests -----------------------------------------------------------------------------------

@pytest.fixture(scope="module", params=LANGUAGES)
def language_cards(request):
    return request.param, scenarios_in(request.param)


@pytest.fixture(scope="module")
def all_guesses(language_cards):
    language, cards = language_cards
    return guess_all(cards, language)


def test_the_surface_rule_reads_adults_and_hedges_in_both_languages():
    assert names_an_adult("Tell her aunt tonight.") and names_an_adult("Call 1098 with his teacher.")
    assert names_an_adult("আজ রাতেই খালাকে বলা।") and names_an_adult("শিক্ষকের সঙ্গে ১০৯৮ নম্বরে ফোন করা।")
    assert not names_an_adult("Block him and keep the screenshots.")
    assert not names_an_adult("মাঝে মাঝে মেসেজ দেখা।") and not names_an_adult("সোজা মানা করে দেওয়া।")
    assert hedges("Block him, but tell no one.") and hedges("Reply once; then block.")
    assert hedges("আপুকে বলা, কারণ সে বুঝবে।") and not hedges("Tell her aunt tonight.")


def test_a_classifier_finds_a_pattern_where_there_is_one():
    """The classifiers are strong enough to catch a give-away: on made-up cards whose safe choice
    always says "trusted", each of them guesses nearly every card."""
    rng = random.Random(1)
    fillers = ["wait", "reply", "post", "share", "ignore", "laugh", "delete", "forward", "meet", "pay"]
    cards = []
    for n in range(40):
        count = 3 + n % 2
        safe_at = rng.randrange(count)
        choices = tuple(
            f"{'tell a trusted person' if i == safe_at else rng.choice(fillers)} {' '.join(rng.sample(fillers, 3))}"
            for i in range(count))
        cards.append(Scenario(f"c{n}", "d", choices, tuple(i == safe_at for i in range(count))))
    for name, make in CLASSIFIERS.items():
        model = make(cards)
        assert sum(c.safe[model.pick(c)] for c in cards) >= 36, name


def test_no_guesser_wins_without_reading_the_story(all_guesses):
    too_good = [g for g in all_guesses if g.share > GUESS_SHARE]
    assert not [g.line() for g in too_good], (
        f"at most {GUESS_SHARE:.0%} of the scenario cards may be guessed without reading them:\n"
        + "\n".join(g.line() for g in all_guesses) + "\n\n"
        + "\n".join(f"{g.method} guesses: {', '.join(c.card_id for c in g.guessed)}" for g in too_good))


def test_the_safe_choice_is_neither_mostly_longest_nor_mostly_shortest(language_cards):
    language, cards = language_cards
    longest, shortest = longest_and_shortest(cards)
    assert len(longest) <= LONGEST_SAFE_SHARE * len(cards), (
        f"{language}: the safe choice is the longest on {len(longest)} of {len(cards)}: {', '.join(longest)}")
    assert len(shortest) <= SHORTEST_SAFE_SHARE * len(cards), (
        f"{language}: the safe choice is the shortest on {len(shortest)} of {len(cards)}: {', '.join(shortest)}")


def test_the_safe_position_is_balanced_within_each_choice_count():
    cards = scenarios_in("en")  # positions are the same in every language
    for count, shares in safe_position_shares(cards).items():
        bound = POSITION_SHARE.get(count, 1.0)
        assert max(shares) <= bound, (
            f"on {count}-choice cards the safe answers stand at positions 1..{count} in shares "
            f"{', '.join(f'{s:.0%}' for s in shares)}; no position may hold more than {bound:.1%}")


# --- from the shell ------------------------------------------------------------------------------

def report(language: str, decks: list[str] | None = None) -> str:
    cards = scenarios_in(language)
    all_found = guess_all(cards, language)
    lines = [f"== {language}: {len(cards)} scenario cards; a guesser may win at most {GUESS_SHARE:.0%}"]
    lines += [g.line() + ("   TOO HIGH" if g.share > GUESS_SHARE else "") for g in all_found]
    longest, shortest = longest_and_shortest(cards)
    lines.append(f"safe is longest on {len(longest)}/{len(cards)} (at most {LONGEST_SAFE_SHARE:.1%}), "
                 f"shortest on {len(shortest)}/{len(cards)} (at most {SHORTEST_SAFE_SHARE:.0%})")
    for count, shares in safe_position_shares(cards).items():
        lines.append(f"{count}-choice cards ({sum(len(c.choices) == count for c in cards)}): safe at positions "
                     + " ".join(f"{s:.0%}" for s in shares))
    by_deck = defaultdict(list)
    for card in cards:
        by_deck[card.deck_id].append(card)
    for deck_id in sorted(by_deck):
        if decks and deck_id not in decks:
            continue
        deck_cards = {c.card_id for c in by_deck[deck_id]}
        lines.append(f"-- {deck_id} ({len(deck_cards)} cards)")
        for g in all_found:
            hit = [c.card_id for c in g.guessed if c.card_id in deck_cards]
            lines.append(f"   {g.method:28} {len(hit):2}/{len(deck_cards)}  {' '.join(hit)}")
        times = Counter(c.card_id for g in all_found for c in g.guessed if c.card_id in deck_cards)
        lines.append("   guessed by most methods: "
                     + " ".join(f"{card_id}({n})" for card_id, n in times.most_common() if n >= 4))
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="How well the cards can be guessed without reading them.")
    parser.add_argument("--lang", choices=LANGUAGES, action="append")
    parser.add_argument("--deck", action="append", help="show only this deck's cards (repeatable)")
    args = parser.parse_args(argv)
    for language in args.lang or LANGUAGES:
        print(report(language, args.deck))


if __name__ == "__main__":
    main()
