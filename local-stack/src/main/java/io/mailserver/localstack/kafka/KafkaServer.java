package io.mailserver.localstack.kafka;

import io.mailserver.localstack.process.ChildProcess;
import io.mailserver.localstack.process.SmallJvm;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

/**
 * A real single-node Kafka broker in KRaft mode (broker and controller in one process), run in its
 * own JVM from the Kafka jars on Maven Central. Its storage is formatted once and kept, so a
 * restart finds its topics and offsets again.
 */
public final class KafkaServer implements AutoCloseable {

    private static final String CLASSPATH_RESOURCE = "kafka-broker.classpath";

    private final ChildProcess process;
    private final int port;

    private KafkaServer(ChildProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /**
     * @param directory      holds the configuration, the log segments and the broker's own log file
     * @param port           client listener on 127.0.0.1
     * @param controllerPort KRaft controller listener on 127.0.0.1
     */
    public static KafkaServer start(Path directory, int port, int controllerPort) {
        try {
            Path dataDirectory = directory.resolve("data");
            Files.createDirectories(dataDirectory);
            Path config = directory.resolve("server.properties");
            Files.writeString(config, serverProperties(dataDirectory, port, controllerPort));
            Path log4j = directory.resolve("log4j2.properties");
            Files.writeString(log4j, LOG4J2);
            String classpath = brokerClasspath();
            if (!Files.exists(dataDirectory.resolve("meta.properties"))) {
                List<String> format = jvm(classpath, log4j, "256m");
                format.addAll(List.of("kafka.tools.StorageTool", "format", "-t", clusterId(), "-c", config.toString()));
                int exit = ChildProcess.start("kafka-format", format, SmallJvm.environment(), directory, directory.resolve("kafka-format.log"))
                        .awaitExit(Duration.ofSeconds(60));
                if (exit != 0) {
                    throw new IllegalStateException("kafka storage format failed, see " + directory.resolve("kafka-format.log"));
                }
            }
            List<String> command = jvm(classpath, log4j, "256m");
            command.addAll(List.of("kafka.Kafka", config.toString()));
            ChildProcess process = ChildProcess.start("kafka", command, SmallJvm.environment(), directory, directory.resolve("kafka.log"));
            process.awaitReady(Duration.ofSeconds(90), () -> accepts(port));
            return new KafkaServer(process, port);
        } catch (IOException e) {
            throw new UncheckedIOException("Kafka did not start in " + directory, e);
        }
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public int port() {
        return port;
    }

    public ChildProcess process() {
        return process;
    }

    @Override
    public void close() {
        process.stop();
    }

    private static List<String> jvm(String classpath, Path log4j, String heap) {
        List<String> command = SmallJvm.command(heap);
        // One local broker carries a few events per message: C1 is ample, and C2's code and compiler
        // memory would be the largest part of its footprint after the heap.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Djava.awt.headless=true");
        command.add("-Dlog4j2.configurationFile=" + log4j);
        command.add("-cp");
        command.add(classpath);
        return command;
    }

    private static String serverProperties(Path dataDirectory, int port, int controllerPort) {
        return String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dataDirectory,
                "num.partitions=4",
                "auto.create.topics.enable=true",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=4",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // One broker on a small machine: a few threads, not the defaults sized for a cluster
                // node (3 network, 8 I/O, 10 background); and a log-cleaner buffer of 2 MiB instead of
                // 128 MiB of heap, ample for the compacted offsets topic of one system (the
                // broker wants more than 1 MiB per cleaner thread; there is one).
                "num.network.threads=2",
                "num.io.threads=2",
                "background.threads=2",
                "log.cleaner.dedupe.buffer.size=2097152",
                "") ;
    }

    private static final String LOG4J2 = String.join("\n",
            "appender.console.type=Console",
            "appender.console.name=STDOUT",
            "appender.console.layout.type=PatternLayout",
            "appender.console.layout.pattern=%d{ISO8601} %-5p [%c{1}] %m%n",
            "rootLogger.level=WARN",
            "rootLogger.appenderRef.stdout.ref=STDOUT",
            "logger.kafka.name=kafka.server.KafkaRaftServer",
            "logger.kafka.level=INFO",
            "");

    /** Kafka's own id format: 16 random bytes, base64url without padding, never starting with '-'. */
    private static String clusterId() {
        SecureRandom random = new SecureRandom();
        byte[] bytes = new byte[16];
        String id;
        do {
            random.nextBytes(bytes);
            id = Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        } while (id.startsWith("-"));
        return id;
    }

    private static String brokerClasspath() {
        try (InputStream in = KafkaServer.class.getResourceAsStream(CLASSPATH_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(CLASSPATH_RESOURCE + " missing: build test-kit with Maven first");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
