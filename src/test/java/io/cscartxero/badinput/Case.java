package io.cscartxero.badinput;

/**
 * One row of a bad-input case table: what is wrong with one record, how the test makes it so, and what must become
 * of it when the job runs over a store full of such records.
 *
 * @param name       short name, shown by JUnit
 * @param corruption how the record is written or corrupted (documentation for the reader of the table)
 * @param expect     the expected outcome
 * @param logged     for {@link Expect#LOGGED}: a fragment the error-log message must contain; else null
 * @param setup      writes the record (into CS-Cart, or into Xero for imports) and returns its id
 * @param check      further assertions on the synced record (may be {@link #NOTHING})
 * @param <C>        what the setup needs (the store, the Xero API…)
 */
record Case<C>(String name, String corruption, Expect expect, String logged, Setup<C> setup, Check check) {

    /** What must become of a record. */
    enum Expect {
        /** In Xero (or CS-Cart, for imports) exactly once; no error-log row. */
        SYNCED,
        /** Exactly one error-log row naming the record, with a clear message; not in Xero. */
        LOGGED,
        /** Not selected by the job at all: neither synced nor logged. */
        NOT_SELECTED,
        /** In Xero exactly once, with exactly one warning row (not a skip) saying what was left out and why. */
        WARNED
    }

    interface Setup<C> {
        String apply(C context) throws Exception;
    }

    interface Check {
        void verify(String id) throws Exception;
    }

    static final Check NOTHING = id -> { };

    static <C> Case<C> synced(String name, String corruption, Setup<C> setup, Check check) {
        return new Case<>(name, corruption, Expect.SYNCED, null, setup, check);
    }

    static <C> Case<C> logged(String name, String corruption, String message, Setup<C> setup) {
        return new Case<>(name, corruption, Expect.LOGGED, message, setup, NOTHING);
    }

    static <C> Case<C> warned(String name, String corruption, String message, Setup<C> setup, Check check) {
        return new Case<>(name, corruption, Expect.WARNED, message, setup, check);
    }

    static <C> Case<C> notSelected(String name, String corruption, Setup<C> setup) {
        return new Case<>(name, corruption, Expect.NOT_SELECTED, null, setup, NOTHING);
    }

    @Override
    public String toString() {
        return name + " [" + corruption + "] → " + expect + (logged == null ? "" : " \"" + logged + "\"");
    }
}
