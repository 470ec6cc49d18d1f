package dev.tessera.pointcloud.modality;

import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.pointcloud.geom.Normalized;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.geom.UnitCubeTransform;
import dev.tessera.pointcloud.octree.Morton;
import dev.tessera.pointcloud.octree.MortonVoxelCodec;
import dev.tessera.pointcloud.octree.OctreeCodec;
import dev.tessera.pointcloud.octree.PointCodec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The point-cloud modality: a {@link PointCloud} becomes a segment of octree child masks (or
 * Morton voxel triples) and back. The tokenizer records the unit-cube transform in the segment
 * metadata ({@code cx}, {@code cy}, {@code cz}, {@code scale}); the detokenizer undoes it when
 * present, so a round trip returns points in the input's frame.
 *
 * <pre>{@code
 * // given: PointCloud cloud
 * PointCloudModality m = new PointCloudModality("points", PointCloudConfig.octree(6));
 * Segment s = m.tokenizer().encode(cloud);      // ~1,800 masks for a real mesh sample
 * PointCloud back = m.detokenizer().decode(s);  // voxel centres, in cloud's frame
 * }</pre>
 */
public final class PointCloudModality implements Modality<PointCloud> {
    /** The provider name written into model bundles. */
    public static final String PROVIDER = "pointcloud";

    private final String name;
    private final PointCloudConfig config;
    private final PointCodec codec;

    /**
     * Creates the modality.
     *
     * @param name the modality name in the vocabulary layout
     * @param config tokenizer settings
     */
    public PointCloudModality(String name, PointCloudConfig config) {
        if (name == null || !name.matches("[a-z][a-z0-9_-]*")) {
            throw new IllegalArgumentException("modality name '" + name + "' must match [a-z][a-z0-9_-]*");
        }
        this.name = name;
        this.config = config;
        this.codec = "octree".equals(config.codec()) ? new OctreeCodec(config.depth())
                : new MortonVoxelCodec(config.depth());
    }

    /** @return the settings */
    public PointCloudConfig config() {
        return config;
    }

    /** @return the codec that turns voxels into tokens */
    public PointCodec codec() {
        return codec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<PointCloud> type() {
        return PointCloud.class;
    }

    /** @return for octree tokens, a valid octree of the configured depth within the budget; none for Morton */
    @Override
    public List<LogitsProcessor> outputConstraints(VocabularyLayout layout, int budget) {
        return "octree".equals(config.codec()) ? List.of(new OctreeConstraint(layout, name, config.depth(), budget))
                : List.of();
    }

    @Override
    public String providerName() {
        return PROVIDER;
    }

    @Override
    public void save(ModalityState state) {
        state.putJson("config.json", config);
    }

    /**
     * Returns the storage cost of a segment.
     *
     * @param segment an encoded shape
     * @return bytes at {@link PointCodec#bitsPerToken()} bits per token
     */
    public long bytes(Segment segment) {
        return codec.bytes(segment.length());
    }

    @Override
    public ModalityTokenizer<PointCloud> tokenizer() {
        return ModalityTokenizer.of(name, codec.vocabularySize(), this::encode);
    }

    private Segment encode(PointCloud input) {
        if (input.size() == 0) {
            throw new IllegalArgumentException("modality '" + name + "': cannot encode an empty point cloud");
        }
        Map<String, Object> meta = new LinkedHashMap<>();
        float[] xyz;
        if (config.normalize()) {
            Normalized n = Normalized.of(input);
            xyz = n.cloud().xyz();
            UnitCubeTransform t = n.transform();
            meta.put("cx", t.cx());
            meta.put("cy", t.cy());
            meta.put("cz", t.cz());
            meta.put("scale", t.scale());
        } else {
            xyz = input.xyz();
        }
        meta.put("depth", config.depth());
        return Segment.of(name, codec.encode(xyz), meta);
    }

    @Override
    public ModalityDetokenizer<PointCloud> detokenizer() {
        return ModalityDetokenizer.of(name, segment -> {
            float[] unit = decodeUnit(segment.tokens());
            if (segment.metadata().containsKey("scale")) {
                UnitCubeTransform t = new UnitCubeTransform(segment.metaDouble("cx"), segment.metaDouble("cy"),
                        segment.metaDouble("cz"), segment.metaDouble("scale"));
                unit = t.invert(unit);
            }
            return PointCloud.of(unit);
        });
    }

    /**
     * Decodes tokens to unit-cube points, following {@link PointCloudConfig#outputPoints()} and
     * {@link PointCloudConfig#jitter()}.
     *
     * @param tokens a complete stream
     * @return flat coordinates in {@code [-0.5, 0.5]^3}
     */
    public float[] decodeUnit(int[] tokens) {
        long[] voxels = codec.decodeVoxels(tokens);
        int d = config.depth();
        float half = 0.5f / (1 << d);
        SplittableRandom rnd = new SplittableRandom(config.seed());
        int n = config.outputPoints() == 0 ? voxels.length : config.outputPoints();
        float[] out = new float[3 * n];
        for (int i = 0; i < n; i++) {
            long v = config.outputPoints() == 0 ? voxels[i] : voxels[rnd.nextInt(voxels.length)];
            int[] c = Morton.decode(v, d);
            for (int k = 0; k < 3; k++) {
                float centre = Morton.center(c[k], d);
                out[3 * i + k] = config.jitter() ? centre + (float) ((rnd.nextDouble() * 2 - 1) * half) : centre;
            }
        }
        return out;
    }
}
