package dev.dcp.testkit.house;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.lang.ArchRule;
import java.util.Arrays;

/**
 * The rules of the house that a test can check (docs/architecture.md): each module's tests apply them to its own
 * classes, and the devnet's, which sees every module, to the ties between modules.
 */
public final class HouseRules {

    /** The root package of each service; none may use another's classes. */
    private static final String[] SERVICES = {
        "dev.dcp.ledger", "dev.dcp.contract", "dev.dcp.scheduler", "dev.dcp.worker", "dev.dcp.gateway"
    };

    /** What the domain must not know about: the framework, the database, the bus and the web. */
    private static final String[] INFRASTRUCTURE = {
        "org.springframework..",
        "jakarta.persistence..",
        "org.hibernate..",
        "java.sql..",
        "javax.sql..",
        "org.apache.kafka..",
        "jakarta.servlet..",
    };

    private HouseRules() {}

    /**
     * The feature packages right under a root (with everything beneath each) import each other in no loop, so every
     * package has a place above or below every other it knows.
     */
    public static ArchRule featuresFreeOfCycles(String rootPackage) {
        return slices().matching(rootPackage + ".(*)..")
                .namingSlices("$1")
                .should()
                .beFreeOfCycles()
                .as("the feature packages of " + rootPackage + " import each other in no loop");
    }

    /** The domain packages are plain Java: decisions tested without a framework, a database or a broker. */
    public static ArchRule plainJava(String... domainPackages) {
        return noClasses()
                .that()
                .resideInAnyPackage(domainPackages)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(INFRASTRUCTURE)
                .as("the domain packages " + Arrays.toString(domainPackages)
                        + " use no Spring, JDBC, JPA, Kafka or servlet types");
    }

    /** A service's classes use no other service's classes: services talk over HTTP and Kafka only. */
    public static ArchRule usesNoOtherService(String ownRootPackage) {
        String[] others = Arrays.stream(SERVICES)
                .filter(service -> !service.equals(ownRootPackage))
                .map(service -> service + "..")
                .toArray(String[]::new);
        return noClasses()
                .that()
                .resideInAPackage(ownRootPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(others)
                .as(ownRootPackage + " uses no other service's classes");
    }

    /** A shared module (the kernel, the test kit) knows no service and no devnet. */
    public static ArchRule knowsNoService(String sharedRootPackage) {
        String[] services =
                Arrays.stream(SERVICES).map(service -> service + "..").toArray(String[]::new);
        String[] forbidden = Arrays.copyOf(services, services.length + 1);
        forbidden[services.length] = "dev.dcp.devnet..";
        return noClasses()
                .that()
                .resideInAPackage(sharedRootPackage + "..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(forbidden)
                .as(sharedRootPackage + " knows no service");
    }
}
