package dev.dcp.cli;

import dev.dcp.cli.account.AccountCommand;
import dev.dcp.cli.account.ProviderCommand;
import dev.dcp.cli.account.StatementCommand;
import dev.dcp.cli.admin.AuditCommand;
import dev.dcp.cli.admin.DepositCommand;
import dev.dcp.cli.admin.TenantsCommand;
import dev.dcp.cli.api.ApiProblem;
import dev.dcp.cli.config.ClientSettings;
import dev.dcp.cli.config.LoginCommand;
import dev.dcp.cli.job.CancelCommand;
import dev.dcp.cli.job.JobCommand;
import dev.dcp.cli.job.JobsCommand;
import dev.dcp.cli.job.SubmitCommand;
import dev.dcp.cli.job.SubtasksCommand;
import dev.dcp.cli.job.WatchCommand;
import dev.dcp.cli.ledger.LedgerCommand;
import dev.dcp.cli.object.GetCommand;
import dev.dcp.cli.object.PutCommand;
import dev.dcp.cli.worker.WorkersCommand;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import picocli.AutoComplete;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code dcp} command: a client of the public API, through the gateway only. */
@Command(
        name = "dcp",
        mixinStandardHelpOptions = true,
        versionProvider = Dcp.Version.class,
        description = "Submit and watch jobs, read the chain and manage accounts on a dcp platform.",
        subcommands = {
            LoginCommand.class,
            SubmitCommand.class,
            JobsCommand.class,
            JobCommand.class,
            WatchCommand.class,
            CancelCommand.class,
            SubtasksCommand.class,
            PutCommand.class,
            GetCommand.class,
            WorkersCommand.class,
            AccountCommand.class,
            StatementCommand.class,
            ProviderCommand.class,
            LedgerCommand.class,
            TenantsCommand.class,
            DepositCommand.class,
            AuditCommand.class,
            AutoComplete.GenerateCompletion.class,
            CommandLine.HelpCommand.class
        },
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:done (a watched job COMPLETED, a check passed)",
            "1:a watched job FAILED or was CANCELLED, or a verification failed",
            "2:usage: an unknown command or option, or a missing or malformed argument",
            "3:the API refused the call or could not be reached (its problem's title and detail are printed)"
        })
public final class Dcp implements Runnable {

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int USAGE = 2;
    public static final int API_ERROR = 3;

    @Option(
            names = "--url",
            scope = ScopeType.INHERIT,
            paramLabel = "URL",
            description = "The gateway's base URL (default: DCP_URL, then `dcp login`'s, then "
                    + ClientSettings.DEFAULT_URL + ").")
    String url;

    @Option(
            names = "--key",
            scope = ScopeType.INHERIT,
            paramLabel = "KEY",
            description = "The API key (default: DCP_API_KEY, then `dcp login`'s).")
    String key;

    @Option(
            names = "--json",
            scope = ScopeType.INHERIT,
            description = "Print the API's JSON answer (with --watch: the final job) instead of tables.")
    boolean json;

    private final Session session;

    Dcp(Session session) {
        this.session = session;
    }

    Session session() {
        return session;
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(new CommandLine(this), "a command is required");
    }

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true, StandardCharsets.UTF_8);
        PrintWriter err = new PrintWriter(System.err, true, StandardCharsets.UTF_8);
        boolean terminal =
                System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
        System.exit(run(args, new Session(System.getenv(), out, err, terminal, Clock.systemUTC())));
    }

    /** Runs one command line in this session and answers its exit code. */
    public static int run(String[] args, Session session) {
        CommandLine cli = new CommandLine(new Dcp(session));
        cli.setOut(session.out());
        cli.setErr(session.err());
        // picocli answers USAGE (2) for a bad command line by itself, also for one a command refuses while running
        cli.setExecutionExceptionHandler((e, command, parsed) -> {
            if (e instanceof ApiProblem p) {
                report(session.err(), p);
            } else {
                session.err().println("error: " + e);
                session.err().flush();
            }
            return API_ERROR;
        });
        CommandLine completion = cli.getSubcommands().get("generate-completion");
        if (completion != null) {
            completion.getCommandSpec().usageMessage().hidden(false);
        }
        int code = cli.execute(args);
        session.out().flush();
        session.err().flush();
        return code;
    }

    /** The problem as the API stated it: its status and title, its detail, and each invalid field. */
    static void report(PrintWriter err, ApiProblem p) {
        err.println("error: " + (p.status() > 0 ? p.status() + " " : "") + p.title());
        if (p.detail() != null && !p.detail().isBlank()) {
            err.println("  " + p.detail());
        }
        p.errors().forEach(f -> err.println("  " + f.field() + ": " + f.message()));
        err.flush();
    }

    /** The version in the jar's manifest, when run from the jar. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = Dcp.class.getPackage().getImplementationVersion();
            return new String[] {"dcp " + (v == null ? "(development build)" : v)};
        }
    }
}
