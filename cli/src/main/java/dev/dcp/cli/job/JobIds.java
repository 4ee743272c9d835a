package dev.dcp.cli.job;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** A job id is put into a URL path: refuse what cannot be one before anything is sent. */
final class JobIds {

    private JobIds() {}

    static String checked(CommandSpec spec, String id) {
        if (!id.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new ParameterException(spec.commandLine(), "'" + id + "' is not a job id");
        }
        return id;
    }
}
