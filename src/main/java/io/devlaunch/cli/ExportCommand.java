package io.devlaunch.cli;

import io.devlaunch.commands.Export;
import io.devlaunch.manifest.Manifest;
import java.util.Iterator;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "export", mixinStandardHelpOptions = true,
        header = "Write the manifest as a Compose file, Kubernetes manifests or systemd user units.",
        description = {"Write the manifest as what a stack runs on beyond one laptop; nothing is started.",
                "compose: a Compose file (to standard output, or -o FILE); every service needs an image.",
                "kubernetes: Deployments, Services and Jobs (to standard output, or -o DIR); needs images too.",
                "systemd: user units and a target, written to -o DIR (default: ./" + Export.SYSTEMD_DEFAULT_DIR + "/),",
                "  with the commands that install and start them."})
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    DevLaunchCommand top;

    @Mixin
    ManifestFileOption manifestFile;

    @Parameters(index = "0", paramLabel = "FORMAT", completionCandidates = Formats.class,
            description = "compose, kubernetes or systemd")
    String format;

    @Option(names = {"-o", "--output"}, paramLabel = "PATH",
            description = "compose: the file (or a folder, for compose.yaml in it); kubernetes and systemd: the folder.")
    String output;      // as typed: a trailing / names a folder, which a Path would drop

    @Override
    public Integer call() throws Exception {
        Export.checkFormat(format);
        Manifest m = top.manifest(manifestFile.file);
        return new Export(m, top.cwd(), top.terminal().out(), top.terminal().err()).run(format, output);
    }

    /** FORMAT's values, for the usage text and shell completion. */
    static final class Formats implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return Export.FORMATS.iterator();
        }
    }
}
