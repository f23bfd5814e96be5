package io.cscartxero.order;

import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.zaxxer.hikari.HikariDataSource;

import io.cscartxero.cscart.CsCartProperties;
import io.cscartxero.cscart.RmaReturns;

import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate;

/**
 * The pure CS-Cart read of orderExportJob, in a JVM of its own (started by {@code LargeBackfillBenchmark
 * -Dbench.readOnly=true}): {@link OrderReader} as the job builds it — keyset pages of 500 orders, their lines and
 * order data, row mapping, PHP unserialize of the order data and line extras, the RMA look-ups, the next page read
 * ahead — and nothing else (no tax plan, no invoice, no report, no Spring Batch). Arguments: the connector's
 * {@code --cscart.datasource.*} and {@code --cscart.table-prefix} options, {@code statuses=P,C,...}. Prints
 * {@code read-only: <orders> orders, <lines> lines, <nanos> ns, start <epoch ms>, end <epoch ms>}.
 */
public final class OrderReadBenchmark {

    private OrderReadBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = new HashMap<>();
        for (String arg : args) {
            String a = arg.startsWith("--") ? arg.substring(2) : arg;
            int eq = a.indexOf('=');
            if (eq > 0) {
                options.put(a.substring(0, eq), a.substring(eq + 1));
            }
        }
        try (HikariDataSource ds = new HikariDataSource()) {
            ds.setJdbcUrl(options.get("cscart.datasource.url"));
            ds.setUsername(options.get("cscart.datasource.username"));
            ds.setPassword(options.get("cscart.datasource.password"));
            ds.setMaximumPoolSize(4);
            CsCartProperties properties = new CsCartProperties(options.getOrDefault("cscart.table-prefix", "cscart_"), null, null, null);
            NamedParameterJdbcTemplate cscart = new NamedParameterJdbcTemplate(ds);
            List<String> statuses = Arrays.asList(options.getOrDefault("statuses", "P,C,O,F,D,B,I").split(","));
            var filter = new CsCartOrderQueries.Filter(statuses, null, List.of(), ZoneId.of("UTC"), null);
            // warm the pool (one connection) outside the timed part, as the job's pool is warm when its step starts
            cscart.getJdbcTemplate().queryForObject("SELECT 1", Integer.class);
            OrderReader reader = new OrderReader(cscart, new CsCartOrderQueries(properties), filter, Map.of(), 500,
                    new RmaReturns(cscart, properties), 2);
            long startMillis = System.currentTimeMillis();
            long start = System.nanoTime();
            reader.open(new ExecutionContext());
            long orders = 0;
            long lines = 0;
            long lineHash = 0;
            for (SourceOrder o = reader.read(); o != null; o = reader.read()) {
                orders++;
                if (o.order() != null) {
                    lines += o.order().lines().size();
                    lineHash += o.order().taxes().size();
                }
            }
            reader.close();
            long nanos = System.nanoTime() - start;
            System.out.printf("read-only: %d orders, %d lines, %d ns, start %d, end %d (taxes %d)%n", orders, lines, nanos,
                    startMillis, System.currentTimeMillis(), lineHash);
        }
    }
}
