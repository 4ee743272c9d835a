package dev.dcp.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;

import dev.dcp.common.web.RequestId;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.mockito.ArgumentCaptor;
import org.slf4j.MDC;
import org.springframework.jdbc.core.JdbcTemplate;

class OutboxTest {

    private final JdbcTemplate jdbc = mock(JdbcTemplate.class);
    private final Outbox outbox = new Outbox(jdbc, mock(OutboxRelay.class));

    @AfterEach
    void clearMdc() {
        MDC.clear();
    }

    @Test
    void aMessageWrittenWhileARequestIsHandledKeepsItsRequestId() {
        MDC.put(RequestId.MDC_KEY, "req-7");

        outbox.appendAll(List.of(new Outbox.Message("t", "k1", "{}"), new Outbox.Message("t", "k2", "{}")));

        assertThat(requestIdsWritten()).containsExactly("req-7", "req-7");
    }

    @Test
    void aMessageWrittenOutsideAnyRequestHasNone() {
        outbox.append("t", "k", "{}");

        assertThat(requestIdsWritten()).containsExactly((String) null);
    }

    @Test
    void aBatchNamingSeveralRequestsPassesNoneOn() {
        MDC.put(RequestId.MDC_KEY, "req-1,req-2");

        outbox.append("t", "k", "{}");

        assertThat(requestIdsWritten()).containsExactly((String) null);
    }

    private String[] requestIdsWritten() {
        ArgumentCaptor<Object> args = ArgumentCaptor.forClass(Object.class);
        verify(jdbc).update(anyString(), args.capture(), args.capture(), args.capture(), args.capture());
        assertThat(args.getAllValues()).hasSize(4);
        return (String[]) args.getAllValues().get(3);
    }
}
