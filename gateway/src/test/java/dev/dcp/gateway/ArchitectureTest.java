package dev.dcp.gateway;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.dcp.testkit.house.HouseRules;
import org.junit.jupiter.api.Test;

class ArchitectureTest {

    private static final JavaClasses GATEWAY = HouseRules.classesOfThisModule("dev.dcp.gateway");

    @Test
    void theGatewaysFeaturePackagesImportEachOtherInNoLoop() {
        HouseRules.featuresFreeOfCycles("dev.dcp.gateway").check(GATEWAY);
    }
}
