package dev.tessera.core.bundle;

import dev.tessera.core.io.Tensor;
import dev.tessera.core.io.StrictJson;
import dev.tessera.core.io.Safetensors;
import dev.tessera.core.io.Limits;
import dev.tessera.core.io.Json;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.AtomicFiles;
import ai.djl.Device;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import com.google.gson.JsonObject;
import com.google.gson.JsonElement;
import dev.tessera.core.infer.JvmWeights;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityRegistry;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.token.VocabularyLayout;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.zip.CRC32;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;

/**
 * A trained model as one {@code .tessera} file: a zip holding {@code config.json} (format version,
 * model config, vocabulary layout, modality providers, free metadata), {@code model.safetensors}
 * (the weights, stored uncompressed, in the real safetensors format) and, under
 * {@code modalities/<name>/}, each modality's saved state.
 *
 * <p>Loading checks everything and names what is wrong: a truncated or non-zip file, a missing
 * entry, a tensor whose shape, dtype or offsets do not match, a modality whose provider is not on
 * the class path, a layout that does not fit the model. Saving is atomic.
 *
 * <pre>{@code
 * // given: DecoderModel model, VocabularyLayout layout, Modality<String> text
 * ModelBundle.of(model, layout, List.of(text), Map.of("made_by", "my app")).save(Path.of("model.tessera"));
 * try (ModelBundle b = ModelBundle.load(Path.of("model.tessera"))) {
 *     Modality<String> restored = b.modality("text", String.class);
 * }
 * }</pre>
 *
 * <p>Thread safety: a loaded bundle is read-only and may be shared by threads; {@link #close()} frees the model's native memory, so close it once, after every user is done.
 */
public final class ModelBundle implements AutoCloseable {
    /** Bundle format version written in {@code config.json}. */
    public static final int FORMAT_VERSION = 1;
    private static final String CONFIG = "config.json";
    private static final String WEIGHTS = "model.safetensors";
    private static final String QUANTIZED_WEIGHTS = "model.quantized.safetensors";
    /**
     * The safetensors header's metadata, in a fixed order (a {@code Map.of} iterates in an order that changes
     * from one JVM to the next, so two saves of the same weights gave different files).
     */
    private static final Map<String, String> WEIGHTS_METADATA = orderedMetadata();

    private static Map<String, String> orderedMetadata() {
        Map<String, String> m = new LinkedHashMap<>();
        m.put("format", "pt");
        m.put("producer", "tessera");
        return Collections.unmodifiableMap(m);
    }

    private final DecoderModel model;
    private final VocabularyLayout layout;
    private final Map<String, Modality<?>> modalities;
    private final Map<String, String> metadata;
    private final JvmWeights quantized;

    private ModelBundle(DecoderModel model, VocabularyLayout layout, Map<String, Modality<?>> modalities,
            Map<String, String> metadata, JvmWeights quantized) {
        this.model = model;
        this.quantized = quantized;
        this.layout = layout;
        this.modalities = Collections.unmodifiableMap(new LinkedHashMap<>(modalities));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
    }

    /**
     * Groups a model with its layout and modalities.
     *
     * @param model the model
     * @param layout its vocabulary layout (size must equal the model's vocabulary)
     * @param modalities one per layout modality that has a tokenizer (may be fewer, e.g. raw bytes)
     * @param metadata free string metadata (training provenance...)
     * @return the bundle
     */
    public static ModelBundle of(DecoderModel model, VocabularyLayout layout, List<Modality<?>> modalities,
            Map<String, String> metadata) {
        return of(model, layout, modalities, metadata, null);
    }

    /**
     * Groups a model with its layout, modalities and post-training quantised weights. Saving writes the
     * quantised weights instead of the fp32 ones (a smaller file); loading gives them back through
     * {@link #quantizedWeights()} for the JVM engine and builds {@link #model()} from their dequantised
     * values, so every engine runs the same (quantised) function.
     *
     * @param model the fp32 model
     * @param layout its vocabulary layout
     * @param modalities one per layout modality that has a tokenizer
     * @param metadata free string metadata
     * @param quantized quantised weights of the same config (see {@link dev.tessera.core.infer.Quantizer}),
     *     or null for a plain fp32 bundle
     * @return the bundle
     */
    public static ModelBundle of(DecoderModel model, VocabularyLayout layout, List<Modality<?>> modalities,
            Map<String, String> metadata, JvmWeights quantized) {
        if (quantized != null && !quantized.config().equals(model.config())) {
            throw new IllegalArgumentException("quantised weights are for " + quantized.config()
                    + ", the model is " + model.config());
        }
        if (layout.size() != model.config().vocabSize()) {
            throw new IllegalArgumentException("layout has " + layout.size() + " ids, model vocabulary is "
                    + model.config().vocabSize());
        }
        Map<String, Modality<?>> map = new LinkedHashMap<>();
        for (Modality<?> m : modalities) {
            if (!layout.has(m.name())) {
                throw new IllegalArgumentException("modality '" + m.name() + "' is not in the layout " + layout.modalities());
            }
            if (m.vocabularySize() != layout.vocabularySize(m.name())) {
                throw new IllegalArgumentException("modality '" + m.name() + "' has " + m.vocabularySize()
                        + " tokens, layout reserves " + layout.vocabularySize(m.name()));
            }
            map.put(m.name(), m);
        }
        return new ModelBundle(model, layout, map, metadata, quantized);
    }

    /** @return the model (owned by this bundle: closing the bundle closes it) */
    public DecoderModel model() {
        return model;
    }

    /** @return the vocabulary layout */
    public VocabularyLayout layout() {
        return layout;
    }

    /** @return the modalities by name */
    public Map<String, Modality<?>> modalities() {
        return modalities;
    }

    /**
     * @return the post-training quantised weights this bundle carries (empty for an fp32 bundle); run
     *     them with {@link dev.tessera.core.infer.JvmDecodeEngine#JvmDecodeEngine(JvmWeights)}
     */
    public Optional<JvmWeights> quantizedWeights() {
        return Optional.ofNullable(quantized);
    }

    /** @return the free metadata */
    public Map<String, String> metadata() {
        return metadata;
    }

    /**
     * Returns how the model was made, read from the metadata ({@link Provenance}); a bundle that predates the
     * record reads with its unknown fields as {@value Provenance#UNKNOWN}.
     *
     * @return the provenance
     */
    public Provenance provenance() {
        return Provenance.fromMetadata(metadata());
    }

    /**
     * Returns a modality checked against the expected object type.
     *
     * @param name the modality name
     * @param type the expected object type
     * @param <T> the object type
     * @return the modality
     * @throws IllegalArgumentException if absent or of another type
     */
    @SuppressWarnings("unchecked")
    public <T> Modality<T> modality(String name, Class<T> type) {
        Modality<?> m = modalities.get(name);
        if (m == null) {
            throw new IllegalArgumentException("bundle has no modality '" + name + "'; it has " + modalities.keySet());
        }
        if (!type.isAssignableFrom(m.type())) {
            throw new IllegalArgumentException("modality '" + name + "' reads " + m.type().getName() + ", not "
                    + type.getName());
        }
        return (Modality<T>) m;
    }

    /**
     * Writes the bundle atomically.
     *
     * @param path the {@code .tessera} file
     * @throws IOException on failure (an existing file is then untouched)
     */
    public void save(Path path) throws IOException {
        byte[] weights;
        if (quantized != null) {
            weights = QuantizedWeightsFile.toBytes(quantized);
        } else {
            Map<String, Tensor> tensors = new LinkedHashMap<>();
            for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
                tensors.put(e.getKey(), Tensor.of(e.getValue()));
            }
            weights = Safetensors.toBytes(tensors, WEIGHTS_METADATA);
        }
        Map<String, ModalityState> states = new LinkedHashMap<>();
        for (Modality<?> m : modalities.values()) {
            ModalityState s = new ModalityState(m.name());
            m.save(s);
            states.put(m.name(), s);
        }
        JsonObject cfg = new JsonObject();
        cfg.addProperty("format", "tessera-bundle");
        cfg.addProperty("format_version", FORMAT_VERSION);
        cfg.add("model", Json.GSON.toJsonTree(model.config()));
        cfg.add("layout", Json.GSON.toJsonTree(layout.spec()));
        JsonObject mods = new JsonObject();
        modalities.values().forEach(m -> mods.addProperty(m.name(), m.providerName()));
        cfg.add("modalities", mods);
        cfg.add("metadata", Json.GSON.toJsonTree(metadata));
        cfg.addProperty("weights", quantized == null ? "f32" : quantized.format());
        AtomicFiles.write(path, out -> {
            ZipOutputStream zip = new ZipOutputStream(out);
            putDeflated(zip, CONFIG, Json.GSON.toJson(cfg).getBytes(StandardCharsets.UTF_8));
            putStored(zip, quantized == null ? WEIGHTS : QUANTIZED_WEIGHTS, weights);
            for (Map.Entry<String, ModalityState> e : states.entrySet()) {
                for (String n : e.getValue().names()) {
                    putDeflated(zip, "modalities/" + e.getKey() + "/" + n, e.getValue().getBytes(n));
                }
            }
            zip.finish();
        });
    }

    private static void putDeflated(ZipOutputStream zip, String name, byte[] data) throws IOException {
        zip.putNextEntry(new ZipEntry(name));
        zip.write(data);
        zip.closeEntry();
    }

    private static void putStored(ZipOutputStream zip, String name, byte[] data) throws IOException {
        ZipEntry e = new ZipEntry(name);
        e.setMethod(ZipEntry.STORED);
        e.setSize(data.length);
        e.setCompressedSize(data.length);
        CRC32 crc = new CRC32();
        crc.update(data);
        e.setCrc(crc.getValue());
        zip.putNextEntry(e);
        zip.write(data);
        zip.closeEntry();
    }

    /**
     * Loads a bundle with the modality providers on the class path, on the CPU.
     *
     * @param path the {@code .tessera} file
     * @return the bundle
     * @throws IOException if the file is missing, truncated or inconsistent (the message says where)
     */
    public static ModelBundle load(Path path) throws IOException {
        return load(path, ModalityRegistry.discover(), Device.cpu());
    }

    /**
     * Loads a bundle.
     *
     * @param path the {@code .tessera} file
     * @param registry where to find modality providers
     * @param device where to put the weights
     * @return the bundle
     * @throws IOException if the file is missing, truncated or inconsistent (the message says where)
     */
    public static ModelBundle load(Path path, ModalityRegistry registry, Device device) throws IOException {
        String src = path.toString();
        if (java.nio.file.Files.isDirectory(path)) {
            throw new CorruptFileException(src, "is a directory; a model bundle is one .tessera file");
        }
        ZipFile zip;
        try {
            zip = new ZipFile(path.toFile());
        } catch (NoSuchFileException | java.io.FileNotFoundException e) {
            throw new NoSuchFileException(src, null, "model bundle not found");
        } catch (ZipException | java.io.EOFException e) {
            throw new CorruptFileException(src, "not a readable .tessera bundle (zip): " + e.getMessage()
                    + " — the file may be truncated", e);
        }
        try (zip) {
            String csrc = src + "!" + CONFIG;
            JsonObject cfg = StrictJson.parseObject(StrictJson.utf8(entry(zip, CONFIG, src), csrc, 0), csrc);
            if (!"tessera-bundle".equals(str(cfg, "format"))) {
                throw new CorruptFileException(csrc, "not a Tessera bundle config (format=" + str(cfg, "format") + ")");
            }
            int version = integer(cfg, "format_version", csrc);
            if (version < 1 || version > FORMAT_VERSION) {
                throw new CorruptFileException(csrc, "bundle format version " + version + (version < 1 ? " is not valid"
                        : " is newer than this SDK's " + FORMAT_VERSION + "; upgrade Tessera"));
            }
            ModelConfig mc;
            VocabularyLayout layout;
            try {
                mc = Json.GSON.fromJson(cfg.get("model"), ModelConfig.class);
                VocabularyLayout.Spec spec = Json.GSON.fromJson(cfg.get("layout"), VocabularyLayout.Spec.class);
                if (mc == null || spec == null) {
                    throw new IllegalArgumentException("\"model\" and \"layout\" must both be objects");
                }
                layout = VocabularyLayout.fromSpec(spec);
                mc = new ModelConfig(mc.architecture(), mc.vocabSize(), mc.contextLength(), mc.layers(), mc.heads(),
                        mc.kvHeads(), mc.dModel(), mc.ffHidden(), mc.normEps(), mc.ropeTheta(), mc.tiedHead());
            } catch (RuntimeException e) {
                throw new CorruptFileException(csrc, "invalid model or layout: " + StrictJson.rootMessage(e), e);
            }
            if (layout.size() != mc.vocabSize()) {
                throw new CorruptFileException(csrc, "layout has " + layout.size()
                        + " ids but the model's vocabulary is " + mc.vocabSize());
            }
            JvmWeights quantized = null;
            DecoderModel model;
            if (zip.getEntry(QUANTIZED_WEIGHTS) != null) {
                String qsrc = src + "!" + QUANTIZED_WEIGHTS;
                quantized = QuantizedWeightsFile.fromBytes(entry(zip, QUANTIZED_WEIGHTS, src), qsrc);
                if (!quantized.config().equals(mc)) {
                    throw new CorruptFileException(qsrc, "quantised weights are for " + quantized.config()
                            + ", config.json says " + mc);
                }
                model = modelFrom(mc, QuantizedWeightsFile.dequantizedParameters(quantized), device, qsrc);
            } else {
                byte[] wbytes = entry(zip, WEIGHTS, src);
                Safetensors.Content content = Safetensors.read(ByteBuffer.wrap(wbytes), src + "!" + WEIGHTS);
                model = modelFrom(mc, content.tensors(), device, src + "!" + WEIGHTS);
            }
            Map<String, Modality<?>> mods = new LinkedHashMap<>();
            Map<String, String> metadata = new LinkedHashMap<>();
            try {
                loadModalities(zip, cfg, registry, layout, src, mods);
                JsonElement meta = cfg.get("metadata");
                if (meta != null && !meta.isJsonNull()) {
                    if (!meta.isJsonObject()) {
                        throw new CorruptFileException(csrc, "\"metadata\" must be an object of strings");
                    }
                    for (Map.Entry<String, JsonElement> e : meta.getAsJsonObject().entrySet()) {
                        if (!e.getValue().isJsonPrimitive()) {
                            throw new CorruptFileException(csrc, "metadata." + e.getKey() + ": expected a string");
                        }
                        metadata.put(e.getKey(), e.getValue().getAsString());
                    }
                }
            } catch (IOException | RuntimeException e) {
                model.close();
                throw e;
            }
            return new ModelBundle(model, layout, mods, metadata, quantized);
        }
    }

    private static void loadModalities(ZipFile zip, JsonObject cfg, ModalityRegistry registry, VocabularyLayout layout,
            String src, Map<String, Modality<?>> mods) throws IOException {
        JsonElement provs = cfg.get("modalities");
        if (provs == null || !provs.isJsonObject()) {
            throw new CorruptFileException(src + "!" + CONFIG, "\"modalities\" must be an object (name: provider)");
        }
        for (Map.Entry<String, JsonElement> p : provs.getAsJsonObject().entrySet()) {
            String name = p.getKey();
            String where = src + "!modalities/" + name;
            if (!p.getValue().isJsonPrimitive() || !layout.has(name)) {
                throw new CorruptFileException(src + "!" + CONFIG, "modalities." + name + ": expected a provider name of a "
                        + "modality in the layout " + layout.modalities());
            }
            // a provider missing from the class path is the caller's setup, not a damaged file: the
            // registry's IllegalArgumentException (listing the providers it has) goes through as is
            ModalityProvider provider = registry.provider(p.getValue().getAsString());
            Modality<?> m;
            try {
                ModalityState state = new ModalityState(name);
                String prefix = "modalities/" + name + "/";
                for (ZipEntry ze : java.util.Collections.list(zip.entries())) {
                    if (ze.getName().startsWith(prefix) && !ze.isDirectory()) {
                        state.putBytes(ze.getName().substring(prefix.length()), entry(zip, ze.getName(), src));
                    }
                }
                m = provider.load(name, state);
            } catch (CorruptFileException e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new CorruptFileException(where, "cannot restore the modality: " + e.getMessage(), e);
            }
            if (m.vocabularySize() != layout.vocabularySize(name)) {
                throw new CorruptFileException(where, "modality '" + name + "' restored with " + m.vocabularySize()
                        + " tokens; the layout reserves " + layout.vocabularySize(name));
            }
            mods.put(name, m);
        }
    }

    private static int integer(JsonObject o, String key, String source) throws CorruptFileException {
        JsonElement e = o.get(key);
        try {
            if (e != null && e.isJsonPrimitive() && e.getAsJsonPrimitive().isNumber()) {
                return e.getAsInt();
            }
        } catch (NumberFormatException ex) {
            // reported below
        }
        throw new CorruptFileException(source, "\"" + key + "\" must be an integer, found " + e);
    }

    /**
     * Builds a model from F32 safetensors weights, turning a missing or misshapen tensor into a
     * {@link CorruptFileException} that names the source.
     */
    static DecoderModel modelFrom(ModelConfig config, Map<String, Tensor> tensors, Device device, String source)
            throws CorruptFileException {
        try (NDManager tmp = NDManager.newBaseManager(device)) {
            Map<String, NDArray> arrays = new LinkedHashMap<>();
            for (Map.Entry<String, Tensor> e : tensors.entrySet()) {
                if (!e.getValue().dtype().equals("F32")) {
                    throw new CorruptFileException(source, "tensor '" + e.getKey() + "' is " + e.getValue().dtype()
                            + "; model weights must be F32");
                }
                requireFinite(e.getKey(), e.getValue(), source);
                arrays.put(e.getKey(), e.getValue().toNDArray(tmp));
            }
            try {
                return DecoderModel.fromWeights(config, arrays, device);
            } catch (IllegalArgumentException e) {
                throw new CorruptFileException(source, e.getMessage(), e);
            }
        }
    }

    /** Rejects NaN and infinite weights at load, naming the tensor and the first bad element. */
    private static void requireFinite(String name, Tensor t, String source) throws CorruptFileException {
        java.nio.FloatBuffer f = t.bytes().asFloatBuffer();
        for (int i = 0; i < f.limit(); i++) {
            float v = f.get(i);
            if (!Float.isFinite(v)) {
                throw new CorruptFileException(source, "tensor '" + name + "' " + java.util.Arrays.toString(t.shape())
                        + " element " + i + " is " + v + "; weights must be finite (the model diverged or the file is damaged)");
            }
        }
    }

    private static String str(JsonObject o, String k) {
        return o.has(k) && o.get(k).isJsonPrimitive() ? o.get(k).getAsString() : null;
    }

    private static byte[] entry(ZipFile zip, String name, String src) throws IOException {
        ZipEntry e = zip.getEntry(name);
        if (e == null) {
            List<String> names = new ArrayList<>();
            zip.stream().limit(20).forEach(z -> names.add(z.getName()));
            throw new CorruptFileException(src, "missing entry '" + name + "' (has " + names + ")");
        }
        if (e.getSize() > Limits.MAX_ENTRY_BYTES) {
            throw new CorruptFileException(src, "entry '" + name + "' declares " + e.getSize()
                    + " bytes, over the limit of " + Limits.MAX_ENTRY_BYTES);
        }
        try (InputStream in = zip.getInputStream(e)) {
            // the declared size is only a hint: a damaged or hostile entry may inflate to more
            ByteArrayOutputStream bos = new ByteArrayOutputStream((int) Math.min(Math.max(32, e.getSize()), 1 << 20));
            byte[] chunk = new byte[1 << 16];
            long total = 0;
            int n;
            while ((n = in.read(chunk)) > 0) {
                total += n;
                if (total > Limits.MAX_ENTRY_BYTES) {
                    throw new CorruptFileException(src, "entry '" + name + "' inflates past the limit of "
                            + Limits.MAX_ENTRY_BYTES + " bytes (a zip bomb?)");
                }
                bos.write(chunk, 0, n);
            }
            return bos.toByteArray();
        } catch (CorruptFileException ex) {
            throw ex;
        } catch (IOException ex) {
            // ZipException (bad CRC, bad block) or EOFException (data cut short) from the entry's stream
            throw new CorruptFileException(src, "entry '" + name + "' is damaged: " + (ex.getMessage() == null
                    ? ex.getClass().getSimpleName() : ex.getMessage()) + " (the file may be truncated)", ex);
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
