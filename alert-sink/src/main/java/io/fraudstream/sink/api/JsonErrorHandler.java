package io.fraudstream.sink.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own error responses (a request line or URI it cannot parse, a URI or headers too long) as
 * the API's: a JSON body {@code {"error": "..."}}, the security headers and {@code no-store},
 * instead of Jetty's HTML page. What the client sent is never echoed.
 */
final class JsonErrorHandler extends ErrorHandler {

    private static final ObjectMapper JSON = new ObjectMapper();

    JsonErrorHandler() {
        setShowStacks(false);
        setShowCauses(false);
    }

    /** Jetty writes an error body for GET, POST and HEAD only; every method gets one here. */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(
            Request request,
            Response response,
            int code,
            String message,
            Throwable cause,
            Callback callback) {
        HttpFields.Mutable headers = response.getHeaders();
        addHeaders(headers);
        response.write(true, body(code), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        addHeaders(fields);
        return body(status);
    }

    private static void addHeaders(HttpFields.Mutable headers) {
        headers.put(HttpHeader.CONTENT_TYPE, "application/json; charset=utf-8");
        headers.put(HttpHeader.CACHE_CONTROL, "no-store");
        SecurityHeaders.ALL.forEach((name, value) -> headers.put(new HttpField(name, value)));
    }

    /** The status's standard reason only: Jetty's message may quote the offending input. */
    private static ByteBuffer body(int status) {
        String reason = HttpStatus.getMessage(status);
        String text =
                JSON.createObjectNode()
                        .put("error", "HTTP " + status + " " + (reason == null ? "" : reason))
                        .toString();
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }
}
