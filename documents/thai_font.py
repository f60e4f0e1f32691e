"""Thai text in fpdf2: Sarabun from the fontpkg-sarabun wheel, shaped by HarfBuzz, with a text layer that
copies back as the same Thai.

HarfBuzz splits SARA AM (ำ) into two glyphs, NIKHAHIT and SARA AA, and may merge a consonant, its tone
mark and the vowel into one cluster. fpdf2 gives the cluster's characters to its first glyph and leaves
the others without text, so a PDF reader copies "ตำแหน่ง" as "ตำ\\x0fแหน่ง" (pypdf) or "ตำ แหน่ง"
(poppler reads the unmapped SARA AA as a gap). `ThaiTextFont.shape_text` instead gives each character to
the glyph that draws it — SARA AM to the SARA AA glyph, the last piece to be drawn — and maps a glyph that
draws no character of its own (the NIKHAHIT) to the empty string, so copying, searching and screen
readers get the stored text back exactly. Characters the font lacks are recorded, never silently dropped.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache
from pathlib import Path
from typing import Any

import fontpkg_sarabun
from fpdf import FPDF
from fpdf.fonts import TTFFont

FAMILY = "Sarabun"
FONT_DIR = Path(fontpkg_sarabun.ROOT) / "files"
STYLES = {"": "Sarabun-Regular.ttf", "B": "Sarabun-Bold.ttf"}
SARA_AM = "\u0e33"
SARA_AM_PIECES = ("\u0e4d", "\u0e32")  # NIKHAHIT, SARA AA: SARA AM's compatibility decomposition
_GLYPH_NAME = re.compile(r"^uni((?:[0-9A-F]{4})+)$")


class _NoText(int):
    """A code point that writes as nothing in the font's ToUnicode map: `<0012> <>`.

    fpdf2 leaves a glyph with no characters out of the map, and readers then print its raw code; an
    empty target is what the PDF's ToUnicode CMap means by "this glyph is part of its neighbour's text".
    """

    def __format__(self, spec: str) -> str:
        return ""


NO_TEXT = (_NoText(0),)


def add_fonts(pdf: FPDF) -> None:
    """Register Sarabun regular and bold on `pdf`, with the Thai text layer fix."""
    for style, file_name in STYLES.items():
        pdf.add_font(FAMILY, style, str(FONT_DIR / file_name))
        font = pdf.fonts[f"{FAMILY.lower()}{style}"]
        font.__class__ = ThaiTextFont
    pdf.set_text_shaping(True)


def missing_characters(pdf: FPDF) -> list[str]:
    """Characters the document asked for that its fonts cannot draw."""
    missing: set[int] = set()
    for font in pdf.fonts.values():
        missing.update(getattr(font, "missing_glyphs", []))
    return sorted(chr(code) for code in missing)


def _pieces(char: str) -> tuple[str, ...]:
    return SARA_AM_PIECES if char == SARA_AM else (char,)


@cache
def _drawn_by_name(glyph_name: str) -> tuple[str, ...]:
    """The characters a glyph draws, read from its name: uni0E32 → า, uni0E4D0E49 → ํ ้, uni0E35.narrow → ี."""
    base = glyph_name.split(".", 1)[0]
    match = _GLYPH_NAME.match(base)
    if match is None:
        return ()
    digits = match.group(1)
    return tuple(chr(int(digits[i : i + 4], 16)) for i in range(0, len(digits), 4))


class ThaiTextFont(TTFFont):
    """Sarabun with a text layer that gives each character to the glyph that draws it."""

    __slots__ = ()

    def _drawn(self, glyph_id: int) -> tuple[str, ...]:
        name = self.ttfont.getGlyphName(glyph_id)
        drawn = _drawn_by_name(name)
        if drawn:
            return drawn
        char = _reverse_cmap(self).get(name)
        return (char,) if char else ()

    def _owners(self, text: str, cluster_chars: list[int], glyph_ids: list[int]) -> list[list[int]]:
        """For one cluster, the characters (indexes into `text`) each glyph carries in the text layer."""
        owners: list[list[int]] = [[] for _ in glyph_ids]
        drawn = [list(self._drawn(glyph_id)) for glyph_id in glyph_ids]
        last_owner = 0
        for index in cluster_chars:
            pieces = _pieces(text[index])
            owner = next((g for g in range(len(glyph_ids) - 1, -1, -1) if pieces[-1] in drawn[g]), None)
            if owner is None:
                owner = last_owner  # a character no glyph names (a ligature, a mark folded in): its neighbour's
            else:
                drawn[owner].remove(pieces[-1])
            owners[owner].append(index)
            last_owner = owner
        return owners

    def shape_text(self, text: str, font_size_pt: float, text_shaping_params: dict[str, Any] | None) -> list[Any]:
        if not text:
            return []
        infos, positions = self.perform_harfbuzz_shaping(text, font_size_pt, text_shaping_params)
        clusters = sorted({int(info.cluster) for info in infos})
        chars_of = {
            start: list(range(start, clusters[i + 1] if i + 1 < len(clusters) else len(text)))
            for i, start in enumerate(clusters)
        }
        by_cluster: dict[int, list[int]] = {}
        for position, info in enumerate(infos):
            by_cluster.setdefault(int(info.cluster), []).append(position)
        characters: dict[int, list[int]] = {}
        for cluster, glyph_positions in by_cluster.items():
            owners = self._owners(text, chars_of[cluster], [int(infos[p].codepoint) for p in glyph_positions])
            characters.update(zip(glyph_positions, owners, strict=True))
        shaped = []
        for index, info in enumerate(infos):
            if int(info.codepoint) == 0:  # .notdef: the renderer replaces what the font lacks before shaping
                self.missing_glyphs.extend(ord(text[i]) for i in characters[index])
                continue
            shaped.append(self._shaped(text, info, positions[index], characters[index]))
        return shaped

    def _shaped(self, text: str, info: Any, position: Any, owned: list[int]) -> dict[str, Any]:
        glyph_id = int(info.codepoint)
        name = self.ttfont.getGlyphName(glyph_id)
        width = round(self.scale * self.ttfont["hmtx"].metrics[name][0])
        unicode = tuple(ord(text[index]) for index in owned) or NO_TEXT
        glyph = self.subset.get_glyph(glyph=glyph_id, unicode=unicode, glyph_name=name, glyph_width=width)
        moved = width != position.x_advance or position.x_offset or position.y_offset or position.y_advance
        return {
            "mapped_char": self.subset.pick_glyph(glyph),
            "x_advance": position.x_advance,
            "y_advance": position.y_advance,
            "x_offset": position.x_offset,
            "y_offset": position.y_offset,
            "force_positioning": bool(moved),
        }


_REVERSE_CMAPS: dict[str, dict[str, str]] = {}


def _reverse_cmap(font: TTFFont) -> dict[str, str]:
    """Glyph name → the first character mapped to it, once per font file."""
    key = str(font.name)
    if key not in _REVERSE_CMAPS:
        reverse: dict[str, str] = {}
        for code, name in sorted(font.cmap.items()):
            reverse.setdefault(name, chr(code))
        _REVERSE_CMAPS[key] = reverse
    return _REVERSE_CMAPS[key]


def drawable(text: str, *, replacement: str = "\u25a0") -> tuple[str, set[str]]:
    """`text` as the PDF can draw it, and the characters Sarabun lacks (each drawn as ■ instead).

    Emoji or another script's symbols in a comment would otherwise vanish from the PDF without a trace;
    the DOCX keeps them as typed. Invisible format characters (zero-width space, joiners) are left out.
    """
    supported = _supported()
    missing: set[str] = set()
    out = []
    for char in text:
        if _invisible(char):
            continue
        if ord(char) not in supported and char not in "\n\t":
            missing.add(char)
            out.append(replacement)
        else:
            out.append(char)
    return "".join(out), missing


def _invisible(char: str) -> bool:
    return unicodedata.category(char) in ("Cc", "Cf") and char not in "\n\t"


@cache
def _supported() -> frozenset[int]:
    from fontTools.ttLib import TTFont

    cmaps = [TTFont(str(FONT_DIR / file_name), lazy=True).getBestCmap() for file_name in STYLES.values()]
    return frozenset(set.intersection(*(set(cmap) for cmap in cmaps)))
