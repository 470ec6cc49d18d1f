package dev.tessera.vision.modality;

import dev.tessera.core.generate.LogitsProcessor;
import dev.tessera.core.generate.LogitsProcessors;
import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityDetokenizer;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.core.modality.ModalityTokenizer;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.VocabularyLayout;
import dev.tessera.vision.ImageCodec;
import dev.tessera.vision.image.ImageData;
import dev.tessera.vision.image.Images;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Images as a modality: an {@link ImageCodec} (VQ or k-means) turns an {@link ImageData} into a
 * raster-order grid of codes and back. Images of another size are resized (bilinear) and gray/RGB
 * converted to the codec's shape first. The codec is saved as {@code codec.safetensors}.
 */
public final class ImageModality implements Modality<ImageData> {
    /** Name of the state entry holding the codec. */
    public static final String CODEC_ENTRY = "codec.safetensors";

    private final String name;
    private final ImageCodec codec;

    /**
     * Wraps a codec.
     *
     * @param name the modality name in the vocabulary layout (e.g. {@code image})
     * @param codec the trained codec
     */
    public ImageModality(String name, ImageCodec codec) {
        this.name = name;
        this.codec = codec;
    }

    /** @return the codec */
    public ImageCodec codec() {
        return codec;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public Class<ImageData> type() {
        return ImageData.class;
    }

    @Override
    public ModalityTokenizer<ImageData> tokenizer() {
        return ModalityTokenizer.of(name, codec.codebookSize(), input -> {
            ImageData fitted = Images.fit(input, codec.imageSize(), codec.channels());
            int[] ids = codec.tokenize(fitted.pixels(), 1)[0];
            return Segment.of(name, ids, Map.of("grid", codec.grid(), "image_size", codec.imageSize(),
                    "channels", codec.channels()));
        });
    }

    @Override
    public ModalityDetokenizer<ImageData> detokenizer() {
        return ModalityDetokenizer.of(name, segment -> {
            if (segment.length() != codec.tokensPerImage()) {
                throw new IllegalArgumentException("an image needs exactly " + codec.tokensPerImage() + " tokens ("
                        + codec.grid() + "x" + codec.grid() + "), got " + segment.length());
            }
            float[] px = codec.detokenize(new int[][] {segment.tokens()});
            return new ImageData(codec.imageSize(), codec.imageSize(), codec.channels(), px);
        });
    }

    /** @return exactly {@link ImageCodec#tokensPerImage()} codes, then the segment ends */
    @Override
    public List<LogitsProcessor> outputConstraints(VocabularyLayout layout, int budget) {
        return List.of(LogitsProcessors.exactLength(layout, name, codec.tokensPerImage()));
    }

    /** @return the codes of one image */
    @Override
    public int fixedLength() {
        return codec.tokensPerImage();
    }

    @Override
    public int vocabularySize() {
        return codec.codebookSize();
    }

    @Override
    public String providerName() {
        return codec.providerName();
    }

    @Override
    public void save(ModalityState state) throws IOException {
        state.putBytes(CODEC_ENTRY, codec.toBytes());
    }
}
