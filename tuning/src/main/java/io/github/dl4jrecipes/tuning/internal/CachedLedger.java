package io.github.dl4jrecipes.tuning.internal;

import io.github.dl4jrecipes.tuning.TrialRecord;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A ledger that reads the study's trials once per transaction and keeps its own writes in that
 * view: what both stores share. A store says how to read the trials (and the highest number it
 * holds, readable or not) and how to write one.
 */
abstract class CachedLedger implements TrialLedger {
    private List<TrialRecord> cache;
    private int highest;

    /** The trials, in number order; calls {@link #sawNumber} for every number the store holds. */
    abstract List<TrialRecord> read();

    /** Writes one record to the store (creating or replacing it). */
    abstract void store(TrialRecord record);

    /** Records that the store holds trial {@code number} (a record that cannot be read still uses its number). */
    final void sawNumber(int number) {
        highest = Math.max(highest, number);
    }

    @Override
    public final List<TrialRecord> trials() {
        if (cache == null) {
            cache = new ArrayList<>(read());
        }
        return List.copyOf(cache);
    }

    @Override
    public final int nextNumber() {
        trials();
        return highest + 1;
    }

    @Override
    public final void write(TrialRecord record) {
        store(record);
        if (cache != null) {
            cache.removeIf(t -> t.number() == record.number());
            cache.add(record);
            cache.sort(Comparator.comparingInt(TrialRecord::number));
        }
        sawNumber(record.number());
    }
}
