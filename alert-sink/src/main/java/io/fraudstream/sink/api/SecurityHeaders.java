package io.fraudstream.sink.api;

import java.util.Map;

/** The headers every response carries, the server's own error pages included. */
final class SecurityHeaders {

    static final String CONTENT_SECURITY_POLICY =
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
                    + " connect-src 'self'; object-src 'none'; base-uri 'none';"
                    + " frame-ancestors 'none'";

    static final Map<String, String> ALL =
            Map.of(
                    "Content-Security-Policy",
                    CONTENT_SECURITY_POLICY,
                    "X-Content-Type-Options",
                    "nosniff",
                    "Referrer-Policy",
                    "no-referrer",
                    "X-Frame-Options",
                    "DENY");

    private SecurityHeaders() {}
}
