package io.mailserver.smtp.mailauth.spf;

/**
 * The mechanisms of RFC 7208 §5. A {@code null} domain spec means the current domain; CIDR lengths are
 * already defaulted (32 and 128) so evaluation needs no special case.
 */
sealed interface Mechanism {

    /** Whether evaluating it counts against the limit of 10 DNS-querying terms (§4.6.4). */
    default boolean queriesDns() {
        return true;
    }

    record All() implements Mechanism {
        @Override
        public boolean queriesDns() {
            return false;
        }
    }

    record Include(String domainSpec) implements Mechanism {
    }

    record A(String domainSpec, int cidr4, int cidr6) implements Mechanism {
    }

    record Mx(String domainSpec, int cidr4, int cidr6) implements Mechanism {
    }

    record Ptr(String domainSpec) implements Mechanism {
    }

    /** ip4 and ip6 alike: a network as address bytes (4 or 16) and a prefix length. */
    record Ip(byte[] network, int prefix) implements Mechanism {
        @Override
        public boolean queriesDns() {
            return false;
        }
    }

    record Exists(String domainSpec) implements Mechanism {
    }
}
