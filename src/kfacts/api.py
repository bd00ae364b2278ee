"""The public entry points: :class:`Extractor` (one document, or many with ``pipe``),
:func:`extract` and :func:`extract_html` with a default Extractor.

An Extractor is the one-document :class:`kfacts.pipeline.Pipeline` plus :meth:`Extractor.pipe`,
which hands many documents to :mod:`kfacts.batch` (threads or worker processes). This module sits
above both, so neither imports the other's caller.
"""

from __future__ import annotations

import threading
from typing import Any, Iterable, Iterator, Mapping, overload

from .batch import pipe as _pipe
from .budget import check_budget
from .errors import InputTypeError
from .fact import Document, Published
from .pipeline import OWN_BUDGET, Pipeline

__all__ = ["Extractor", "default_extractor", "extract", "extract_html"]


class Extractor(Pipeline):
    """Extracts facts from Korean news text.

    Parameters
    ----------
    packs : sequence of str, path or RulePack, optional
        Rule packs (TOML files) adding rules and fact types.
    disable : iterable of str, optional
        Rule ids to switch off (``"money.implicit_won"``); their facts are
        removed from the output, and nothing else is.
    zoning : bool
        Keep only facts in the article zones (default). With ``False``
        facts from page clutter are kept too.
    kiwi : kiwipiepy.Kiwi, optional
        A Kiwi instance to use instead of building one.
    time_budget : float or None
        Seconds one document may take (CPU time of the thread extracting it,
        see :mod:`kfacts.budget`); a document over it raises
        :class:`kfacts.DocumentTimeoutError` (``KF112``) and gives no facts.
        ``None`` (the default) is no limit. A call may override it
        (``ex(text, time_budget=5)``).

    The Kiwi instance is built on first use. One Extractor may be shared by
    threads.
    """

    @overload
    def pipe(self, texts: Iterable[str], published: Published = None, *, text_field: str = "text",
             published_field: str = "published", n_process: int = 1,
             batch_size: int = 32, mode: str = "auto", time_budget: Any = OWN_BUDGET, errors: str = "raise") -> Iterator[Document]: ...
    @overload
    def pipe(self, texts: Iterable[Mapping[str, Any]], published: Published = None, *, text_field: str = "text",
             published_field: str = "published", n_process: int = 1,
             batch_size: int = 32, mode: str = "auto", time_budget: Any = OWN_BUDGET, errors: str = "raise") -> Iterator[dict[str, Any]]: ...
    @overload
    def pipe(self, texts: Iterable[str | Mapping[str, Any]], published: Published = None, *,
             text_field: str = "text", published_field: str = "published", n_process: int = 1,
             batch_size: int = 32, mode: str = "auto", time_budget: Any = OWN_BUDGET,
             errors: str = "raise") -> Iterator[Document | dict[str, Any]]: ...

    def pipe(self, texts: Iterable[Any], published: Published = None, *, text_field: str = "text",
             published_field: str = "published", n_process: int = 1, batch_size: int = 32,
             mode: str = "auto", time_budget: Any = OWN_BUDGET, errors: str = "raise") -> Iterator[Any]:
        """Extract from many texts, yielding results in input order.

        ``texts`` may hold strings (yielding :class:`Document`) or dicts
        (yielding the dict with a ``"facts"`` list of fact dicts and
        ``"published_resolved"`` added, other fields kept; a record without
        its own date falls back to ``published=``; a record with an ``html``
        field instead of its text field is read by :meth:`extract_html`).

        ``n_process`` is how many cores' worth of work to use. With
        ``mode="threads"`` that is one process and one Kiwi model: Kiwi's own
        threads analyse the next texts while this thread runs the rules, a
        bounded number of texts ahead. The default ``mode="auto"`` uses
        threads when at most two cores are asked for or present, else
        ``"both"`` (see :data:`kfacts.batch.MODES`). With
        ``mode="processes"`` the work is spread over ``n_process`` worker
        processes (``spawn``), each building its own Extractor (and loading
        its own copy of Kiwi's model); ``mode="both"`` starts
        ``n_process / 2`` processes of two Kiwi threads each. With processes
        at most ``2 * n_process`` batches of ``batch_size`` are in flight, so
        memory stays bounded on endless streams. An error for one item is
        re-raised with the item's number; a worker that dies raises
        :class:`kfacts.batch.WorkerError`. Scripts using worker processes
        need the usual ``if __name__ == "__main__":`` guard. Every mode gives
        the facts of sequential extraction, in input order.

        ``time_budget`` (default: the Extractor's) bounds each document (see
        :class:`Extractor`). With ``errors="raise"`` (the default) a document
        over it raises :class:`kfacts.DocumentTimeoutError` (``KF112``); with
        ``errors="yield"`` that exception (its ``index`` set) is yielded in the
        document's place and the stream goes on. With worker processes and a
        budget, a watchdog in this process kills a worker that makes no
        progress on one document for the budget plus a grace period (stuck in
        native code, stopped with SIGSTOP), restarts the workers and resubmits
        the other pending documents; that document is a
        :class:`kfacts.batch.WorkerStuckError` (``KF113``), raised or yielded
        the same way.
        """
        budget = self.time_budget if time_budget is OWN_BUDGET else check_budget(time_budget)
        return _pipe(self, texts, published=published, text_field=text_field, published_field=published_field,
                     n_process=n_process, batch_size=batch_size, mode=mode, time_budget=budget, errors=errors)


_default: Extractor | None = None
_default_lock = threading.Lock()


def default_extractor() -> Extractor:
    global _default
    if _default is None:
        with _default_lock:
            if _default is None:
                _default = Extractor()
    return _default


def extract(text: str, published: Published = None, *, time_budget: float | None = None) -> Document:
    """Extract facts from one text with the default :class:`Extractor`.

    >>> doc = extract("")
    >>> doc.facts
    []
    """
    if not isinstance(text, str):
        raise InputTypeError("KF101", kind=type(text).__name__)
    return default_extractor()(text, published=published, time_budget=time_budget)


def extract_html(html: str | bytes, published: Any = None, *, encoding: str | None = None) -> Document:
    """Extract facts from an HTML page with the default :class:`Extractor` (see :meth:`Extractor.extract_html`).

    >>> doc = extract_html("<p>A &amp; B</p><script>x</script>")
    >>> doc.text
    'A & B'
    """
    return default_extractor().extract_html(html, published=published, encoding=encoding)
