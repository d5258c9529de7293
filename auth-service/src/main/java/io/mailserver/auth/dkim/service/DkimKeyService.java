package io.mailserver.auth.dkim.service;

import io.mailserver.auth.address.DomainName;
import io.mailserver.auth.config.MailConfig;
import io.mailserver.auth.dkim.repository.DkimKeyEntity;
import io.mailserver.auth.dkim.repository.DkimKeyRepository;
import io.mailserver.auth.domain.repository.DomainRepository;
import io.quarkus.hibernate.reactive.panache.common.WithTransaction;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import org.jboss.logging.Logger;

/**
 * The DKIM key of a hosted domain, made on first request. Two instances asking at once for a domain
 * without a key both make one; the primary key lets one insert win and the other's transaction fail,
 * and its caller's retry finds the winner's.
 */
@ApplicationScoped
public class DkimKeyService {

    private static final Logger LOG = Logger.getLogger(DkimKeyService.class);
    private static final DateTimeFormatter SELECTOR_DATE = DateTimeFormatter.ofPattern("yyyyMMdd").withZone(ZoneOffset.UTC);

    private final DomainRepository domains;
    private final DkimKeyRepository keys;
    private final MailConfig.Dkim settings;

    DkimKeyService(DomainRepository domains, DkimKeyRepository keys, MailConfig config) {
        this.domains = domains;
        this.keys = keys;
        this.settings = config.auth().dkim();
    }

    /** The domain's key, made now if it has none; null when the domain is not hosted here. */
    @WithTransaction
    public Uni<DkimKeyEntity> keyOf(String domainName) {
        var domain = DomainName.parse(domainName);
        if (domain.isEmpty()) {
            return Uni.createFrom().nullItem();
        }
        return domains.findByName(domain.get().value()).flatMap(entity -> {
            if (entity == null) {
                return Uni.createFrom().nullItem();
            }
            return keys.findById(entity.id).flatMap(existing -> existing != null
                    ? Uni.createFrom().item(existing)
                    : make(entity.id, domain.get().value()));
        });
    }

    private Uni<DkimKeyEntity> make(long domainId, String domain) {
        DkimKeyPair pair = DkimKeyPair.generate(settings.algorithm());
        DkimKeyEntity key = new DkimKeyEntity();
        key.domainId = domainId;
        Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
        // dated, so a later key of the same domain gets a selector of its own and both can be published
        key.selector = settings.selectorPrefix() + SELECTOR_DATE.format(now);
        key.algorithm = pair.algorithm();
        key.privateKey = pair.privateKeyPkcs8();
        key.dnsRecord = pair.dnsRecord();
        key.createdAt = now;
        LOG.infof("made a %s DKIM key for %s, selector %s", key.algorithm, domain, key.selector);
        return keys.persist(key);
    }
}
