package org.hiremarket.preload.internal;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.function.BooleanSupplier;

/**
 * Walks a class list, one {@code <bundle-symbolic-name> <class-name>} per line ({@code #} starts a
 * comment), and asks a {@link Target} to load each class. Loading only: no class is initialised,
 * so no static initialiser of a library runs earlier than it would have.
 */
final class ClassPreloader {

    /** Where the classes come from: the bundles of the running framework, or a fake in tests. */
    interface Target {
        /**
         * Loads one class.
         *
         * @return {@code false} when the bundle is not there or must not be touched
         * @throws ClassNotFoundException when the bundle has no such class (any more)
         */
        boolean load(String bundleSymbolicName, String className) throws ClassNotFoundException;
    }

    /** What one run did. */
    static final class Result {
        final int loaded;
        final int skipped;
        final int notFound;
        final boolean cancelled;

        Result(int loaded, int skipped, int notFound, boolean cancelled) {
            this.loaded = loaded;
            this.skipped = skipped;
            this.notFound = notFound;
            this.cancelled = cancelled;
        }

        @Override
        public String toString() {
            return loaded + " classes loaded, " + notFound + " not found, " + skipped + " skipped"
                + (cancelled ? " (cancelled)" : "");
        }
    }

    private ClassPreloader() {
    }

    static Result run(BufferedReader list, Target target, BooleanSupplier cancelled) throws IOException {
        int loaded = 0;
        int skipped = 0;
        int notFound = 0;
        String line;
        while ((line = list.readLine()) != null) {
            if (cancelled.getAsBoolean()) {
                return new Result(loaded, skipped, notFound, true);
            }
            String entry = line.strip();
            if (entry.isEmpty() || entry.startsWith("#")) {
                continue;
            }
            int space = entry.indexOf(' ');
            if (space <= 0 || space == entry.length() - 1) {
                skipped++;
                continue;
            }
            try {
                if (target.load(entry.substring(0, space), entry.substring(space + 1).strip())) {
                    loaded++;
                } else {
                    skipped++;
                }
            } catch (ClassNotFoundException | LinkageError e) {
                // a library update renamed or removed the class: the list is only a hint
                notFound++;
            }
        }
        return new Result(loaded, skipped, notFound, false);
    }
}
