package io.mailserver.localstack.process;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermission;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One class data sharing archive of the JDK classes the local JVMs load, mapped by all of them.
 *
 * <p>The JDK's own archive holds about 1,200 classes; each of our JVMs loads 2,000 to 2,500 JDK
 * classes beyond it (TLS, the HTTP client, management, XML), and each kept a private copy of their
 * metadata. Archived, their read-only part is one copy in the page cache for every JVM: -27 MiB
 * resident for the whole system at rest (923 -> 896 MiB, each page counted once).
 *
 * <p>The archive is made with the JDK's own {@code -Xshare:dump} from {@code jdk-classes.txt} (JDK
 * classes only: application classes are not shared between services, and Quarkus loads them with
 * its own class loader), once per Java installation, version and list, in the user's cache directory,
 * and tried with {@code -Xshare:on} before it is used: a JVM given an archive it cannot map would run
 * without any, the JDK's default included. When making or trying it fails, the JVMs run with the
 * JDK's default archive as before.
 *
 * <p>To remake the list: start {@code ./mailctl up} with
 * {@code JAVA_TOOL_OPTIONS=-Xlog:class+load=info:file=/tmp/cl-%p.log}, give it traffic, and keep the
 * classes whose source is {@code jrt:/} or {@code shared objects file}, with {@code /} for {@code .}.
 */
public final class JdkClassArchive {

    private static final String CLASS_LIST = "jdk-classes.txt";
    private static final Duration DUMP_TIME = Duration.ofSeconds(120);

    private static Optional<Path> archive;

    private JdkClassArchive() {
    }

    /** The archive's path, made on first use; empty when it cannot be made or used here. */
    public static synchronized Optional<Path> path() {
        if (archive == null) {
            archive = make(directory());
        }
        return archive;
    }

    /**
     * The user's cache directory ({@code $XDG_CACHE_HOME}, else {@code $HOME/.cache}), never a
     * directory others can write to: a JVM runs the bytecode an archive holds, so an archive planted
     * in a shared directory such as {@code /tmp} would run as the mail system.
     */
    static Path directory() {
        String cache = System.getenv("XDG_CACHE_HOME");
        if (cache != null && Path.of(cache).isAbsolute()) {
            return Path.of(cache, "mailserver", "jdk-classes");
        }
        String home = System.getenv("HOME");
        return Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home"), ".cache", "mailserver", "jdk-classes");
    }

    static Optional<Path> make(Path directory) {
        try {
            byte[] classList = classList();
            Path target = directory.resolve("jdk-" + key(classList) + ".jsa");
            Files.createDirectories(directory);
            if (!onlyWeCanWrite(directory) || !Files.isRegularFile(target) && !dump(classList, directory, target)) {
                return Optional.empty();
            }
            pointTo(target, directory);
            return Optional.of(target);
        } catch (IOException | UncheckedIOException | UnsupportedOperationException e) {
            // UnsupportedOperationException: a file system without POSIX permissions
            return Optional.empty();
        }
    }

    /**
     * The name the {@code mailctl} script finds this Java's archive by, for the supervisor's own JVM
     * (it starts before any archive is made): {@code java-} and the start of the SHA-256 of the java
     * executable's path. It may still point to an archive of the version before an upgrade; a JVM
     * then runs without one, as with none.
     */
    static Path pointerFor(Path directory) {
        return directory.resolve("java-" + sha256Hex(ChildProcess.javaExecutable().getBytes(StandardCharsets.UTF_8)) + ".jsa");
    }

    private static void pointTo(Path target, Path directory) throws IOException {
        Path pointer = pointerFor(directory);
        if (Files.isSymbolicLink(pointer) && Files.readSymbolicLink(pointer).equals(target.getFileName())) {
            return;
        }
        Path fresh = directory.resolve(pointer.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        Files.deleteIfExists(fresh);
        Files.createSymbolicLink(fresh, target.getFileName());
        Files.move(fresh, pointer, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** Whether only this user can put files in {@code directory}. */
    private static boolean onlyWeCanWrite(Path directory) throws IOException {
        Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(directory);
        return Files.getOwner(directory).getName().equals(System.getProperty("user.name"))
                && !permissions.contains(PosixFilePermission.GROUP_WRITE)
                && !permissions.contains(PosixFilePermission.OTHERS_WRITE);
    }

    private static boolean dump(byte[] classList, Path directory, Path target) throws IOException {
        Path list = Files.createTempFile(directory, "classes", ".txt");
        Path made = directory.resolve(target.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
        // kept when a step fails, to say why the JVMs run without the archive
        Path log = directory.resolve(target.getFileName() + ".log");
        try {
            Files.write(list, classList);
            Files.deleteIfExists(made);
            Files.deleteIfExists(log);
            List<String> dump = new ArrayList<>(mappingOptions(made));
            dump.set(dump.indexOf("-Xshare:on"), "-Xshare:dump");
            dump.add("-XX:SharedClassListFile=" + list);
            if (!succeeds("dump", dump, directory, log)
                    || !succeeds("trial", withVersion(mappingOptions(made)), directory, log)) {
                return false;
            }
            // Several systems may start at once: whichever moves last leaves an equal archive.
            Files.move(made, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            Files.deleteIfExists(log);
            return true;
        } finally {
            Files.deleteIfExists(list);
            Files.deleteIfExists(made);
        }
    }

    /** A JVM as {@link SmallJvm} starts them, made to fail unless it maps {@code archive}. */
    private static List<String> mappingOptions(Path archive) {
        return List.of(ChildProcess.javaExecutable(), "-Xshare:on", "-XX:SharedArchiveFile=" + archive,
                "-XX:+UseSerialGC", "-XX:+UnlockDiagnosticVMOptions", "-XX:ArchiveRelocationMode=0");
    }

    private static List<String> withVersion(List<String> command) {
        List<String> full = new ArrayList<>(command);
        full.add("-version");
        return full;
    }

    /**
     * Runs one step as the kit runs every one-shot tool: killed when it overruns or when this JVM
     * exits mid-way, its output in {@code log}, which {@link #dump} keeps only when a step fails.
     */
    private static boolean succeeds(String step, List<String> command, Path directory, Path log) {
        try {
            return ChildProcess.start("jdk-class-archive " + step, command, Map.of(), directory, log)
                    .awaitExit(DUMP_TIME) == 0;
        } catch (IllegalStateException | UncheckedIOException overrunOrNotStarted) {
            return false;
        }
    }

    private static byte[] classList() throws IOException {
        try (InputStream in = JdkClassArchive.class.getResourceAsStream(CLASS_LIST)) {
            if (in == null) {
                throw new IOException(CLASS_LIST + " is missing from the classpath");
            }
            return in.readAllBytes();
        }
    }

    /** Names the archive after what it depends on: the java executable, its version and the list. */
    private static String key(byte[] classList) {
        byte[] java = (ChildProcess.javaExecutable() + "\0" + Runtime.version() + "\0").getBytes(StandardCharsets.UTF_8);
        byte[] all = new byte[java.length + classList.length];
        System.arraycopy(java, 0, all, 0, java.length);
        System.arraycopy(classList, 0, all, java.length, classList.length);
        return sha256Hex(all);
    }

    /** The first 24 hex digits of the SHA-256 of {@code bytes}. */
    private static String sha256Hex(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
