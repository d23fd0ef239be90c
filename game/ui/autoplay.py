"""`--autoplay N`: whole games through the real screens, driven by posting input events.

Every step goes through pygame's event queue and the input module, exactly as a class would:
clicks, touches and keys, with language and text-size changes along the way.
"""
from __future__ import annotations

import random

import pygame

MAX_STEPS_PER_GAME = 4000  # a game that needs more is stuck: report it instead of looping


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

    def before_frame(self, app) -> None:
        if app.seeds is None:
            app.seeds = random.Random(self.random.randrange(1 << 32))
        scene = app.scene
        if scene.name != self._last_scene:
            self.scenes_seen.add(scene.name)
            if scene.name == "results":
                self.games_done += 1
            self._last_scene = scene.name
        if self.games_done >= self.games_wanted and scene.name != "results":
            app.running = False
            return
        self.steps += 1
        if self.steps > MAX_STEPS_PER_GAME * self.games_wanted:
            self.exit_code = 1
            app.running = False
            return
        if self.games_done >= self.games_wanted:
            self._click(next(b for b in scene.buttons if b.name == "title"))
            return
        if scene.buttons == [] or getattr(scene, "_needs_layout", False):
            return  # the scene lays itself out on this frame's draw; act on the next
        self._act(app, scene)

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
