"""What the bot last answered to each message, so that an edited message gets its answer edited in place rather
than a second, whole digest.

Kept in memory, the newest `size` answers: an edit comes minutes after its message, not days. After a restart an
edited message is answered anew, as one whose answer was deleted is.
"""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass


@dataclass(frozen=True)
class Answer:
    read: (
        str  # what the message asked to read (`flow.read_fingerprint`): an edit that keeps it changes nothing
    )
    last_id: int  # the answer's message (the last one of a digest sent in parts)
    in_place: bool = True  # False: the answer replies to another message (a pointer to an earlier digest)


class Answers:
    """(chat id, message id) → the bot's answer to that message, the newest `size` of them."""

    def __init__(self, size: int = 20_000) -> None:
        self.size = size
        self._answers: OrderedDict[tuple[int, int], Answer] = OrderedDict()

    def remember(
        self, chat_id: int, message_id: int, read: str, last_id: int, *, in_place: bool = True
    ) -> None:
        key = (chat_id, message_id)
        self._answers[key] = Answer(read=read, last_id=last_id, in_place=in_place)
        self._answers.move_to_end(key)
        while len(self._answers) > self.size:
            self._answers.popitem(last=False)

    def get(self, chat_id: int, message_id: int) -> Answer | None:
        return self._answers.get((chat_id, message_id))
