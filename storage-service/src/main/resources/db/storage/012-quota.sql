--liquibase formatted sql

--changeset storage-service:012-quota
-- RFC 9208 quotas per account; NULL takes the configured default (mail.storage.quota.*), 0 means
-- no limit. Usage is the sum of the account's mailbox counters, which every write keeps current.
ALTER TABLE storage.accounts ADD COLUMN quota_storage_bytes bigint;
ALTER TABLE storage.accounts ADD COLUMN quota_messages bigint;
