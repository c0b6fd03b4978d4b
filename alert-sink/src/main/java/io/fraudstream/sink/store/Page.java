package io.fraudstream.sink.store;

import java.util.List;

/** One page of a filtered list and the size of the whole list. */
public record Page<T>(List<T> items, long total, int limit, int offset) {

    public Page {
        items = List.copyOf(items);
    }
}
