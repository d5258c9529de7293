--liquibase formatted sql

--changeset storage-service:007-parked-events
-- Events a consumer could not act on however often it tried, because they are malformed (not a
-- transient failure: those are retried without end). Kept whole for an operator to inspect and
-- replay; never silently skipped. Small and rare, so not keyed by account.
CREATE TABLE storage.parked_events (
    parked_id   bigserial   NOT NULL,
    topic       text        NOT NULL,
    partition   integer     NOT NULL,
    "offset"    bigint      NOT NULL,
    record_key  text,
    payload     bytea       NOT NULL,
    reason      text        NOT NULL,
    parked_at   timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT parked_events_pkey PRIMARY KEY (parked_id),
    CONSTRAINT parked_events_position_key UNIQUE (topic, partition, "offset")
);
