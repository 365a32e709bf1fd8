package org.lakehouse.runner.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The runner's boundaries, enforced: the daemon knows no UI nor the CLI (they are wired around it by the assembly);
 * the trigger root, claims, ledger and trigger format know no daemon; the core and continuous mode run without Spark;
 * the runner's packages form no cycle.
 */
class RunnerBoundariesTest {
    private static JavaClasses classes;

    @BeforeAll
    static void load() {
        classes = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lakehouse.runner", "org.lakehouse.cli");
    }

    @Test
    void theDaemonKnowsNoUiNorTheCommandLine() {
        noClasses().that().resideInAPackage("org.lakehouse.runner.daemon..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lakehouse.runner.http..",
                        "org.lakehouse.runner.console..", "org.lakehouse.runner.schedule..",
                        "org.lakehouse.runner.assembly..", "org.lakehouse.runner.bench..", "org.lakehouse.cli..")
                .because("HTTP, the console and the fallbacks are composed around the daemon (RunnerApp)")
                .check(classes);
    }

    @Test
    void theCoreKnowsNoDaemon() {
        noClasses().that().resideInAnyPackage("org.lakehouse.runner.root..", "org.lakehouse.runner.claim..",
                "org.lakehouse.runner.ledger..", "org.lakehouse.runner.trigger..", "org.lakehouse.runner.watch..",
                "org.lakehouse.runner.retry..", "org.lakehouse.runner.config..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lakehouse.runner.daemon..",
                        "org.lakehouse.runner.assembly..", "org.lakehouse.runner.http..",
                        "org.lakehouse.runner.console..", "org.lakehouse.cli..")
                .check(classes);
    }

    @Test
    void onlyTheClaimStrategysImplementationKnowsHowClaimsAreStored() {
        noClasses().that().resideOutsideOfPackages("org.lakehouse.runner.claim.local..")
                .and().resideOutsideOfPackage("org.lakehouse.runner.daemon..")
                .should().dependOnClassesThat().resideInAPackage("org.lakehouse.runner.claim.local..")
                .because("everyone else goes through ClaimStrategy; only the daemon's start chooses the strategy")
                .check(classes);
    }

    /**
     * The runner's core runs without Spark: Spark is the launcher's business (and the console's Gold reader's). Checked
     * transitively through the jobs module's classes it uses (their metrics, broker addresses, bronze's checkpoint
     * reader), so a Spark-free helper that grows a Spark import is caught too.
     */
    @Test
    void theCoreRunsWithoutSpark() {
        JavaClasses withJobs = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.lakehouse.runner", "org.lakehouse.jobs");
        noClasses().that().resideInAnyPackage("org.lakehouse.runner.daemon..", "org.lakehouse.runner.claim..",
                "org.lakehouse.runner.ledger..", "org.lakehouse.runner.root..", "org.lakehouse.runner.trigger..",
                "org.lakehouse.runner.watch..", "org.lakehouse.runner.retry..", "org.lakehouse.runner.config..",
                "org.lakehouse.runner.result..", "org.lakehouse.runner.continuous..")
                .should().transitivelyDependOnClassesThat().resideInAnyPackage("org.apache.spark..", "io.delta..",
                        "scala..")
                .because("the daemon, its root, claims and ledger, and continuous mode work without Spark")
                .check(withJobs);
    }

    @Test
    void continuousModeKnowsNoDaemon() {
        noClasses().that().resideInAPackage("org.lakehouse.runner.continuous..")
                .should().dependOnClassesThat().resideInAnyPackage("org.lakehouse.runner.daemon..",
                        "org.lakehouse.runner.assembly..", "org.lakehouse.runner.http..",
                        "org.lakehouse.runner.console..", "org.lakehouse.cli..")
                .because("it asks the runner through ContinuousHost; the assembly wires it to the daemon")
                .check(classes);
    }

    @Test
    void theRunnersPackagesFormNoCycle() {
        slices().matching("org.lakehouse.runner.(*)..").should().beFreeOfCycles().check(classes);
    }
}
