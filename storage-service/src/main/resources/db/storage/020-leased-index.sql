--liquibase formatted sql

--changeset storage-service:020-leased-index
-- A lease counts the unexpired leases of each domain (mail.storage.queue.max-leased-per-domain):
-- those entries only, not the whole queue.
CREATE INDEX outbound_entries_leased_idx ON storage.outbound_entries (lease_until, domain) WHERE lease_until IS NOT NULL;
