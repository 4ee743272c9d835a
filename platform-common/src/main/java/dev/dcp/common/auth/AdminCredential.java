package dev.dcp.common.auth;

import java.io.IOException;
import java.time.Duration;
import org.springframework.http.HttpRequest;
import org.springframework.http.client.ClientHttpRequestExecution;
import org.springframework.http.client.ClientHttpRequestInterceptor;
import org.springframework.http.client.ClientHttpResponse;

/**
 * For a service calling another's internal API: every request carries a fresh credential of the admin, the
 * authority services act with towards each other. Add it to a client with
 * {@code RestClient.Builder.requestInterceptor}.
 */
public final class AdminCredential implements ClientHttpRequestInterceptor {

    private static final Duration TTL = Duration.ofMinutes(1);

    private final ServiceCredential credential;

    public AdminCredential(ServiceCredential credential) {
        this.credential = credential;
    }

    @Override
    public ClientHttpResponse intercept(HttpRequest request, byte[] body, ClientHttpRequestExecution execution)
            throws IOException {
        request.getHeaders().set(ServiceCredential.HEADER, credential.issue(Caller.admin(), TTL));
        return execution.execute(request, body);
    }
}
