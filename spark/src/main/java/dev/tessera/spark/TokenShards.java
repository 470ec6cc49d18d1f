package dev.tessera.spark;

import dev.tessera.core.io.AtomicFiles;
import dev.tessera.core.io.Json;
import dev.tessera.text.TokenFiles;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.MapPartitionsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Writes a column of token ids as id files, one shard per partition ({@code shard-00000.ids}, ...), in the
 * project's id-file format ({@link TokenFiles}: one decimal id per line, read back with
 * {@link TokenFiles#readIds}), each written atomically by the task that owns the partition, then a
 * {@code shards.json} index (file, rows, tokens per shard) written by the driver. Rows keep their order
 * within a shard; an optional separator id goes after every row (e.g. GPT-2's {@code <|endoftext|>}).
 * The folder must be on a file system every executor can write to.
 */
public final class TokenShards {
    private TokenShards() { }

    /**
     * One written shard.
     *
     * @param file the file name inside the folder
     * @param rows rows written
     * @param tokens ids written (separators included)
     */
    public record Shard(String file, long rows, long tokens) { }

    /**
     * Writes the shards.
     *
     * @param ids rows with an {@code array<int>} column (rows with a null value, e.g. failed ones, are skipped)
     * @param idsCol the column
     * @param dir the output folder (created)
     * @param separator an id written after each row, or -1 for none
     * @return the shards in partition order
     * @throws IOException if the folder or the index cannot be written
     */
    public static List<Shard> write(Dataset<Row> ids, String idsCol, Path dir, int separator) throws IOException {
        Files.createDirectories(dir);
        Writer w = new Writer(dir.toAbsolutePath().toString(), ids.schema().fieldIndex(idsCol), separator);
        StructType schema = new StructType().add("file", DataTypes.StringType).add("rows", DataTypes.LongType)
                .add("tokens", DataTypes.LongType);
        List<Shard> shards = new ArrayList<>();
        for (Row r : ids.mapPartitions((MapPartitionsFunction<Row, Row>) w::run, Encoders.row(schema)).collectAsList()) {
            shards.add(new Shard(r.getString(0), r.getLong(1), r.getLong(2)));
        }
        List<Map<String, Object>> index = new ArrayList<>();
        for (Shard s : shards) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("file", s.file());
            m.put("rows", s.rows());
            m.put("tokens", s.tokens());
            index.add(m);
        }
        AtomicFiles.writeString(dir.resolve("shards.json"), Json.COMPACT.toJson(Map.of("format", "one decimal id per "
                + "line (TokenFiles)", "separator", separator, "shards", index)));
        return shards;
    }

    /** Writes one partition's shard. */
    private record Writer(String dir, int col, int separator) implements Serializable {
        Iterator<Row> run(Iterator<Row> rows) {
            String name = String.format("shard-%05d.ids", TaskContext.getPartitionId());
            long[] counts = new long[2];
            try {
                AtomicFiles.write(Path.of(dir, name), os -> {
                    java.io.Writer out = new java.io.BufferedWriter(new java.io.OutputStreamWriter(os,
                            java.nio.charset.StandardCharsets.US_ASCII), 1 << 16);
                    while (rows.hasNext()) {
                        Row r = rows.next();
                        if (r.isNullAt(col)) {
                            continue;
                        }
                        List<Object> list = r.getList(col);
                        int[] ids = new int[list.size() + (separator >= 0 ? 1 : 0)];
                        for (int i = 0; i < list.size(); i++) {
                            ids[i] = (Integer) list.get(i);
                        }
                        if (separator >= 0) {
                            ids[ids.length - 1] = separator;
                        }
                        TokenFiles.appendIds(out, ids);
                        counts[1] += ids.length;
                        counts[0]++;
                    }
                    out.flush();
                });
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write token shard " + Path.of(dir, name), e);
            }
            return List.of(RowFactory.create(name, counts[0], counts[1])).iterator();
        }
    }
}
