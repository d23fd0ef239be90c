"""`--autoplay N`: whole games through the real screens, driven by posting input events.

Every step goes through pygame's event queue and the input module, exactly as a class would:
clicks, touches and keys, with language and text-size changes along the way.
"""
from __future__ import annotations

import random

import pygame

MAX_STEPS_PER_GAME = 4000  # a game that needs more is stuck: report it instead of looping
# Every facilitator control but "end", which autoplay leaves to the game's own course.
HOST_KEYS_TO_TRY = (pygame.K_t, pygame.K_r, pygame.K_n, pygame.K_s, pygame.K_p, pygame.K_g, pygame.K_w,
                    pygame.K_u, pygame.K_PAGEUP, pygame.K_EQUALS, pygame.K_MINUS, pygame.K_i)


class Autoplay:
    fast = True  # no waiting between frames: autoplay is a test, not a class
    def __init__(self, games: int, seed: int = 0):
        self.games_wanted = games
        self.games_done = 0
        self.random = random.Random(seed)
        self.steps = 0
        self.exit_code = 0
        self._last_scene = None
        self.scenes_seen: set[str] = set()
        self.stopped = False  # True when the driver itself ended the run, not the program

    def _look(self, app):
        """Give the app its seeds, note a newly shown scene, and return the scene on top."""
        if not app.session.seeded:
            app.session.use_seeds(random.Random(self.random.randrange(1 << 32)))
        scene = app.scene
        if scene.name != self._last_scene:
            self.scenes_seen.add(scene.name)
            self._entered(scene.name)
            self._last_scene = scene.name
        return scene

    def _entered(self, name: str) -> None:
        if name == "results":
            self.games_done += 1

    def before_frame(self, app) -> None:
        scene = self._look(app)
        if self.games_done >= self.games_wanted and scene.name != "results":
            self._stop(app)
            return
        if not self._count_step(app):
            return
        if self.games_done >= self.games_wanted:
            self._click(next(b for b in scene.buttons if b.name == "title"))
            return
        if scene.buttons == [] or getattr(scene, "_needs_layout", False):
            return  # the scene lays itself out on this frame's draw; act on the next
        self._act(app, scene)

    def _host_key(self, scene) -> None:
        """A facilitator at work: mostly the clicker's "next", sometimes any other control."""
        if self.random.random() < 0.6:
            self._post_key(pygame.K_PAGEDOWN)
        elif self.random.random() < 0.5 and scene.name == "play":
            self._post_key(pygame.K_1 + self.random.randrange(2))  # a team answers
        else:
            self._post_key(self.random.choice(HOST_KEYS_TO_TRY))

    def _stop(self, app) -> None:
        self.stopped = True
        app.quit()

    def _count_step(self, app) -> bool:
        """One more step; False, with the program stopped and a failing exit code, once a run is stuck."""
        self.steps += 1
        if self.steps > MAX_STEPS_PER_GAME * self.games_wanted:
            self.exit_code = 1
            self._stop(app)
            return False
        return True

    def summary(self) -> str:
        return (f"autoplay: {self.games_done} games, {self.steps} steps, "
                f"scenes: {', '.join(sorted(self.scenes_seen))}")

    def _post_key(self, key: int, mod: int = 0, text: str = "") -> None:
        pygame.event.post(pygame.event.Event(pygame.KEYDOWN, key=key, mod=mod, unicode=text, scancode=0))

    def _click(self, button) -> None:
        if self.random.random() < 0.2:  # sometimes a touch instead of a mouse click
            size = pygame.display.get_surface().get_size()
            pygame.event.post(pygame.event.Event(pygame.FINGERDOWN, x=button.rect.centerx / size[0],
                                                 y=button.rect.centery / size[1], touch_id=0, finger_id=0,
                                                 dx=0.0, dy=0.0, pressure=1.0))
        else:
            pygame.event.post(pygame.event.Event(pygame.MOUSEBUTTONDOWN, pos=button.rect.center, button=1, touch=False))

    def _act(self, app, scene) -> None:
        roll = self.random.random()
        if scene.typing:
            if roll < 0.6:
                pygame.event.post(pygame.event.Event(pygame.TEXTINPUT, text=self.random.choice("কখগab ১")))
            elif roll < 0.75:
                self._post_key(pygame.K_BACKSPACE)
            else:
                self._post_key(pygame.K_RETURN)
            return
        if roll < 0.03:
            self._post_key(pygame.K_F2)  # switch language mid-game
            return
        if roll < 0.05:
            self._post_key(self.random.choice((pygame.K_EQUALS, pygame.K_MINUS)), mod=pygame.KMOD_CTRL)
            return
        if roll < 0.06 and scene.name != "safe":
            self._post_key(pygame.K_h)  # the calm screen, then back
            return
        if app.mode.host_controls and scene.name in ("play", "host_notes", "red_alert") and roll < 0.6:
            self._host_key(scene)
            return
        buttons = [b for b in scene.autoplay_buttons() if b.name not in ("quit", "calm", "language")]
        if not buttons:
            return
        primary = [b for b in buttons if b.style == "primary"]
        if scene.name == "play" and self.random.random() < 0.5:
            choices = [b for b in buttons if b.name.startswith("choice-")]
            if choices:
                self._post_key(pygame.K_1 + self.random.randrange(len(choices)))
                return
        if primary and self.random.random() < 0.7:
            if self.random.random() < 0.3:
                self._post_key(pygame.K_PAGEDOWN)  # a presentation clicker's "next"
            else:
                self._click(primary[0])
            return
        avoid = {"back", "title"} if self.random.random() < 0.9 else set()
        candidates = [b for b in buttons if b.name not in avoid] or buttons
        self._click(self.random.choice(candidates))


class KioskAutoplay(Autoplay):
    """`--kiosk --autoplay N`: N visitors one after another, some walking away mid-round, some trying to quit.

    A visitor who walks away is simulated by moving the kiosk's idle clock on, so the countdown and
    the full reset run as they would after a real minute and a quarter.
    """

    WALK_AWAY_SHARE = 0.15
    ESCAPE_SHARE = 0.01
    IDLE_STEP_SECONDS = 5.0

    def __init__(self, sessions: int, seed: int = 0):
        super().__init__(games=sessions, seed=seed)
        self.sessions_done = 0
        self.walk_aways = 0
        self.escape_attempts = 0
        self._walking_away = False
        self._in_round = False
        self._steps_before_leaving = None

    def _entered(self, name: str) -> None:
        if name == "attract":
            if self._in_round:
                self.sessions_done += 1  # a visitor's round ended: finished, or reset after walking away
            self._in_round = self._walking_away = False
            self._steps_before_leaving = None
        if name == "content_note" and not self._in_round:
            self._in_round = True
            self._steps_before_leaving = (self.random.randrange(1, 12)
                                          if self.random.random() < self.WALK_AWAY_SHARE else None)

    def before_frame(self, app) -> None:
        scene = self._look(app)
        if self.sessions_done >= self.games_wanted:
            self._stop(app)
            return
        if not self._count_step(app):
            return
        if self.random.random() < self.ESCAPE_SHARE:
            self._try_to_escape()
            return
        if self._walking_away:
            app.policy.pass_idle_time(self.IDLE_STEP_SECONDS)  # nobody touches anything while time passes
            return
        if self._steps_before_leaving is not None:
            self._steps_before_leaving -= 1
            if self._steps_before_leaving <= 0:
                self._walking_away = True
                self.walk_aways += 1
                return
        if scene.buttons == [] or getattr(scene, "_needs_layout", False) or scene.name == "staff_pin":
            if scene.name == "staff_pin":
                self._click(scene.button("cancel"))  # a visitor who found the chord has no PIN
            return
        self._act(app, scene)

    def _try_to_escape(self) -> None:
        """What a curious visitor tries: the close button, Esc, Alt+F4, F11, the staff chord."""
        self.escape_attempts += 1
        which = self.random.randrange(5)
        if which == 0:
            pygame.event.post(pygame.event.Event(pygame.QUIT))
        elif which == 1:
            self._post_key(pygame.K_ESCAPE)
        elif which == 2:
            self._post_key(pygame.K_F4, mod=pygame.KMOD_ALT)
        elif which == 3:
            self._post_key(pygame.K_F11)
        else:
            self._post_key(pygame.K_q, mod=pygame.KMOD_CTRL | pygame.KMOD_SHIFT)

    def summary(self) -> str:
        return (f"kiosk autoplay: {self.sessions_done} visitor sessions, {self.walk_aways} walked away, "
                f"{self.escape_attempts} tries to quit, {self.steps} steps, scenes: {', '.join(sorted(self.scenes_seen))}")
