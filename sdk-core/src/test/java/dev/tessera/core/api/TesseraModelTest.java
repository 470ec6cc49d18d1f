package dev.tessera.core.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.Device;
import dev.tessera.core.generate.GenerationResult;
import dev.tessera.core.generate.Generator;
import dev.tessera.core.generate.SamplingConfig;
import dev.tessera.core.generate.TokenSampler;
import dev.tessera.core.infer.BatchSession;
import dev.tessera.core.infer.EngineChoice;
import dev.tessera.core.infer.JvmDecodeEngine;
import dev.tessera.core.bundle.ModelBundle;
import dev.tessera.core.bundle.ModelBundleTest;
import dev.tessera.core.model.DecoderModel;
import dev.tessera.core.model.ModelConfig;
import dev.tessera.core.token.Segment;
import dev.tessera.core.token.TokenSequence;
import dev.tessera.core.token.VocabularyLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TesseraModelTest {
    private static final String ALPHABET = "abcdefghijklmnopqrstuvwxyz";
    private static TesseraModel model;

    @BeforeAll
    static void load() {
        VocabularyLayout layout = VocabularyLayout.framed(Map.of("letters", 26));
        DecoderModel m = DecoderModel.create(ModelConfig.gpt2(layout.size(), 64, 2, 2, 16), 5, Device.cpu());
        model = TesseraModel.of(ModelBundle.of(m, layout, List.of(new ModelBundleTest.Letters(ALPHABET)), Map.of(
                "made_by", "test")), EngineChoice.JVM);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    @Test
    void textIn_textOut_continuesTheOpenSegment_likeTheGeneratorOnTheSameIds() {
        String out = model.generate("tessera", SamplingConfig.greedy(12));
        assertTrue(out.chars().allMatch(c -> ALPHABET.indexOf(c) >= 0), out);
        VocabularyLayout layout = model.bundle().layout();
        Segment prompt = model.bundle().modality("letters", String.class).tokenizer().encode("tessera");
        int[] ids = TokenSequence.of(prompt).continuation(layout);
        assertEquals(layout.bos(), ids[0]);
        assertEquals(layout.begin("letters"), ids[1]);
        assertEquals(2 + 7, ids.length, "BOS, BEGIN and the seven letters; no END: the text goes on");
        GenerationResult r = new Generator(new JvmDecodeEngine(model.bundle().model()), layout).generate(ids,
                SamplingConfig.greedy(12).withStopTokens(layout.end("letters")), List.of(), null);
        StringBuilder want = new StringBuilder();
        for (int id : r.tokens()) {
            if ("letters".equals(layout.modalityOf(id))) {
                want.append(ALPHABET.charAt(id - layout.offset("letters")));
            }
        }
        assertEquals(want.toString(), out);
    }

    @Test
    void streaming_handsOutTheSameText_inPieces() {
        List<String> pieces = new ArrayList<>();
        String all = model.stream("abc", SamplingConfig.sample(1.0, 9, 10), pieces::add);
        assertEquals(all, String.join("", pieces));
        assertEquals(model.generate("abc", SamplingConfig.sample(1.0, 9, 10)), all, "seeded: the same answer");
    }

    @Test
    void oneLoadedModel_eightThreads_giveTheSequentialAnswers_onBothEngines(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("letters.tessera");
        model.bundle().save(file);
        for (EngineChoice engine : List.of(EngineChoice.JVM, EngineChoice.DJL)) {
            try (TesseraModel loaded = TesseraModel.of(ModelBundle.load(file, dev.tessera.core.modality.ModalityRegistry
                    .empty().with(new ModelBundleTest.LettersProvider()), Device.cpu()), engine)) {
                List<String> sequential = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    sequential.add(loaded.generate("abc", SamplingConfig.sample(1.0, i, 12)));
                }
                assertTrue(new java.util.HashSet<>(sequential).size() > 1, engine + ": the seeds give different answers");
                ExecutorService pool = Executors.newFixedThreadPool(8);
                try {
                    List<Future<String>> futures = new ArrayList<>();
                    for (int round = 0; round < 4; round++) {
                        for (int i = 0; i < 16; i++) {
                            long seed = i;
                            futures.add(pool.submit(() -> loaded.generate("abc", SamplingConfig.sample(1.0, seed, 12))));
                        }
                    }
                    for (int k = 0; k < futures.size(); k++) {
                        assertEquals(sequential.get(k % 16), futures.get(k).get(), engine + ": request " + k);
                    }
                } finally {
                    pool.shutdownNow();
                }
            }
        }
    }

    @Test
    void askingForATypeNoModalityWrites_namesTheModalities() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> model.generate(Prompt.of("abc"), Integer.class, SamplingConfig.greedy(4)));
        assertTrue(e.getMessage().contains("letters (String)"), e.getMessage());
        IllegalArgumentException part = assertThrows(IllegalArgumentException.class,
                () -> model.generate(Prompt.of(42.0), String.class, SamplingConfig.greedy(4)));
        assertTrue(part.getMessage().contains("Double"), part.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> model.generate(Prompt.of(Prompt.part("pictures", "abc")), String.class, SamplingConfig.greedy(4)));
        assertEquals("test", model.provenance().madeBy());
    }

    @Test
    void plansJoinedToOneBatch_giveTheAnswersOfGenerate_eachWithItsOwnSeed() {
        List<GenerationPlan<String>> plans = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            plans.add(model.plan(Prompt.of("ab" + "cdefg".substring(0, i)), "letters", String.class,
                    SamplingConfig.sample(1.0, 100 + i, 9)));
        }
        List<BatchSession.Sequence> seqs = new ArrayList<>();
        try (BatchSession batch = model.openBatch(3)) {
            int next = 0;
            while (next < plans.size() || batch.active() > 0) {
                while (next < plans.size() && batch.active() < batch.capacity()) {
                    seqs.add(batch.join(plans.get(next).prompt(), plans.get(next).sampler()));
                    next++;
                }
                batch.step();
            }
        }
        for (int i = 0; i < plans.size(); i++) {
            TokenSampler s = seqs.get(i).sampler();
            String batched = plans.get(i).decode(s.tokens(), s.finishReason());
            String alone = model.generate("ab" + "cdefg".substring(0, i), SamplingConfig.sample(1.0, 100 + i, 9));
            assertEquals(alone, batched, "request " + i + " joined a batch of three that others left and joined");
        }
    }

    @Test
    void plan_textPieces_concatenateToTheDecodedAnswer() {
        GenerationPlan<String> plan = model.plan(Prompt.of("xyz"), "letters", String.class,
                SamplingConfig.sample(1.0, 4, 10));
        StringBuilder pieces = new StringBuilder();
        dev.tessera.core.generate.TokenListener l = plan.textPieces(pieces::append);
        TokenSampler s = plan.sampler();
        try (BatchSession batch = model.openBatch(1)) {
            BatchSession.Sequence q = batch.join(plan.prompt(), s);
            while (q.active()) {
                for (BatchSession.Emitted e : batch.step()) {
                    if (e.token() >= 0) {
                        l.onToken(0, e.token());
                    }
                }
            }
        }
        assertEquals(plan.decode(s.tokens(), s.finishReason()), pieces.toString());
        assertTrue(model.contextLength() == 64);
    }
}
