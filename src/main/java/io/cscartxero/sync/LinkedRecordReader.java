package io.cscartxero.sync;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.springframework.batch.infrastructure.item.database.JdbcPagingItemReader;
import org.springframework.batch.infrastructure.item.database.Order;
import org.springframework.batch.infrastructure.item.database.builder.JdbcPagingItemReaderBuilder;

/**
 * Reads the links of records that exist in Xero (one entity; all of them, or only some CS-Cart ids), in CS-Cart id
 * order (restartable by key): what the delete jobs go through.
 */
public final class LinkedRecordReader {

    private LinkedRecordReader() {
    }

    /** @param cscartIds only these records, or null for every linked record of the entity */
    public static JdbcPagingItemReader<SyncLink> build(String name, DataSource connector, String tenant, String entity,
            List<Long> cscartIds) throws Exception {
        Map<String, Object> params = new HashMap<>(Map.of("tenant", tenant, "entity", entity));
        String where = "tenant_id = :tenant AND entity = :entity AND xero_id IS NOT NULL";
        if (cscartIds != null && cscartIds.isEmpty()) {
            where += " AND 1 = 0";
        } else if (cscartIds != null) {
            where += " AND cscart_id IN (:ids)";
            params.put("ids", cscartIds.stream().map(String::valueOf).toList());
        }
        return new JdbcPagingItemReaderBuilder<SyncLink>()
                .name(name)
                .dataSource(connector)
                .selectClause("entity, cscart_id, state, xero_id, xero_key, payload_hash")
                .fromClause("sync_link")
                .whereClause(where)
                .sortKeys(Map.of("cscart_id", Order.ASCENDING))
                .parameterValues(params)
                .pageSize(100)
                .rowMapper(SyncLinkRepository.ROW_MAPPER)
                .build();
    }
}
