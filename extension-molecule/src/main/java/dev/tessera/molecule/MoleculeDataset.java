package dev.tessera.molecule;

import dev.tessera.core.task.DataUnavailableException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Molecules in class folders ({@code <root>/<class>/<name>.cml}, the layout of the Debian package
 * {@code chemical-structures-data} under {@value #DEBIAN_ROOT}), tokenized, with the ones that do not
 * fit set aside and counted.
 *
 * @param root the folder that was read
 * @param entries the usable molecules, by class then file name
 * @param skipped file to the reason it was left out (too many atoms, outside the box, unknown element)
 * @param heavyAtomHistogram heavy-atom count to number of molecules, over every file read
 */
public record MoleculeDataset(Path root, List<Entry> entries, Map<String, String> skipped,
        Map<Integer, Integer> heavyAtomHistogram) {

    /** Where the Debian package {@code chemical-structures-data} installs its CML files. */
    public static final String DEBIAN_ROOT = "/usr/share/chemical-structures";

    /** Copies the collections. */
    public MoleculeDataset {
        entries = List.copyOf(entries);
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
        heavyAtomHistogram = Collections.unmodifiableMap(new TreeMap<>(heavyAtomHistogram));
    }

    /**
     * One usable molecule.
     *
     * @param className the class folder's name (e.g. {@code alcohols})
     * @param file the CML file
     * @param molecule the molecule as read
     * @param tokens its local molecule tokens
     */
    public record Entry(String className, Path file, Molecule molecule, int[] tokens) {
        /** Copies the tokens. */
        public Entry {
            tokens = tokens.clone();
        }

        @Override
        public int[] tokens() {
            return tokens.clone();
        }

        /** @return the number of tokenized atoms */
        public int atoms() {
            return tokens.length / 4;
        }
    }

    /**
     * Reads every {@code <class>/*.cml} file under a root.
     *
     * @param root the folder of class folders
     * @param tokenizer the tokenizer
     * @param maxAtoms molecules with more tokenized atoms are skipped
     * @return the data set
     * @throws IOException if the root is missing or holds no CML file, or a file is malformed (named in the message)
     */
    public static MoleculeDataset load(Path root, MoleculeTokenizer tokenizer, int maxAtoms) throws IOException {
        if (!Files.isDirectory(root)) {
            throw new DataUnavailableException("molecules", root, "run scripts/fetch-data.sh molecules (it unpacks "
                    + "the Debian package chemical-structures-data without root), install that package (it fills "
                    + DEBIAN_ROOT + "), or pass another folder");
        }
        List<Path> files = new ArrayList<>();
        try (Stream<Path> classes = Files.list(root)) {
            for (Path dir : classes.filter(Files::isDirectory).sorted().toList()) {
                try (Stream<Path> cml = Files.list(dir)) {
                    cml.filter(p -> p.getFileName().toString().endsWith(".cml")).sorted().forEach(files::add);
                }
            }
        }
        if (files.isEmpty()) {
            throw new IOException("no <class>/*.cml files under " + root);
        }
        List<Entry> entries = new ArrayList<>();
        Map<String, String> skipped = new LinkedHashMap<>();
        Map<Integer, Integer> hist = new TreeMap<>();
        for (Path f : files) {
            Molecule m = CmlReader.read(f);
            int heavy = m.withoutHydrogens().size();
            hist.merge(heavy, 1, Integer::sum);
            String cls = f.getParent().getFileName().toString();
            try {
                int[] tokens = tokenizer.encode(m).tokens();
                if (tokens.length / 4 > maxAtoms) {
                    skipped.put(root.relativize(f).toString(), tokens.length / 4 + " atoms > " + maxAtoms);
                    continue;
                }
                entries.add(new Entry(cls, f, m, tokens));
            } catch (IllegalArgumentException e) {
                skipped.put(root.relativize(f).toString(), e.getMessage());
            }
        }
        return new MoleculeDataset(root, entries, skipped, hist);
    }

    /** @return class name to its entries, classes sorted by name */
    public Map<String, List<Entry>> byClass() {
        Map<String, List<Entry>> m = new TreeMap<>();
        for (Entry e : entries) {
            m.computeIfAbsent(e.className(), k -> new ArrayList<>()).add(e);
        }
        return m;
    }

    /**
     * Returns a percentile of the heavy-atom counts of every file read.
     *
     * @param q the quantile in [0, 1]
     * @return the smallest count with at least {@code q} of the molecules at or below it
     */
    public int heavyAtomPercentile(double q) {
        int total = heavyAtomHistogram.values().stream().mapToInt(Integer::intValue).sum();
        int cum = 0;
        for (Map.Entry<Integer, Integer> e : heavyAtomHistogram.entrySet()) {
            cum += e.getValue();
            if (cum >= q * total) {
                return e.getKey();
            }
        }
        return 0;
    }
}
