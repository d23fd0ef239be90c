"""Every text the phone page shows, as catalog entries: the page fetches them as JSON in both languages, so
the usual extraction and the Bangla catalog cover the page too. {placeholders} are filled by the page,
which writes their digits in Bangla when the page is in Bangla."""
from __future__ import annotations

from game.i18n import N_, Translator
from game.lan.tally import Refusal

PAGE_TEXTS = {
    "title": N_("Nirapod"),
    "code_prompt": N_("Type the join code shown on the big screen."),
    "code_label": N_("Join code"),
    "join": N_("Join"),
    "connecting": N_("Connecting to the game…"),
    "reconnecting": N_("The connection dropped. Trying again…"),
    "you_are": N_("This is phone {phone}."),
    "your_team": N_("Your team: {team}"),
    "change_team": N_("Change team"),
    "pick_team": N_("Pick your team:"),
    "wait_card": N_("Wait for the next card."),
    "talk": N_("Read the card and talk with your team. Voting starts with the clock."),
    "vote_now": N_("Vote for the safest choice. Nobody sees your vote."),
    "your_vote": N_("Your vote: {choice}"),
    "order_now": N_("Tap the actions in order, the safest first. Nobody sees your order."),
    "your_order": N_("You put them in this order: {order}"),
    "start_again": N_("Start the order again"),
    "team_order": N_("The team's order: {order}"),
    "safest_order": N_("The safest order:"),
    "change_until": N_("You can change your vote until the answer is shown."),
    "no_vote": N_("You have not voted yet."),
    "closed": N_("Voting has closed. Your team settles its answer aloud."),
    "answer": N_("The team's answer: {choice}"),
    "your_choice_feedback": N_("About your vote:"),
    "team_votes": N_("How your team voted:"),
    "votes_count": N_("{count} votes"),
    "quiz_before": N_("Before we play: myth or fact?"),
    "quiz_after": N_("After the game: myth or fact?"),
    "quiz_saved": N_("Answers saved. You can change them until the check closes."),
    "quiz_anonymous": N_("Only the numbers of right answers are counted; nobody sees yours."),
    "myth": N_("Myth"),
    "fact": N_("Fact"),
    "end": N_("Thank you for playing!"),
    "help": N_("Help is there, offline too. Talk to an adult you trust, or call:"),
    "refused_" + Refusal.BAD_MESSAGE.value: N_("The game did not understand this phone. Reload the page."),
    "refused_" + Refusal.TOO_BIG.value: N_("The game did not understand this phone. Reload the page."),
    "refused_" + Refusal.TOO_FAST.value: N_("Too fast. Wait a moment, then try again."),
    "refused_" + Refusal.WRONG_CODE.value: N_("That join code is not right. Look at the big screen and try again."),
    "refused_" + Refusal.ROOM_FULL.value: N_("The game is full. Share a phone with a classmate."),
    "refused_" + Refusal.JOINING_LOCKED.value: N_("Joining is closed now. Share a phone with a classmate."),
    "refused_" + Refusal.REMOVED.value: N_("The facilitator has taken this phone out of the game."),
    "refused_" + Refusal.NOT_JOINED.value: N_("This phone has not joined yet. Reload the page."),
    "refused_" + Refusal.NOT_VOTING.value: N_("Voting is not open now."),
    "refused_" + Refusal.STALE.value: N_("That card is over; here is the current one."),
    "refused_" + Refusal.NO_SUCH_CHOICE.value: N_("That choice is not on this card."),
    "refused_" + Refusal.NO_SUCH_TEAM.value: N_("There is no such team."),
    "refused_" + Refusal.TEAM_LOCKED.value: N_("Teams cannot change while voting is open."),
    "refused_" + Refusal.NO_QUIZ.value: N_("The myth-or-fact check is closed."),
    "refused_" + Refusal.REPLACED.value: N_("The game is open in another tab or window on this phone. Use that "
                                            "one, or reload this page to play here."),
}


def page_strings(tr: Translator) -> dict[str, str]:
    """The page's texts in the translator's language."""
    return {key: tr._(message) for key, message in PAGE_TEXTS.items()}
