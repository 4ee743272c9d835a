package dev.dcp.scheduler.job;

import java.time.Instant;
import java.util.List;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;

public interface ReplicaRepository extends JpaRepository<Replica, String> {

    List<Replica> findByJobIdAndIdx(String jobId, int idx);

    List<Replica> findByJobIdOrderByIdx(String jobId);

    List<Replica> findByVerdictAndAnsweredAtIsNullAndLeaseUntilBefore(String verdict, Instant now, Limit limit);
}
