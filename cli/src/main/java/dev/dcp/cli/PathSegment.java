package dev.dcp.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** An id the CLI puts into a URL path: what cannot be one is refused before anything is sent. */
public final class PathSegment {

    private PathSegment() {}

    public static String checked(CommandSpec spec, String value, String what) {
        if (!value.matches("[A-Za-z0-9_-]{1,128}")) {
            throw new ParameterException(spec.commandLine(), "'" + value + "' is not a " + what);
        }
        return value;
    }
}
