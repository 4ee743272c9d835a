package dev.dcp.contract.provider;

import jakarta.persistence.LockModeType;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface WorkerRepository extends JpaRepository<Worker, String> {

    Optional<Worker> findByPublicKey(String publicKey);

    List<Worker> findByPublicKeyIn(Collection<String> publicKeys);

    List<Worker> findByProviderId(String providerId);

    @Query("select w.consecutiveValid from Worker w where w.providerId = ?1")
    List<Long> consecutiveValidByProviderId(String providerId);

    /** Worker rows are taken after account rows, and in id order, by everyone who changes them. */
    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select w from Worker w where w.publicKey in ?1 order by w.id")
    List<Worker> lockByPublicKeys(Collection<String> publicKeys);
}
