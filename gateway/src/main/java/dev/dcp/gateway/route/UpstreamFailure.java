package dev.dcp.gateway.route;

import java.net.SocketTimeoutException;
import java.util.Locale;

/** What went wrong calling a service, as the client is told it. */
final class UpstreamFailure {

    private UpstreamFailure() {}

    /**
     * Whether the service accepted the request and then did not answer within the read timeout; a connection
     * that could not even be opened in time is "not reachable" like a refused one.
     */
    static boolean isTimeout(Throwable error) {
        for (Throwable t = error; t != null; t = t.getCause()) {
            if (t instanceof SocketTimeoutException timeout) {
                String message = timeout.getMessage();
                return message == null || !message.toLowerCase(Locale.ROOT).contains("connect");
            }
        }
        return false;
    }
}
