"""Every error kfacts raises, with stable codes users can filter on.

Codes are grouped by area:

* ``KF1xx`` - input given to :func:`kfacts.extract` / :class:`kfacts.Extractor`
* ``KF2xx`` - rule packs (:class:`RulePackError`)
* ``KF3xx`` - evaluation and gold files (:class:`GoldFormatError`)
* ``KF4xx`` - the fact store (:class:`StoreError`, :mod:`kfacts.store`)
* ``KF9xx`` - defects of kfacts itself (:class:`SpanMismatchError`): please report them

The message texts live here, in one table, so that documentation and tests
can refer to a code rather than to wording. :data:`EXPLANATIONS` says, per
code, what causes it and what to do; ``docs/errors.md`` is generated from
both tables (:func:`errors_markdown`).

Every error kfacts raises on purpose is a :class:`KfactsError` with a code,
and also the built-in exception a caller would expect (``ValueError`` for a
bad value, ``TypeError`` for a wrong type). Conditions that lose part of a
result but not the document are warnings (:class:`KfactsWarning`), issued
with :func:`warnings.warn` and recorded in ``doc.meta["warnings"]``.
"""

from __future__ import annotations

from typing import Any

#: code -> message template (``str.format`` fields)
MESSAGES: dict[str, str] = {
    # input
    "KF101": "text must be str, not {kind}",
    "KF102": ("published must be a date string ('2024-08-13', '2024.08.13', '2024. 8. 13.', '2024/08/13', "
              "'20240813', '2024년 8월 13일', 'Aug 13, 2024', ...), a datetime.date or None; got {value!r}"),
    "KF103": "unknown rule id(s) in disable=: {ids}",
    "KF104": "published {value!r} is outside the supported range {low} .. {high}",
    "KF105": "record has no field {field!r} (fields: {fields})",
    "KF106": "pipe() takes str or dict items, not {kind}",
    "KF107": "invalid argument: {detail}",
    "KF108": "pipe(): a worker process died (killed, out of memory or crashed while starting) while extracting "
             "items #{first}.. of the input; workers are started with 'spawn': a script calling pipe(n_process>1) "
             "must guard its top-level code with `if __name__ == \"__main__\":`",
    "KF109": "cannot write --output {path}: {detail}",
    "KF110": "document skipped: {detail}",
    "KF111": "published must be a str, a datetime.date or None, not {kind} ({value!r}); "
             "write the date as a string, such as '2024-08-13' or '20240813'",
    "KF112": "document ran over its time budget of {budget} s (CPU time of its thread; {spent:.2f} s spent, stopped {stage})",
    "KF113": "pipe(): worker process {pid} made no progress for {waited:.1f} s on item #{index} of the input "
             "(time budget {budget} s + grace {grace} s; stuck or stopped): the worker was killed",
    "KF114": "time_budget must be a positive number of seconds or None, got {value!r}",
    # rule packs
    "KF201": "cannot read {detail}",
    "KF202": "invalid TOML: {detail}",
    "KF203": "unknown field {field!r} in {where}",
    "KF204": "missing required field {field!r} in {where}",
    "KF205": "unknown token attribute {attr!r} in {where}",
    "KF206": "lexicon file not found: {lexicon}",
    "KF207": "duplicate rule id {rule_id!r}",
    "KF208": "invalid regular expression {pattern!r}: {detail}",
    "KF209": "regular expressions of the pack used up their time budget of {limit} s for this document "
             "(rule {rule}, pattern {pattern!r}); the pack's facts for this document were dropped",
    "KF210": "wrong type for {field!r} in {where}: expected {expected}",
    "KF211": "pack requires kfacts {required}, this is {version}",
    "KF212": "unknown fact type {fact_type!r} in {where}",
    "KF213": "unknown lexicon or fact reference {ref!r} in {where}",
    "KF214": "example failed: {detail}",
    "KF215": "invalid example in {where}: {detail}",
    "KF216": "invalid value for {field!r} in {where}: {detail}",
    "KF217": "regular expression {pattern!r} backtracks catastrophically: a trial on {sample!r} ran over {limit} s",
    "KF218": "lexicon path {lexicon!r} resolves to {resolved}, outside the pack's folder {folder} (and any allowed folder)",
    "KF219": "{what} {file} is not a regular file",
    "KF220": "{what} {file} is larger than the limit of {limit} bytes",
    "KF221": "lexicon {lexicon}: line {line}: an entry of {length} characters is longer than the limit of {limit}",
    # evaluation
    "KF301": "gold file {path}: line {line}: {detail}",
    "KF302": "gold file not found: {path}",
    # the fact store
    "KF401": "{path} is not a kfacts store: {detail}",
    "KF402": "{path} has store schema version {found}; this kfacts ({version}) reads versions up to {supported}: "
             "upgrade kfacts to open it",
    "KF403": "{path} is locked by another process (waited {timeout} s): {detail}",
    "KF404": "invalid store query: {detail}",
    "KF405": "cannot read {path} as a kfacts Parquet export or Spark mentions folder: {detail}",
    "KF406": "{what} needs pyarrow (pip install 'kfacts[arrow]')",
    "KF407": "this Python's sqlite3 has no FTS5: document text is stored without full-text search",
    # defects of kfacts itself
    "KF901": "internal defect: rule {rule} made a {fact_type} fact whose text {fact_text!r} is not the text "
             "{span_text!r} at its span {span}; please report it with the document",
    "KF902": "internal defect: built-in lexicon {file}, line {line}: {detail}",
}


def message(code: str, **fields: Any) -> str:
    """Render the message for ``code``, prefixed with the code itself."""
    return f"[{code}] " + MESSAGES[code].format(**fields)


class KfactsError(Exception):
    """Base class of every exception kfacts defines itself."""

    code: str = "KF000"

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))

    def __reduce__(self) -> Any:
        # rebuilt from the rendered message and attributes (pickling for worker processes)
        return (_restore, (type(self), self.args, dict(self.__dict__)))


def _restore(cls: type, args: tuple, state: dict) -> "KfactsError":
    err = cls.__new__(cls)
    err.args = args
    err.__dict__.update(state)
    return err


class RulePackError(KfactsError, ValueError):
    """A rule pack could not be loaded or validated.

    Attributes
    ----------
    code : str
        One of the ``KF2xx`` codes in :data:`MESSAGES`.
    path : str or None
        The pack file (or lexicon file) concerned.
    rule_id : str or None
        The rule concerned, where there is one.
    """

    def __init__(self, code: str, *, path: str | None = None, rule_id: str | None = None, **fields: Any) -> None:
        self.path = path
        self.rule_id = rule_id
        # path and rule_id may appear in a message template too (KF207)
        KfactsError.__init__(self, code, **{"path": path, "rule_id": rule_id, **fields})
        self.fields = fields
        where = []
        if path:
            where.append(str(path))
        if rule_id:
            where.append(f"rule {rule_id!r}")
        if where:
            self.args = (f"{': '.join(where)}: {self.args[0]}",)


class RegexTimeoutError(RulePackError):
    """Kept for compatibility: extraction no longer raises it.

    A pack whose regular expressions use up their time budget on a document
    now loses only its own facts for that document, with a
    :class:`RegexTimeoutWarning` (code ``KF209``).
    """


class InputError(KfactsError, ValueError):
    """A value given to :func:`kfacts.extract` / :class:`kfacts.Extractor` is not usable (``KF102``, ``KF104``)."""


class InputTypeError(KfactsError, TypeError):
    """An argument of the wrong type (``KF101``, ``KF106``)."""


class InputKeyError(KfactsError, KeyError):
    """A record given to ``pipe()`` lacks its text field (``KF105``)."""

    def __str__(self) -> str:  # KeyError would show the repr of the message
        return str(self.args[0]) if self.args else ""


class OutputError(KfactsError, OSError):
    """``kfacts extract -o PATH`` cannot write there (``KF109``)."""
class PublishedTypeError(KfactsError, TypeError, ValueError):
    """``published`` of a wrong type (a number such as ``20240813``): KF111.

    It is a :class:`TypeError`, and a :class:`ValueError` too, so that code catching the
    KF102 ``ValueError`` of an unreadable date still catches it.
    """


class DocumentTimeoutError(KfactsError, TimeoutError):
    """One document ran over its per-document time budget (``KF112``), or the worker process
    extracting it made no progress for the budget plus a grace period (``KF113``, raised as
    :class:`kfacts.batch.WorkerStuckError`, a subclass). ``index`` is the item's number in a
    ``pipe()`` input (``None`` for a single call)."""

    index: int | None = None


class GoldFormatError(KfactsError, ValueError):
    """A gold file does not follow SPEC section 3 (code ``KF301``)."""


class GoldFileNotFoundError(KfactsError, FileNotFoundError):
    """A gold file does not exist (code ``KF302``)."""


class StoreError(KfactsError, ValueError):
    """The fact store cannot be opened, queried or written (``KF401``-``KF406``): nothing was changed."""


class LexiconError(KfactsError, ValueError):
    """A built-in lexicon file is malformed (``KF902``): a missing or wrong header row, a key
    written twice. Raised when the file is loaded, never left to override silently."""


class SpanMismatchError(KfactsError, AssertionError):
    """A fact's ``text`` is not ``document.text[start:end]`` (``KF901``): a defect in kfacts (a
    built-in rule or the rule-pack engine), raised rather than the fact silently dropped."""


# -- warnings ------------------------------------------------------------------
class KfactsWarning(UserWarning):
    """Base class of kfacts' warnings: part of a result was lost, not the document.

    Attributes
    ----------
    code : str
        A code of :data:`MESSAGES`.
    fields : dict
        The message fields.
    """

    code: str = "KF000"

    def __init__(self, code: str, **fields: Any) -> None:
        self.code = code
        self.fields = fields
        super().__init__(message(code, **fields))


class StoreWarning(KfactsWarning):
    """The store works without a feature its SQLite lacks (``KF407``: no FTS5)."""


class RegexTimeoutWarning(KfactsWarning):
    """A pack's regular expressions used up their per-document time budget (``KF209``).

    ``pack`` (the pack file) and ``rule_id`` (the rule that was running) say where.
    """

    code = "KF209"

    def __init__(self, code: str = "KF209", *, pack: str | None = None, rule_id: str | None = None,
                 **fields: Any) -> None:
        self.pack = pack
        self.rule_id = rule_id
        super().__init__(code, rule=rule_id, **fields)
        if pack:
            self.args = (f"{pack}: {self.args[0]}",)


#: code -> (cause, what to do); ``docs/errors.md`` is generated from this and :data:`MESSAGES`
EXPLANATIONS: dict[str, tuple[str, str]] = {
    "KF101": ("`text` given to `extract()` / `Extractor()` / `pipe()` is not a `str` "
              "(`InputTypeError`, a `TypeError`).",
              "Pass the document as a string; decode bytes first (`data.decode('utf-8')`)."),
    "KF102": ("`published` is neither `None`, a `datetime.date`/`datetime` nor an ISO date string "
              "(`InputError`, a `ValueError`).",
              "Pass `'YYYY-MM-DD'`, a date, or `None` to let kfacts read the page's own timestamp."),
    "KF103": ("`disable=` names a rule id that no built-in extractor or loaded pack has.",
              "Check the id with `kfacts rules`; a pack's rule ids need the pack loaded in the same `Extractor`."),
    "KF104": ("`published` is a date too far from any news date for date arithmetic (relative dates "
              "such as `어제` or `내년` would leave the calendar) (`InputError`, a `ValueError`).",
              "Pass the article's real publication date, or `None`."),
    "KF105": ("A dict record given to `pipe()` has no `text_field` (`InputKeyError`, a `KeyError`).",
              "Name the field holding the text: `pipe(records, text_field='body')`."),
    "KF106": ("An item given to `pipe()` is neither a string nor a dict (`InputTypeError`, a `TypeError`).",
              "Give strings (yielding Documents) or dict records (yielding dicts)."),
    "KF107": ("An invalid argument to `pipe()`: `batch_size` or `n_process` below 1, an unknown `mode`, or "
              "worker processes (`mode='processes'` or `'both'`) with an `Extractor(kiwi=...)` (workers cannot "
              "share it) (`InputError`, a `ValueError`).",
              "Use values >= 1 and a mode of `kfacts.batch.MODES`; let kfacts build Kiwi when using worker "
              "processes, or use the default `mode='threads'`."),
    "KF108": ("A worker process of `pipe(n_process>1)` died: killed, out of memory, or the script lacks the "
              "`if __name__ == \"__main__\":` guard that `spawn` needs (`kfacts.batch.WorkerError`, a "
              "`RuntimeError`).",
              "Add the guard; lower `n_process` or `batch_size` if memory ran out."),
    "KF109": ("`kfacts extract -o PATH` cannot write there: PATH is a folder, a block device or socket, "
              "its folder cannot be made (a path part is a file) or is not writable "
              "(`kfacts.errors.OutputError`, an `OSError`; exit status 2).",
              "Give a file path in a writable folder (missing folders are created). Regular files are "
              "replaced atomically keeping their mode and owner; a symlink is written through to its target; "
              "character devices (`/dev/null`, `/dev/stdout`) and named pipes are written to directly."),
    "KF110": ("`kfacts extract --on-error skip`: one input document (a file, or one JSONL line) could not "
              "be read (not JSON, bytes in no known encoding, no text field, a bad date...). It is left out, "
              "reported on standard error and in the error file, and the run goes on (exit status 3).",
              "Read the error file (`OUTPUT.errors.jsonl`, or `kfacts-errors.jsonl` when writing to standard "
              "output or a device): one `{source, line, code, message}` record per skipped document."),
    "KF111": ("`published` is a number (`20240813`) or another non-date type (`PublishedTypeError`, a `TypeError` "
              "and a `ValueError`).",
              "Pass the date as a string (`'20240813'`, `'2024-08-13'`), a `datetime.date`, or `None`."),
    "KF112": ("A document took more than the time budget: `Extractor(time_budget=S)`, "
              "`extract(..., time_budget=S)`, `pipe(..., time_budget=S)` or `kfacts extract --time-budget S` "
              "(default 60 s in the command, none in the API). The budget is CPU time of the thread extracting "
              "the document, checked between Kiwi's chunks and between extractors "
              "(`kfacts.DocumentTimeoutError`, a `TimeoutError`). `pipe(errors='yield')` and "
              "`kfacts extract --on-error skip` turn it into an error record and go on with the next document.",
              "Raise the budget for very long documents, or split them; with the command, `--on-error skip` "
              "lists such documents in the error file and writes the rest."),
    "KF113": ("A worker process of `pipe(n_process>1, time_budget=S)` made no progress on one document for "
              "the budget plus a grace period (`kfacts.batch.WORKER_GRACE`, at least the budget): it is stuck "
              "in native code, stopped (SIGSTOP) or starved. The parent kills the workers, restarts them and "
              "resubmits every other pending document (`kfacts.batch.WorkerStuckError`, a `WorkerError` and a "
              "`DocumentTimeoutError`).",
              "With `errors='yield'` / `--on-error skip` the document becomes an error record and the stream "
              "goes on; otherwise the run stops (exit status 4 in the command). Find the document by its "
              "index and extract it alone to see why."),
    "KF114": ("`time_budget` (or `--time-budget`) is not a positive number of seconds or `None` "
              "(`InputError`, a `ValueError`).",
              "Give seconds (`time_budget=30`), or `None` (`--time-budget 0`) for no limit."),
    "KF201": ("A file cannot be read: a rule pack or one of its lexicons (missing, not UTF-8, or "
              "unreadable), or the `type.toml` of a type folder named in `KFACTS_TYPE_PATH` (docs/fact-types.md).",
              "Check the path and save the file as UTF-8; a type folder holds its declaration in `type.toml`."),
    "KF202": ("The pack is not valid TOML, or its tables/arrays are nested too deeply to be a pack.",
              "Fix the syntax at the line and column given; a pack never needs deep nesting."),
    "KF203": ("An unknown key: a typo, or an output field the fact type does not have.",
              "Use the keys listed in docs/rule-packs.md (Reference); declare new fields in `[[types]]`."),
    "KF204": ("A required key is missing (`id`, `type`, `pattern` or `regex`, ...).",
              "Add the key; `*` marks required keys in the reference table of docs/rule-packs.md."),
    "KF205": ("An unknown attribute inside a token spec (e.g. `pos`).",
              "Use `form`, `tag`, `lemma`, `regex`, `in_lexicon`, `fact`, `op`, `capture`."),
    "KF206": ("A lexicon file named by `[[lexicons]] path` does not exist.",
              "Put the file in the pack's folder (or below it) and give its path relative to the pack."),
    "KF207": ("Two rules share an id (in one pack, with a built-in rule, or across packs used together).",
              "Give every rule a unique namespaced id (`mypack.rule_name`)."),
    "KF208": ("A rule `regex` or token `regex` does not compile.",
              "Fix the pattern (the `regex` module's syntax); write it as a TOML literal string `'...'`."),
    "KF209": ("A warning (`kfacts.RegexTimeoutWarning`), not an error: the pack's regular expressions used "
              "up the pack's per-document time budget `regex_timeout` (CPU time of the thread extracting "
              "that document, so other threads do not count). The pack's facts for that document are "
              "dropped; built-in facts and other packs' facts are kept; `doc.meta['warnings']` records it.",
              "Make the pattern cheaper (anchor it, avoid nested repeats, prefer token patterns), or raise "
              "`regex_timeout`. `warnings.simplefilter('error', kfacts.RegexTimeoutWarning)` turns the "
              "warning into an exception."),
    "KF210": ("A value of the wrong type (`window = \"2\"`, a string constant for an `int` field).",
              "Use the type the reference table of docs/rule-packs.md gives."),
    "KF211": ("The pack's `requires_kfacts` is not met by the installed kfacts.",
              "Install a kfacts version the pack accepts, or update the pack."),
    "KF212": ("An unknown fact type (rule `type`, token `fact`, an example).",
              "Use a built-in type or declare it in `[[types]]`."),
    "KF213": ("An unknown lexicon or capture name (`in_lexicon`, `@cap` in `fields`, `span`).",
              "Declare the lexicon, or name a capture the pattern makes."),
    "KF214": ("A pack example did not give the expected facts (pytest plugin, `kfacts test-pack`).",
              "Read the diff in the report; fix the rule or the example."),
    "KF215": ("An example is malformed (no `text`, a `span` outside the text, ...).",
              "Fix the example as the message says."),
    "KF216": ("An invalid value: a bad rule id, `op`, capture name, version specifier, converter or "
              "`regex_timeout`; a pattern that could match nothing; a redeclared built-in type.",
              "Fix the value as the message says."),
    "KF217": ("A regex backtracks catastrophically on a trial string built from its own characters "
              "(checked at load time, on the loading thread's own CPU time).",
              "Rewrite the pattern without nested or overlapping repeats (`(a|aa)+`, `(x+)+`)."),
    "KF218": ("A lexicon path leads outside the pack's folder (`..`, an absolute path, a symlink "
              "pointing elsewhere).",
              "Keep lexicons in the pack's folder or below it, or allow their folder: "
              "`load_pack(path, allow=[folder])`."),
    "KF219": ("The pack file or a lexicon is not a regular file (a directory, a device such as "
              "`/dev/zero`, a FIFO, a `/proc` entry).",
              "Point to an ordinary file."),
    "KF220": ("The pack file or a lexicon is larger than its limit (`MAX_PACK_BYTES`, "
              "`MAX_LEXICON_BYTES` in `kfacts.rulepacks.pack`; see docs/rule-packs.md).",
              "Trim or split the data; a file that large is not a pack or a word list."),
    "KF221": ("A lexicon entry is longer than `MAX_LEXICON_ENTRY_CHARS` characters (matching cost "
              "grows with the longest entry).",
              "Lexicon entries are names and terms: fix or remove the line."),
    "KF301": ("A gold file line is not a valid record (not JSON, nested too deeply, no `facts` list, "
              "no `text`/`source`, a source that is missing) (`GoldFormatError`, a `ValueError`).",
              "Fix the line as the message says; SPEC section 3 gives the format."),
    "KF302": ("The gold file does not exist (`GoldFileNotFoundError`, a `FileNotFoundError`).",
              "Check the path."),
    "KF401": ("`kfacts.Store(path)` was given a file that is not a kfacts store: not an SQLite database, or "
              "an SQLite database without kfacts' `meta` table (`StoreError`, a `ValueError`). Nothing is written "
              "to it.",
              "Give the path of a store (or of a new file, which becomes one)."),
    "KF402": ("The store was written by a newer kfacts whose schema this version cannot read; it is left "
              "untouched.",
              "Upgrade kfacts (`pip install -U kfacts`), or open a copy with the newer version."),
    "KF403": ("Another process holds the store's write lock (an ingest running, an open transaction in "
              "another tool) for longer than the `timeout` given to `Store` (default 5 s). The operation "
              "changed nothing.",
              "Wait for the other process, or give a longer `timeout=` (`--timeout` on the command line)."),
    "KF404": ("A query argument is not usable: an unknown fact type, a year range that is not a year, an "
              "unknown output format.",
              "Fix the argument as the message says (docs/store.md lists the types and formats)."),
    "KF405": ("`kfacts store import` was given a folder without the Parquet files of an export or of "
              "`kfacts.spark.write_mentions` (`documents.parquet`/`documents/`, `mentions.parquet`/`mentions/`), "
              "or with columns missing. Nothing was imported.",
              "Point it at the folder `kfacts store export` or `kfacts.spark.write_mentions` wrote."),
    "KF406": ("Parquet export and import need pyarrow, an optional dependency.",
              "`pip install 'kfacts[arrow]'`, or export CSV (`--format csv`)."),
    "KF407": ("The Python's SQLite was built without FTS5, so `Store.search()` cannot work; documents and "
              "their text are still stored (`StoreWarning`).",
              "Use a Python whose sqlite3 has FTS5 (the python.org and most Linux builds do) to search."),
    "KF901": ("A rule produced a fact whose `text` differs from the document's text at its span "
              "(`SpanMismatchError`, an `AssertionError`). Every span is exact by contract, so this is a "
              "defect of kfacts, never of the input; the document gives no facts rather than a wrong one.",
              "Report it with the document (`kfacts extract --on-error skip` goes on with the next ones)."),
    "KF902": ("A data file of a built-in extractor (`src/kfacts/extractors/<type>/*.tsv`: a table, or the "
              "named word lists of `words.tsv`) has a header row other than the one its reader expects, a key "
              "or a word of a list written twice, a malformed row, or lacks a list the code asks for "
              "(`LexiconError`, a `ValueError`). Only an edited installation shows it.",
              "Fix the line named in the message (remove the duplicate, restore the header), or reinstall kfacts."),
}


def errors_markdown() -> str:
    """The text of ``docs/errors.md``: every code with its message, cause and what to do."""
    lines = [
        "# Errors and warnings",
        "",
        "<!-- generated by kfacts.errors.errors_markdown(); edit errors.py, not this file -->",
        "",
        "Every error kfacts raises on purpose is a `kfacts.KfactsError` with a stable",
        "`code` (`err.code`); its message starts with `[KFxxx]`. It is also the",
        "built-in exception a caller would expect: `RulePackError`, `GoldFormatError`",
        "and `InputError` are `ValueError`s, `InputTypeError` is a `TypeError`,",
        "`GoldFileNotFoundError` is a `FileNotFoundError`. `except kfacts.KfactsError`",
        "catches them all.",
        "",
        "A condition that loses part of a result but not the document is a warning:",
        "a `kfacts.KfactsWarning` subclass (with `.code`) issued with `warnings.warn`",
        "and recorded in `doc.meta[\"warnings\"]` as a list of",
        "`{\"code\", \"message\", \"pack\", \"rule\"}` records.",
        "",
        "* `KF1xx` - input given to `extract()` / `Extractor`, and the `kfacts extract` command's files",
        "* `KF2xx` - rule packs (`kfacts.RulePackError`; see docs/rule-packs.md)",
        "* `KF3xx` - evaluation and gold files",
        "* `KF4xx` - the fact store (`kfacts.Store`, `kfacts store`; see docs/store.md)",
        "* `KF9xx` - defects of kfacts itself: please report them",
        "",
        "| code | message | cause | what to do |",
        "|---|---|---|---|",
    ]
    for code, msg in MESSAGES.items():
        cause, todo = EXPLANATIONS[code]
        cells = [f"`{code}`", f"`{msg}`", cause, todo]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
