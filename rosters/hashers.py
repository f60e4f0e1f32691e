"""One-time login codes of imported accounts, kept as a password hash that is fast to make and to check.

An import may create 400,000 accounts; Argon2 at its production cost (tens of milliseconds each) would take hours, so
the import stores each account's one-time code as HMAC-SHA256 under a server-side key, with a random salt and the
code's expiry inside what is signed: `rosters_login_code$<expires>$<salt>$<hex>`. That is sound for this use only:
the code is random (ROSTERS_LOGIN_CODE_LENGTH characters from 50, 56 bits at 10), cannot be guessed from the
database without the key (SECRET_KEY), stops working after ROSTERS_LOGIN_CODE_DAYS, and is replaced at the first
login — Django re-hashes a password whose hasher is not the preferred one (Argon2) as soon as it is checked — after
which the person must choose their own password (User.must_change_password).
"""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time
from functools import cache
from typing import Any

from django.conf import settings
from django.contrib.auth.hashers import BasePasswordHasher, mask_hash
from django.utils.crypto import constant_time_compare

ALGORITHM = "rosters_login_code"
# Letters and digits that cannot be misread on a printed sheet (no 0/O, 1/l/I, 2/Z, 5/S): 50 of them.
ALPHABET = "abcdefghjkmnpqrstuvwxyzACDEFGHJKLMNPQRTUVWXY346789"
_USABLE = 256 - 256 % len(ALPHABET)  # bytes below this map onto the alphabet evenly
_TO_ALPHABET = bytes(ord(ALPHABET[byte % len(ALPHABET)]) if byte < _USABLE else 0 for byte in range(256))
_UNUSABLE = bytes(range(_USABLE, 256))


@cache
def _key(secret: str) -> bytes:
    return hashlib.sha256(b"teacherpa.rosters.login-code:" + secret.encode()).digest()


def _mac(code: str, salt: str, expires: int, key: bytes | None = None) -> str:
    message = f"{salt}${expires}${code}".encode()
    return hmac.digest(key or _key(settings.SECRET_KEY), message, "sha256").hex()


def new_codes(count: int, length: int) -> list[str]:
    """`count` random codes from the unambiguous alphabet, drawn from the OS's CSPRNG in one go."""
    codes: list[str] = []
    while len(codes) < count:
        needed = (count - len(codes)) * length
        drawn = secrets.token_bytes(needed + needed // 16 + length).translate(_TO_ALPHABET, _UNUSABLE).decode()
        codes += [drawn[start : start + length] for start in range(0, len(drawn) - length + 1, length)]
    return codes[:count]


def login_code_expiry(now: float | None = None) -> int:
    return int((now or time.time()) + settings.ROSTERS_LOGIN_CODE_DAYS * 24 * 3600)


def encode_login_codes(codes: list[str], expires: int) -> list[str]:
    """The password field of each code's account, salted one by one; a batch at a time for large imports."""
    key = _key(settings.SECRET_KEY)
    salts = secrets.token_bytes(8 * len(codes)).hex()
    return [
        f"{ALGORITHM}${expires}${salt}${_mac(code, salt, expires, key)}"
        for code, salt in zip(codes, (salts[index : index + 16] for index in range(0, len(salts), 16)), strict=True)
    ]


class LoginCodeHasher(BasePasswordHasher):
    algorithm = ALGORITHM

    def encode(self, password: str, salt: str, expires: int | None = None) -> str:
        if password is None or not salt or "$" in salt:
            raise ValueError("a login code and a salt without '$' are needed")
        moment = expires or login_code_expiry()
        return f"{self.algorithm}${moment}${salt}${_mac(password, salt, moment)}"

    def decode(self, encoded: str) -> dict[str, Any]:
        algorithm, expires, salt, digest = encoded.split("$", 3)
        assert algorithm == self.algorithm
        return {"algorithm": algorithm, "expires": int(expires), "salt": salt, "hash": digest}

    def verify(self, password: str, encoded: str) -> bool:
        decoded = self.decode(encoded)
        if decoded["expires"] < time.time():
            return False
        return constant_time_compare(_mac(password, decoded["salt"], decoded["expires"]), decoded["hash"])

    def safe_summary(self, encoded: str) -> dict[Any, Any]:
        decoded = self.decode(encoded)
        return {
            "algorithm": decoded["algorithm"],
            "expires": decoded["expires"],
            "salt": mask_hash(decoded["salt"]),
            "hash": mask_hash(decoded["hash"]),
        }

    def must_update(self, encoded: str) -> bool:
        return True  # never kept past the first login

    def harden_runtime(self, password: str, encoded: str) -> None:
        """Checking a code costs the same whether it is right or not: nothing to even out."""
