package io.mailserver.auth.password;

import io.mailserver.auth.config.MailConfig;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Password hashing for the rest of the service, always off the event loop.
 *
 * <p>Hashes are computed on a small pool of its own, sized by {@code mail.auth.argon2.max-concurrent}:
 * every computation holds {@code memory-kib} of heap, so an unbounded pool would let a burst of
 * logins exhaust the heap. At most {@code mail.auth.argon2.max-queued} more wait their turn; beyond
 * that a computation is refused at once with {@link Saturated} (the login answers "try again later")
 * rather than queued without end: a flood of logins costs the flood, not the heap. Results are delivered back on the caller's Vert.x context, because
 * Hibernate Reactive sessions are bound to it and refuse to be used from any other thread.
 */
@Startup // built at startup, on the main thread: the constructor computes a hash
@ApplicationScoped
public class PasswordService {

    /** Longest password accepted anywhere; longer input is refused before any hashing work. */
    public static final int MAX_LENGTH = 1024;
    /** Least time between two collections that give hashing memory back (see {@link HashingMemory}). */
    private static final java.time.Duration MEMORY_RELEASE_INTERVAL = java.time.Duration.ofMinutes(1);

    private final Argon2idHasher hasher;
    private final int minLength;
    private final ThreadPoolExecutor pool;
    private final HashingMemory memory;
    /**
     * What an unknown user's secret is checked against, so that "no such user" costs the same time
     * as "wrong password" (computed with the current parameters, the ones real accounts mostly have).
     */
    private final String dummyHash;

    public PasswordService(MailConfig config) {
        MailConfig.Argon2 argon2 = config.auth().argon2();
        this.hasher = new Argon2idHasher(new Argon2Cost(argon2.memoryKib(), argon2.iterations(), argon2.parallelism()));
        this.minLength = config.auth().minPasswordLength();
        int threads = argon2.maxConcurrent() > 0 ? argon2.maxConcurrent() : Runtime.getRuntime().availableProcessors();
        AtomicInteger counter = new AtomicInteger();
        this.pool = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(Math.max(1, argon2.maxQueued())), work -> {
                    Thread thread = new Thread(work, "argon2-" + counter.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
        this.memory = new HashingMemory(argon2.releaseMemoryAfter(), MEMORY_RELEASE_INTERVAL, System::gc);
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        this.dummyHash = hasher.hash(Base64.getEncoder().encodeToString(random));
    }

    @PreDestroy
    void stop() {
        pool.shutdownNow();
        memory.close();
    }

    /** Why {@code password} may not be set, or {@code null} when it may. */
    public String rejectionOf(String password) {
        if (password == null || password.isEmpty()) {
            return "password is required";
        }
        if (password.codePointCount(0, password.length()) < minLength) {
            return "password must have at least " + minLength + " characters";
        }
        if (password.length() > MAX_LENGTH) {
            return "password must have at most " + MAX_LENGTH + " characters";
        }
        return null;
    }

    /** A PHC string for {@code password}. */
    public Uni<String> hash(String password) {
        return offEventLoop(() -> hasher.hash(password));
    }

    /** Whether {@code secret} matches {@code phc}. */
    public Uni<Boolean> verify(String phc, String secret) {
        if (secret == null || secret.length() > MAX_LENGTH) {
            return verifyUnknownUser(secret);
        }
        return offEventLoop(() -> hasher.verify(phc, secret));
    }

    /** Spends the time of one verification and answers {@code false}: the path of an unknown user. */
    public Uni<Boolean> verifyUnknownUser(String secret) {
        String candidate = secret == null || secret.length() > MAX_LENGTH ? "" : secret;
        return offEventLoop(() -> {
            hasher.verify(dummyHash, candidate);
            return false;
        });
    }

    /** Whether a stored hash should be replaced because the configured cost changed. */
    public boolean isOutdated(String phc) {
        return hasher.isOutdated(phc);
    }

    /** Computations waiting for a thread now. */
    public int queued() {
        return pool.getQueue().size();
    }

    /** Too many hash computations are waiting already: try again later. */
    public static final class Saturated extends RuntimeException {
        Saturated() {
            super("password hashing is saturated", null, false, false);
        }
    }

    private <T> Uni<T> offEventLoop(Supplier<T> work) {
        Context context = Vertx.currentContext();
        Uni<T> computed = Uni.createFrom().emitter(emitter -> {
            try {
                pool.execute(() -> {
                    memory.started();
                    T result;
                    try {
                        result = work.get();
                    } catch (RuntimeException e) {
                        memory.finished();
                        emitter.fail(e);
                        return;
                    }
                    memory.finished();
                    emitter.complete(result);
                });
            } catch (RejectedExecutionException full) {
                emitter.fail(new Saturated());
            }
        });
        if (context == null) {
            return computed;
        }
        return computed.emitOn(task -> context.runOnContext(ignored -> task.run()));
    }
}
