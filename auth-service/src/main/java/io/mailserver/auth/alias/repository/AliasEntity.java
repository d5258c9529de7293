package io.mailserver.auth.alias.repository;

import io.mailserver.auth.account.repository.AccountEntity;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;

/**
 * A row of {@code auth.aliases} with its targets ({@code auth.alias_targets}) and forwards
 * ({@code auth.alias_forwards}): mail to {@link #address} is delivered to each target account and
 * forwarded to each address at another domain. Both are always fetched with the alias
 * (queries join them), since Hibernate Reactive cannot load a collection lazily behind the caller's back.
 */
@Entity
@Table(schema = "auth", name = "aliases")
public class AliasEntity {

    @Id
    @SequenceGenerator(name = "alias_id", schema = "auth", sequenceName = "alias_id_seq", allocationSize = 1)
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "alias_id")
    @Column(name = "alias_id")
    public Long id;

    @Column(name = "domain_id", nullable = false)
    public Long domainId;

    @Column(name = "local_part", nullable = false)
    public String localPart;

    /** Lower-case {@code local@domain}, unique (and never also an account's address). */
    @Column(nullable = false, unique = true)
    public String address;

    @Column(name = "created_at", nullable = false)
    public Instant createdAt;

    @ManyToMany
    @JoinTable(schema = "auth", name = "alias_targets",
            joinColumns = @JoinColumn(name = "alias_id"),
            inverseJoinColumns = @JoinColumn(name = "account_id"))
    public Set<AccountEntity> targets = new LinkedHashSet<>();

    /** Addresses at domains not hosted here: the domain lower-case, the local part as given. */
    @ElementCollection
    @CollectionTable(schema = "auth", name = "alias_forwards", joinColumns = @JoinColumn(name = "alias_id"))
    @Column(name = "address", nullable = false)
    public Set<String> forwards = new LinkedHashSet<>();
}
