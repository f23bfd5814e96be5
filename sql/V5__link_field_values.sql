-- Per link, the value of every field the connector last sent to Xero or received from it (JSON object, field name →
-- text, e.g. {"Name":"John Smith (#9003)","Phone.DEFAULT":"+1 555…"}). Written with the link, in the chunk
-- transaction. The imports compare Xero's current values with these: only a field someone changed in Xero since is
-- written to CS-Cart, so the connector's own derived values (name suffixes, shortened fields, built addresses) never
-- flow back. NULL for links written before V5 and for invoices.
ALTER TABLE sync_link ADD COLUMN field_values TEXT;
