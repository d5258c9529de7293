package io.mailserver.auth.dkim.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code auth.dkim_keys}: the signing key of one hosted domain. */
@Entity
@Table(schema = "auth", name = "dkim_keys")
public class DkimKeyEntity {

    @Id
    @Column(name = "domain_id")
    public Long domainId;

    /** The s= of signatures and the label before {@code ._domainkey.<domain>} in DNS. */
    @Column(nullable = false)
    public String selector;

    /** {@code rsa-sha256} or {@code ed25519-sha256} (RFC 6376 a=, RFC 8463). */
    @Column(nullable = false)
    public String algorithm;

    /** PKCS#8. */
    @Column(name = "private_key", nullable = false)
    public byte[] privateKey;

    /** The TXT record's text: {@code v=DKIM1; k=...; p=...}. */
    @Column(name = "dns_record", nullable = false)
    public String dnsRecord;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
