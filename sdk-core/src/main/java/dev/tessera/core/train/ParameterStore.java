package dev.tessera.core.train;

import dev.tessera.core.model.Trainable;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.util.NativeArrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Named trainable arrays with stable dotted names ({@code enc.mid.weight}), owned by one manager, for
 * models that are not a {@link dev.tessera.core.model.DecoderModel} (a convolutional autoencoder, a
 * classifier). Values are copied into engine-owned memory ({@link NativeArrays}).
 *
 * <p>Thread-safety: adding parameters is not thread-safe; reading them is.
 */
public final class ParameterStore implements Trainable, AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final SplittableRandom random;

    /**
     * Creates an empty store.
     *
     * @param manager the owner of every parameter (closed with this store)
     * @param seed seed of the initialisers
     */
    public ParameterStore(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new SplittableRandom(seed);
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    /**
     * Adds a parameter with given values.
     *
     * @param name the stable name, not used yet
     * @param shape the shape
     * @param values the values, {@code shape.size()} of them
     * @return the array (gradient attached)
     * @throws IllegalArgumentException if the name exists or the value count does not match the shape
     */
    public NDArray add(String name, Shape shape, float[] values) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' already exists");
        }
        if (values.length != shape.size()) {
            throw new IllegalArgumentException("parameter '" + name + "' " + shape + " needs " + shape.size()
                    + " values, got " + values.length);
        }
        NDArray a = NativeArrays.floats(manager, values, shape);
        a.setRequiresGradient(true);
        arrays.put(name, a);
        return a;
    }

    /**
     * Adds a normal-initialised parameter (He initialisation when {@code std} is {@code sqrt(2 / fanIn)});
     * the values are drawn from this store's seeded source by the Box-Muller transform.
     *
     * @param name the stable name
     * @param shape the shape
     * @param std the standard deviation (0 for zeros)
     * @return the array
     */
    public NDArray normal(String name, Shape shape, double std) {
        float[] v = new float[Math.toIntExact(shape.size())];
        if (std > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] = (float) (gaussian() * std);
            }
        }
        return add(name, shape, v);
    }

    /**
     * Adds a zero parameter.
     *
     * @param name the stable name
     * @param shape the shape
     * @return the array
     */
    public NDArray zeros(String name, Shape shape) {
        return add(name, shape, new float[Math.toIntExact(shape.size())]);
    }

    private double gaussian() {
        double u = random.nextDouble();
        double v = random.nextDouble();
        return Math.sqrt(-2 * Math.log(Math.max(u, 1e-300))) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Returns a parameter.
     *
     * @param name the name
     * @return the array
     * @throws IllegalArgumentException if there is no such parameter
     */
    public NDArray get(String name) {
        NDArray a = arrays.get(name);
        if (a == null) {
            throw new IllegalArgumentException("no parameter '" + name + "' (have " + arrays.keySet() + ")");
        }
        return a;
    }

    @Override
    public Map<String, NDArray> parameters() {
        return Collections.unmodifiableMap(arrays);
    }

    /** @return the number of scalar weights */
    public long count() {
        return arrays.values().stream().mapToLong(a -> a.getShape().size()).sum();
    }

    /**
     * Copies every parameter out as a tensor (for safetensors).
     *
     * @return tensors by name
     */
    public Map<String, Tensor> toTensors() {
        Map<String, Tensor> t = new LinkedHashMap<>();
        arrays.forEach((k, v) -> t.put(k, Tensor.of(v)));
        return t;
    }

    /**
     * Overwrites every parameter from tensors with the same names and shapes; nothing is changed unless
     * every tensor is present, float32, finite and of its shape.
     *
     * @param tensors tensors by name
     * @param source the file they were read from, for messages
     * @throws CorruptFileException naming the first tensor that is missing, misshapen or not finite
     */
    public void load(Map<String, Tensor> tensors, String source) throws CorruptFileException {
        StateCheck.requireLike(source, arrays, tensors, "");
        arrays.forEach((k, a) -> NativeArrays.copyInto(a, tensors.get(k).floats()));
    }

    @Override
    public void close() {
        manager.close();
    }
}
