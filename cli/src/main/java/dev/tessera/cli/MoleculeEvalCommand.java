package dev.tessera.cli;

import dev.tessera.core.model.Architecture;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.molecule.MoleculeDataset;
import dev.tessera.molecule.MoleculeTask;
import dev.tessera.molecule.MoleculeTraining;
import dev.tessera.samples.demo.DemoData;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code tessera molecule-eval}: trains a small model on class-conditioned molecule generation and scores it. */
@Command(name = "molecule-eval", mixinStandardHelpOptions = true,
        description = "Trains a small GPT-2 style model on the molecule task (class name -> molecule tokens, from the"
                + " Debian package chemical-structures-data), generates molecules per class and prints validity,"
                + " uniqueness, novelty and element-composition match; with --json, one JSON object on stdout. Checkpoints of"
                + " the training go to <out>/molecule.ckpt unless --checkpoint names another file.")
public final class MoleculeEvalCommand implements Callable<Integer> {

    @Option(names = "--data", description = "Folder of <class>/*.cml files (default: data/molecules/"
            + "chemical-structures as scripts/fetch-data.sh unpacks it, else " + MoleculeDataset.DEBIAN_ROOT + ").")
    Path data;

    @Option(names = "--out", description = "Where generated XYZ files go (default: ${DEFAULT-VALUE}).")
    Path out = Path.of("out", "molecule");

    @Option(names = "--quick", description = "Fewer steps and molecules per class (shows the pipeline).")
    boolean quick;

    @Option(names = "--steps", description = "Training steps (default: 600, quick 150).")
    Integer steps;

    @Option(names = "--batch", description = "Examples per step (default: ${DEFAULT-VALUE}).")
    int batch = 32;

    @Option(names = "--layers", description = "Transformer blocks (default: ${DEFAULT-VALUE}).")
    int layers = 4;

    @Option(names = "--d-model", description = "Residual width (default: ${DEFAULT-VALUE}).")
    int dModel = 128;

    @Option(names = "--heads", description = "Attention heads (default: ${DEFAULT-VALUE}).")
    int heads = 4;

    @Option(names = "--lr", description = "Peak learning rate (default: ${DEFAULT-VALUE}).")
    double lr = 2e-3;

    @Option(names = "--per-class", description = "Molecules generated per class (default: 24, quick 8).")
    Integer perClass;

    @Option(names = "--temperature", description = "Sampling temperature (default: ${DEFAULT-VALUE}).")
    double temperature = 0.5;

    @Option(names = "--also-temperature", split = ",",
            description = "Also evaluate the trained model at these temperatures (comma-separated).")
    java.util.List<Double> alsoTemperatures = new java.util.ArrayList<>();

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 1;

    @picocli.CommandLine.Mixin
    CheckpointOptions checkpointing;

    @picocli.CommandLine.Mixin
    JsonOutput output;

    @Override
    public Integer call() throws Exception {
        Path root = data != null ? data
                : DemoData.MOLECULES.location(Path.of(System.getProperty("tessera.home", ".")));
        MoleculeTask.Options t = MoleculeTask.Options.standard().withDataRoot(root).withTemperature(temperature);
        if (perClass != null) {
            t = t.withSamplesPerClass(perClass, perClass);
        }
        int n = steps != null ? steps : quick ? 150 : 600;
        // vocabulary and context: the task's
        ModelConfig backbone = BackboneOptions.shape(Architecture.GPT2, layers, heads, dModel, "--d-model");
        MoleculeTraining.Options o = new MoleculeTraining.Options(t, backbone, batch, n, lr, seed, quick,
                out, alsoTemperatures, checkpointing.checkpoints(out.resolve("molecule.ckpt")));
        MoleculeTraining.Result r = MoleculeTraining.run(o, System.err);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("task", MoleculeTask.NAME);
        m.put("metric", r.score().metric());
        m.put("validity", r.score().score());
        m.put("floor", 0.8);
        for (String k : new String[] {"uniqueness", "novelty", "composition_match", "samples", "valid", "unfinished",
            "eval_seconds"}) {
            m.put(k, r.score().details().get(k));
        }
        m.put("train_steps", r.steps());
        m.put("train_loss", r.trainLoss());
        m.put("train_seconds", r.trainSeconds());
        m.put("parameters", r.parameters());
        m.put("molecules", r.molecules());
        m.put("classes", r.classes());
        m.put("skipped", r.skipped());
        m.put("heavy_atoms_median", r.heavyAtomsMedian());
        m.put("heavy_atoms_p95", r.heavyAtomsP95());
        m.put("heavy_atoms_max", r.heavyAtomsMax());
        m.put("xyz_files", r.score().files().size());
        m.put("out", out.toString());
        Map<String, Object> byT = new LinkedHashMap<>();
        r.byTemperature().forEach((temp, sc) -> byT.put(String.valueOf(temp), Map.of("validity", sc.score(),
                "uniqueness", sc.details().get("uniqueness"), "novelty", sc.details().get("novelty"),
                "composition_match", sc.details().get("composition_match"))));
        if (!byT.isEmpty()) {
            m.put("by_temperature", byT);
        }
        m.put("per_class_validity", r.score().details().get("per_class_validity"));
        m.put("skipped_files", r.skippedFiles());
        m.put("invalid_reasons", r.score().details().get("invalid_reasons"));
        m.put("first_failure_per_class", r.score().details().get("first_failure_per_class"));
        output.print(m);
        return 0;
    }
}
