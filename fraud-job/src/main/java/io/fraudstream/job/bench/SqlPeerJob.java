package io.fraudstream.job.bench;

import io.fraudstream.events.config.ConfigException;
import io.fraudstream.job.FraudDetectionJob;
import io.fraudstream.job.config.FraudJobConfig;
import io.fraudstream.job.config.JobConfigLoader;
import java.util.Locale;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;

/**
 * The benchmark's peer: what a team would write in Flink SQL instead of fraudstream. A Kafka JSON
 * source table on the transaction contract with event time from {@code timestamp} and a 5 s
 * watermark; per account a {@code COUNT(*)} over a 10-minute and a {@code SUM(amount)} over a
 * 1-hour {@code RANGE} OVER window (stacked: the streaming planner refuses two different OVER
 * windows in one {@code SELECT}); the rows where the count is above 5 or the sum above 2,000, as
 * JSON to Kafka.
 *
 * <p>Reads the fraud job's options, so both jobs get the same parallelism, checkpoints, buffer
 * timeout, group and starting offsets; its rows go to the alerts topic option. With {@code
 * pass-through} as its first argument it runs {@link #PASS_THROUGH} instead: the same source table
 * straight into a JSON sink table, which is Flink SQL's cost of decoding and encoding alone.
 */
public final class SqlPeerJob {

    /** The first argument that selects the pass-through statement. */
    public static final String PASS_THROUGH = "pass-through";

    /** Count and sum per account, over their windows; the rows above either threshold. */
    static final String PEER =
            """
            INSERT INTO output
            SELECT transactionId, accountId, `timestamp`, amount, count10m, sum1h
            FROM (
              SELECT transactionId, accountId, `timestamp`, amount, count10m,
                SUM(amount) OVER (PARTITION BY accountId ORDER BY `timestamp`
                  RANGE BETWEEN INTERVAL '1' HOUR PRECEDING AND CURRENT ROW) AS sum1h
              FROM (
                SELECT transactionId, accountId, `timestamp`, amount,
                  COUNT(*) OVER (PARTITION BY accountId ORDER BY `timestamp`
                    RANGE BETWEEN INTERVAL '10' MINUTE PRECEDING AND CURRENT ROW) AS count10m
                FROM transactions))
            WHERE count10m > 5 OR sum1h > 2000
            """;

    /** Every field of the transaction contract; amounts as the contract bounds them. */
    private static final String CONTRACT =
            """
              transactionId STRING,
              accountId STRING,
              `timestamp` TIMESTAMP_LTZ(3),
              amount DECIMAL(38, 18),
              currency STRING,
              merchantId STRING,
              terminalId STRING,
              mcc STRING,
              country STRING,
              lat DOUBLE,
              lon DOUBLE,
              channel STRING
            """;

    private SqlPeerJob() {}

    public static void main(String[] args) throws Exception {
        boolean passThrough = args.length > 0 && PASS_THROUGH.equals(args[0]);
        String[] options = passThrough ? java.util.Arrays.copyOfRange(args, 1, args.length) : args;
        FraudJobConfig config;
        try {
            config = JobConfigLoader.load(options);
        } catch (ConfigException e) {
            System.err.println("SQL peer job: invalid configuration: " + e.getMessage());
            System.exit(2);
            return;
        }
        StreamExecutionEnvironment env =
                StreamExecutionEnvironment.getExecutionEnvironment(
                        FraudDetectionJob.environment(config));
        // Submitted to a cluster, the job keeps running after main returns, as the fraud job's.
        submit(env, config, passThrough);
    }

    /** Creates both tables and submits the peer or the pass-through statement. */
    static TableResult submit(
            StreamExecutionEnvironment env, FraudJobConfig config, boolean passThrough) {
        if (config.parallelism() > 0) {
            env.setParallelism(config.parallelism());
        }
        StreamTableEnvironment tables = StreamTableEnvironment.create(env);
        tables.getConfig()
                .set(
                        "pipeline.name",
                        config.jobName() + (passThrough ? "-sql-pass-through" : "-sql-peer"));
        tables.executeSql(sourceTable(config));
        if (passThrough) {
            tables.executeSql(sinkTable(config, CONTRACT));
            return tables.executeSql("INSERT INTO output SELECT * FROM transactions");
        }
        tables.executeSql(
                sinkTable(
                        config,
                        """
                          transactionId STRING,
                          accountId STRING,
                          `timestamp` TIMESTAMP_LTZ(3),
                          amount DECIMAL(38, 18),
                          count10m BIGINT,
                          sum1h DECIMAL(38, 18)
                        """));
        return tables.executeSql(PEER);
    }

    /** The transactions topic as a table, event time from {@code timestamp}, a 5 s watermark. */
    static String sourceTable(FraudJobConfig config) {
        FraudJobConfig.Kafka kafka = config.kafka();
        return String.format(
                Locale.ROOT,
                """
                CREATE TABLE transactions (
                %s,
                  WATERMARK FOR `timestamp` AS `timestamp` - INTERVAL '%d' SECOND
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'properties.group.id' = '%s',
                  'scan.startup.mode' = '%s',%s
                  'format' = 'json',
                  'json.timestamp-format.standard' = 'ISO-8601',
                  'json.ignore-parse-errors' = 'true'
                )
                """,
                CONTRACT.stripTrailing(),
                config.watermarks().outOfOrderness().toSeconds(),
                kafka.transactionsTopic(),
                kafka.bootstrapServers(),
                kafka.groupId(),
                switch (kafka.startingOffsets()) {
                    case EARLIEST -> "earliest-offset";
                    case LATEST -> "latest-offset";
                    case COMMITTED -> "group-offsets";
                },
                kafka.bounded() ? "\n  'scan.bounded.mode' = 'latest-offset'," : "");
    }

    /** The alerts topic option as a JSON table keyed by account, at-least-once like our sinks. */
    static String sinkTable(FraudJobConfig config, String columns) {
        return String.format(
                Locale.ROOT,
                """
                CREATE TABLE output (
                %s
                ) WITH (
                  'connector' = 'kafka',
                  'topic' = '%s',
                  'properties.bootstrap.servers' = '%s',
                  'key.format' = 'raw',
                  'key.fields' = 'accountId',
                  'value.format' = 'json',
                  'value.json.timestamp-format.standard' = 'ISO-8601',
                  'value.fields-include' = 'ALL',
                  'sink.delivery-guarantee' = 'at-least-once'
                )
                """,
                columns.stripTrailing(),
                config.kafka().alertsTopic(),
                config.kafka().bootstrapServers());
    }
}
