"""The store's SQL schema (version 1): tables, indexes and readable views.

Every change to the tables bumps :data:`SCHEMA_VERSION`; a store written by
a newer version is refused (``KF402``) rather than misread. docs/store.md
documents each column.
"""

from __future__ import annotations

import datetime as _dt


def timestamp() -> str:
    """Now, as the store writes its times (UTC, ISO 8601 to the second: ``2024-08-13T09:30:00Z``)."""
    return _dt.datetime.now(_dt.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")

#: the schema version this kfacts writes and reads (meta table, key ``schema_version``)
SCHEMA_VERSION = 1

#: the fields of the built-in fact types that get their own mention column, fixed for this schema
#: version (a store is a file that outlives the code: its columns change only with
#: :data:`SCHEMA_VERSION`). Every field of every built-in type has one (tests/test_store.py checks
#: it against the type registry); ``number`` is the amount as a float, for sorting. Fields of other
#: types (rule packs, a type added as a folder) are kept whole in ``fields_json``.
FIELD_COLUMNS = ("name", "canonical", "kind", "title", "org", "award", "prize", "honor", "recipient", "event",
                 "organizer", "category", "year", "value", "number", "currency", "approx", "qualifier", "subject",
                 "granularity", "relative", "part")

MENTION_COLUMNS = ("id", "document_id", "type", "span_start", "span_end", "text", "rule", *FIELD_COLUMNS,
                   "fields_json", "sentence", "entity_id")

DOCUMENT_COLUMNS = ("id", "url", "outlet", "published", "title", "size", "added", "kfacts_version", "text")

TABLES = """
CREATE TABLE IF NOT EXISTS meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS documents (
    id             TEXT PRIMARY KEY,   -- sha256 of the text (hex)
    url            TEXT,               -- where it was first added from
    outlet         TEXT,
    published      TEXT,               -- ISO date (given, or found in the page)
    title          TEXT,
    size           INTEGER NOT NULL,   -- characters
    added          TEXT NOT NULL,      -- UTC timestamp
    kfacts_version TEXT NOT NULL,      -- the version that extracted its mentions
    text           TEXT                -- NULL when the store keeps no text
);
CREATE TABLE IF NOT EXISTS document_sources (
    document_id TEXT NOT NULL REFERENCES documents(id),
    url         TEXT NOT NULL DEFAULT '',
    outlet      TEXT NOT NULL DEFAULT '',
    published   TEXT,
    added       TEXT NOT NULL,
    PRIMARY KEY (document_id, url, outlet)
);
CREATE TABLE IF NOT EXISTS entities (
    id    INTEGER PRIMARY KEY,
    type  TEXT NOT NULL,               -- organization | person
    name  TEXT NOT NULL,               -- canonical name (organization) or name (person)
    org   TEXT NOT NULL DEFAULT '',    -- a person's organization ('' when none)
    kind  TEXT,                        -- an organization's kind, a person's title
    UNIQUE (type, name, org)
);
CREATE TABLE IF NOT EXISTS entity_surfaces (
    entity_id INTEGER NOT NULL REFERENCES entities(id),
    surface   TEXT NOT NULL,
    PRIMARY KEY (entity_id, surface)
);
CREATE INDEX IF NOT EXISTS entity_surfaces_surface ON entity_surfaces(surface);
CREATE TABLE IF NOT EXISTS mentions (
    id          INTEGER PRIMARY KEY,
    document_id TEXT NOT NULL REFERENCES documents(id),
    type        TEXT NOT NULL,
    span_start  INTEGER NOT NULL,
    span_end    INTEGER NOT NULL,
    text        TEXT NOT NULL,
    rule        TEXT,
    name TEXT, canonical TEXT, kind TEXT, title TEXT, org TEXT,
    award TEXT, prize TEXT, honor TEXT, recipient TEXT, event TEXT, organizer TEXT, category TEXT, year INTEGER,
    value TEXT,                        -- exact: the integer or decimal as text, or the ISO date
    number REAL,                       -- value as a number (money, jobs), for sorting and sums
    currency TEXT, approx INTEGER, qualifier TEXT, subject TEXT,
    granularity TEXT, relative INTEGER, part TEXT,
    fields_json TEXT NOT NULL,         -- every field, rule-pack types included
    sentence    TEXT,                  -- the sentence around the mention
    entity_id   INTEGER REFERENCES entities(id)
);
CREATE INDEX IF NOT EXISTS mentions_document ON mentions(document_id);
CREATE INDEX IF NOT EXISTS mentions_type ON mentions(type);
CREATE TABLE IF NOT EXISTS claims (
    id              INTEGER PRIMARY KEY,
    type            TEXT NOT NULL,     -- award | money | jobs
    key             TEXT NOT NULL UNIQUE,
    subject         TEXT NOT NULL,     -- award recipient, money/jobs subject
    level           TEXT,              -- award level (SPEC award field)
    event           TEXT,
    year            INTEGER,
    value           TEXT,              -- money/jobs value (exact)
    currency        TEXT,
    qualifier       TEXT,
    first_published TEXT,
    last_published  TEXT,
    n_documents     INTEGER NOT NULL DEFAULT 0,
    n_outlets       INTEGER NOT NULL DEFAULT 0,
    n_mentions      INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX IF NOT EXISTS claims_subject ON claims(subject);
CREATE TABLE IF NOT EXISTS claim_mentions (
    claim_id   INTEGER NOT NULL REFERENCES claims(id),
    mention_id INTEGER NOT NULL REFERENCES mentions(id),
    PRIMARY KEY (claim_id, mention_id)
);
CREATE INDEX IF NOT EXISTS claim_mentions_mention ON claim_mentions(mention_id);
"""

FTS = "CREATE VIRTUAL TABLE IF NOT EXISTS documents_fts USING fts5(text, content='documents', content_rowid='rowid')"

VIEWS = """
CREATE VIEW IF NOT EXISTS awards AS
    SELECT c.id AS claim, c.subject AS recipient, c.level AS award, c.event, c.year,
           c.n_documents AS documents, c.n_outlets AS outlets, c.first_published, c.last_published
    FROM claims c WHERE c.type = 'award';
CREATE VIEW IF NOT EXISTS amounts AS
    SELECT c.id AS claim, c.type, c.subject, c.value, c.currency, c.qualifier, c.year,
           c.n_documents AS documents, c.n_outlets AS outlets, c.first_published, c.last_published
    FROM claims c WHERE c.type IN ('money', 'jobs');
CREATE VIEW IF NOT EXISTS claim_sources AS
    SELECT cm.claim_id AS claim, c.type, c.subject, m.text AS mention, m.sentence,
           d.published, s.outlet, s.url, d.title, d.id AS document
    FROM claim_mentions cm JOIN claims c ON c.id = cm.claim_id JOIN mentions m ON m.id = cm.mention_id
    JOIN documents d ON d.id = m.document_id JOIN document_sources s ON s.document_id = d.id;
CREATE VIEW IF NOT EXISTS organizations AS
    SELECT e.id, e.name, e.kind, (SELECT group_concat(surface, ' | ') FROM entity_surfaces es
                                  WHERE es.entity_id = e.id) AS surfaces,
           (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions
    FROM entities e WHERE e.type = 'organization';
CREATE VIEW IF NOT EXISTS people AS
    SELECT e.id, e.name, e.org, e.kind AS title,
           (SELECT count(*) FROM mentions m WHERE m.entity_id = e.id) AS mentions
    FROM entities e WHERE e.type = 'person';
"""
