package dev.tessera.samples.pointcloud;

import java.util.List;
import java.util.Map;

/**
 * Everything {@code tessera shape-eval} measures.
 *
 * @param depth octree depth of generation
 * @param tokensPerShape mean masks per procedural training shape at that depth
 * @param maxTokensPerShape most masks of any training shape
 * @param reconDepth depth of the real-mesh round trip
 * @param reconTokensPerShape mean tokens per real mesh at {@code reconDepth}
 * @param reconFscore mean F@tau of the real-mesh round trip against the encoded points
 * @param reconChamfer mean Chamfer distance of that round trip
 * @param reconShapes number of real meshes (0 when the data is missing)
 * @param tau the F-score threshold (unit cube)
 * @param classifierAccuracy accuracy of the classifier on held-out real (procedural) samples
 * @param genClassAccuracy fraction of generated shapes classified as the requested class
 * @param cov coverage against held-out shapes at the generation resolution
 * @param mmd minimum matching distance (Chamfer) against them
 * @param oneNna 1-NN accuracy against them (0.5 ideal)
 * @param oneNnaRaw 1-NNA against the raw (unquantised) held-out surface samples (512 points each), for reference
 * @param oneNnaTokenizerFloor 1-NNA of held-out shapes round-tripped through the tokenizer against
 *     other raw held-out shapes: what quantisation alone costs on the raw comparison
 * @param covRealVsReal COV of a second held-out real set against the reference set (through the same
 *     tokenizer): what a generator that samples the real distribution would score
 * @param oneNnaRealVsReal 1-NNA of that second real set against the reference set (ideal 0.5; above it
 *     by the finite sample alone)
 * @param copiedFraction fraction of generated shapes whose masks equal a training shape's (memorisation)
 * @param perClassAccuracy generated-shape accuracy per class
 * @param perClassCov per class, the coverage (COV) of its held-out shapes by the shapes generated for it
 * @param perClassCovRealVsReal per class, the COV of its held-out shapes by the second real set's shapes of that class
 * @param failingClasses each class whose generated-shape accuracy is below {@link ShapeEval#PER_CLASS_FLOOR}, with it
 * @param trainLoss final training loss (nats per token)
 * @param trainSeconds training time
 * @param trainTokensPerSecond training throughput
 * @param generateSeconds generation time for all shapes
 * @param generated number of generated shapes
 * @param seconds total time
 * @param pngs rendered files (may be empty)
 * @param temperature the sampling temperature of the scored shapes
 * @param temperatureTrials the candidates tried on the validation set, in order (empty when none was picked)
 * @param setMetrics COV, MMD and 1-NNA under every distance and protocol, each beside real vs real; the first
 *     row (Chamfer L2, pooled, at {@code depth}) is {@code cov}, {@code mmd} and {@code oneNna}
 */
public record ShapeEvalResult(int depth, double tokensPerShape, int maxTokensPerShape, int reconDepth,
        double reconTokensPerShape, double reconFscore, double reconChamfer, int reconShapes, double tau,
        double classifierAccuracy, double genClassAccuracy, double cov, double mmd, double oneNna, double oneNnaRaw,
        double oneNnaTokenizerFloor, double covRealVsReal, double oneNnaRealVsReal, double copiedFraction,
        Map<String, Double> perClassAccuracy, Map<String, Double> perClassCov,
        Map<String, Double> perClassCovRealVsReal,
        List<String> failingClasses, double trainLoss, double trainSeconds,
        double trainTokensPerSecond, double generateSeconds, int generated, double seconds, List<String> pngs,
        double temperature, List<TemperatureTrial> temperatureTrials, List<SetMetricRow> setMetrics) {

    /**
     * One candidate sampling temperature scored on the validation set.
     *
     * @param temperature the temperature
     * @param classAccuracy the classifier's accuracy on its generations
     * @param cov COV against the validation shapes (Chamfer L2, pooled)
     * @param oneNna 1-NNA against them (Chamfer L2, pooled)
     */
    public record TemperatureTrial(double temperature, double classAccuracy, double cov, double oneNna) { }
}
