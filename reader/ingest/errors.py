"""Errors raised by the importer."""

from __future__ import annotations

from reader.ingest.messages import Message


class IngestError(ValueError):
    """A document that cannot be turned into cases (empty, no recognisable case, unreadable manifest...).

    The message is always one human-readable line (English), suitable for the command line as is. ``code`` is
    stable where the UI must tell the user (it translates by code); ``message``, when set, is the same text as
    a :class:`~reader.ingest.messages.Message` the UI can translate with its parameters.
    """

    code: str = ""

    def __init__(self, text: str | Message) -> None:
        self.message: Message | None = text if isinstance(text, Message) else None
        super().__init__(str(text))
        if self.message is not None and not type(self).code:
            self.code = self.message.code
