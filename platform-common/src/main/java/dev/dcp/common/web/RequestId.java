package dev.dcp.common.web;

import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * The id that follows one client request through the platform: the gateway answers and forwards it as
 * {@value #HEADER}, each service keeps it in the SLF4J MDC as {@value #MDC_KEY} (its log pattern prints it), the
 * outbox stores it with each message and Kafka records carry it as a header of the same name.
 */
public final class RequestId {

    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";

    // what may be echoed into logs and headers: no spaces, no line breaks, not unbounded
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

    private RequestId() {}

    /** The id if it is fit to log and echo, otherwise null. */
    public static String saneOrNull(String candidate) {
        return candidate != null && SANE.matcher(candidate).matches() ? candidate : null;
    }

    /** The client's id if it sent a sane one, otherwise a new one. */
    public static String saneOrNew(String candidate) {
        String sane = saneOrNull(candidate);
        return sane != null ? sane : UUID.randomUUID().toString();
    }

    /** The id of the request or record being handled on this thread, or null. */
    public static String current() {
        return MDC.get(MDC_KEY);
    }
}
