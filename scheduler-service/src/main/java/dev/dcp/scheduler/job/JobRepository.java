package dev.dcp.scheduler.job;

import jakarta.persistence.LockModeType;
import java.util.List;
import java.util.Optional;
import org.springframework.data.domain.Limit;
import org.springframework.data.jpa.repository.JpaRepository;
import org.springframework.data.jpa.repository.Lock;
import org.springframework.data.jpa.repository.Query;

public interface JobRepository extends JpaRepository<Job, String> {

    @Lock(LockModeType.PESSIMISTIC_WRITE)
    @Query("select j from Job j where j.id = ?1")
    Optional<Job> lockById(String id);

    @Query("""
            select j from Job j where (?1 is null or j.tenantId = ?1) and (?2 is null or j.status = ?2)
              and (j.submittedAt < ?3 or (j.submittedAt = ?3 and j.id < ?4))
            order by j.submittedAt desc, j.id desc""")
    List<Job> page(String tenantId, JobStatus status, java.time.Instant beforeAt, String beforeId, Limit limit);
}
