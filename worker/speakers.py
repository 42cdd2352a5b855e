"""The speaker registry: one token per person, the names and roles they were seen under, look-ups.

„Pompeo“, „Mike Pompeo“ and „US-Außenminister Pompeo“ are one speaker whatever order articles
arrive in: a full name owns its token (a hash of the normalised name) and vouches for its surname
and role + surname as *shared* aliases; a bare surname joins the one full-name speaker known by it.
A bare surname seen before any full name is a speaker of its own until the first full name with
that surname arrives; then its statements move to that person (worker.archive.absorb). A surname
shared by two full names („Hans Müller“, „Gerd Müller“) stays ambiguous: a look-up by it names
both (AmbiguousSpeaker) and new bare mentions stay apart.
"""

from __future__ import annotations

from typing import cast

import redis

from extractor.types import Quote
from foundation.errors import AmbiguousSpeaker
from worker import aliases as alias_rules
from worker.codec import as_text
from worker.keys import Keys, speaker_token
from worker.types import SpeakerCount


class SpeakerRegistry:
    """Reads and writes the registry's keys (worker.keys); writers pass their transaction's pipe."""

    def __init__(self, client: redis.Redis, keys: Keys) -> None:
        self.redis = client
        self.keys = keys

    # --- while writing ----------------------------------------------------------------------------
    def token_for(self, reader, speaker: str | None) -> str | None:
        """The speaker's token. A bare surname joins the one full-name speaker known by it; when
        none or several are, it is a speaker of its own. `reader`: a client or a watching pipe."""
        norm = alias_rules.normalise(speaker or "")
        if not norm:
            return None
        if " " not in norm:
            known = reader.smembers(self.keys.shared_alias(norm))
            if len(known) == 1:
                return as_text(next(iter(known)))
        return speaker_token(norm)

    def bare_speaker_to_absorb(self, reader, token: str, canonical: str) -> str | None:
        """The token of a bare-surname speaker that the full name `canonical` (owning `token`)
        should take over: its surname's own speaker, when no other full name shares the surname."""
        norm = alias_rules.normalise(canonical)
        if " " not in norm or speaker_token(norm) != token:
            return None
        last = alias_rules.normalise(alias_rules.surname(canonical))
        bare = speaker_token(last)
        if bare == token or not reader.exists(self.keys.by_speaker(bare, "time")):
            return None
        others = {as_text(t) for t in reader.smembers(self.keys.shared_alias(last))} - {token}
        return None if others else bare

    def register(self, pipe, token: str, quote: Quote) -> None:
        """Queue (in a MULTI) the names, aliases and role this quote shows its speaker under.

        The canonical name is the speaker's own (written only for its own token); shared aliases
        (surname, role + surname) collect every speaker they fit, so no later person can take one
        over and a look-up can tell when it is ambiguous."""
        k = self.keys
        mention = quote.speaker_mention.text if quote.speaker_mention else None
        canonical, weak = alias_rules.aliases_for(quote.speaker or "", quote.speaker_role, mention)
        pipe.hsetnx(k.speaker_names, token, canonical)
        own = speaker_token(alias_rules.normalise(canonical)) == token
        if own:
            pipe.hset(k.aliases, alias_rules.normalise(canonical), token)
        if own and " " in canonical:  # only full names vouch for their surname and roles
            for alias in weak:
                pipe.sadd(k.shared_alias(alias_rules.normalise(alias)), token)
        pipe.sadd(k.speaker_aliases(token), canonical, *weak)
        names = {canonical, *weak}
        if quote.speaker_role:
            role = " ".join(quote.speaker_role.split())
            pipe.sadd(k.speaker_roles(token), role)
            names.add(role)
        pipe.zadd(
            k.suggestions, {f"{alias_rules.normalise(n)}\x00{token}": 0 for n in names if alias_rules.normalise(n)}
        )

    def move(self, pipe, source: str, target: str) -> None:
        """Queue the hand-over of a bare speaker's names to `target` (worker.archive.absorb)."""
        k = self.keys
        aliases = [as_text(a) for a in self.redis.smembers(k.speaker_aliases(source))]
        roles = [as_text(r) for r in self.redis.smembers(k.speaker_roles(source))]
        if aliases:
            pipe.sadd(k.speaker_aliases(target), *aliases)
        if roles:
            pipe.sadd(k.speaker_roles(target), *roles)
        for name in aliases + roles:
            norm = alias_rules.normalise(name)
            pipe.zrem(k.suggestions, f"{norm}\x00{source}")
            pipe.zadd(k.suggestions, {f"{norm}\x00{target}": 0})
        pipe.delete(k.speaker_aliases(source), k.speaker_roles(source))
        pipe.hdel(k.speaker_names, source)
        pipe.zrem(k.speakers, source)

    # --- reading ----------------------------------------------------------------------------------
    def resolve(self, name: str) -> tuple[str, str] | None:
        """(token, canonical name) for any alias of exactly one speaker, case- and diacritics-
        insensitive; None if nobody is known by it. AmbiguousSpeaker, naming the candidates, when a
        shared alias (a bare surname, a role + surname) fits several people.

        A full name finds only its own speaker: „Hans Putin“ is not Wladimir Putin. A role in front
        of a surname („Außenminister Pompeo“) falls back to the surname.
        """
        if not isinstance(name, str):
            return None
        norm = alias_rules.normalise(name)
        if not norm:
            return None
        token = self.redis.hget(self.keys.aliases, norm)
        if token is not None and " " in norm:
            return self._named(as_text(token), name)
        candidates = {as_text(t) for t in self.redis.smembers(self.keys.shared_alias(norm))}
        if not candidates and " " in norm and alias_rules.leading_first_name(name) is None:
            last = alias_rules.normalise(alias_rules.surname(name))
            candidates = {as_text(t) for t in self.redis.smembers(self.keys.shared_alias(last))}
        if len(candidates) == 1:
            return self._named(candidates.pop(), name)
        if len(candidates) > 1:
            names = self.redis.hmget(self.keys.speaker_names, sorted(candidates))
            raise AmbiguousSpeaker(name, sorted((as_text(n) for n in names if n), key=str.casefold))
        if token is not None:  # a speaker known only by this one word („Reuters“, „Kreml“)
            return self._named(as_text(token), name)
        return None

    def _named(self, token: str, asked: str) -> tuple[str, str]:
        canonical = self.redis.hget(self.keys.speaker_names, token)
        return token, as_text(canonical) if canonical else asked

    def names(self, tokens: list[str]) -> dict[str, str]:
        """token -> canonical name, for the tokens that have one."""
        if not tokens:
            return {}
        values = self.redis.hmget(self.keys.speaker_names, tokens)
        return {t: as_text(v) for t, v in zip(tokens, values) if v is not None}

    def describe(self, tokens: list[str]) -> list[SpeakerCount]:
        """Canonical name, statement count, other aliases and roles of each token, in order."""
        if not tokens:
            return []
        pipe = self.redis.pipeline(transaction=False)
        pipe.hmget(self.keys.speaker_names, tokens)
        pipe.zmscore(self.keys.speakers, tokens)
        for t in tokens:
            pipe.smembers(self.keys.speaker_aliases(t))
            pipe.smembers(self.keys.speaker_roles(t))
        names, counts, *sets = pipe.execute()
        out = []
        for i, token in enumerate(tokens):
            canonical = as_text(names[i]) if names[i] else token
            aliases = sorted({as_text(a) for a in sets[2 * i]} - {canonical}, key=str.casefold)
            roles = sorted({as_text(r) for r in sets[2 * i + 1]}, key=str.casefold)
            out.append(SpeakerCount(canonical, int(counts[i] or 0), tuple(aliases), tuple(roles)))
        return out

    def busiest(self, limit: int, offset: int) -> list[SpeakerCount]:
        """Speakers with their statement counts, most statements first."""
        if not limit:
            return []
        # Without withscores: members only (redis-py's return type also allows (member, score) pairs).
        rows = cast(list[bytes | str], self.redis.zrevrange(self.keys.speakers, offset, offset + limit - 1))
        return self.describe([as_text(t) for t in rows])

    def suggest(self, prefix: str, limit: int) -> list[SpeakerCount]:
        """Speakers whose name, alias or role starts with `prefix` (normalised), busiest first."""
        norm = alias_rules.normalise(prefix or "")
        if not norm or limit <= 0:
            return []
        low = f"[{norm}".encode("utf-8", errors="surrogatepass")
        rows = cast(
            list[bytes | str],
            self.redis.zrange(self.keys.suggestions, low, low + b"\xff", bylex=True, offset=0, num=max(50, limit * 10)),
        )
        tokens: list[str] = []
        for row in rows:
            token = as_text(row).rpartition("\x00")[2]
            if token not in tokens:
                tokens.append(token)
        if not tokens:
            return []
        counts = self.redis.zmscore(self.keys.speakers, tokens)
        ranked = sorted((t for t, c in zip(tokens, counts) if c), key=lambda t: -(counts[tokens.index(t)] or 0.0))
        return self.describe(ranked[:limit])
