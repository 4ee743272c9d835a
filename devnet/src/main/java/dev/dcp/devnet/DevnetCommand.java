package dev.dcp.devnet;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ./dcp devnet}: the platform on this machine, on embedded PostgreSQL and Kafka. */
@Command(
        name = "devnet",
        mixinStandardHelpOptions = true,
        description = "Start dcp on this machine: embedded PostgreSQL and Kafka, every service, and workers.")
public final class DevnetCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "gateway port (default ${DEFAULT-VALUE})")
    int port;

    @Option(names = "--workers", defaultValue = "3", description = "number of workers (default ${DEFAULT-VALUE})")
    int workers;

    @Option(names = "--fresh", description = "wipe the devnet's state before starting")
    boolean fresh;

    @Option(
            names = "--consensus",
            description = "ledger consensus: solo, pow, pos or bft (default: the state's, else solo)")
    String consensus;

    @Option(
            names = "--validators",
            defaultValue = "0",
            description = "ledger validators for pos and bft (default: the state's, else 1)")
    int validators;

    @Option(
            names = "--data-dir",
            defaultValue = ".dcp/devnet",
            description = "state directory (default ${DEFAULT-VALUE})")
    Path dataDir;

    @Option(
            names = "--exit-when-ready",
            hidden = true,
            description = "start, then stop at once: the launcher's class-data training run")
    boolean exitWhenReady;

    public static void main(String[] args) {
        CommandLine cli = new CommandLine(new DevnetCommand());
        cli.setExecutionExceptionHandler((error, commandLine, parseResult) -> {
            Throwable root = error;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            System.err.println("dcp devnet failed to start: " + root.getMessage());
            System.err.println("details: " + System.getProperty("dcp.log.file", "the log"));
            return 1;
        });
        System.exit(cli.execute(args));
    }

    @Override
    public Integer call() throws Exception {
        if (workers < 0 || workers > 64) {
            throw new CommandLine.ParameterException(new CommandLine(this), "--workers must be between 0 and 64");
        }
        Path logFile = dataDir.toAbsolutePath().resolveSibling(dataDir.getFileName() + ".log");
        System.setProperty("dcp.log.file", logFile.toString());
        long start = System.nanoTime();
        Devnet devnet = Devnet.start(
                new DevnetConfig(dataDir, port, workers, System.getenv("DCP_ADMIN_KEY"), fresh, consensus, validators));
        if (exitWhenReady) {
            devnet.close();
            System.out.printf("trained: started in %.1f s%n", (System.nanoTime() - start) / 1e9);
            return 0;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime()
                .addShutdownHook(new Thread(
                        () -> {
                            System.out.println("dcp devnet stopping");
                            devnet.close();
                            stopped.countDown();
                        },
                        "devnet-stop"));
        System.out.println("dcp devnet ready: " + devnet.gatewayUrl());
        System.out.printf("started in %.1f s with %d workers%n", (System.nanoTime() - start) / 1e9, workers);
        System.out.println("admin key: " + devnet.adminKey());
        System.out.println("state: " + dataDir.toAbsolutePath() + "  logs: " + logFile);
        System.out.println("kafka: " + devnet.kafka().bootstrapServers()
                + " (SASL/SCRAM; a provider's workers log in with POST /api/v1/providers/me/broker-credentials)");
        stopped.await();
        return 0;
    }
}
