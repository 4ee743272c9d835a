package dev.dcp.cli;

import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.config.ClientSettings;
import dev.dcp.cli.output.Printer;
import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * A command that calls the API with the client that {@code --url} and {@code --key} make (options of the root
 * command, accepted before or after the command's name). What a command does is in {@link #run}; its answer is the
 * exit code.
 */
public abstract class ApiCommand implements Callable<Integer> {

    @Spec
    protected CommandSpec spec;

    @Override
    public final Integer call() {
        Dcp root = (Dcp) spec.root().userObject();
        Session session = root.session();
        ClientSettings settings = ClientSettings.resolve(root.url, root.key, session.env());
        return run(new ApiClient(settings.url(), settings.key()), new Printer(session.out(), root.json), session);
    }

    /** The {@code --url} given, or null. */
    protected String url() {
        return ((Dcp) spec.root().userObject()).url;
    }

    /** The {@code --key} given, or null. */
    protected String key() {
        return ((Dcp) spec.root().userObject()).key;
    }

    protected abstract int run(ApiClient api, Printer printer, Session session);
}
