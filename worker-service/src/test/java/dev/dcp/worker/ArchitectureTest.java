package dev.dcp.worker;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.dcp.testkit.house.HouseRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses WORKER = HouseRules.classesOfThisModule("dev.dcp.worker");

    @Test
    void theWorkersFeaturePackagesImportEachOtherInNoLoop() {
        HouseRules.featuresFreeOfCycles("dev.dcp.worker").check(WORKER);
    }

    @Test
    void theKernelsArePlainJava() {
        HouseRules.plainJava("dev.dcp.worker.kernel.*..").check(WORKER);
    }
}
