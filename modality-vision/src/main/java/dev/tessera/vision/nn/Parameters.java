package dev.tessera.vision.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.io.Tensor;
import dev.tessera.core.util.NativeArrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Named trainable arrays with stable dotted names ({@code enc.down.0.weight}), owned by one
 * manager. Names, not DJL block ordinals, are the checkpoint keys.
 */
public final class Parameters implements AutoCloseable {
    private final NDManager manager;
    private final Map<String, NDArray> arrays = new LinkedHashMap<>();
    private final SplittableRandom random;

    /**
     * Creates an empty store.
     *
     * @param manager the owner of every parameter (closed with this store)
     * @param seed seed of the initialisers
     */
    public Parameters(NDManager manager, long seed) {
        this.manager = manager;
        this.random = new SplittableRandom(seed);
    }

    /** @return the owning manager */
    public NDManager manager() {
        return manager;
    }

    /**
     * Adds a parameter with given values.
     *
     * @param name the stable name
     * @param shape the shape
     * @param values the values, {@code shape.size()} of them
     * @return the array (gradient attached)
     */
    public NDArray add(String name, Shape shape, float[] values) {
        if (arrays.containsKey(name)) {
            throw new IllegalArgumentException("parameter '" + name + "' already exists");
        }
        NDArray a = NativeArrays.floats(manager, values, shape);
        a.setRequiresGradient(true);
        arrays.put(name, a);
        return a;
    }

    /**
     * Adds a normal-initialised parameter (He initialisation when {@code std} is
     * {@code sqrt(2 / fanIn)}).
     *
     * @param name the stable name
     * @param shape the shape
     * @param std the standard deviation (0 for zeros)
     * @return the array
     */
    public NDArray normal(String name, Shape shape, double std) {
        float[] v = new float[(int) shape.size()];
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
        return add(name, shape, new float[(int) shape.size()]);
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

    /** @return every parameter by name (unmodifiable) */
    public Map<String, NDArray> all() {
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
        arrays.forEach((k, v) -> t.put(k, Tensor.f32(v.getShape().getShape(), v.toFloatArray())));
        return t;
    }

    /**
     * Overwrites every parameter from tensors with the same names and shapes.
     *
     * @param tensors tensors by name
     * @throws IllegalArgumentException if a tensor is missing or has another shape (named)
     */
    public void load(Map<String, Tensor> tensors) {
        for (Map.Entry<String, NDArray> e : arrays.entrySet()) {
            Tensor t = tensors.get(e.getKey());
            if (t == null) {
                throw new IllegalArgumentException("missing tensor '" + e.getKey() + "' (have " + tensors.keySet() + ")");
            }
            Shape want = e.getValue().getShape();
            if (!new Shape(t.shape()).equals(want)) {
                throw new IllegalArgumentException("tensor '" + e.getKey() + "' has shape " + new Shape(t.shape())
                        + ", expected " + want);
            }
            e.getValue().set(t.floats());
        }
    }

    /**
     * Returns a float32 zero array shaped like a parameter, owned by this store's manager.
     *
     * @param like the parameter
     * @return the zeros
     */
    NDArray zerosLike(NDArray like) {
        return manager.zeros(like.getShape(), DataType.FLOAT32);
    }

    @Override
    public void close() {
        manager.close();
    }
}
