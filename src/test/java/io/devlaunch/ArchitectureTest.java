package io.devlaunch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.Architectures.LayeredArchitecture;
import com.tngtech.archunit.library.Architectures;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The package map of docs/architecture.md as rules the build enforces: a change that adds an edge
 * the map does not allow, or closes a cycle, fails {@code mvn verify} here instead of waiting for a
 * reader to notice. ArchUnit reads the bytecode, so a fully qualified name in code is an edge too
 * (an import graph misses it). Changing the map means changing {@link #MAY_USE} and the document.
 */
@AnalyzeClasses(packages = "io.devlaunch", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    /**
     * Each package and the devlaunch packages it may use; {@code io.devlaunch} itself (exit codes, Os, TextEscape) is
     * open to all.
     */
    static final Map<String, List<String>> MAY_USE = new LinkedHashMap<>();

    static {
        // leaves: one concern each, nothing of devlaunch beneath them
        MAY_USE.put("json", List.of());
        MAY_USE.put("lines", List.of());
        MAY_USE.put("manifest", List.of());
        MAY_USE.put("proxy", List.of());
        MAY_USE.put("watch", List.of());
        MAY_USE.put("completion", List.of());
        // the mechanisms supervise composes
        MAY_USE.put("output", List.of("lines"));
        MAY_USE.put("process", List.of("manifest", "lines"));
        MAY_USE.put("health", List.of("manifest"));
        MAY_USE.put("ports", List.of("process"));
        MAY_USE.put("supervise", List.of("json", "lines", "manifest", "process", "health", "ports", "output", "proxy",
                "watch"));
        // the front doors into a running supervisor, and its records on disk
        MAY_USE.put("runstate", List.of("json", "manifest", "process", "supervise"));
        // ipc → process: attach streams a service's pseudo-terminal (process.PseudoTerminal) to its client
        MAY_USE.put("ipc", List.of("json", "lines", "manifest", "process", "output", "supervise", "runstate"));
        MAY_USE.put("web", List.of("json", "lines", "manifest", "process", "output", "supervise", "runstate"));
        // manifest in, files out; never start anything
        MAY_USE.put("export", List.of("manifest", "process"));
        MAY_USE.put("init", List.of("manifest", "process"));
        MAY_USE.put("commands", List.of("json", "lines", "manifest", "process", "health", "ports", "output", "proxy",
                "watch", "supervise", "runstate", "ipc", "web", "export", "init"));
        // what the terminal shows of a command's report: above the commands, beside the CLI
        MAY_USE.put("view", List.of("commands", "manifest", "output", "ports", "supervise"));
        MAY_USE.put("cli", List.of("commands", "completion", "view", "manifest", "output"));
    }

    @ArchTest
    static final ArchRule packages_use_only_what_the_map_allows = packageMap();

    @ArchTest
    static final ArchRule no_cycle_between_packages =
            slices().matching("io.devlaunch.(*)..").should().beFreeOfCycles();

    @ArchTest
    static final ArchRule nothing_below_supervise_imports_it = noClasses()
            .that().resideInAnyPackage("io.devlaunch.process..", "io.devlaunch.health..", "io.devlaunch.ports..",
                    "io.devlaunch.output..", "io.devlaunch.proxy..", "io.devlaunch.watch..", "io.devlaunch.manifest..",
                    "io.devlaunch.lines..", "io.devlaunch.json..")
            .should().dependOnClassesThat().resideInAPackage("io.devlaunch.supervise..");

    @ArchTest
    static final ArchRule web_never_uses_ipc = noClasses().that().resideInAPackage("io.devlaunch.web..")
            .should().dependOnClassesThat().resideInAPackage("io.devlaunch.ipc..");

    @ArchTest
    static final ArchRule ipc_never_uses_web = noClasses().that().resideInAPackage("io.devlaunch.ipc..")
            .should().dependOnClassesThat().resideInAPackage("io.devlaunch.web..");

    @ArchTest
    static final ArchRule process_knows_nothing_of_the_console = noClasses().that()
            .resideInAPackage("io.devlaunch.process..")
            .should().dependOnClassesThat().resideInAPackage("io.devlaunch.output..");

    @ArchTest
    static final ArchRule only_the_cli_parses_command_lines = noClasses()
            .that().resideOutsideOfPackage("io.devlaunch.cli..")
            .should().dependOnClassesThat().resideInAPackage("picocli..");

    private static ArchRule packageMap() {
        LayeredArchitecture layers = Architectures.layeredArchitecture().consideringOnlyDependenciesInLayers()
                .layer("root").definedBy("io.devlaunch");
        for (String p : MAY_USE.keySet()) layers = layers.layer(p).definedBy("io.devlaunch." + p + "..");
        for (Map.Entry<String, List<String>> e : MAY_USE.entrySet()) {
            String[] allowed = concat("root", e.getValue());
            layers = layers.whereLayer(e.getKey()).mayOnlyAccessLayers(allowed);
        }
        return layers.whereLayer("root").mayNotAccessAnyLayer();
    }

    private static String[] concat(String first, List<String> rest) {
        String[] all = new String[rest.size() + 1];
        all[0] = first;
        for (int i = 0; i < rest.size(); i++) all[i + 1] = rest.get(i);
        return all;
    }
}
