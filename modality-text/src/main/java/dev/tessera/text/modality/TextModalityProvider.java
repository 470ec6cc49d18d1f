package dev.tessera.text.modality;

import dev.tessera.core.modality.Modality;
import dev.tessera.core.modality.ModalityProvider;
import dev.tessera.core.modality.ModalityState;
import dev.tessera.text.SurrogatePolicy;
import dev.tessera.text.TextTokenizer;
import dev.tessera.text.bpe.HfTokenizerJson;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.chars.ByteTokenizer;
import dev.tessera.text.chars.CharTokenizer;
import java.io.IOException;

/**
 * Restores a {@link TextModality} from its saved state. Registered for {@link java.util.ServiceLoader}
 * in {@code META-INF/services/dev.tessera.core.modality.ModalityProvider} under the name
 * {@value #NAME}.
 */
public final class TextModalityProvider implements ModalityProvider {
    /** The provider name. */
    public static final String NAME = "text";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Modality<?> load(String modalityName, ModalityState state) throws IOException {
        TextModality.Settings s = state.getJson("text.json", TextModality.Settings.class);
        SurrogatePolicy surrogates = parse(SurrogatePolicy.class, s.surrogates(), "surrogates", state);
        SpecialTokenPolicy specials = parse(SpecialTokenPolicy.class, s.specialTokens(), "specialTokens", state);
        TextTokenizer tok;
        String kind = s.kind() == null ? "" : s.kind();
        switch (kind) {
            case "bpe":
                tok = HfTokenizerJson.parse(state.getString("tokenizer.json"),
                        "modality '" + state.owner() + "' entry tokenizer.json", surrogates);
                break;
            case "chars":
                String alphabet = state.getJson("alphabet.json", String.class);
                try {
                    tok = CharTokenizer.of(alphabet);
                } catch (IllegalArgumentException e) {
                    throw new IOException("modality '" + state.owner() + "': entry alphabet.json: " + e.getMessage(), e);
                }
                break;
            case "bytes":
                tok = new ByteTokenizer(surrogates);
                break;
            default:
                throw new IOException("modality '" + state.owner() + "': text.json has kind '" + s.kind()
                        + "'; expected bpe, chars or bytes");
        }
        if (tok.vocabularySize() != s.vocabularySize()) {
            throw new IOException("modality '" + state.owner() + "': text.json says vocabularySize "
                    + s.vocabularySize() + " but the restored tokenizer has " + tok.vocabularySize());
        }
        return TextModality.of(modalityName, tok).withSpecialTokens(specials);
    }

    private static <E extends Enum<E>> E parse(Class<E> type, String value, String field, ModalityState state)
            throws IOException {
        try {
            return Enum.valueOf(type, String.valueOf(value));
        } catch (IllegalArgumentException e) {
            throw new IOException("modality '" + state.owner() + "': text.json field " + field + " = '" + value
                    + "' is not one of " + java.util.Arrays.toString(type.getEnumConstants()), e);
        }
    }
}
