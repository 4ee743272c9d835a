package dev.dcp.contract.bus;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

interface BrokerCredentialRepository extends JpaRepository<BrokerCredential, String> {

    List<BrokerCredential> findByStatus(String status);
}
