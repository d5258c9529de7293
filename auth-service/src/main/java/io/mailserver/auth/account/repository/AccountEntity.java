package io.mailserver.auth.account.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/**
 * A row of {@code auth.accounts}: one mailbox owner who can log in. The password hash never leaves
 * this service: REST and gRPC views are built field by field without it.
 */
@Entity
@Table(schema = "auth", name = "accounts")
public class AccountEntity {

    @Id
    @SequenceGenerator(name = "account_id", schema = "auth", sequenceName = "account_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "account_id")
    @Column(name = "account_id")
    public Long id;

    @Column(name = "domain_id", nullable = false)
    public Long domainId;

    /** Lower-case local part. */
    @Column(name = "local_part", nullable = false)
    public String localPart;

    /** Lower-case {@code local@domain}, unique. */
    @Column(nullable = false, unique = true)
    public String address;

    /** Argon2id PHC string. */
    @Column(name = "password_hash", nullable = false)
    public String passwordHash;

    @Column(name = "display_name", nullable = false)
    public String displayName;

    @Column(nullable = false)
    public boolean enabled;

    /** 0 means unlimited. */
    @Column(name = "quota_bytes", nullable = false)
    public long quotaBytes;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @Column(name = "updated_at", nullable = false)
    public Instant updatedAt;

    /** The domain part of {@link #address}. */
    public String domainName() {
        return address.substring(address.lastIndexOf('@') + 1);
    }
}
