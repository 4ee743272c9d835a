package dev.dcp.contract.bus;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How contract-service issues providers' broker credentials.
 *
 * @param issuerUsername    the credential issuer's own login (a principal with ALTER on the cluster, used for
 *                          nothing else); empty when the bus takes no credentials, and then none are issued
 * @param issuerPassword    its password
 * @param issuerMechanism   its SASL mechanism
 * @param bootstrapServers  the address providers' workers are told to connect to (empty: the service's own)
 * @param reconcileInterval how often credentials are checked against stakes and the broker
 */
@ConfigurationProperties("dcp.contract.bus")
public record BusProperties(
        @DefaultValue("") String issuerUsername,
        @DefaultValue("") String issuerPassword,
        @DefaultValue("SCRAM-SHA-512") String issuerMechanism,
        @DefaultValue("") String bootstrapServers,
        @DefaultValue("5s") Duration reconcileInterval) {

    @Override
    public String toString() {
        return "BusProperties[issuer=" + issuerUsername + ", bootstrapServers=" + bootstrapServers + "]";
    }
}
