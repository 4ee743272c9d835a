package dev.dcp.common.web;

/** The list conventions of API.md: {@code ?limit=} defaults to 50 and may not exceed 500. */
public final class Paging {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 500;

    private Paging() {}

    /** The page size asked for, or a 400 problem naming {@code limit}. */
    public static int limit(Integer requested) {
        int limit = requested == null ? DEFAULT_LIMIT : requested;
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ProblemException.invalid("limit", "must be between 1 and " + MAX_LIMIT);
        }
        return limit;
    }
}
