"""Reading numerals: Chinese (十七, 两千三百, 一万二千, 九十八点五, 廿) and spelled-out English
(thirty-seven, two hundred and five, a dozen).  Pure functions; they return exact ``Fraction``
values, or ``None`` when the text is not a well-formed numeral (百千 is two words, not a number).
"""
from __future__ import annotations

from fractions import Fraction

CN_DIGITS = {"零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
CN_SMALL_UNITS = {"十": 10, "百": 100, "千": 1000}
CN_BIG_UNITS = {"万": 10_000, "亿": 100_000_000}
CN_TENS_LETTERS = {"廿": 20, "卅": 30, "卌": 40}
MAX_NUMERAL_CHARS = 40  # a longer run of numeral characters is not one number (and int() of it is slow)
CN_NUMERAL_CHARS = "".join(CN_DIGITS) + "".join(CN_SMALL_UNITS) + "".join(CN_BIG_UNITS) + "".join(CN_TENS_LETTERS)


def parse_chinese(text: str) -> Fraction | None:
    """Value of a Chinese numeral, or None if it is not well formed.

    Handles positional digit strings (二〇二四 → 2024), unit numerals with 万/亿 sections, a
    leading 十 (十七 → 17), 廿/卅, and a decimal part after 点 read digit by digit.
    """
    if not text or len(text) > MAX_NUMERAL_CHARS:
        return None
    integer, point, decimal = text.partition("点")
    if point and not (integer and decimal and all(ch in CN_DIGITS for ch in decimal)):
        return None  # 点五, 一点: not a numeral
    value = _parse_chinese_integer(integer) if integer else Fraction(0)
    if value is None:
        return None
    if decimal:
        digits = "".join(str(CN_DIGITS[ch]) for ch in decimal)
        value += Fraction(int(digits), 10 ** len(digits))
    return value


def _parse_chinese_integer(text: str) -> Fraction | None:
    if all(ch in CN_DIGITS for ch in text):
        if len(text) == 1:
            return Fraction(CN_DIGITS[text])
        # positional (二〇二四); 三四 is "three or four", not 34
        if "两" in text or (len(text) < 4 and not any(ch in "零〇" for ch in text)):
            return None
        return Fraction(int("".join(str(CN_DIGITS[ch]) for ch in text)))
    total = 0  # finished 亿/万 sections
    section = 0  # current section below 万
    digit: int | None = None
    last_small = 10_000  # units inside a section must descend
    last_big = 10**12
    previous_zero = False
    for i, ch in enumerate(text):
        if ch in CN_DIGITS:
            if digit is not None and not previous_zero:
                return None  # two digits in a row (三四): not a numeral
            digit = CN_DIGITS[ch]
            previous_zero = digit == 0 and ch != "两"
            if previous_zero:
                digit = None
        elif ch in CN_TENS_LETTERS:
            if digit is not None or section or i and text[i - 1] not in CN_BIG_UNITS:
                return None
            section += CN_TENS_LETTERS[ch]
            last_small = 10
            previous_zero = False
            # 廿十 (a stylized 20): a redundant 十 after 廿 is tolerated below
        elif ch in CN_SMALL_UNITS:
            unit = CN_SMALL_UNITS[ch]
            if ch == "十" and i and text[i - 1] in CN_TENS_LETTERS and digit is None:
                continue
            if unit >= last_small:
                return None
            if digit is None:
                if unit == 10 and (i == 0 or text[i - 1] in CN_BIG_UNITS or text[i - 1] in "零〇"):
                    digit = 1  # 十七, 一万十五
                elif i == 0 and unit in (100, 1000):
                    digit = 1  # 百余, 千余 (used with a qualifier)
                else:
                    return None
            section += digit * unit
            digit = None
            last_small = unit
            previous_zero = False
        elif ch in CN_BIG_UNITS:
            unit = CN_BIG_UNITS[ch]
            if digit is not None:
                section += digit
                digit = None
            if section == 0 and total == 0:
                if i != 0:
                    return None
                section = 1  # 万 alone, 亿 alone
            if unit >= last_big:
                # 万亿: multiply the running total
                total = (total + section) * unit
            else:
                total += section * unit
            last_big = unit
            section = 0
            last_small = 10_000
            previous_zero = False
        else:
            return None
    if digit is not None:
        # 一万二 = 12000 (a trailing digit after a unit means the next unit down)
        if text[-2:-1] in CN_BIG_UNITS and len(text) >= 2 and last_small == 10_000:
            section += digit * (CN_BIG_UNITS[text[-2]] // 10)
        elif text[-2:-1] in CN_SMALL_UNITS and len(text) >= 2 and not previous_zero:
            section += digit * (CN_SMALL_UNITS[text[-2]] // 10)
        else:
            section += digit
    return Fraction(total + section)


EN_UNITS = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9,
    "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13, "fourteen": 14, "fifteen": 15, "sixteen": 16,
    "seventeen": 17, "eighteen": 18, "nineteen": 19,
}
EN_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}


def parse_english(words: list[str]) -> Fraction | None:
    """Value of spelled-out English number words (lower case, split on spaces and hyphens)."""
    total = 0
    current = 0
    seen = False
    for w in words:
        if w in ("and",):
            continue
        if w in ("a", "an"):
            current = max(current, 1) if not seen else current
            seen = True
            continue
        if w in EN_UNITS:
            current += EN_UNITS[w]
        elif w in EN_TENS:
            current += EN_TENS[w]
        elif w == "dozen":
            current = (current or 1) * 12
        elif w == "hundred":
            current = (current or 1) * 100
        elif w == "thousand":
            total += (current or 1) * 1000
            current = 0
        else:
            return None
        seen = True
    if not seen:
        return None
    return Fraction(total + current)


def printed_decimals(literal: str) -> int:
    """Number of digits after the decimal point as printed ("99.50" → 2)."""
    _, dot, frac = literal.partition(".")
    if dot:
        return len(frac)
    _, dot, frac = literal.partition("点")
    return len(frac) if dot else 0


def significant_step(literal: str) -> Fraction:
    """The place value of the last non-zero digit as printed: 2000 → 1000, 3500 → 100, 1.2 → 0.1.

    A count written "2000多" or "3500余" means a value from that number up to the next step.
    """
    if any(ch in CN_NUMERAL_CHARS for ch in literal):
        value = parse_chinese(literal)
        if value is None or value == 0:
            return Fraction(1)
        step = Fraction(1)
        while value % (step * 10) == 0:
            step *= 10
        return step
    intpart, _, frac = literal.partition(".")
    frac = frac.rstrip("0")
    if frac:
        return Fraction(1, 10 ** len(frac))
    stripped = intpart.rstrip("0")
    return Fraction(10 ** (len(intpart) - len(stripped))) if stripped else Fraction(1)
