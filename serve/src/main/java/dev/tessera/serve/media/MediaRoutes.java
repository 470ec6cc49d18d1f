package dev.tessera.serve.media;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.tessera.core.api.Answer;
import dev.tessera.core.api.Prompt;
import dev.tessera.core.api.TesseraModel;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.modality.Modality;
import dev.tessera.pointcloud.geom.PointCloud;
import dev.tessera.pointcloud.io.PlyFormat;
import dev.tessera.serve.api.ApiException;
import dev.tessera.serve.batch.QueueFullException;
import dev.tessera.serve.openai.Fields;
import dev.tessera.timeseries.data.TimeSeries;
import dev.tessera.timeseries.forecast.Forecast;
import dev.tessera.timeseries.forecast.QuantileFunction;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.Images;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import javax.imageio.ImageIO;

/**
 * The multimodal endpoints, in plain JSON, each for a pair of modalities the bundle was trained with (a request
 * to a model without them is a 400 that lists the model's modalities):
 *
 * <ul>
 *   <li>{@code POST /v1/images/generations} {@code {"prompt", "seed"?, "temperature"?}} → {@code {"data":
 *       [{"b64_json": PNG}]}} (text → image, OpenAI's image response shape);
 *   <li>{@code POST /v1/captions} {@code {"image": base64 PNG/JPEG, "max_tokens"?, ...}} → {@code {"caption"}};
 *   <li>{@code POST /v1/forecasts} {@code {"series": [numbers], "horizon"?, "quantiles"?}} → {@code {"quantiles":
 *       {"0.1": [...], ...}, "median": [...]}};
 *   <li>{@code POST /v1/shapes} {@code {"caption", "seed"?, "temperature"?}} → {@code {"ply": base64, "points"}}.
 * </ul>
 *
 * <p>These run one generation per request on its own engine (not in the text batch); at most a fixed number
 * run or wait at once, beyond which requests get 429.
 */
public final class MediaRoutes {
    private static final int MAX_SERIES = 100_000;
    private static final int MAX_HORIZON = 1_000;
    private final TesseraModel model;
    private final int maxTokens;
    private final Semaphore slots;

    /**
     * @param model the model
     * @param maxTokens the server's limit on {@code max_tokens}
     * @param concurrent the most media requests running or waiting at once
     */
    public MediaRoutes(TesseraModel model, int maxTokens, int concurrent) {
        this.model = model;
        this.maxTokens = maxTokens;
        this.slots = new Semaphore(Math.max(1, concurrent));
    }

    /**
     * Text → image.
     *
     * @param body the request
     * @return {@code {"created", "data": [{"b64_json"}]}}
     * @throws IOException if the PNG cannot be written
     */
    public JsonObject image(JsonObject body) throws IOException {
        Fields f = new Fields(body);
        String text = modality(String.class, "text", "/v1/images/generations");
        String image = modality(ImageData.class, "image", "/v1/images/generations");
        String prompt = f.requiredString("prompt");
        f.unsupportedUnless("n", f.integer("n", 1, 1, 1) == 1);
        f.unsupportedUnless("response_format", "b64_json".equals(f.string("response_format", "b64_json")));
        SamplingConfig s = sampling(f, 0.8, 1);
        ImageData img = run(() -> model.answer(Prompt.of(Prompt.part(text, prompt)), image, ImageData.class, s, null))
                .value();
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(Images.toBufferedImage(img), "png", png);
        JsonObject item = new JsonObject();
        item.addProperty("b64_json", Base64.getEncoder().encodeToString(png.toByteArray()));
        JsonObject o = new JsonObject();
        o.addProperty("created", System.currentTimeMillis() / 1000);
        JsonArray data = new JsonArray();
        data.add(item);
        o.add("data", data);
        return o;
    }

    /**
     * Image → caption.
     *
     * @param body the request
     * @return {@code {"caption", "usage"}}
     */
    public JsonObject caption(JsonObject body) {
        Fields f = new Fields(body);
        String text = modality(String.class, "text", "/v1/captions");
        String image = modality(ImageData.class, "image", "/v1/captions");
        byte[] bytes = base64(f.requiredString("image"), "image");
        ImageData picture;
        try {
            picture = Images.read(bytes, "'image'");
        } catch (IOException e) {
            throw ApiException.invalid("image", e.getMessage());
        }
        SamplingConfig s = sampling(f, 0, 60);
        Answer<String> a = run(() -> model.answer(Prompt.of(Prompt.part(image, picture)), text, String.class, s,
                null));
        JsonObject o = new JsonObject();
        o.addProperty("caption", a.value());
        o.add("usage", usage(a));
        return o;
    }

    /**
     * Series → forecast quantiles.
     *
     * @param body the request
     * @return {@code {"horizon", "quantiles": {level: values}, "median"}}
     */
    public JsonObject forecast(JsonObject body) {
        Fields f = new Fields(body);
        modality(TimeSeries.class, "series", "/v1/forecasts");
        double[] values = numbers(f, "series", MAX_SERIES);
        int horizon = (int) f.integer("horizon", 24, 1, MAX_HORIZON);
        double[] levels = f.has("quantiles") ? numbers(f, "quantiles", 99) : new double[] {0.1, 0.5, 0.9};
        for (int i = 0; i < levels.length; i++) {
            if (!(levels[i] > 0 && levels[i] < 1) || (i > 0 && !(levels[i] > levels[i - 1]))) {
                throw ApiException.invalid("quantiles", "'quantiles' must increase within (0, 1), got "
                        + java.util.Arrays.toString(levels));
            }
        }
        long seed = f.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        Forecast fc = run(() -> model.predict(TimeSeries.of("request", values), Forecast.class, horizon, seed));
        double[][] atLevels = new double[levels.length][horizon];
        for (int t = 0; t < horizon; t++) {
            double[] atStep = new double[fc.levels().length];
            for (int k = 0; k < atStep.length; k++) {
                atStep[k] = fc.quantiles()[k][t];
            }
            QuantileFunction qf = new QuantileFunction(fc.levels(), atStep);
            for (int i = 0; i < levels.length; i++) {
                atLevels[i][t] = qf.at(levels[i]);
            }
        }
        JsonObject q = new JsonObject();
        for (int i = 0; i < levels.length; i++) {
            q.add(Double.toString(levels[i]), array(atLevels[i]));
        }
        JsonObject o = new JsonObject();
        o.addProperty("horizon", horizon);
        o.add("quantiles", q);
        o.add("median", array(fc.median()));
        return o;
    }

    /**
     * Caption → shape.
     *
     * @param body the request
     * @return {@code {"format": "ply", "ply": base64 ASCII PLY, "points"}}
     * @throws IOException if the PLY cannot be written
     */
    public JsonObject shape(JsonObject body) throws IOException {
        Fields f = new Fields(body);
        String text = modality(String.class, "text", "/v1/shapes");
        String shape = modality(PointCloud.class, "shape", "/v1/shapes");
        String caption = f.requiredString("caption");
        SamplingConfig s = sampling(f, 0.8, 160);
        PointCloud cloud = run(() -> model.answer(Prompt.of(Prompt.part(text, caption)), shape, PointCloud.class, s,
                null)).value();
        Path tmp = Files.createTempFile("tessera-shape", ".ply");
        try {
            PlyFormat.write(tmp, cloud, PlyFormat.Encoding.ASCII);
            JsonObject o = new JsonObject();
            o.addProperty("format", "ply");
            o.addProperty("ply", Base64.getEncoder().encodeToString(Files.readAllBytes(tmp)));
            o.addProperty("points", cloud.size());
            return o;
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    /** The model's modality of a type (the one with the usual name when several), or a 400 listing them. */
    private String modality(Class<?> type, String usual, String endpoint) {
        List<String> found = new ArrayList<>();
        List<String> all = new ArrayList<>();
        for (Map.Entry<String, Modality<?>> m : model.modalities().entrySet()) {
            all.add(m.getKey() + " (" + m.getValue().type().getSimpleName() + ")");
            if (m.getValue().type() == type) {
                found.add(m.getKey());
            }
        }
        if (found.contains(usual)) {
            return usual;
        }
        if (found.size() != 1) {
            throw new ApiException(400, "invalid_request_error", null, "unsupported_modality", endpoint
                    + " needs a model trained with a " + type.getSimpleName() + " modality; this one has " + all);
        }
        return found.get(0);
    }

    private SamplingConfig sampling(Fields f, double defaultTemperature, int defaultTokens) {
        double t = f.number("temperature", defaultTemperature, 0, 2, false);
        int max = (int) f.integer("max_tokens", Math.min(defaultTokens, maxTokens), 1, maxTokens);
        long seed = f.integer("seed", 0, Long.MIN_VALUE, Long.MAX_VALUE);
        return t == 0 ? SamplingConfig.greedy(max) : SamplingConfig.sample(t, seed, max);
    }

    /** Runs a generation in one of the bounded slots; a model error on valid input is a 400 naming it. */
    private <T> T run(Supplier<T> work) {
        if (!slots.tryAcquire()) {
            throw new QueueFullException("every media slot is taken", 1);
        }
        try {
            return work.get();
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(null, e.getMessage());
        } catch (IllegalStateException e) {
            throw new ApiException(422, "invalid_request_error", null, "generation_incomplete", e.getMessage());
        } finally {
            slots.release();
        }
    }

    private static byte[] base64(String s, String field) {
        String data = s.startsWith("data:") && s.contains(",") ? s.substring(s.indexOf(',') + 1) : s;
        try {
            return Base64.getMimeDecoder().decode(data);
        } catch (IllegalArgumentException e) {
            throw ApiException.invalid(field, "'" + field + "' must be base64 (a PNG or JPEG file): " + e.getMessage());
        }
    }

    private static double[] numbers(Fields f, String name, int max) {
        JsonElement e = f.get(name);
        if (!(e instanceof JsonArray a) || a.size() == 0) {
            throw ApiException.invalid(name, "'" + name + "' must be a non-empty array of numbers, got "
                    + Fields.kind(e));
        }
        if (a.size() > max) {
            throw ApiException.invalid(name, "'" + name + "' has " + a.size() + " values; at most " + max);
        }
        double[] v = new double[a.size()];
        for (int i = 0; i < v.length; i++) {
            if (!(a.get(i) instanceof JsonPrimitive p) || !p.isNumber() || !Double.isFinite(p.getAsDouble())) {
                throw ApiException.invalid(name + "[" + i + "]", "'" + name + "[" + i + "]' must be a finite number, got "
                        + Fields.kind(a.get(i)));
            }
            v[i] = p.getAsDouble();
        }
        return v;
    }

    private static JsonArray array(double[] v) {
        JsonArray a = new JsonArray();
        for (double d : v) {
            a.add(d);
        }
        return a;
    }

    private static JsonObject usage(Answer<?> a) {
        JsonObject u = new JsonObject();
        u.addProperty("prompt_tokens", a.generation().promptTokens());
        u.addProperty("completion_tokens", a.generation().tokens().length);
        return u;
    }
}
