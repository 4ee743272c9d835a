package dev.dcp.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The scheduler's package layering: {@code job} (the job, its subtasks and replicas, their store) at the bottom;
 * {@code dispatch}, {@code settle}, {@code worker}, {@code admission} on it; {@code lifecycle} (submit, cancel, lease
 * expiry, a job's ending) above them; {@code verify}, {@code progress} and {@code metrics} on top. The decisions
 * (splitting, reducing, the vote) are plain Java.
 */
@AnalyzeClasses(packages = "dev.dcp.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    private static final String[] FRAMEWORKS = {"org.springframework..", "java.sql..", "javax.sql..",
            "org.apache.kafka..", "jakarta.persistence..", "io.micrometer.."};

    @ArchTest
    static final ArchRule theFeaturePackagesDoNotDependOnEachOtherInALoop =
            slices().matching("dev.dcp.scheduler.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule theJobPackageKnowsNothingOfWhatIsBuiltOnIt = noClasses()
            .that().resideInAPackage("dev.dcp.scheduler.job..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dcp.scheduler.admission..",
                    "dev.dcp.scheduler.dispatch..", "dev.dcp.scheduler.lifecycle..", "dev.dcp.scheduler.metrics..",
                    "dev.dcp.scheduler.progress..", "dev.dcp.scheduler.settle..", "dev.dcp.scheduler.verify..",
                    "dev.dcp.scheduler.worker..");

    @ArchTest
    static final ArchRule theVoteSplittingAndReducingArePlainJava = noClasses()
            .that().resideInAnyPackage("dev.dcp.scheduler.verify.vote..", "dev.dcp.scheduler.split..",
                    "dev.dcp.scheduler.reduce..")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);

    // JobKinds (the registry bean) and WordcountJob's HttpStatus belong to the wire contract's change
    @ArchTest
    static final ArchRule theJobKindsArePlainJava = noClasses()
            .that().resideInAPackage("dev.dcp.scheduler.kind..")
            .and().doNotHaveSimpleName("JobKinds").and().doNotHaveSimpleName("WordcountJob")
            .should().dependOnClassesThat().resideInAnyPackage(FRAMEWORKS);

    @ArchTest
    static final ArchRule theVoteDependsOnNoOtherSchedulerPackage = noClasses()
            .that().resideInAPackage("dev.dcp.scheduler.verify.vote..")
            .should().dependOnClassesThat().resideInAnyPackage("dev.dcp.scheduler.job..",
                    "dev.dcp.scheduler.lifecycle..", "dev.dcp.scheduler.worker..", "dev.dcp.scheduler.dispatch..");
}
