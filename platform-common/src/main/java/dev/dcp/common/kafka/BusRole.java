package dev.dcp.common.kafka;

import static org.apache.kafka.common.acl.AclOperation.ALTER;
import static org.apache.kafka.common.acl.AclOperation.CREATE;
import static org.apache.kafka.common.acl.AclOperation.DESCRIBE;
import static org.apache.kafka.common.acl.AclOperation.READ;
import static org.apache.kafka.common.acl.AclOperation.WRITE;
import static org.apache.kafka.common.resource.PatternType.LITERAL;
import static org.apache.kafka.common.resource.PatternType.PREFIXED;
import static org.apache.kafka.common.resource.ResourceType.CLUSTER;
import static org.apache.kafka.common.resource.ResourceType.GROUP;
import static org.apache.kafka.common.resource.ResourceType.TOPIC;

import dev.dcp.common.event.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;

/**
 * Who may do what on the bus: one principal per role, and each role only what its code does (Kafka's READ and
 * WRITE imply DESCRIBE). The devnet grants these, contract-service grants {@link #PROVIDER} to each provider it
 * issues credentials to, and the Kubernetes manifests spell out the same table (checked by a test).
 */
public enum BusRole {

    /** A ledger replica: reads the transactions and the votes, writes votes, blocks and cut markers. */
    VALIDATOR(withTopicCreation(List.of(
            topic(Topics.LEDGER_TX, READ),
            topic(Topics.LEDGER_TX, WRITE),
            topic(Topics.LEDGER_VOTES, READ),
            topic(Topics.LEDGER_VOTES, WRITE),
            topic(Topics.LEDGER_BLOCKS, WRITE)))),

    /**
     * The scheduler: hands out subtasks, reads results and heartbeats, announces jobs, submits transactions, sends
     * shards and storage commands and reads the workers' storage replies.
     */
    SCHEDULER(withTopicCreation(List.of(
            topic(Topics.SUBTASKS, WRITE),
            topic(Topics.RESULTS, READ),
            topic(Topics.WORKERS, READ),
            topic(Topics.JOB_EVENTS, READ),
            topic(Topics.JOB_EVENTS, WRITE),
            topic(Topics.JOB_CANCELLATIONS, WRITE),
            topic(Topics.LEDGER_TX, WRITE),
            topic(Topics.deadLetter(Topics.RESULTS), WRITE),
            topic(Topics.deadLetter(Topics.WORKERS), WRITE),
            topic(Topics.deadLetter(Topics.JOB_EVENTS), WRITE),
            topic(Topics.STORAGE_COMMANDS, WRITE),
            topic(Topics.STORAGE_REPLIES, READ),
            group("scheduler", LITERAL),
            group("scheduler-workers", LITERAL),
            group("scheduler-progress-", PREFIXED)))),

    /** contract-service: slashes on outvotes it reads from the job events, submits transactions. */
    CONTRACT(withTopicCreation(List.of(
            topic(Topics.JOB_EVENTS, READ),
            topic(Topics.LEDGER_TX, WRITE),
            topic(Topics.deadLetter(Topics.JOB_EVENTS), WRITE),
            group("contract-slashing", LITERAL)))),

    /**
     * One provider's workers: consume subtasks in the shared group, learn of cancelled jobs, answer and report, keep
     * shards (their own partition of the storage commands, offsets under a group of their own) and reply.
     * Nothing else: no job events, no ledger, no other group, no topic or configuration changes.
     */
    PROVIDER(List.of(
            topic(Topics.SUBTASKS, READ),
            group("workers", LITERAL),
            topic(Topics.JOB_CANCELLATIONS, READ),
            group("worker-cancellations-", PREFIXED),
            topic(Topics.RESULTS, WRITE),
            topic(Topics.WORKERS, WRITE),
            topic(Topics.deadLetter(Topics.SUBTASKS), WRITE),
            topic(Topics.STORAGE_COMMANDS, READ),
            group("worker-storage-", PREFIXED),
            topic(Topics.STORAGE_REPLIES, WRITE))),

    /**
     * Whoever issues providers' credentials (contract-service, under a principal of its own): Kafka lets only a
     * principal with ALTER on the cluster set SCRAM credentials and ACLs.
     */
    CREDENTIAL_ISSUER(List.of(cluster(ALTER), cluster(DESCRIBE)));

    /** One permission of a role. */
    public record Grant(ResourceType resourceType, String name, PatternType patternType, AclOperation operation) {

        public AclBinding bindingFor(String username) {
            return new AclBinding(
                    new ResourcePattern(resourceType, name, patternType),
                    new AccessControlEntry(principal(username), "*", operation, AclPermissionType.ALLOW));
        }
    }

    /** Kafka's cluster resource has this one name. */
    public static final String CLUSTER_NAME = "kafka-cluster";

    private final List<Grant> grants;

    BusRole(List<Grant> grants) {
        this.grants = List.copyOf(grants);
    }

    public List<Grant> grants() {
        return grants;
    }

    public List<AclBinding> bindingsFor(String username) {
        return grants.stream().map(g -> g.bindingFor(username)).toList();
    }

    public static String principal(String username) {
        return "User:" + username;
    }

    /** The services declare the platform's topics at start-up (only they may create topics). */
    private static List<Grant> withTopicCreation(List<Grant> grants) {
        List<Grant> all = new ArrayList<>(grants);
        all.add(new Grant(TOPIC, "dcp.", PREFIXED, CREATE));
        all.add(new Grant(TOPIC, "dcp.", PREFIXED, DESCRIBE));
        return all;
    }

    private static Grant topic(String name, AclOperation operation) {
        return new Grant(TOPIC, name, LITERAL, operation);
    }

    private static Grant group(String name, PatternType pattern) {
        return new Grant(GROUP, name, pattern, READ);
    }

    private static Grant cluster(AclOperation operation) {
        return new Grant(CLUSTER, CLUSTER_NAME, LITERAL, operation);
    }
}
