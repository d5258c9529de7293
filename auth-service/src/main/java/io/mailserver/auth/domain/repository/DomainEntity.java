package io.mailserver.auth.domain.repository;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;

/** A row of {@code auth.domains}: one mail domain hosted here. */
@Entity
@Table(schema = "auth", name = "domains")
public class DomainEntity {

    @Id
    @SequenceGenerator(name = "domain_id", schema = "auth", sequenceName = "domain_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "domain_id")
    @Column(name = "domain_id")
    public Long id;

    /** Canonical (lower-case) domain name. */
    @Column(nullable = false, unique = true)
    public String name;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;
}
