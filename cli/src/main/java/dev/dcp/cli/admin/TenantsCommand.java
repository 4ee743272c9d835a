package dev.dcp.cli.admin;

import dev.dcp.cli.ApiCommand;
import dev.dcp.cli.CommandGroup;
import dev.dcp.cli.Dcp;
import dev.dcp.cli.Session;
import dev.dcp.cli.api.ApiClient;
import dev.dcp.cli.output.Printer;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
        name = "tenants",
        mixinStandardHelpOptions = true,
        description = "The admin's tenants.",
        subcommands = TenantsCommand.Create.class)
public final class TenantsCommand extends CommandGroup {

    @Command(
            name = "create",
            mixinStandardHelpOptions = true,
            description = "Create a tenant (admin). Its API key is printed once: only its hash is kept.")
    static final class Create extends ApiCommand {

        enum Role {
            consumer,
            provider
        }

        @Option(names = "--name", required = true, description = "The tenant's name.")
        String name;

        @Option(names = "--role", required = true, description = "consumer or provider.")
        Role role;

        @Override
        protected int run(ApiClient api, Printer printer, Session session) {
            Map<String, Object> tenant = api.post("/api/v1/tenants", Map.of("name", name, "role", role.name()));
            printer.resource(tenant);
            if (!printer.json()) {
                session.err().println("the apiKey above is shown this once: keep it");
                session.err().flush();
            }
            return Dcp.DONE;
        }
    }
}
