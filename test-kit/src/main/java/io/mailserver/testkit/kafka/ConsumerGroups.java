package io.mailserver.testkit.kafka;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.admin.MemberDescription;

/**
 * What a test must know before it makes an event a service consumes from the latest offset: that
 * the service's consumer group has its partitions, so the event is not produced before it listens.
 */
public final class ConsumerGroups {

    private ConsumerGroups() {
    }

    /** Waits until a group whose id starts with {@code prefix} has a member with partitions of {@code topic}. */
    public static void awaitAssigned(String bootstrapServers, String prefix, String topic, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            while (Instant.now().isBefore(deadline)) {
                List<String> groups = admin.listConsumerGroups().all().get(10, TimeUnit.SECONDS).stream()
                        .map(ConsumerGroupListing::groupId).filter(id -> id.startsWith(prefix)).toList();
                if (!groups.isEmpty()) {
                    Map<String, ConsumerGroupDescription> described =
                            admin.describeConsumerGroups(groups).all().get(10, TimeUnit.SECONDS);
                    for (ConsumerGroupDescription group : described.values()) {
                        for (MemberDescription member : group.members()) {
                            if (member.assignment().topicPartitions().stream().anyMatch(p -> p.topic().equals(topic))) {
                                return;
                            }
                        }
                    }
                }
                TimeUnit.MILLISECONDS.sleep(200);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot describe consumer groups at " + bootstrapServers, e);
        }
        throw new AssertionError("no consumer group " + prefix + "* got partitions of " + topic + " within " + timeout);
    }
}
