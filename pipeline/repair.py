"""Stage 1b: repair text from PDF/OCR page dumps (normalisation, broken lines, spaced characters)."""

from __future__ import annotations

# Full-width digits, Latin letters, percent sign and full stop used as a decimal point map to
# ASCII one for one, so character offsets are unchanged. Punctuation such as ，（： stays.
_WIDTH_MAP = {
    **{0xFF10 + i: 0x30 + i for i in range(10)},
    **{0xFF21 + i: 0x41 + i for i in range(26)},
    **{0xFF41 + i: 0x61 + i for i in range(26)},
    0xFF05: ord("%"),
    0xFF0E: ord("."),
}


def normalize_width(text: str) -> str:
    """Map full-width digits and Latin letters to ASCII; length and offsets are preserved."""
    return text.translate(_WIDTH_MAP)
