"""Floods seen across the thread: replies grouped by template, in bounded memory.

A coordinated flood is written from a few templates with the variable parts changed
(names, handles, numbers, counters, links, hashtags, emoji, stretched letters). Each reply
is normalised (case, accents, emoji runs, elongations) and its variable parts are masked,
which gives its *template*: "omg @jin_4ever is sooo cute 💜💜 #BTS 12" becomes
"omg <user> is so cute <tag> <n>". Replies with the same template, or a template close to it
(MinHash LSH from `datasketch` over the template's words and word pairs), are one cluster.

A cluster is a flood when it is large, fast (a burst) or written from fresh or look-alike
accounts; its members are `spam`, "coordinated flood: N replies from one template in M
minutes", whatever their emoji or verbs say (a threat inside a flood stays abuse, with the
flood noted). Information still wins over mere size: a tip leaves the inbox only when its
cluster is *coordinated* (a burst, fresh or look-alike accounts, or the same text copied
COPIES_SIZE times); a large, slow cluster of tips from ordinary accounts is noted, not
dropped. A few short phrases that many people write on their own ("shared",
"praying for her", "any update?") are not a template: nothing is masked in them.

A cluster is matched through a few of its members (REPRESENTATIVES), not its first
template alone, since a flood refills its slots in every copy; a reply that reads as a tip
must be closer to join (TIP_JOIN) than any other reply (JOIN): a real witness's words are
not swept into a flood that shares half of them.

Memory is bounded: at most `capacity` clusters are held (with at most REPRESENTATIVES
MinHashes each in the LSH index), one-member clusters are forgotten first and the longest
unseen first; the template look-up table holds at most 2 × `capacity` templates. A reply's
template is looked up exactly first; only a template never seen goes through MinHash and the
LSH index.
"""

from __future__ import annotations

import re
import unicodedata
import zlib
from collections import OrderedDict, deque
from datetime import datetime, timedelta
from itertools import pairwise
from typing import Any, NamedTuple

from datasketch import MinHash, MinHashLSH
from numpy import count_nonzero

NUM_PERM = 32
LSH_THRESHOLD = 0.3  # estimated Jaccard of two templates' words and word pairs: candidates
# A reply joins the closest candidate that is similar enough. The costs are not the same both
# ways: a flood variant left out is still judged by the per-reply rules, a real tip swept into
# a flood is lost. So a reply that reads as a tip must be as close as before (TIP_JOIN), any
# other reply may be a looser variant of the template (JOIN: its slots filled anew).
JOIN = 0.3
TIP_JOIN = 0.5
LSH_MIN_TOKENS = 4  # shorter templates are matched exactly only
CAPACITY = 20_000  # clusters held at most
# MinHashes a cluster keeps in the LSH index: its first template and the next variants that
# joined it. A flood's slots are filled anew in each copy (a place, a prank, a time), so a
# variant may be far from the first template yet close to another variant: matching any of
# a few members makes the cluster robust to that noise, and the bound keeps memory bounded.
REPRESENTATIVES = 6

FLOOD_SIZE = 8  # members of one template (not all the same text) make a flood ...
FAST_SIZE = 4  # ... or this many within FAST_WINDOW ...
FAST_WINDOW = timedelta(minutes=15)
ACCOUNTS_SIZE = 3  # ... or this many with at least FRESH_MEMBERS fresh or look-alike accounts
FRESH_MEMBERS = 2
FLOOD_ACCOUNT = 3  # replies in floods before an account's other replies are flood too
COPIES_SIZE = 25  # the very same text copied this many times (people re-post a real tip)
FRESH_ACCOUNT = timedelta(days=7)
NATURAL_MAX_TOKENS = 4  # unmasked phrases this short are what many people write on their own

MASKS = ("<link>", "<user>", "<tag>", "<n>", "<name>")

_LINK = re.compile(r"(?:https?://|www\.)\S+|\b[\w-]+(?:\.[\w-]+)*\.(?:com|ca|fr|io|co|ly|be|net|"
                   r"org|xyz|shop|info|me|gg|to|tv|app|link|store|site|online|club|biz|us|uk)"
                   r"\b(?:/\S*)?", re.IGNORECASE)  # fmt: skip
_HANDLE = re.compile(r"@\w+")
_HASHTAG = re.compile(r"#\w+")
# A name: a capitalised word that does not start a sentence.
_NAME = re.compile(r"(?<=[^\s.!?…])(\s+)[A-ZÀ-Ý][a-zà-ÿ'’]+(?:[-’'][A-ZÀ-Ý]?[a-zà-ÿ]+)*")
_ELONGATED = re.compile(r"([a-z])\1\1+")  # after folding: ASCII lower case
# Every ASCII character but a-z, 0-9 and the masks' brackets becomes a space.
_NOT_WORD_TABLE = {
    c: " " for c in range(128) if not (chr(c).isascii() and (chr(c).isalnum() or chr(c) in "<>"))
}


def normalise(text: str) -> str:
    """Casefolded, without accents, emoji runs or stretched letters ("Sooo" is "so")."""
    low = text.casefold()
    if not low.isascii():
        low = (
            unicodedata.normalize("NFKD", low.replace("’", "'")).encode("ascii", "ignore").decode()
        )
    low = _ELONGATED.sub(r"\1", low)  # "sooo" is "so", "ptdrrr" is "ptdr"
    return " ".join(low.translate(_NOT_WORD_TABLE).split())


def template(text: str) -> str:
    """The reply with its variable parts masked: links, handles, hashtags, numbers and
    counters, names; then normalised. Masks read <link>, <user>, <tag>, <n>, <name>."""
    masked = _LINK.sub(" <link> ", text) if "." in text or "/" in text else text
    if "@" in masked:
        masked = _HANDLE.sub(" <user> ", masked)
    if "#" in masked:
        masked = _HASHTAG.sub(" <tag> ", masked)
    masked = _NAME.sub(r"\1<name>", masked)
    # Runs of one mask are one slot: "<tag> <tag> <tag>" is a hashtag block.
    return " ".join(_collapse(normalise(masked).split()))


def _collapse(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if word not in _MASK_WORDS and not word.isalpha():
            word = "<n>"  # numbers and counters: 12, 3.5k, x3, day45, 1st, 9pm, 21h30
        if word in _MASK_WORDS:
            word = _MASK_WORDS[word]
            if out and out[-1] == word:
                continue
        out.append(word)
    return out


# normalise() keeps "<" and ">" so that masks survive it; a mask is its own word.
_MASK_WORDS = {mask: mask for mask in MASKS}


def handle_stem(handle: str | None) -> str | None:
    """An account's name without digits and separators: look-alike accounts share it
    ("@stan_jimin4821", "@stanjimin09")."""
    if not handle:
        return None
    stem = handle.lower().translate(_NOT_LETTERS)
    return stem if len(stem) >= 4 and stem.isascii() else None


_NOT_LETTERS = str.maketrans("", "", "0123456789_.-@")


class Cluster:
    """One template's replies: how many, when, from which accounts, a sample."""

    __slots__ = (
        "_reason",
        "_reason_size",
        "abusive",
        "coordinated",
        "first_at",
        "flood",
        "fresh",
        "id",
        "last_at",
        "natural",
        "recent",
        "representatives",
        "sample",
        "size",
        "stems",
        "template",
        "texts",
    )

    def __init__(self, cluster_id: str, masked: str, sample: str) -> None:
        self.id = cluster_id
        self.template = masked
        self.sample = sample[:280]
        self.size = 0
        self.first_at: datetime | None = None
        self.last_at: datetime | None = None
        self.recent: deque[datetime] = deque(maxlen=FAST_SIZE)
        self.fresh = 0  # members from fresh or look-alike accounts
        self.stems: dict[str, int] = {}  # at most 8
        self.texts: set[int] = set()  # distinct texts, at most 2 kept
        self.flood = False
        self._reason = ""
        self._reason_size = -1
        self.abusive = 0  # members labelled abuse on their own
        self.coordinated = False  # fast, fresh or look-alike accounts, or copied verbatim
        self.representatives: list[str] = []  # its keys in the LSH index
        words = masked.split()
        self.natural = len(words) <= NATURAL_MAX_TOKENS and not any(w in _MASK_WORDS for w in words)

    @property
    def harassment(self) -> bool:
        """Most of its members insult or threaten on their own: a brigade, abuse."""
        return self.abusive * 2 > self.size

    @property
    def minutes(self) -> int | None:
        if self.first_at is None or self.last_at is None:
            return None
        return max(1, round(abs(self.last_at - self.first_at).total_seconds() / 60))

    def reason(self) -> str:
        # Made anew for nearly every member of a growing flood: `minutes` inline.
        size = self.size
        if self._reason_size == size:
            return self._reason
        self._reason_size = size
        first, last = self.first_at, self.last_at
        if first is None or last is None:
            self._reason = f"coordinated flood: {size:,} replies from one template"
            return self._reason
        minutes = round(abs(last - first).total_seconds() / 60)
        if minutes <= 1:  # max(1, minutes)
            self._reason = f"coordinated flood: {size:,} replies from one template in 1 minute"
        else:
            self._reason = (
                f"coordinated flood: {size:,} replies from one template in {minutes} minutes"
            )
        return self._reason

    def noted(self) -> str:
        """What a tip of a large, slow cluster of ordinary accounts carries: it stays a tip."""
        return f"one of {self.size:,} replies of one template"

    def restate(self, reason: str) -> str:
        """A reason this template's cluster gave a member earlier (when it was smaller), with
        this cluster's size and window: every member of a flood then says the same."""
        sized = _SIZED.match(reason)
        if sized is None:
            return reason
        now = self.reason() if sized.group(1) else self.noted()
        return now + reason[sized.end() :]

    def add(
        self,
        text: str,
        created_at: datetime | None,
        author_created_at: datetime | None,
        author_handle: str | None,
        tip: bool = False,
        abuse: bool = False,
    ) -> None:
        self.size += 1
        self.abusive += abuse
        if created_at is not None:
            first, last = self.first_at, self.last_at
            if first is None or created_at < first:
                self.first_at = created_at
            if last is None or created_at > last:
                self.last_at = created_at
        if self.coordinated:
            return  # a flood for good: only its size and window still move
        if tip:
            self.natural = False  # many people write "shared"; a "sighting" is not that
        if not self.sample:
            self.sample = text[:280]
        if len(self.texts) < 2:
            self.texts.add(hash(text))
        lookalike = False
        if author_handle:
            stem = handle_stem(author_handle)
            if stem is not None:
                seen = self.stems.get(stem)
                if seen is not None:
                    self.stems[stem] = seen + 1
                    lookalike = True
                elif len(self.stems) < 8:
                    self.stems[stem] = 1
        if created_at is not None:
            self.recent.append(created_at)
            if author_created_at is not None and created_at - author_created_at < FRESH_ACCOUNT:
                lookalike = True
        if lookalike:
            self.fresh += 1
        if not self.natural:
            self.flood = self._is_flood()

    def _is_flood(self) -> bool:
        varied = len(self.texts) > 1  # one template, its slots filled differently
        if self.size >= COPIES_SIZE and not varied:
            self.coordinated = True  # the very same text, pasted again and again
            return True
        fresh = self.size >= ACCOUNTS_SIZE and self.fresh >= FRESH_MEMBERS
        recent = self.recent
        fast = len(recent) == FAST_SIZE and abs(recent[-1] - recent[0]) <= FAST_WINDOW
        self.coordinated = fresh or (varied and fast)
        return self.coordinated or (varied and self.size >= FLOOD_SIZE)


# The reasons whose figures move while a cluster grows (Cluster.reason, Cluster.noted).
_SIZED = re.compile(
    r"(coordinated flood: [\d,]+ replies from one template(?: in \d+ minutes?)?)"
    r"|one of [\d,]+ replies of one template"
)


class Membership(NamedTuple):
    cluster: Cluster
    joined: bool  # the reply joined a cluster that had members before


def _cluster_id(masked: str) -> str:
    data = masked.encode()
    return f"t{zlib.crc32(data) | zlib.adler32(data) << 32:016x}"


def _shingles(words: list[str]) -> list[bytes]:
    grams = [w.encode() for w in words]
    grams.extend(f"{a} {b}".encode() for a, b in pairwise(words))
    return grams


_PERMUTATIONS = MinHash(num_perm=NUM_PERM, seed=13).permutations


class FloodIndex:
    """Replies in tracking order, each put in its template's cluster (bounded memory)."""

    def __init__(self, *, capacity: int = CAPACITY) -> None:
        if capacity < 16:
            raise ValueError("capacity must be at least 16")
        self.capacity = capacity
        self._lsh = MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self._in_lsh: set[str] = set()
        self._hashes: dict[str, Any] = {}  # LSH key -> its MinHash values (for the join)
        self._minhash = MinHash(
            num_perm=NUM_PERM, permutations=_PERMUTATIONS, hashfunc=zlib.crc32, scheme="affine32"
        )
        # Clusters of one member, and of more, each oldest-seen first.
        self._single: OrderedDict[str, Cluster] = OrderedDict()
        self._many: OrderedDict[str, Cluster] = OrderedDict()
        self._templates: OrderedDict[str, str] = OrderedDict()  # template -> cluster id
        self._text_cache: dict[str, str] = {}  # text -> template (bounded)
        self._flooders: dict[str, int] = {}  # account -> its replies in floods (bounded)

    def __len__(self) -> int:
        return len(self._single) + len(self._many)

    @property
    def sizes(self) -> dict[str, int]:
        """What is held: clusters, templates, MinHashes in the LSH index (for the bound)."""
        return {
            "clusters": len(self),
            "templates": len(self._templates),
            "lsh": len(self._in_lsh),
            "accounts": len(self._flooders),
        }

    def flood_replies(self, account: str | None) -> int:
        """How many of this account's replies were in a flood when they came."""
        return self._flooders.get(account, 0) if account else 0

    def _prune_flooders(self) -> None:
        """Keep the accounts seen most in floods, half the table."""
        flooders = self._flooders
        if len(flooders) > self.capacity:
            keep = sorted(flooders.items(), key=lambda item: item[1], reverse=True)
            flooders.clear()
            flooders.update(keep[: self.capacity // 2])

    def get(self, cluster_id: str) -> Cluster | None:
        return self._many.get(cluster_id) or self._single.get(cluster_id)

    def add(
        self,
        text: str,
        *,
        created_at: datetime | None = None,
        author_created_at: datetime | None = None,
        author_handle: str | None = None,
        tip: bool = False,
        account: str | None = None,
        abuse: bool = False,
    ) -> Membership | None:
        """The cluster this reply joins (None: nothing to cluster, no words at all)."""
        cluster = self.join(text, created_at, author_created_at, author_handle, tip, account, abuse)
        return None if cluster is None else Membership(cluster, cluster.size > 1)

    def join(
        self,
        text: str,
        created_at: datetime | None,
        author_created_at: datetime | None,
        author_handle: str | None,
        tip: bool,
        account: str | None,
        abuse: bool,
    ) -> Cluster | None:
        """`add` for the triager, once per reply: the cluster, with the reply in it."""
        masked = self._text_cache.get(text)
        if masked is None:
            masked = template(text)
            if len(self._text_cache) >= 4 * 1024:
                self._text_cache.clear()
            self._text_cache[text] = masked
        if not masked:
            return None  # emoji only, no text: the per-reply rules judge it
        cluster = None
        cluster_id = self._templates.get(masked)
        if cluster_id is not None:
            cluster = self._many.get(cluster_id) or self._single.get(cluster_id)
            self._templates.move_to_end(masked)
        if cluster is None:
            cluster = self._near(masked, tip)
            self._templates[masked] = cluster.id
            if len(self._templates) > 2 * self.capacity:
                self._templates.popitem(last=False)
        if cluster.coordinated:
            # Cluster.add for a flood for good, inline (most replies of a flooded thread):
            # only its size and window still move.
            cluster.size += 1
            cluster.abusive += abuse
            if created_at is not None:
                first, last = cluster.first_at, cluster.last_at
                if first is None or created_at < first:
                    cluster.first_at = created_at
                if last is None or created_at > last:
                    cluster.last_at = created_at
        else:
            cluster.add(text, created_at, author_created_at, author_handle, tip, abuse)
        if cluster.coordinated and (account := account or author_handle):
            flooders = self._flooders  # one more of this account's replies in a flood
            flooders[account] = flooders.get(account, 0) + 1
            if len(flooders) > self.capacity:
                self._prune_flooders()
        size = cluster.size
        if size == 2:
            self._single.pop(cluster.id, None)
            self._many[cluster.id] = cluster
        elif size > 2:
            self._many.move_to_end(cluster.id)
        return cluster

    def _near(self, masked: str, tip: bool = False) -> Cluster:
        words = masked.split()
        minhash = None
        if len(words) >= LSH_MIN_TOKENS:
            minhash = self._minhash  # one MinHash reused for look-ups; copied to be kept
            minhash.clear()
            minhash.update_batch(_shingles(words))
            best: Cluster | None = None
            needed = TIP_JOIN if tip else JOIN
            values = minhash.hashvalues
            # The LSH answers a set of string keys, whose order follows Python's per-process
            # string hash (PYTHONHASHSEED): sorted, two clusters of one size tie the same way
            # in every run.
            for key in sorted(self._lsh.query(minhash)):
                found = self.get(key.partition("#")[0])
                if found is None or (best is not None and found.size <= best.size):
                    continue
                kept = self._hashes.get(key)
                # The share of equal values (count / NUM_PERM: what .mean() gives, exactly).
                if kept is not None and count_nonzero(kept == values) / NUM_PERM >= needed:
                    best = found
            if best is not None:
                if not tip:
                    # A reply that reads as a tip joins a cluster but never widens it: a
                    # flood grows by its own variants, not through a real witness's words.
                    self._represent(best, minhash)
                return best
        cluster = Cluster(_cluster_id(masked), masked, "")
        self._single[cluster.id] = cluster
        if minhash is not None:
            self._represent(cluster, minhash)
        if len(self) > self.capacity:
            self._evict()
        return cluster

    def _represent(self, cluster: Cluster, minhash: MinHash) -> None:
        """The template's MinHash into the index for its cluster (at most REPRESENTATIVES)."""
        keys = cluster.representatives
        if len(keys) >= REPRESENTATIVES:
            return
        key = cluster.id if not keys else f"{cluster.id}#{len(keys)}"
        self._lsh.insert(key, minhash.copy())
        self._hashes[key] = minhash.hashvalues.copy()
        self._in_lsh.add(key)
        keys.append(key)

    def _evict(self) -> None:
        """One cluster out: a one-member cluster if any, else the longest unseen."""
        table = self._single if self._single else self._many
        _, cluster = table.popitem(last=False)
        for key in cluster.representatives:
            self._in_lsh.discard(key)
            self._hashes.pop(key, None)
            self._lsh.remove(key)
