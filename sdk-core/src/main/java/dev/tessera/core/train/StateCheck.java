package dev.tessera.core.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import dev.tessera.core.io.CorruptFileException;
import dev.tessera.core.io.Tensor;
import java.util.Map;

/** Checks saved tensors against the arrays they are to overwrite, before any is overwritten. */
final class StateCheck {
    private StateCheck() { }

    /**
     * Checks that every array has a finite F32 tensor of its shape under {@code prefix + name}.
     *
     * @param source the file, for messages
     * @param want the arrays to be overwritten, by name
     * @param have the saved tensors
     * @param prefix the key prefix of the saved tensors (e.g. {@code model.})
     * @throws CorruptFileException naming the first tensor that is missing, misshapen, not F32 or not finite
     */
    static void requireLike(String source, Map<String, NDArray> want, Map<String, Tensor> have, String prefix)
            throws CorruptFileException {
        for (Map.Entry<String, NDArray> e : want.entrySet()) {
            String key = prefix + e.getKey();
            Tensor t = have.get(key);
            if (t == null) {
                throw new CorruptFileException(source, "missing tensor '" + key + "'");
            }
            Shape shape = e.getValue().getShape();
            if (!"F32".equals(t.dtype()) || !new Shape(t.shape()).equals(shape)) {
                throw new CorruptFileException(source, "tensor '" + key + "' is " + t.dtype() + " " + new Shape(t.shape())
                        + ", expected F32 " + shape);
            }
            float[] v = t.floats();
            for (int i = 0; i < v.length; i++) {
                if (!Float.isFinite(v[i])) {
                    throw new CorruptFileException(source, "tensor '" + key + "' holds " + v[i] + " at flat index " + i);
                }
            }
        }
    }
}
