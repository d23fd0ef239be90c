"""The room's rules without a network: teams, majorities and ties, late votes, removal, the anonymous check."""
from __future__ import annotations

from game.lan.bench import quiz_statements, sample_card
from game.lan.tally import QUIZ_FACT, QUIZ_MYTH, Refusal, Room, Stage

TOKENS = [f"{n:032x}" for n in range(1, 10)]


def _room(phones: int = 4, teams=("A", "B")) -> Room:
    room = Room(max_phones=6)
    room.set_teams(teams)
    for token in TOKENS[:phones]:
        room.join(token)
    room.set_card(sample_card(0))
    room.open_voting()
    return room


def test_teams_fill_evenly_and_a_team_can_be_picked_outside_voting():
    room = _room(phones=5)
    assert [room.phones[t].team for t in TOKENS[:5]] == [0, 1, 0, 1, 0]
    assert room.pick_team(TOKENS[0], 1) is Refusal.TEAM_LOCKED
    room.close_voting()
    assert room.pick_team(TOKENS[0], 1) is Refusal.TEAM_LOCKED
    room.reveal(0, {})
    assert room.pick_team(TOKENS[0], 1) is None and room.phones[TOKENS[0]].team == 1
    assert room.pick_team(TOKENS[0], 2) is Refusal.NO_SUCH_TEAM


def test_the_majority_the_tie_and_no_votes():
    room = _room(phones=5)
    for token, choice in zip(TOKENS[:5], (2, 1, 2, 1, 0), strict=True):  # team A: 2, 2, 0; team B: 1, 1
        assert room.vote(token, room.round, choice) is None
    a, b = room.tally()
    assert (a.votes, a.majority, a.tied) == ((1, 0, 2, 0), 2, False)
    assert (b.votes, b.majority, b.tied) == ((0, 2, 0, 0), 1, False)
    room.vote(TOKENS[2], room.round, 1)  # a change of mind makes a three-way tie in team A
    a = room.tally()[0]
    assert (a.votes, a.voters, a.majority, a.tied, a.leaders) == ((1, 1, 1, 0), 3, None, True, (0, 1, 2))
    room.next()
    room.set_card(sample_card(1))
    assert all(t.voters == 0 and t.majority is None and not t.tied for t in room.tally())


def test_votes_are_private_until_the_reveal_and_closed_after_it():
    room = _room()
    room.vote(TOKENS[0], room.round, 3)
    assert room.tally()[0].votes_shown is None
    assert room.reveal(3, {"en": ("a", "b", "c", "d")})
    assert room.tally()[0].votes_shown == (0, 0, 0, 1)
    assert room.vote(TOKENS[1], room.round, 0) is Refusal.NOT_VOTING
    assert room.vote(TOKENS[0], room.round - 1, 0) is Refusal.STALE
    assert room.vote("f" * 32, room.round, 0) is Refusal.NOT_JOINED


def test_voter_counts_are_events_but_choices_are_not():
    room = _room()
    room.take_events()
    room.vote(TOKENS[0], room.round, 1)
    room.vote(TOKENS[0], room.round, 2)  # a change: the count stays, so nothing to tell
    events = room.take_events()
    assert [(e.kind, e.team, e.voters) for e in events] == [("voters", 0, 1)]


def test_a_removed_phone_loses_its_vote_and_cannot_rejoin_and_a_known_one_can_when_locked():
    room = _room()
    room.vote(TOKENS[0], room.round, 1)
    phone_id = room.phones[TOKENS[0]].id
    assert room.remove(phone_id) == TOKENS[0]
    assert room.tally()[0].voters == 0
    assert room.join(TOKENS[0]) is Refusal.REMOVED
    room.lock_joining(True)
    assert room.join(TOKENS[5]) is Refusal.JOINING_LOCKED
    room.leave(TOKENS[1])
    assert room.join(TOKENS[1]).id == 2
    room.lock_joining(False)
    room.join(TOKENS[5])
    room.join(TOKENS[6])
    room.join(TOKENS[7])
    assert room.join(TOKENS[8]) is Refusal.ROOM_FULL  # six phones at most


def test_facilitator_steps_out_of_order_are_refused_quietly():
    room = Room()
    room.set_teams(("A",))
    assert not room.open_voting() and not room.close_voting() and not room.reveal(0, {})
    room.set_card(sample_card(0))
    assert not room.reveal(7, {}) and room.stage is Stage.CARD


def test_the_check_counts_right_answers_per_topic_and_forgets_who_answered():
    room = _room(phones=3)
    statements = quiz_statements()
    assert room.open_quiz("before", statements)
    right = [QUIZ_MYTH if s.is_myth else QUIZ_FACT for s in statements]
    room.answer_quiz(TOKENS[0], "before", right)
    room.answer_quiz(TOKENS[1], "before", [1 - a for a in right])
    assert room.answer_quiz(TOKENS[2], "after", right) is Refusal.NO_QUIZ
    assert room.answer_quiz(TOKENS[2], "before", right[:2]) is Refusal.BAD_MESSAGE
    counts = room.close_quiz()
    assert counts == {s.topic: [1, 2] for s in statements}
    assert room.quiz_answers == {} and room.stage is Stage.WAITING
    assert room.answer_quiz(TOKENS[0], "before", right) is Refusal.NO_QUIZ
