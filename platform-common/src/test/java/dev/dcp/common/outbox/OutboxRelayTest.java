package dev.dcp.common.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import dev.dcp.common.web.RequestId;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import javax.sql.DataSource;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class OutboxRelayTest {

    @Test
    void aRowsRequestIdIsSentAsTheRecordsHeaderAndARowWithoutOneSendsNone() throws Exception {
        MockProducer<String, String> producer =
                new MockProducer<>(true, null, new StringSerializer(), new StringSerializer());
        OutboxRelay relay = new OutboxRelay(
                outboxHolding(new Object[][] {
                    {1L, "dcp.subtasks", "k1", "{\"a\":1}", "req-9"}, {2L, "dcp.jobs.events", "k2", "{\"b\":2}", null}
                }),
                producer);

        assertThat(relay.relayOnce()).isEqualTo(2);

        List<ProducerRecord<String, String>> sent = producer.history();
        assertThat(sent).extracting(ProducerRecord::key).containsExactly("k1", "k2");
        assertThat(requestIdsOf(sent.get(0))).containsExactly("req-9");
        assertThat(requestIdsOf(sent.get(1))).isEmpty();
    }

    private static List<String> requestIdsOf(ProducerRecord<String, String> record) {
        return java.util.stream.StreamSupport.stream(
                        record.headers().headers(RequestId.HEADER).spliterator(), false)
                .map(Header::value)
                .map(v -> new String(v, StandardCharsets.UTF_8))
                .toList();
    }

    /** A database whose outbox holds these rows (id, topic, key, payload, request id) and accepts their deletion. */
    private static DataSource outboxHolding(Object[][] rows) throws Exception {
        DataSource dataSource = mock(DataSource.class);
        Connection connection = mock(Connection.class);
        PreparedStatement select = mock(PreparedStatement.class);
        PreparedStatement delete = mock(PreparedStatement.class);
        ResultSet rs = mock(ResultSet.class);
        when(dataSource.getConnection()).thenReturn(connection);
        when(connection.prepareStatement(anyString()))
                .thenAnswer(call -> ((String) call.getArgument(0)).startsWith("select") ? select : delete);
        when(connection.createArrayOf(anyString(), org.mockito.ArgumentMatchers.any()))
                .thenReturn(mock(Array.class));
        when(select.executeQuery()).thenReturn(rs);
        int[] at = {-1};
        when(rs.next()).thenAnswer(call -> ++at[0] < rows.length);
        when(rs.getLong(1)).thenAnswer(call -> rows[at[0]][0]);
        for (int column = 2; column <= 5; column++) {
            int c = column;
            when(rs.getString(c)).thenAnswer(call -> rows[at[0]][c - 1]);
        }
        return dataSource;
    }
}
