package dev.dcp.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import dev.dcp.testkit.house.HouseRules;

/**
 * The scheduler's package layering: {@code job} (the job, its subtasks and replicas, their store) at the bottom;
 * {@code dispatch}, {@code settle}, {@code worker}, {@code admission} on it; {@code lifecycle} (submit, cancel, lease
 * expiry, a job's ending) above them; {@code verify}, {@code progress} and {@code metrics} on top. The decisions
 * (splitting, reducing, the vote, where shards go) are plain Java. {@code storage} keeps objects: {@code object} (the
 * API, uploads, reads, sweeps) on {@code transfer} (commands to workers) and {@code placement}.
 */
@AnalyzeClasses(packages = "dev.dcp.scheduler", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule theFeaturePackagesDoNotDependOnEachOtherInALoop =
            HouseRules.featuresFreeOfCycles("dev.dcp.scheduler");

    @ArchTest
    static final ArchRule theJobPackageKnowsNothingOfWhatIsBuiltOnIt = noClasses()
            .that()
            .resideInAPackage("dev.dcp.scheduler.job..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.dcp.scheduler.admission..",
                    "dev.dcp.scheduler.dispatch..",
                    "dev.dcp.scheduler.lifecycle..",
                    "dev.dcp.scheduler.metrics..",
                    "dev.dcp.scheduler.progress..",
                    "dev.dcp.scheduler.settle..",
                    "dev.dcp.scheduler.verify..",
                    "dev.dcp.scheduler.worker..");

    @ArchTest
    static final ArchRule theKindsTheVoteSplittingAndReducingArePlainJava = HouseRules.plainJava(
            "dev.dcp.scheduler.kind..",
            "dev.dcp.scheduler.verify.vote..",
            "dev.dcp.scheduler.split..",
            "dev.dcp.scheduler.reduce..",
            "dev.dcp.scheduler.storage.placement..");

    @ArchTest
    static final ArchRule theDecisionsKeepNoMetrics = noClasses()
            .that()
            .resideInAnyPackage(
                    "dev.dcp.scheduler.kind..",
                    "dev.dcp.scheduler.verify.vote..",
                    "dev.dcp.scheduler.split..",
                    "dev.dcp.scheduler.reduce..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("io.micrometer..");

    @ArchTest
    static final ArchRule theVoteDependsOnNoOtherSchedulerPackage = noClasses()
            .that()
            .resideInAPackage("dev.dcp.scheduler.verify.vote..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "dev.dcp.scheduler.job..",
                    "dev.dcp.scheduler.lifecycle..",
                    "dev.dcp.scheduler.worker..",
                    "dev.dcp.scheduler.dispatch..");
}
