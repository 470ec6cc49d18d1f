package dev.tessera.text.bpe;

import java.util.List;

/**
 * Settings of {@link BpeTrainer}.
 *
 * @param vocabularySize the final vocabulary size: 256 byte tokens + merges + special tokens;
 *     at least {@code 256 + specialTokens.size()}
 * @param minFrequency a pair is merged only if it occurs at least this often (at least 1)
 * @param specialTokens special tokens appended after the merges (distinct, non-empty)
 */
public record BpeTrainingConfig(int vocabularySize, int minFrequency, List<String> specialTokens) {

    /** Validates the fields. */
    public BpeTrainingConfig {
        specialTokens = List.copyOf(specialTokens);
        if (vocabularySize < 256 + specialTokens.size()) {
            throw new IllegalArgumentException("vocabularySize (" + vocabularySize + ") must be at least 256 + "
                    + specialTokens.size() + " special tokens");
        }
        if (minFrequency < 1) {
            throw new IllegalArgumentException("minFrequency (" + minFrequency + ") must be at least 1");
        }
        if (specialTokens.stream().anyMatch(String::isEmpty) || specialTokens.stream().distinct().count() != specialTokens.size()) {
            throw new IllegalArgumentException("specialTokens " + specialTokens + " must be distinct and non-empty");
        }
    }

    /**
     * A config with minimum frequency 2 and the special token {@code <|endoftext|>}.
     *
     * @param vocabularySize the final vocabulary size
     * @return the config
     */
    public static BpeTrainingConfig of(int vocabularySize) {
        return new BpeTrainingConfig(vocabularySize, 2, List.of(Gpt2Vocabulary.END_OF_TEXT));
    }
}
