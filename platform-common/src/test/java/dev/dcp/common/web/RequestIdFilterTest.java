package dev.dcp.common.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.MDC;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

class RequestIdFilterTest {

    private final RequestIdFilter filter = new RequestIdFilter();
    private final List<String> seenInMdc = new ArrayList<>();

    @Test
    void theRequestIdIsInTheLogContextWhileTheRequestIsHandledAndGoneAfter() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/jobs");
        request.addHeader(RequestId.HEADER, "req-42");

        filter.doFilter(request, new MockHttpServletResponse(), recordingMdc());

        assertThat(seenInMdc).containsExactly("req-42");
        assertThat(MDC.get(RequestId.MDC_KEY)).isNull();
    }

    @Test
    void anInsaneRequestIdIsNotLogged() throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/v1/jobs");
        request.addHeader(RequestId.HEADER, "forged\nERROR something else");

        filter.doFilter(request, new MockHttpServletResponse(), recordingMdc());

        assertThat(seenInMdc).containsOnlyNulls();
    }

    @Test
    void aRequestWithoutOneGetsNoneInventedByTheService() throws Exception {
        filter.doFilter(
                new MockHttpServletRequest("GET", "/api/v1/jobs"), new MockHttpServletResponse(), recordingMdc());

        assertThat(seenInMdc).containsOnlyNulls();
    }

    private MockFilterChain recordingMdc() {
        return new MockFilterChain(new jakarta.servlet.http.HttpServlet() {
            @Override
            protected void service(
                    jakarta.servlet.http.HttpServletRequest req, jakarta.servlet.http.HttpServletResponse resp) {
                seenInMdc.add(MDC.get(RequestId.MDC_KEY));
            }
        });
    }
}
