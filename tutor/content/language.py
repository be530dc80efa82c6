"""Which language a lesson is written in, told from its most common small words, so that `tutor check`
can warn about a lesson in another language than the pack declares (course.toml's `language`): the
readiness check draws from every lesson, and a pack in two languages asks the same rule twice in a
mix of both. Only a clear majority is reported; a short or mixed text is never guessed at."""

from __future__ import annotations

import re
from collections import Counter

# Small words that carry no topic, frequent in any text of the language. Words two languages share
# count for both, so only a clear lead decides.
_WORDS = {
    "en": "the and of to is you that it for with are this your not be on have before what can",
    "es": "el la los las y que es una por con para del se su no lo pero tu antes cuando",
    "fr": "le la les et est une des pour que qui dans pas vous sur avec du ce au votre sont",
    "de": "der die das und ist nicht ein eine zu mit sie auf für den dem sich auch wenn ihr sind",
    "pt": "o os as e que não uma um para com do da dos por se seu sua você antes mais",
    "it": "il lo gli e che non una un per con del della di si sono come anche più alla sua",
    "nl": "de het een en van is niet dat die voor met op je zijn te er ook als uw maar",
}
_SETS = {code: frozenset(words.split()) for code, words in _WORDS.items()}
_LANGUAGES_OF: dict[str, tuple[str, ...]] = {}
for _code, _words in _SETS.items():
    for _word in _words:
        _LANGUAGES_OF[_word] = (*_LANGUAGES_OF.get(_word, ()), _code)
NAMES = {"en": "English", "es": "Spanish", "fr": "French", "de": "German", "pt": "Portuguese", "it": "Italian",
         "nl": "Dutch"}
_WORD = re.compile(r"[a-zà-öø-ÿ]+")
MIN_WORDS = 15  # fewer small words than this and the text is too short to tell
LEAD = 1.5  # the language told must have this many times the small words of the next one
SAMPLE = 4000  # characters read: a few hundred words


def told_language(text: str) -> str | None:
    """The language code `text` reads as, or None when it cannot be told with confidence. The first
    few thousand characters are enough to tell, and keep `tutor check` fast on long lessons."""
    counts = dict.fromkeys(_SETS, 0)
    for word, times in Counter(_WORD.findall(text[:SAMPLE].lower())).items():
        for code in _LANGUAGES_OF.get(word, ()):
            counts[code] += times
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, most), (_second, next_most) = ranked[0], ranked[1]
    return best if most >= MIN_WORDS and most >= LEAD * next_most else None


def knows(language: str) -> bool:
    """Whether lessons can be told to be in another language than this one (its main part is known)."""
    return language.split("-")[0] in _SETS


def name_of(code: str) -> str:
    return NAMES.get(code.split("-")[0], code)
