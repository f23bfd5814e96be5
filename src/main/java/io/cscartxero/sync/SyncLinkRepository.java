package io.cscartxero.sync;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.core.RowMapper;
import org.springframework.stereotype.Repository;

/**
 * The CS-Cart id ↔ Xero id links in the connector database. Writes join the caller's transaction: called from a
 * chunk writer they commit together with the step's checkpoint.
 */
@Repository
public class SyncLinkRepository {

    private static final RowMapper<SyncLink> MAPPER = (rs, i) -> new SyncLink(rs.getString("entity"),
            rs.getString("cscart_id"), SyncLink.State.valueOf(rs.getString("state")), rs.getString("xero_id"),
            rs.getString("xero_key"), rs.getString("payload_hash"));
    /** With the field values (the lookups the imports use). */
    private static final RowMapper<SyncLink> WITH_FIELDS = (rs, i) -> MAPPER.mapRow(rs, i)
            .withFieldValues(FieldValues.fromJson(rs.getString("field_values")));

    private final JdbcTemplate jdbc;

    public SyncLinkRepository(JdbcTemplate jdbc) {
        this.jdbc = jdbc;
    }

    /** All links of one entity, keyed by CS-Cart id: loaded once per step instead of one query per record. */
    public Map<String, SyncLink> findAll(String tenantId, String entity) {
        Map<String, SyncLink> links = new HashMap<>();
        jdbc.query("SELECT entity, cscart_id, state, xero_id, xero_key, payload_hash FROM sync_link WHERE tenant_id = ? AND entity = ?",
                rs -> {
                    SyncLink link = MAPPER.mapRow(rs, 0);
                    links.put(link.cscartId(), link);
                }, tenantId, entity);
        return links;
    }

    /** Links of the given CS-Cart records, keyed by CS-Cart id (one query per chunk). */
    public Map<String, SyncLink> findByCscartIds(String tenantId, String entity, java.util.Collection<String> cscartIds) {
        Map<String, SyncLink> links = new HashMap<>();
        if (cscartIds.isEmpty()) {
            return links;
        }
        new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).query(
                "SELECT entity, cscart_id, state, xero_id, xero_key, payload_hash, field_values FROM sync_link "
                        + "WHERE tenant_id = :tenant AND entity = :entity AND cscart_id IN (:ids)",
                Map.of("tenant", tenantId, "entity", entity, "ids", cscartIds), rs -> {
                    SyncLink link = WITH_FIELDS.mapRow(rs, 0);
                    links.put(link.cscartId(), link);
                });
        return links;
    }

    /** Links of the given Xero records, keyed by Xero id (one query per chunk of an import). */
    public Map<String, SyncLink> findByXeroIds(String tenantId, String entity, java.util.Collection<String> xeroIds) {
        Map<String, SyncLink> links = new HashMap<>();
        if (xeroIds.isEmpty()) {
            return links;
        }
        new org.springframework.jdbc.core.namedparam.NamedParameterJdbcTemplate(jdbc).query(
                "SELECT entity, cscart_id, state, xero_id, xero_key, payload_hash, field_values FROM sync_link "
                        + "WHERE tenant_id = :tenant AND entity = :entity AND xero_id IN (:ids)",
                Map.of("tenant", tenantId, "entity", entity, "ids", xeroIds), rs -> {
                    SyncLink link = WITH_FIELDS.mapRow(rs, 0);
                    links.put(link.xeroId(), link);
                });
        return links;
    }

    /** CS-Cart ids of the records that have a Xero record (whatever the link's state): what a delete job can remove. */
    public List<String> cscartIdsInXero(String tenantId, String entity) {
        return jdbc.queryForList("SELECT cscart_id FROM sync_link WHERE tenant_id = ? AND entity = ? AND xero_id IS NOT NULL",
                String.class, tenantId, entity);
    }

    /**
     * The CS-Cart ids (numeric) whose link {@code reconcile --repair} re-queued ({@link SyncLink#REQUEUED}): a change
     * run ({@code changedAfter}) reads them as well as the records changed in the store.
     */
    public List<Long> requeuedIds(String tenantId, String entity) {
        return jdbc.queryForList("SELECT cscart_id FROM sync_link WHERE tenant_id = ? AND entity = ? AND payload_hash = ?",
                String.class, tenantId, entity, SyncLink.REQUEUED).stream()
                .filter(id -> !id.isEmpty() && id.chars().allMatch(Character::isDigit)).map(Long::valueOf).sorted().toList();
    }

    public List<SyncLink> findSynced(String tenantId, String entity) {
        return jdbc.query("SELECT entity, cscart_id, state, xero_id, xero_key, payload_hash FROM sync_link "
                + "WHERE tenant_id = ? AND entity = ? AND state = 'SYNCED' ORDER BY cscart_id", MAPPER, tenantId, entity);
    }

    public static final org.springframework.jdbc.core.RowMapper<SyncLink> ROW_MAPPER = MAPPER;

    /** Removes the links of records that no longer exist in Xero (joins the caller's transaction). */
    public void deleteAll(String tenantId, List<SyncLink> links) {
        jdbc.batchUpdate("DELETE FROM sync_link WHERE tenant_id = ? AND entity = ? AND cscart_id = ?",
                links.stream().map(l -> new Object[] { tenantId, l.entity(), l.cscartId() }).toList());
    }

    /** Xero ids of every link of one entity (whatever its state): e.g. the contacts the order export made for guests. */
    public java.util.Set<String> xeroIds(String tenantId, String entity) {
        return new java.util.HashSet<>(jdbc.queryForList("SELECT xero_id FROM sync_link WHERE tenant_id = ? AND entity = ? "
                + "AND xero_id IS NOT NULL", String.class, tenantId, entity));
    }

    /**
     * Insert or update; update first, then insert what did not exist (portable across H2 and MySQL). A link's field
     * values are its own, else those of the payload its hash was computed from ({@link FieldValues#forHash}); a
     * rejected payload never reached Xero, so its link keeps the values stored before.
     */
    public void saveAll(String tenantId, long jobExecutionId, List<SyncLink> given) {
        // one row per record: two outcomes for one record in a chunk (e.g. two Xero contacts matched to one
        // customer by e-mail) keep the last
        Map<String, SyncLink> unique = new java.util.LinkedHashMap<>();
        given.forEach(l -> unique.put(l.entity() + "|" + l.cscartId(), l));
        List<SyncLink> links = List.copyOf(unique.values());
        if (links.isEmpty()) {
            return;
        }
        Timestamp now = Timestamp.from(Instant.now());
        List<String> fields = links.stream().map(SyncLinkRepository::fieldValuesJson).toList();
        int[] updated = jdbc.batchUpdate("UPDATE sync_link SET state = ?, xero_id = COALESCE(?, xero_id), xero_key = COALESCE(?, xero_key), "
                + "payload_hash = ?, job_execution_id = ?, synced_at = ?, field_values = COALESCE(?, field_values) "
                + "WHERE tenant_id = ? AND entity = ? AND cscart_id = ?",
                java.util.stream.IntStream.range(0, links.size()).mapToObj(i -> {
                    SyncLink l = links.get(i);
                    return new Object[] { l.state().name(), l.xeroId(), l.xeroKey(), l.payloadHash(), jobExecutionId, now,
                            fields.get(i), tenantId, l.entity(), l.cscartId() };
                }).toList());
        List<Object[]> inserts = new ArrayList<>();
        for (int i = 0; i < links.size(); i++) {
            if (updated[i] == 0) {
                SyncLink l = links.get(i);
                inserts.add(new Object[] { tenantId, l.entity(), l.cscartId(), l.state().name(), l.xeroId(), l.xeroKey(),
                        l.payloadHash(), jobExecutionId, now, fields.get(i) });
            }
        }
        if (!inserts.isEmpty()) {
            jdbc.batchUpdate("INSERT INTO sync_link (tenant_id, entity, cscart_id, state, xero_id, xero_key, payload_hash, "
                    + "job_execution_id, synced_at, field_values) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", inserts);
        }
    }

    private static String fieldValuesJson(SyncLink link) {
        if (link.state() != SyncLink.State.SYNCED) {
            return null;
        }
        return FieldValues.toJson(link.fieldValues() != null ? link.fieldValues() : FieldValues.forHash(link.payloadHash()));
    }
}
