package dev.tessera.spark;

import dev.tessera.timeseries.data.SeriesManifest;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Series as Spark rows in the layout the stages read: {@code name}, {@code history} (the training part),
 * {@code actual} (the last {@code horizon} points, the part forecast-eval scores), {@code horizon},
 * {@code period} and {@code frequency}.
 */
public final class SeriesFrames {
    /** The columns of {@link #fromManifest}. */
    public static final StructType SCHEMA = new StructType()
            .add("name", DataTypes.StringType, false)
            .add("history", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("actual", DataTypes.createArrayType(DataTypes.DoubleType, false), false)
            .add("horizon", DataTypes.IntegerType, false)
            .add("period", DataTypes.IntegerType, false)
            .add("frequency", DataTypes.StringType, false);

    private SeriesFrames() { }

    /**
     * Reads a manifest folder ({@code manifest.csv} and one CSV per series, as {@code forecast-eval} reads
     * it) on the driver and splits each series as forecast-eval does.
     *
     * @param spark the session
     * @param dir the folder
     * @param partitions the number of partitions of the result
     * @return one row per series, in manifest order
     * @throws IOException if the folder or a series cannot be read
     */
    public static Dataset<Row> fromManifest(SparkSession spark, Path dir, int partitions) throws IOException {
        List<Row> rows = new ArrayList<>();
        for (SeriesManifest.Split s : SeriesManifest.read(dir).splits()) {
            rows.add(RowFactory.create(s.entry().name(), s.train().values(0), s.test(), s.entry().horizon(),
                    s.entry().period(), s.entry().frequency().name().toLowerCase(Locale.ROOT)));
        }
        return spark.createDataFrame(rows, SCHEMA).repartition(partitions);
    }

    /**
     * Reads a Parquet file or folder with at least {@code name} and {@code history} (and, to be scored,
     * {@code actual} and {@code period}).
     *
     * @param spark the session
     * @param file the Parquet file or folder
     * @return its rows
     * @throws IllegalArgumentException if a required column is missing
     */
    public static Dataset<Row> fromParquet(SparkSession spark, String file) {
        Dataset<Row> d = spark.read().parquet(file);
        for (String c : List.of("name", "history")) {
            if (!List.of(d.schema().fieldNames()).contains(c)) {
                throw new IllegalArgumentException(file + ": no column '" + c + "'; columns are "
                        + String.join(", ", d.schema().fieldNames()));
            }
        }
        return d;
    }
}
