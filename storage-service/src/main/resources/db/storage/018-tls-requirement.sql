--liquibase formatted sql

--changeset storage-service:018-tls-requirement
-- What the sender asked of TLS on the message's way on (RFC 8689): 'default' (our rules), 'required'
-- (REQUIRETLS: verified TLS to a next hop that offers REQUIRETLS, or a bounce) or 'optional'
-- ("TLS-Required: No": the recipient domain's MTA-STS policy is ignored).
ALTER TABLE storage.outbound_messages ADD COLUMN tls_requirement text NOT NULL DEFAULT 'default'
    CHECK (tls_requirement IN ('default', 'required', 'optional'));
