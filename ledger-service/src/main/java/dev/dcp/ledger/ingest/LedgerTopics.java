package dev.dcp.ledger.ingest;

import dev.dcp.common.event.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The ledger's topics, created at start-up where they do not exist: one partition each, for a total order. */
@Configuration(proxyBeanMethods = false)
class LedgerTopics {

    @Bean
    NewTopic ledgerTransactions() {
        return new NewTopic(Topics.LEDGER_TX, 1, (short) 1);
    }

    @Bean
    NewTopic ledgerVotes() {
        return new NewTopic(Topics.LEDGER_VOTES, 1, (short) 1);
    }

    @Bean
    NewTopic ledgerBlocks() {
        return new NewTopic(Topics.LEDGER_BLOCKS, 1, (short) 1);
    }
}
