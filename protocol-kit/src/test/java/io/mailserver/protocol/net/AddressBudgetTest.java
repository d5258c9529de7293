package io.mailserver.protocol.net;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class AddressBudgetTest {

    private final AtomicLong now = new AtomicLong(1_000_000);

    private AddressBudget budget(int limit, int maxAddresses, String... exempt) {
        return new AddressBudget(limit, Duration.ofMinutes(10), List.of(exempt).stream().map(AddressRange::parse).toList(),
                maxAddresses, now::get);
    }

    @Test
    void anAddressRunsOutAcrossConnectionsAndRecoversAsTheWindowSlides() {
        AddressBudget errors = budget(3, 100);
        for (int i = 0; i < 3; i++) {
            assertThat(errors.exhausted("192.0.2.7")).isFalse();
            errors.spend("192.0.2.7");
        }
        assertThat(errors.exhausted("192.0.2.7")).isTrue();
        assertThat(errors.exhausted("192.0.2.8")).isFalse();
        // one window later the old events still weigh in part; two windows later they are gone
        now.addAndGet(Duration.ofMinutes(10).toMillis());
        assertThat(errors.exhausted("192.0.2.7")).isTrue();
        now.addAndGet(Duration.ofMinutes(4).toMillis());
        assertThat(errors.exhausted("192.0.2.7")).isFalse();
        now.addAndGet(Duration.ofMinutes(20).toMillis());
        errors.spend("192.0.2.9");
        assertThat(errors.exhausted("192.0.2.7")).isFalse();
    }

    @Test
    void exemptNetworksAndAZeroLimitCountNothing() {
        AddressBudget errors = budget(1, 100, "127.0.0.0/8", "2001:db8::/32");
        errors.spend("127.0.0.1");
        errors.spend("2001:db8::25");
        assertThat(errors.exhausted("127.0.0.1")).isFalse();
        assertThat(errors.exhausted("2001:db8::25")).isFalse();
        assertThat(errors.tracked()).isZero();
        AddressBudget off = budget(0, 100);
        off.spend("192.0.2.1");
        assertThat(off.exhausted("192.0.2.1")).isFalse();
    }

    @Test
    void memoryIsBoundedAndIdleAddressesAreForgotten() {
        AddressBudget errors = budget(5, 10);
        for (int i = 0; i < 50; i++) {
            errors.spend("198.51.100." + i);
        }
        assertThat(errors.tracked()).isEqualTo(10);
        now.addAndGet(Duration.ofMinutes(21).toMillis());
        errors.spend("203.0.113.1");
        assertThat(errors.tracked()).isEqualTo(1);
    }

    @Test
    void anIpv6ClientIsCountedByItsSlash64() {
        AddressBudget errors = budget(2, 100);
        errors.spend("2001:db8:1:2::1");
        errors.spend("2001:db8:1:2:ffff:ffff:ffff:ffff");
        assertThat(errors.exhausted("2001:db8:1:2::77")).isTrue();
        assertThat(errors.exhausted("2001:db8:1:3::1")).isFalse();
        assertThat(errors.tracked()).isEqualTo(1);
    }

    @Test
    void rangesMatchByPrefixAndNeverResolveNames() {
        assertThat(AddressRange.parse("192.0.2.0/24").contains("192.0.2.200")).isTrue();
        assertThat(AddressRange.parse("192.0.2.0/24").contains("192.0.3.1")).isFalse();
        assertThat(AddressRange.parse("10.0.0.0/9").contains("10.127.255.255")).isTrue();
        assertThat(AddressRange.parse("10.0.0.0/9").contains("10.128.0.0")).isFalse();
        assertThat(AddressRange.parse("::1").contains("::1")).isTrue();
        assertThat(AddressRange.parse("::1").contains("127.0.0.1")).isFalse();
        assertThat(AddressRange.parse("0.0.0.0/0").contains("203.0.113.9")).isTrue();
        assertThatThrownBy(() -> AddressRange.parse("localhost")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> AddressRange.parse("192.0.2.0/33")).isInstanceOf(IllegalArgumentException.class);
        assertThat(AddressRange.parse("192.0.2.0/24").contains("example.org")).isFalse();
    }
}
