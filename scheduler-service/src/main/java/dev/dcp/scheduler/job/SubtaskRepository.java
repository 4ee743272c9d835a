package dev.dcp.scheduler.job;

import java.util.List;
import org.springframework.data.jpa.repository.JpaRepository;

public interface SubtaskRepository extends JpaRepository<Subtask, String> {

    List<Subtask> findByJobIdOrderByIdx(String jobId);
}
