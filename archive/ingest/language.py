"""Language identification with py3langid's model, its byte automaton walked by numpy.

py3langid scores a text by walking an Aho-Corasick automaton over its UTF-8 bytes
in a Python loop, one byte at a time. In such an automaton the state after a byte
depends only on the last few bytes (as many as its deepest state), so every
position's state can be found at once: walk the window of bytes ending there from
the root, one numpy step per byte of the window. The feature counts, their order
and so the scores are exactly py3langid's; only the loop is gone.
"""

from functools import cache

import numpy as np
from py3langid.langid import LanguageIdentifier, _get_identifier


def identify(text):
    """The language py3langid.classify gives text, as an ISO 639 code."""
    return _identifier().classify(text)[0]


def load():
    """Load the model now (about half a second): worker processes forked later share it."""
    _identifier()


class _Identifier(LanguageIdentifier):
    __slots__ = ("_base", "_next", "_out", "_depth")

    def _raw_score(self, text):
        features = self._features(np.frombuffer(text, dtype=np.uint8).astype(np.intp))
        if not len(features):
            return super()._raw_score(b"")
        # py3langid sums the features' scores in the order a Counter keeps: of first occurrence.
        found, first, counts = np.unique(features, return_index=True, return_counts=True)
        order = np.argsort(first)
        return np.log1p(counts[order].astype(np.float32)) @ self.nb_ptc[found[order]] + self.nb_pc

    def _features(self, data):
        """The feature reached after each byte of data, where there is one."""
        step, base, depth = self._next, self._base, self._depth
        state, head = 0, []
        for byte in data[: depth - 1].tolist():  # the first bytes: the window is the text so far
            state = step[base[state] + byte]
            head.append(state)
        states = np.asarray(head, dtype=np.intp)
        if len(data) >= depth:
            width = len(data) - depth + 1
            window = np.zeros(width, dtype=np.intp)
            for k in range(depth):
                window = step[base[window] + data[k : k + width]]
            states = np.concatenate([states, window])
        features = self._out[states]
        return features[features >= 0]


@cache
def _identifier():
    model = _get_identifier()
    fast = _Identifier(model.nb_ptc, model.nb_pc, model.nb_classes, model.tk_nextmove, model.tk_output,
                       tk_row=model.tk_row)
    fast._next = np.asarray(model.tk_nextmove, dtype=np.intp)
    fast._base = np.asarray(model.tk_row, dtype=np.intp) << 8
    fast._out = np.asarray(model.tk_output, dtype=np.intp)
    fast._depth = max(1, _deepest(fast._next, fast._base))
    return fast


def _deepest(step, base):
    """The length of the longest byte string the automaton's states stand for (breadth first from the root)."""
    seen = np.zeros(len(base), dtype=bool)
    seen[0], frontier, level = True, np.array([0]), 0
    while len(frontier):
        rows = np.unique(base[frontier])  # states share rows of moves: each distinct row once
        reached = np.zeros(len(base), dtype=bool)
        reached[step[rows[:, None] + np.arange(256)]] = True
        frontier = np.flatnonzero(reached & ~seen)
        seen[frontier] = True
        level += 1
    return level - 1
