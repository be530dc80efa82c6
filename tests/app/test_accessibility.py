"""The app's own accessibility: a high-contrast theme whose text meets WCAG AAA, and chosen like any."""

from __future__ import annotations

from tutor.app.themes import HIGH_CONTRAST


def luminance(colour: str) -> float:
    red, green, blue = (int(colour.lstrip("#")[i:i + 2], 16) / 255 for i in (0, 2, 4))

    def linear(channel: float) -> float:
        return channel / 12.92 if channel <= 0.03928 else ((channel + 0.055) / 1.055) ** 2.4

    return 0.2126 * linear(red) + 0.7152 * linear(green) + 0.0722 * linear(blue)


def contrast(a: str, b: str) -> float:
    light, dark = sorted((luminance(a), luminance(b)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def test_every_text_colour_of_the_high_contrast_theme_is_at_least_7_to_1():
    background = HIGH_CONTRAST.background
    colours = [HIGH_CONTRAST.foreground, HIGH_CONTRAST.primary, HIGH_CONTRAST.secondary, HIGH_CONTRAST.accent,
               HIGH_CONTRAST.success, HIGH_CONTRAST.warning, HIGH_CONTRAST.error,
               HIGH_CONTRAST.variables["text-muted"], HIGH_CONTRAST.variables["footer-key-foreground"]]
    for colour in colours:
        assert contrast(colour, background) >= 7, colour


async def test_the_high_contrast_theme_can_be_chosen_and_is_remembered(make_app):
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert "tutor-high-contrast" in app.available_themes
        app.theme = "tutor-high-contrast"
        await pilot.pause()
        assert app.get_css_variables()["background"].lower().startswith("#000000")
    again = make_app()
    async with again.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert again.theme == "tutor-high-contrast"
