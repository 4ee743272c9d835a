package dev.dcp.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** A command that only groups subcommands ({@code ledger}, {@code provider}, {@code tenants}): alone, it is a usage error. */
public abstract class CommandGroup implements Runnable {

    @Spec
    CommandSpec spec;

    @Override
    public final void run() {
        throw new ParameterException(
                spec.commandLine(),
                "which one? " + String.join(", ", spec.subcommands().keySet()));
    }
}
