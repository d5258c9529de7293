package io.mailserver.mailctl.system;

import io.mailserver.localstack.MailService;
import io.mailserver.localstack.Ports;
import io.mailserver.localstack.process.ServiceProcess;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;

/** {@code mailctl status}: one line per part of the local system; exit 0 only when all are ready. */
public final class StatusReport {

    private final MailctlPaths paths;
    private final PrintStream out;

    public StatusReport(MailctlPaths paths, PrintStream out) {
        this.paths = paths;
        this.out = out;
    }

    public int print() {
        Ports ports = Ports.local();
        boolean allReady = true;
        out.println(Supervisor.runningSupervisor(paths)
                .map(p -> "supervisor       running (pid " + p.pid() + ")")
                .orElse("supervisor       not running"));
        allReady &= line("postgresql", accepts(ports.postgres()) ? "ready" : "down", "127.0.0.1:" + ports.postgres()
                + Supervisor.restarts(paths, "postgres").map(r -> "  (restarts: " + r + ")").orElse(""));
        allReady &= line("kafka", accepts(ports.kafka()) ? "ready" : "down", "127.0.0.1:" + ports.kafka()
                + Supervisor.restarts(paths, "kafka").map(r -> "  (restarts: " + r + ")").orElse(""));
        for (MailService service : MailService.values()) {
            int port = ports.http(service);
            int status = ServiceProcess.healthStatus(port, "/q/health/ready");
            String state = switch (status) {
                case 200 -> "ready";
                case -1 -> "down";
                default -> "not ready (" + status + ")";
            };
            String restarts = Supervisor.restarts(paths, service.module()).map(r -> "  (restarts: " + r + ")").orElse("");
            allReady &= line(service.module(), state, "health http://127.0.0.1:" + port + "/q/health" + restarts);
        }
        return allReady ? 0 : 1;
    }

    private boolean line(String name, String state, String where) {
        out.printf("%-16s %-16s %s%n", name, state, where);
        return "ready".equals(state);
    }

    private static boolean accepts(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
