package dev.dcp.cli;

import picocli.CommandLine.Option;

/** The paging every list of the API takes, mixed into each command that prints one. */
public final class PageOptions {

    @Option(names = "--limit", description = "At most this many (default 50, at most 500).")
    Integer limit;

    @Option(names = "--cursor", description = "The next page, as the previous page's nextCursor.")
    String cursor;

    /** {@code limit} and {@code cursor} after the given query parameters, for {@link dev.dcp.cli.api.ApiClient#path}. */
    public Object[] query(Object... namesAndValues) {
        Object[] all = java.util.Arrays.copyOf(namesAndValues, namesAndValues.length + 4);
        all[namesAndValues.length] = "limit";
        all[namesAndValues.length + 1] = limit;
        all[namesAndValues.length + 2] = "cursor";
        all[namesAndValues.length + 3] = cursor;
        return all;
    }
}
