package dev.dcp.ledger.consensus;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class VoteBookConfiguration {

    @Bean
    VoteBook voteBook(ValidatorSet validators) {
        return new VoteBook(validators);
    }
}
