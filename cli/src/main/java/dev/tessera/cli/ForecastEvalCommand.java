package dev.tessera.cli;

import dev.tessera.core.io.Limits;
import dev.tessera.core.io.Json;
import dev.tessera.samples.timeseries.ForecastEvaluation;
import dev.tessera.samples.timeseries.PretrainDefaults;
import dev.tessera.timeseries.eval.Benchmark;
import dev.tessera.timeseries.eval.ForecastCsv;
import dev.tessera.timeseries.forecast.ForecastMode;
import dev.tessera.timeseries.forecast.PatchModelConfig;
import dev.tessera.timeseries.forecast.PretrainConfig;
import dev.tessera.timeseries.forecast.WeightQuantization;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessera forecast-eval}: trains (or loads) a patch forecaster, forecasts the last h points
 * of every series of a manifest folder from the rest and scores them against seasonal naive.
 */
@Command(name = "forecast-eval", mixinStandardHelpOptions = true,
        description = "Scores forecasts of a manifest folder (last h points of each series) against seasonal "
                + "naive; prints per-series metrics, or with --json one JSON object (the table then goes to stderr). "
                + "Checkpoints of the training go to <save-model>.ckpt unless --checkpoint names another file.")
public final class ForecastEvalCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--data", required = true, description = "Folder with manifest.csv and one CSV per series.")
    Path data;

    @Option(names = "--model", description = "Load this model instead of training one.")
    Path model;

    @Option(names = "--pretrained", description = "Use the pretrained forecaster shipped in the jar (trained on "
            + "generated series only; nothing is trained in this command unless --fine-tune-steps is given).")
    boolean pretrained;

    @Option(names = "--fine-tune-steps", description = "Fine-tune the model on the series' training parts for this "
            + "many steps before forecasting (backtested on the training parts' last h points) (default: 0 = no).")
    int fineTuneSteps;

    @Option(names = "--train-steps", description = "Training steps (default: ${DEFAULT-VALUE}).")
    int trainSteps = PretrainDefaults.STEPS;

    @Option(names = "--zero-shot", description = "Train on KernelSynth data only (never on the folder's series).")
    boolean zeroShot;

    @Option(names = "--mode", description = "raw, decomposed or ensemble (default: ${DEFAULT-VALUE}).")
    String mode = PretrainDefaults.MODE;

    @Option(names = "--samples", description = "Sample paths per forecast (default: ${DEFAULT-VALUE}).")
    int samples = 100;

    @Option(names = "--seed", description = "Seed (default: ${DEFAULT-VALUE}).")
    long seed = 7;

    @Option(names = "--out", description = "Write every scored forecast here (series,step,mean,q0.1..q0.9).")
    Path out;

    @Option(names = "--save-model", description = "Save the trained model here (for forecast --model).")
    Path saveModel;

    @Option(names = "--quantize", description = "Fake-quantise the backbone's block matrices before forecasting: "
            + "fp32, int8, int4 (round to nearest) or int4-gptq (GPTQ, calibrated on 32 windows of the training parts) (default: ${DEFAULT-VALUE}).")
    String quantize = "fp32";

    @Option(names = "--group", description = "int4 group size (default: ${DEFAULT-VALUE}).")
    int group = 32;

    @Option(names = "--backtest", description = "Score the last h points of each series' training part instead of "
            + "its test part (train on the rest): for choosing settings without looking at the test parts.")
    boolean backtest;

    @Mixin
    CheckpointOptions checkpointing;

    @Override
    public Integer call() throws Exception {
        PretrainConfig pc = PretrainDefaults.config(trainSteps, seed, zeroShot);
        Limits.argument(samples, 1, ForecastCommand.MAX_SAMPLES, "--samples");
        Limits.argument(fineTuneSteps, 0, 10_000_000, "--fine-tune-steps");
        if (pretrained && model != null) {
            throw new IllegalArgumentException("--pretrained and --model both name a model; give one");
        }
        ForecastMode m = Flags.oneOf(ForecastMode.class, mode, "--mode");
        ForecastEvaluation.Source source = pretrained ? ForecastEvaluation.Source.PRETRAINED
                : model != null ? ForecastEvaluation.Source.FILE : ForecastEvaluation.Source.TRAINED;
        Path defaultCheckpoint = saveModel != null ? saveModel.resolveSibling(saveModel.getFileName() + ".ckpt") : null;
        ForecastEvaluation.Report r = ForecastEvaluation.run(new ForecastEvaluation.Options(data, source, model,
                PatchModelConfig.defaults(), pc, m, samples, saveModel,
                WeightQuantization.Scheme.parse(quantize), group, backtest, fineTuneSteps,
                checkpointing.checkpoints(defaultCheckpoint, "pretrain", Json.COMPACT.toJson(pc),
                        "patch_model", Json.COMPACT.toJson(PatchModelConfig.defaults()))), System.err::println);
        Benchmark.Result b = r.result();
        List<dev.tessera.timeseries.forecast.Forecast> forecasts = new ArrayList<>();
        for (Benchmark.Row row : b.rows()) {
            forecasts.add(row.forecast());
        }
        if (out != null) {
            ForecastCsv.write(out, forecasts);
        }
        Map<String, Object> j = new LinkedHashMap<>();
        j.put("series", b.rows().size());
        j.put("relative_mase", b.relativeMase());
        j.put("relative_wql", b.relativeWql());
        j.put("mean_smape", b.meanSmape());
        Map<String, Object> sn = new LinkedHashMap<>();
        sn.put("relative_mase", 1.0);
        sn.put("relative_wql", 1.0);
        sn.put("mean_smape", b.baselineMeanSmape());
        j.put("seasonal_naive", sn);
        j.put("geomean_mase", b.geoMase());
        j.put("seasonal_naive_geomean_mase", b.baselineGeoMase());
        j.put("split", backtest ? "backtest (training parts only)" : "test");
        j.put("mode", m.name().toLowerCase(Locale.ROOT));
        j.put("weights", quantize.toLowerCase(Locale.ROOT) + (quantize.toLowerCase(Locale.ROOT).startsWith("int4") ? "g" + group : ""));
        j.put("model", switch (source) {
            case PRETRAINED -> "pretrained (shipped; generated series only)";
            case FILE -> model.toString();
            default -> zeroShot ? "trained, zero-shot (KernelSynth only)"
                    : "trained (KernelSynth + the series' training parts)";
        });
        j.put("train_steps", source == ForecastEvaluation.Source.TRAINED ? trainSteps : 0);
        if (r.fineTuned() != null) {
            Map<String, Object> ft = new LinkedHashMap<>();
            ft.put("steps", r.fineTuned().steps());
            ft.put("adopted", r.fineTuned().adopted());
            ft.put("seconds", r.fineTuned().seconds());
            ft.put("backtest_relative_mase_before", r.fineTuned().zeroShotMase());
            ft.put("backtest_relative_mase_after", r.fineTuned().tunedMase());
            ft.put("backtest_relative_wql_before", r.fineTuned().zeroShotWql());
            ft.put("backtest_relative_wql_after", r.fineTuned().tunedWql());
            j.put("fine_tuning", ft);
        }
        j.put("train_seconds", r.trainSeconds());
        j.put("seconds", r.seconds());
        output.print(j, o -> {
            o.printf(Locale.ROOT, "%-20s %8s %8s %8s %8s %8s %8s%n", "series", "MASE", "sn MASE", "WQL", "sn WQL",
                    "sMAPE", "CRPS");
            for (Benchmark.Row row : b.rows()) {
                o.printf(Locale.ROOT, "%-20s %8.3f %8.3f %8.4f %8.4f %8.2f %8.4g%n", row.model().series(),
                        row.model().mase(), row.baseline().mase(), row.model().wql(), row.baseline().wql(),
                        row.model().smape(), row.model().crps());
            }
            o.printf(Locale.ROOT, "relative MASE %.3f, relative WQL %.3f (seasonal naive 1.000 / 1.000), "
                    + "mean sMAPE %.2f (seasonal naive %.2f), %.1f s%n", b.relativeMase(), b.relativeWql(),
                    b.meanSmape(), b.baselineMeanSmape(), r.seconds());
        });
        return 0;
    }
}
