package dev.tessera.cli;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import dev.tessera.core.io.Json;
import dev.tessera.samples.text.ThroughputHarness;
import dev.tessera.samples.text.ThroughputHarness.Contender;
import dev.tessera.text.CorpusFiles;
import dev.tessera.text.bpe.BatchEncoder;
import dev.tessera.text.bpe.ByteLevelBpe;
import dev.tessera.text.bpe.Gpt2PreTokenizer;
import dev.tessera.text.bpe.Gpt2Vocabulary;
import dev.tessera.text.bpe.HfTokenizerJson;
import dev.tessera.text.bpe.SpecialTokenPolicy;
import dev.tessera.text.hf.HfTokenizer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code tessera bench-tokenizer}: GPT-2 encoding speed of Tessera, jtokkit (r50k_base) and DJL's
 * Hugging Face binding (loaded from a tokenizer.json Tessera writes from the same vocabulary), single
 * threaded and batched, after checking that all three give the same ids on every text.
 */
@Command(name = "bench-tokenizer", mixinStandardHelpOptions = true,
        description = "Benchmarks GPT-2 tokenization: Tessera vs jtokkit r50k_base vs DJL's Hugging Face tokenizer.")
public final class BenchTokenizerCommand implements Callable<Integer> {
    @Mixin
    JsonOutput output;

    @Option(names = "--gpt2", paramLabel = "DIR", description = "GPT-2 vocabulary folder (default: ${DEFAULT-VALUE}).")
    Path gpt2 = Path.of("data", "text", "gpt2");

    @Option(names = "--corpus", paramLabel = "DIR", description = "Folder of *.txt files to time (default: ${DEFAULT-VALUE}).")
    Path corpus = Path.of("data", "text", "sotu");

    @Option(names = "--check", paramLabel = "DIR", split = ",", description = "Extra folders whose files are only "
            + "checked for identical ids and round trips (default: ${DEFAULT-VALUE}).")
    List<Path> check = List.of(Path.of("data", "text", "tutor"));

    @Option(names = "--warmup", description = "Untimed passes per contender (default: ${DEFAULT-VALUE}).")
    int warmup = 2;

    @Option(names = "--runs", description = "Timed passes per contender (default: ${DEFAULT-VALUE}).")
    int runs = 5;

    @Option(names = "--djl-warmup", description = "Untimed passes for DJL, which is much slower here (default: ${DEFAULT-VALUE}).")
    int djlWarmup = 1;

    @Option(names = "--djl-runs", description = "Timed passes for DJL (default: ${DEFAULT-VALUE}).")
    int djlRuns = 2;

    @Option(names = "--threads", description = "Threads for the batched runs (default: ${DEFAULT-VALUE}).")
    int threads = 2;

    @Option(names = "--no-djl", description = "Leave out DJL's Hugging Face tokenizer.")
    boolean noDjl;

    @Override
    public Integer call() throws Exception {
        ByteLevelBpe tessera = Gpt2Vocabulary.load(gpt2);
        Encoding r50k = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.R50K_BASE);
        List<Path> files = CorpusFiles.list(corpus, ".txt");
        List<String> texts = CorpusFiles.readAll(files);
        List<Path> checkFiles = new ArrayList<>(files);
        for (Path d : check) {
            if (Files.isDirectory(d)) {
                try (var s = Files.list(d)) {
                    s.filter(Files::isRegularFile).sorted().forEach(checkFiles::add);
                }
            }
        }
        Path tmp = Files.createTempFile("tessera-gpt2-", ".tokenizer.json");
        HfTokenizer djl = null;
        try {
            if (!noDjl) {
                HfTokenizerJson.write(tessera, tmp);
                djl = HfTokenizer.load(tmp);
            }
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("corpus", corpus.toString());
            report.put("files", files.size());
            report.putAll(checkParity(tessera, r50k, djl, checkFiles));

            List<Contender> cs = new ArrayList<>();
            cs.add(new Contender("tessera", "single", 1, t -> {
                long n = 0;
                for (String s : t) {
                    n += tessera.encode(s, SpecialTokenPolicy.ENCODE_AS_TEXT).length;
                }
                return n;
            }));
            cs.add(new Contender("jtokkit_r50k", "single", 1, t -> {
                long n = 0;
                for (String s : t) {
                    n += r50k.encodeOrdinary(s).size();
                }
                return n;
            }));
            HfTokenizer hf = djl;
            List<Contender> djlCs = new ArrayList<>();
            if (hf != null) {
                djlCs.add(new Contender("djl_hf_tokenizers", "single", 1, t -> {
                    long n = 0;
                    for (String s : t) {
                        n += hf.encode(s).length;
                    }
                    return n;
                }));
            }
            ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
                Thread th = new Thread(r, "bench-jtokkit");
                th.setDaemon(true);
                return th;
            });
            try (BatchEncoder batch = tessera.batchEncoder(threads)) {
                cs.add(new Contender("tessera", "batch", threads, t -> {
                    long n = 0;
                    for (int[] ids : batch.encode(t, SpecialTokenPolicy.ENCODE_AS_TEXT)) {
                        n += ids.length;
                    }
                    return n;
                }));
                cs.add(new Contender("jtokkit_r50k", "batch", threads, t -> parallelCount(pool, threads, t, r50k)));
                if (hf != null) {
                    djlCs.add(new Contender("djl_hf_tokenizers", "batch", Runtime.getRuntime().availableProcessors(), t -> {
                        long n = 0;
                        for (int[] ids : hf.encodeBatch(t)) {
                            n += ids.length;
                        }
                        return n;
                    }));
                }
                List<ThroughputHarness.Result> results = new ArrayList<>(new ThroughputHarness(warmup, runs).measure(texts, cs));
                if (!djlCs.isEmpty()) {
                    results.addAll(new ThroughputHarness(djlWarmup, djlRuns).measure(texts, djlCs));
                }
                List<Map<String, Object>> rows = new ArrayList<>();
                double tesseraSingle = 0;
                double jtokkitSingle = 0;
                for (ThroughputHarness.Result r : results) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("name", r.name());
                    m.put("mode", r.mode());
                    m.put("threads", r.threads());
                    m.put("tokens", r.tokens());
                    m.put("mb_per_s", round(r.medianMbPerS()));
                    m.put("best_mb_per_s", round(r.bestMbPerS()));
                    rows.add(m);
                    report.put(r.name() + "_" + r.mode() + "_mb_per_s", round(r.medianMbPerS()));
                    if (r.mode().equals("single") && r.name().equals("tessera")) {
                        tesseraSingle = r.medianMbPerS();
                    }
                    if (r.mode().equals("single") && r.name().equals("jtokkit_r50k")) {
                        jtokkitSingle = r.medianMbPerS();
                    }
                }
                report.put("bytes", results.get(0).bytes());
                // the word cache is part of the design; this shows the speed of one pass with an empty cache
                ByteLevelBpe fresh = Gpt2Vocabulary.load(gpt2);
                long t0 = System.nanoTime();
                for (String s : texts) {
                    fresh.encode(s, SpecialTokenPolicy.ENCODE_AS_TEXT);
                }
                report.put("tessera_single_cold_cache_mb_per_s",
                        round(results.get(0).bytes() / 1e6 / ((System.nanoTime() - t0) / 1e9)));
                report.put("tessera_vs_jtokkit_single", round(tesseraSingle / jtokkitSingle));
                report.put("warmup", warmup);
                report.put("runs", runs);
                report.put("djl_warmup", djlWarmup);
                report.put("djl_runs", djlRuns);
                report.put("cores", Runtime.getRuntime().availableProcessors());
                report.put("results", rows);
            } finally {
                pool.shutdownNow();
            }
            output.print(report);
            return 0;
        } finally {
            if (djl != null) {
                djl.close();
            }
            Files.deleteIfExists(tmp);
        }
    }

    private static long parallelCount(ExecutorService pool, int threads, List<String> texts, Encoding enc) {
        AtomicInteger next = new AtomicInteger();
        List<Future<Long>> fs = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            fs.add(pool.submit(() -> {
                long n = 0;
                int i;
                while ((i = next.getAndIncrement()) < texts.size()) {
                    n += enc.encodeOrdinary(texts.get(i)).size();
                }
                return n;
            }));
        }
        long n = 0;
        try {
            for (Future<Long> f : fs) {
                n += f.get();
            }
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return n;
    }

    /** Ids of Tessera vs jtokkit (and DJL), round trips, and the pre-tokenizer vs the regex, per file. */
    private static Map<String, Object> checkParity(ByteLevelBpe tessera, Encoding r50k, HfTokenizer djl, List<Path> files)
            throws Exception {
        int jtokkitMismatch = 0;
        int djlMismatch = 0;
        int roundTripFail = 0;
        int preTokMismatch = 0;
        long bytes = 0;
        List<String> firstBad = new ArrayList<>();
        for (Path p : files) {
            String text = CorpusFiles.read(p);
            bytes += text.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
            int[] ids = tessera.encode(text, SpecialTokenPolicy.ENCODE_AS_TEXT);
            if (!Arrays.equals(ids, r50k.encodeOrdinary(text).toArray())) {
                jtokkitMismatch++;
                firstBad.add("jtokkit:" + p.getFileName());
            }
            if (djl != null && !Arrays.equals(ids, djl.encode(text))) {
                djlMismatch++;
                firstBad.add("djl:" + p.getFileName());
            }
            if (!tessera.decode(ids).equals(text)) {
                roundTripFail++;
                firstBad.add("roundtrip:" + p.getFileName());
            }
            if (!Gpt2PreTokenizer.split(text).equals(Gpt2PreTokenizer.splitWithRegex(text))) {
                preTokMismatch++;
                firstBad.add("pretokenizer:" + p.getFileName());
            }
        }
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("parity_files", files.size());
        m.put("parity_bytes", bytes);
        m.put("jtokkit_id_mismatches", jtokkitMismatch);
        m.put("djl_id_mismatches", djl == null ? null : djlMismatch);
        m.put("roundtrip_failures", roundTripFail);
        m.put("pretokenizer_regex_mismatches", preTokMismatch);
        if (!firstBad.isEmpty()) {
            m.put("mismatched", firstBad.subList(0, Math.min(10, firstBad.size())));
        }
        return m;
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
