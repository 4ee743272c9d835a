package dev.dcp.devnet;

import com.tngtech.archunit.core.domain.JavaClasses;
import dev.dcp.testkit.house.HouseRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The ties between modules, checked where every module is on the class path: each service's own tests check its
 * packages (cycles, a plain domain); this one checks that no module reaches into another it must not know.
 */
class HouseRulesTest {

    private static final JavaClasses PLATFORM = HouseRules.classesOnTheClassPath("dev.dcp");

    static String[] services() {
        return HouseRules.SERVICES;
    }

    @ParameterizedTest(name = "{0} uses no other service")
    @MethodSource("services")
    void aServiceUsesNoOtherServicesClasses(String service) {
        HouseRules.usesNoOtherService(service).check(PLATFORM);
    }

    @Test
    void theSharedKernelKnowsNoService() {
        HouseRules.knowsNoService("dev.dcp.common").check(PLATFORM);
    }

    @Test
    void theTestKitKnowsNoService() {
        HouseRules.knowsNoService("dev.dcp.testkit").check(PLATFORM);
    }

    @Test
    void theSharedKernelsEncodingsAndRecordsArePlainJava() {
        HouseRules.plainJava("dev.dcp.common.crypto..", "dev.dcp.common.json..", "dev.dcp.common.ledger..",
                        "dev.dcp.common.event..")
                .check(PLATFORM);
    }

    @Test
    void theSharedKernelsPackagesImportEachOtherInNoLoop() {
        HouseRules.featuresFreeOfCycles("dev.dcp.common").check(PLATFORM);
    }
}
