package io.fraudstream.sink.api;

/** A request the API refuses with 400 and this message, which says what was wrong. */
final class BadRequest extends RuntimeException {

    private static final long serialVersionUID = 1L;

    BadRequest(String message) {
        super(message, null, false, false);
    }
}
