"""The tutor's own theme: high contrast, for low vision and bright rooms (docs/accessibility.md).

Pure white on black with saturated accents; every text colour is at least 7:1 against the background
(WCAG's AAA level), which a test measures. Chosen like any theme (ctrl+p, Theme) and remembered.
"""

from __future__ import annotations

from textual.theme import Theme

HIGH_CONTRAST = Theme(
    name="tutor-high-contrast",
    primary="#ffff00",
    secondary="#00ffff",
    accent="#ffd700",
    foreground="#ffffff",
    background="#000000",
    surface="#000000",
    panel="#1c1c1c",
    success="#00ff7f",
    warning="#ffd700",
    error="#ff8080",
    dark=True,
    text_alpha=1.0,
    variables={
        "block-cursor-background": "#ffff00",
        "block-cursor-foreground": "#000000",
        "block-cursor-blurred-background": "#505000",
        "footer-background": "#000000",
        "footer-foreground": "#ffffff",
        "footer-key-foreground": "#ffff00",
        "text-muted": "#d0d0d0",
        "input-selection-background": "#ffff00 40%",
    },
)
