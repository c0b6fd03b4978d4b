package io.fraudstream.sink.api;

import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fraudstream.events.Alert;
import io.fraudstream.events.InvalidEventException;
import io.fraudstream.events.TextRules;
import io.fraudstream.events.Verdict;
import io.fraudstream.events.VerdictCodec;
import io.fraudstream.sink.SinkConfig;
import io.fraudstream.sink.customer.ResponseTokens;
import io.fraudstream.sink.ingest.IngestHealth;
import io.fraudstream.sink.keys.ApiKeys;
import io.fraudstream.sink.metrics.Metrics;
import io.fraudstream.sink.notify.VerdictChannel;
import io.fraudstream.sink.rules.RuleBoard;
import io.fraudstream.sink.rules.RulePublisher;
import io.fraudstream.sink.store.Actor;
import io.fraudstream.sink.store.AlertQuery;
import io.fraudstream.sink.store.AlertStore;
import io.fraudstream.sink.store.AuditEntry;
import io.fraudstream.sink.store.AuditLog;
import io.fraudstream.sink.store.CaseQuery;
import io.fraudstream.sink.store.CaseStore;
import io.fraudstream.sink.store.CaseTransition;
import io.fraudstream.sink.store.CustomerAnswer;
import io.fraudstream.sink.store.KeyChange;
import io.fraudstream.sink.store.Notification;
import io.fraudstream.sink.store.NotificationState;
import io.fraudstream.sink.store.Page;
import io.fraudstream.sink.store.Role;
import io.fraudstream.sink.store.StoreException;
import io.fraudstream.sink.store.StoredAlert;
import io.fraudstream.sink.store.StoredCase;
import io.fraudstream.sink.store.StoredKey;
import io.fraudstream.sink.store.Transition;
import io.javalin.Javalin;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.javalin.http.sse.SseClient;
import io.javalin.http.staticfiles.Location;
import io.javalin.json.JavalinJackson;
import io.javalin.security.RouteRole;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP side: the JSON API under {@code /api}, {@code /health}, {@code /metrics}, the live
 * stream and the dashboard's static files. Every request but {@code /health}, the cardholder's
 * pages and the dashboard's static files (which hold no data) needs {@code Authorization: Bearer
 * <key>}; the live stream also accepts the key as an {@code access_token} query parameter, because
 * a browser's EventSource cannot set headers. Each route needs a role ({@link #ROUTES}): an unknown
 * or revoked key gets 401, a key of a lesser role 403 naming the role needed.
 */
public final class ApiServer implements AutoCloseable {

    /** The longest stats range: a month of minutes is plenty for a chart. */
    static final Duration MAX_STATS_RANGE = Duration.ofDays(31);

    static final int MAX_ANALYST = 100;

    /** A rule id as the job's rule parser takes it. */
    private static final Pattern RULE_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    /** The job's rule parser refuses a larger rule. */
    private static final int MAX_RULE_BYTES = 64 * 1024;

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);

    private static final String STREAM_PATH = "/api/stream";

    /** The cardholder's side: no bearer token, the signed response token is the credential. */
    private static final String CUSTOMER_PATH = "/api/customer-responses/";

    /** Who may use a route: anyone, or a key of at least this role. */
    enum Access implements RouteRole {
        /** No key: health, the cardholder's pages (their signed token is the credential). */
        PUBLIC(null),
        READ(Role.READ),
        REVIEW(Role.REVIEW),
        ADMIN(Role.ADMIN);

        final Role role;

        Access(Role role) {
            this.role = role;
        }
    }

    /** A route: its method, its path as Javalin writes it, and who may use it. */
    record Route(String method, String path, Access access) {}

    /**
     * Every route, each with the least role that may use it; also the {@code Allow} header of a
     * 405. A route registered without an entry here fails start-up. Reading is {@code read};
     * anything that changes an alert or a case is {@code review}; keys, rules and the audit log are
     * {@code admin}.
     */
    static final List<Route> ROUTES =
            List.of(
                    new Route("GET", "/health", Access.PUBLIC),
                    new Route("GET", "/metrics", Access.READ),
                    new Route("GET", "/api/alerts", Access.READ),
                    new Route("GET", "/api/alerts/{id}", Access.READ),
                    new Route("POST", "/api/alerts/{id}/ack", Access.REVIEW),
                    new Route("POST", "/api/alerts/{id}/verdict", Access.REVIEW),
                    new Route("GET", "/api/cases", Access.READ),
                    new Route("GET", "/api/cases/{id}", Access.READ),
                    new Route("POST", "/api/cases/{id}/assign", Access.REVIEW),
                    new Route("POST", "/api/cases/{id}/notes", Access.REVIEW),
                    new Route("POST", "/api/cases/{id}/resolve", Access.REVIEW),
                    new Route("GET", CUSTOMER_PATH + "{token}", Access.PUBLIC),
                    new Route("POST", CUSTOMER_PATH + "{token}", Access.PUBLIC),
                    new Route("GET", "/respond/{token}", Access.PUBLIC),
                    new Route("GET", "/api/stats", Access.READ),
                    new Route("GET", "/api/rules", Access.READ),
                    new Route("PUT", "/api/rules/{id}", Access.ADMIN),
                    new Route("DELETE", "/api/rules/{id}", Access.ADMIN),
                    new Route("GET", STREAM_PATH, Access.READ),
                    new Route("GET", "/api/me", Access.READ),
                    new Route("GET", "/api/keys", Access.ADMIN),
                    new Route("POST", "/api/keys", Access.ADMIN),
                    new Route("POST", "/api/keys/{name}/revoke", Access.ADMIN),
                    new Route("GET", "/api/audit", Access.ADMIN));

    /** The request attribute holding who sent it, set when its key was accepted. */
    private static final String ACTOR = "fraudstream.actor";

    private static final String BEARER = "Bearer ";

    /** One answer for every refused response token, whatever the reason. */
    static final String LINK_REFUSED = "this link is not valid any more";

    /** The error statuses the API or the server can answer with: each gets a JSON body. */
    private static final int[] ERROR_STATUSES = {
        400, 401, 403, 404, 405, 406, 408, 409, 411, 413, 414, 415, 416, 417, 422, 429, 431, 500,
        501, 503
    };

    private final AlertStore store;
    private final CaseStore cases;
    private final ResponseTokens tokens;
    private final Metrics metrics;
    private final Runnable verdictQueued;
    private final Supplier<IngestHealth> ingestHealth;
    private final Clock clock;
    private final ApiKeys keys;
    private final AuditLog audit;
    private final Set<Route> registered = new HashSet<>();
    private final ObjectMapper mapper =
            JsonMapper.builder(
                            new JsonFactoryBuilder()
                                    .characterEscapes(new SafeJsonEscapes())
                                    .build())
                    // Request bodies are held to the event contract's strictness.
                    .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                    .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                    .build();
    private final AlertJson json = new AlertJson(mapper);
    private final CaseJson caseJson = new CaseJson(mapper);
    private final AlertStream stream;
    private final Javalin app;

    /**
     * @param http where to listen
     * @param store the alerts
     * @param keys the API keys, the configured token among them
     * @param audit the audit log, for {@code /api/audit}
     * @param metrics the counters for {@code /metrics}
     * @param verdictQueued called after a verdict was queued for publishing (wakes the dispatcher)
     * @param ingestHealth the ingest loop's health, for {@code /health}
     * @param rules the rules view, for {@code GET /api/rules}
     * @param rulePublisher where an admin's rule changes go: the job's rules topic
     * @param clock the time source of the default stats range
     */
    private final Supplier<List<RuleBoard.View>> rules;

    private final RulePublisher rulePublisher;

    public ApiServer(
            SinkConfig.Http http,
            AlertStore store,
            CaseStore cases,
            ApiKeys keys,
            AuditLog audit,
            ResponseTokens tokens,
            Metrics metrics,
            Runnable verdictQueued,
            Supplier<IngestHealth> ingestHealth,
            Supplier<List<RuleBoard.View>> rules,
            RulePublisher rulePublisher,
            Clock clock) {
        this.rules = rules;
        this.rulePublisher = rulePublisher;
        this.store = store;
        this.cases = cases;
        this.tokens = tokens;
        this.metrics = metrics;
        this.verdictQueued = verdictQueued;
        this.ingestHealth = ingestHealth;
        this.clock = clock;
        this.keys = keys;
        this.audit = audit;
        this.stream = new AlertStream(metrics.streamClients());
        this.app =
                Javalin.create(
                        config -> {
                            config.startup.showJavalinBanner = false;
                            config.startup.startupWatcherEnabled = false;
                            config.http.prefer405over404 = true;
                            config.jetty.modifyServer(
                                    server -> server.setErrorHandler(new JsonErrorHandler()));
                            config.jsonMapper(new JavalinJackson(mapper, false));
                            config.staticFiles.add(
                                    files -> {
                                        files.hostedPath = "/";
                                        files.directory = "/public";
                                        files.location = Location.CLASSPATH;
                                        files.headers =
                                                Map.of(
                                                        "Cache-Control",
                                                        "no-cache",
                                                        "Content-Security-Policy",
                                                        SecurityHeaders.CONTENT_SECURITY_POLICY,
                                                        "X-Content-Type-Options",
                                                        "nosniff",
                                                        "Referrer-Policy",
                                                        "no-referrer");
                                    });
                            routes(config.routes);
                        });
        app.start(http.host(), http.port());
    }

    private void routes(RoutesConfig app) {
        app.before(ctx -> SecurityHeaders.ALL.forEach(ctx::header));
        app.before(ctx -> ctx.attribute(STARTED, System.nanoTime()));
        app.after(this::timeRequest);
        // Every /api path but the cardholder's needs a key, known route or not, so a missing or
        // wrong key gets 401 before anything says whether a path exists; the role is checked once
        // the route is known.
        app.before("/api/*", this::authenticate);
        app.before("/metrics", this::authenticate);
        app.beforeMatched(this::authorize);

        get(app, "/health", this::health);
        get(app, "/metrics", this::metrics);
        get(app, "/api/alerts", this::listAlerts);
        get(app, "/api/alerts/{id}", this::getAlert);
        post(app, "/api/alerts/{id}/ack", this::acknowledge);
        post(app, "/api/alerts/{id}/verdict", this::verdict);
        get(app, "/api/cases", this::listCases);
        get(app, "/api/cases/{id}", this::getCase);
        post(app, "/api/cases/{id}/assign", this::assignCase);
        post(app, "/api/cases/{id}/notes", this::noteCase);
        post(app, "/api/cases/{id}/resolve", this::resolveCase);
        get(app, CUSTOMER_PATH + "{token}", this::customerView);
        post(app, CUSTOMER_PATH + "{token}", this::customerAnswer);
        get(app, "/respond/{token}", this::respondPage);
        get(app, "/api/stats", this::stats);
        get(app, "/api/rules", this::rules);
        app.put("/api/rules/{id}", this::publishRule, access("PUT", "/api/rules/{id}"));
        app.delete("/api/rules/{id}", this::deleteRule, access("DELETE", "/api/rules/{id}"));
        app.sse(STREAM_PATH, this::connectStream, access("GET", STREAM_PATH));
        get(app, "/api/me", this::me);
        get(app, "/api/keys", this::listKeys);
        post(app, "/api/keys", this::createKey);
        post(app, "/api/keys/{name}/revoke", this::revokeKey);
        get(app, "/api/audit", this::audit);
        if (!registered.containsAll(ROUTES)) {
            List<Route> missing = new ArrayList<>(ROUTES);
            missing.removeAll(registered);
            throw new IllegalStateException("routes listed but not served: " + missing);
        }

        app.exception(
                BadRequest.class, (e, ctx) -> ctx.status(400).json(json.error(e.getMessage())));
        app.exception(
                InvalidEventException.class,
                (e, ctx) -> ctx.status(400).json(json.error(e.getMessage())));
        app.exception(
                HttpResponseException.class,
                (e, ctx) -> {
                    ctx.status(e.getStatus());
                    errorBody(ctx);
                });
        app.exception(
                Exception.class,
                (e, ctx) -> {
                    LOG.error("{} {} failed", ctx.method(), ctx.path(), e);
                    ctx.status(500).json(json.error("internal error; the service log has details"));
                });
        for (int status : ERROR_STATUSES) {
            app.error(status, this::errorBody);
        }
    }

    /**
     * Gives every error a JSON body, whoever set the status: a missing route, a wrong method (405,
     * with {@code Allow}), Javalin's own responses. A handler's JSON is left as it is.
     */
    private void errorBody(Context ctx) {
        int status = ctx.statusCode();
        if (status == 405) {
            String allowed = allowed(ctx.path());
            if (allowed != null) {
                ctx.header("Allow", allowed);
            }
        }
        String type = ctx.res().getContentType();
        if (status != 404
                && status != 405
                && type != null
                && type.startsWith("application/json")
                && ctx.result() != null) {
            return;
        }
        String message =
                switch (status) {
                    case 404 ->
                            "no such resource: "
                                    + ctx.method()
                                    + " "
                                    + Params.printable(ctx.path());
                    case 405 ->
                            "method "
                                    + ctx.method()
                                    + " not allowed on "
                                    + Params.printable(ctx.path())
                                    + "; allowed: "
                                    + allowed(ctx.path());
                    default -> "HTTP " + status;
                };
        ctx.json(json.error(message));
    }

    /** The methods of the routes matching {@code path}, comma-separated, or null if none does. */
    static String allowed(String path) {
        List<String> methods =
                ROUTES.stream()
                        .filter(r -> path.matches(r.path().replaceAll("\\{[^}]+}", "[^/]+")))
                        .map(Route::method)
                        .toList();
        return methods.isEmpty() ? null : String.join(", ", methods);
    }

    /**
     * The access rule of a route in {@link #ROUTES}; a route without one is a programming error.
     */
    private Access access(String method, String path) {
        Route route =
                ROUTES.stream()
                        .filter(r -> r.method().equals(method) && r.path().equals(path))
                        .findFirst()
                        .orElseThrow(
                                () ->
                                        new IllegalStateException(
                                                method + " " + path + " is not in ROUTES"));
        registered.add(route);
        return route.access();
    }

    private void get(RoutesConfig app, String path, Handler handler) {
        app.get(path, handler, access("GET", path));
    }

    private void post(RoutesConfig app, String path, Handler handler) {
        app.post(path, handler, access("POST", path));
    }

    /** The request attribute holding its start time, for the HTTP metrics. */
    private static final String STARTED = "fraudstream.started";

    /**
     * Times the request by its route template ({@code /api/alerts/{id}}), so ids do not each make a
     * time series; static files and unknown paths count under {@code static} and {@code none}.
     */
    private void timeRequest(Context ctx) {
        Long started = ctx.attribute(STARTED);
        if (started == null) {
            return;
        }
        var endpoint = ctx.endpoints().lastHttpEndpoint();
        String route =
                endpoint != null ? endpoint.path : ctx.statusCode() == 404 ? "none" : "static";
        metrics.httpRequest(
                ctx.method().name(), route, ctx.statusCode(), System.nanoTime() - started);
    }

    private void authenticate(Context ctx) {
        if (ctx.path().startsWith(CUSTOMER_PATH)) {
            ctx.header("Cache-Control", "no-store");
            return; // the response token in the path is the credential
        }
        ctx.header("Cache-Control", "no-store");
        String presented = bearer(ctx.header("Authorization"));
        if (presented == null && STREAM_PATH.equals(ctx.path())) {
            presented = ctx.queryParam("access_token");
        }
        Optional<Actor> actor = keys.authenticate(presented);
        if (actor.isEmpty()) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"fraudstream\"");
            ctx.status(401)
                    .json(
                            json.error(
                                    presented == null
                                            ? "missing bearer token (Authorization: Bearer <key>)"
                                            : "invalid bearer token: unknown or revoked key"));
            ctx.skipRemainingHandlers();
        } else {
            ctx.attribute(ACTOR, actor.get());
        }
    }

    /** The token of an {@code Authorization: Bearer <token>} header, or {@code null}. */
    private static String bearer(String authorization) {
        if (authorization == null
                || authorization.length() <= BEARER.length()
                || !authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            return null;
        }
        return authorization.substring(BEARER.length()).strip();
    }

    /**
     * Lets the request through when its key's role includes the route's. Static files carry no role
     * and hold no data; a route with a role outside the authenticated paths fails closed.
     */
    private void authorize(Context ctx) {
        Access access =
                ctx.routeRoles().stream()
                        .filter(Access.class::isInstance)
                        .map(Access.class::cast)
                        .findFirst()
                        .orElse(Access.PUBLIC);
        if (access == Access.PUBLIC) {
            return;
        }
        Actor actor = ctx.attribute(ACTOR);
        if (actor == null) {
            ctx.header("Cache-Control", "no-store");
            ctx.status(401).json(json.error("missing bearer token (Authorization: Bearer <key>)"));
            ctx.skipRemainingHandlers();
        } else if (!actor.role().includes(access.role)) {
            ObjectNode body =
                    json.error(
                            "the key '"
                                    + actor.name()
                                    + "' has the role "
                                    + actor.role().wireName()
                                    + "; "
                                    + ctx.method()
                                    + " "
                                    + ctx.endpoint().path
                                    + " needs the role "
                                    + access.role.wireName());
            body.put("requiredRole", access.role.wireName());
            ctx.status(403).json(body);
            ctx.skipRemainingHandlers();
        }
    }

    /** Who sent the request (its key was accepted before the handler runs). */
    private static Actor actor(Context ctx) {
        return ctx.attribute(ACTOR);
    }

    private void connectStream(SseClient client) {
        Actor actor = actor(client.ctx());
        stream.connect(
                client,
                () -> {
                    try {
                        return keys.stillValid(actor);
                    } catch (StoreException e) {
                        // a database hiccup is no revocation: the next ping checks again
                        return true;
                    }
                });
    }

    private void health(Context ctx) {
        boolean database;
        try {
            database = store.ping();
        } catch (RuntimeException e) {
            database = false;
        }
        IngestHealth ingest = ingestHealth.get();
        boolean up = database && ingest.healthy();
        ObjectNode body = mapper.createObjectNode();
        body.put("status", up ? "UP" : "DOWN");
        body.put("database", database ? "UP" : "DOWN");
        body.put("ingest", ingest.state().name());
        if (ingest.since() != null) {
            body.put(
                    ingest.state() == IngestHealth.State.NO_BROKER
                            ? "brokerSilentSeconds"
                            : "stalledSeconds",
                    ingest.since().toSeconds());
        }
        ctx.header("Cache-Control", "no-store");
        ctx.status(up ? 200 : 503).json(body);
    }

    private void metrics(Context ctx) {
        String text =
                metrics.scrape(
                        () -> {
                            Map<String, Map<String, Long>> out = new LinkedHashMap<>();
                            store.notificationCounts()
                                    .forEach(
                                            (channel, states) -> {
                                                Map<String, Long> byState = new LinkedHashMap<>();
                                                for (Map.Entry<NotificationState, Long> e :
                                                        states.entrySet()) {
                                                    byState.put(
                                                            e.getKey()
                                                                    .name()
                                                                    .toLowerCase(Locale.ROOT),
                                                            e.getValue());
                                                }
                                                out.put(channel, byState);
                                            });
                            return out;
                        },
                        cases::counts);
        ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(text);
    }

    private void listAlerts(Context ctx) {
        AlertQuery query = Params.alertQuery(Params.query(ctx.queryString()));
        Page<StoredAlert> page = store.find(query);
        ObjectNode body = mapper.createObjectNode();
        body.put("total", page.total());
        body.put("limit", page.limit());
        body.put("offset", page.offset());
        page.items().forEach(a -> body.withArray("items").add(json.summary(a)));
        if (page.items().isEmpty()) {
            body.putArray("items");
        }
        ctx.json(body);
    }

    private void getAlert(Context ctx) {
        String id = Params.identifier("id", ctx.pathParam("id"));
        Optional<StoredAlert> alert = store.get(id);
        Optional<Alert> event = store.event(id);
        if (alert.isEmpty() || event.isEmpty()) {
            ctx.status(404).json(json.error("no alert with id " + Params.printable(id)));
            return;
        }
        ctx.json(json.detail(alert.get(), event.get(), store.notifications(id)));
    }

    private void acknowledge(Context ctx) {
        String id = Params.identifier("id", ctx.pathParam("id"));
        JsonNode body = body(ctx, Set.of("analyst"));
        String analyst = analyst(body);
        respond(ctx, id, store.acknowledge(id, analyst, actor(ctx)), "acknowledged");
    }

    private void verdict(Context ctx) {
        String id = Params.identifier("id", ctx.pathParam("id"));
        JsonNode body = body(ctx, Set.of("analyst", "label", "note"));
        String analyst = analyst(body);
        Verdict.Label label = label(body, "label");
        String note = note(body, "note");
        // The verdict names the alert's terminal and merchant (the stored event has them), so
        // the job can raise their risk, and the transaction's time, so it counts on that day.
        Alert event = store.event(id).orElse(null);
        Transition result =
                store.resolve(
                        id,
                        label,
                        note,
                        analyst,
                        VerdictChannel.NAME,
                        (alert, decidedAt) ->
                                verdict(
                                        alert,
                                        event,
                                        label,
                                        Verdict.Source.ANALYST,
                                        decidedAt,
                                        note),
                        VerdictCodec.INSTANCE::encode,
                        actor(ctx));
        if (result.outcome() == Transition.Outcome.DONE) {
            verdictQueued.run();
        }
        respond(ctx, id, result, "resolved");
    }

    private void respond(Context ctx, String id, Transition result, String what) {
        switch (result.outcome()) {
            case DONE -> {
                ObjectNode summary = json.summary(result.alert());
                stream.publish("update", write(summary));
                ctx.json(summary);
            }
            case NOT_FOUND ->
                    ctx.status(404).json(json.error("no alert with id " + Params.printable(id)));
            default ->
                    ctx.status(409)
                            .json(
                                    json.error(
                                            "alert "
                                                    + Params.printable(id)
                                                    + " cannot be "
                                                    + what
                                                    + ": it is "
                                                    + result.alert().status()));
        }
    }

    private JsonNode body(Context ctx, Set<String> known) {
        JsonNode body = object(ctx);
        body.fieldNames()
                .forEachRemaining(
                        name -> {
                            if (!known.contains(name)) {
                                throw new BadRequest(
                                        "body: unknown field '"
                                                + Params.printable(name)
                                                + "'; known: "
                                                + known.stream().sorted().toList());
                            }
                        });
        return body;
    }

    /** The request's body as one JSON object, or a 400 saying what it is instead. */
    private JsonNode object(Context ctx) {
        JsonNode body;
        try {
            byte[] bytes = ctx.bodyAsBytes();
            body = bytes.length == 0 ? mapper.createObjectNode() : mapper.readTree(bytes);
        } catch (JsonProcessingException e) {
            // Jackson's own words (duplicate field, trailing token, invalid UTF-8) without the
            // source excerpt it appends.
            throw new BadRequest(
                    "body: not valid JSON: " + Params.printable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new BadRequest("body: not readable");
        }
        if (body == null || !body.isObject()) {
            throw new BadRequest("body: must be a JSON object");
        }
        return body;
    }

    private static String analyst(JsonNode body) {
        JsonNode node = body.get("analyst");
        if (node == null || !node.isTextual() || node.asText().isBlank()) {
            throw new BadRequest("analyst: required, the name of who decides");
        }
        return TextRules.identifier("analyst", node.asText().strip(), MAX_ANALYST);
    }

    private void listCases(Context ctx) {
        CaseQuery query = Params.caseQuery(Params.query(ctx.queryString()));
        Page<StoredCase> page = cases.find(query);
        Instant now = clock.instant();
        ObjectNode body = mapper.createObjectNode();
        body.put("total", page.total());
        body.put("limit", page.limit());
        body.put("offset", page.offset());
        ArrayNode items = body.putArray("items");
        page.items().forEach(c -> items.add(caseJson.summary(c, now)));
        ctx.json(body);
    }

    private void getCase(Context ctx) {
        String id = Params.caseId(ctx.pathParam("id"));
        Optional<StoredCase> found = cases.get(id);
        if (found.isEmpty()) {
            ctx.status(404).json(json.error("no case with id " + Params.printable(id)));
            return;
        }
        ctx.json(caseDetail(found.get()));
    }

    private ObjectNode caseDetail(StoredCase c) {
        List<StoredAlert> alerts = new ArrayList<>();
        Map<String, List<Notification>> notifications = new LinkedHashMap<>();
        for (String alertId : cases.alertIds(c.caseId())) {
            store.get(alertId).ifPresent(alerts::add);
            notifications.put(alertId, store.notifications(alertId));
        }
        return caseJson.detail(
                c, clock.instant(), alerts, cases.notes(c.caseId()), notifications, json);
    }

    private void assignCase(Context ctx) {
        String id = Params.caseId(ctx.pathParam("id"));
        JsonNode body = body(ctx, Set.of("analyst"));
        respondCase(ctx, id, cases.assign(id, analyst(body), actor(ctx)), "assigned");
    }

    private void noteCase(Context ctx) {
        String id = Params.caseId(ctx.pathParam("id"));
        JsonNode body = body(ctx, Set.of("analyst", "text"));
        String analyst = analyst(body);
        String text = note(body, "text");
        if (text == null) {
            throw new BadRequest("text: required, the note");
        }
        respondCase(ctx, id, cases.note(id, analyst, text, actor(ctx)), "noted");
    }

    private void resolveCase(Context ctx) {
        String id = Params.caseId(ctx.pathParam("id"));
        JsonNode body = body(ctx, Set.of("analyst", "resolution", "note"));
        String analyst = analyst(body);
        Verdict.Label label = label(body, "resolution");
        String note = note(body, "note");
        // Each alert's verdict names its terminal, merchant and transaction time, from the event.
        Map<String, Alert> events = new LinkedHashMap<>();
        for (String alertId : cases.alertIds(id)) {
            store.event(alertId).ifPresent(e -> events.put(alertId, e));
        }
        CaseTransition result =
                cases.resolve(
                        id,
                        label,
                        note,
                        analyst,
                        VerdictChannel.NAME,
                        (alert, decidedAt) ->
                                verdict(
                                        alert,
                                        // an alert that joined after the look-up above
                                        events.containsKey(alert.alertId())
                                                ? events.get(alert.alertId())
                                                : store.event(alert.alertId()).orElse(null),
                                        label,
                                        Verdict.Source.ANALYST,
                                        decidedAt,
                                        note),
                        VerdictCodec.INSTANCE::encode,
                        actor(ctx));
        if (result.outcome() == Transition.Outcome.DONE) {
            verdictQueued.run();
        }
        respondCase(ctx, id, result, "resolved");
    }

    private void respondCase(Context ctx, String id, CaseTransition result, String what) {
        switch (result.outcome()) {
            case DONE -> {
                ObjectNode detail = caseDetail(result.aCase());
                stream.publish("case", write(caseJson.summary(result.aCase(), clock.instant())));
                ctx.json(detail);
            }
            case NOT_FOUND ->
                    ctx.status(404).json(json.error("no case with id " + Params.printable(id)));
            default ->
                    ctx.status(409)
                            .json(
                                    json.error(
                                            "case "
                                                    + Params.printable(id)
                                                    + " cannot be "
                                                    + what
                                                    + ": it is "
                                                    + result.aCase().status()));
        }
    }

    private static Verdict verdict(
            StoredAlert alert,
            Alert event,
            Verdict.Label label,
            Verdict.Source source,
            Instant decidedAt,
            String note) {
        return new Verdict(
                alert.accountId(),
                alert.transactionId(),
                alert.alertId(),
                event == null ? null : event.terminalId(),
                label,
                source,
                decidedAt,
                note,
                event == null ? null : event.merchantId(),
                alert.eventTime());
    }

    /** The claims of a usable response token in the path, or empty (the caller refuses). */
    private Optional<ResponseTokens.Claims> usableToken(Context ctx) {
        if (tokens == null) {
            return Optional.empty();
        }
        Optional<ResponseTokens.Claims> claims = tokens.verify(ctx.pathParam("token"));
        if (claims.isEmpty()
                || !cases.tokenUsable(
                        claims.get().tokenId(), claims.get().alertId(), claims.get().accountId())) {
            return Optional.empty();
        }
        return claims;
    }

    private void refuseLink(Context ctx) {
        metrics.customerLinkRefused();
        // 410 for every refusal alike: unknown, tampered, expired and used-up links look the same
        ctx.status(410).json(json.error(LINK_REFUSED));
    }

    /** What the response page shows: the payment, and nothing else about the account. */
    private void customerView(Context ctx) {
        Optional<ResponseTokens.Claims> claims = usableToken(ctx);
        Optional<Alert> event = claims.flatMap(c -> store.event(c.alertId()));
        if (event.isEmpty()) {
            refuseLink(ctx);
            return;
        }
        Alert alert = event.get();
        ObjectNode body = mapper.createObjectNode();
        body.put("merchantId", alert.merchantId());
        body.put("terminalId", alert.terminalId());
        body.put("amount", alert.amount() == null ? null : alert.amount().toPlainString());
        body.put("currency", alert.currency());
        body.put("time", alert.eventTime().toString());
        body.put("action", alert.action().name());
        body.put("expiresAt", claims.get().expiresAt().toString());
        ctx.json(body);
    }

    private void customerAnswer(Context ctx) {
        Optional<ResponseTokens.Claims> claims = usableToken(ctx);
        if (claims.isEmpty()) {
            refuseLink(ctx);
            return;
        }
        JsonNode body = body(ctx, Set.of("answer"));
        JsonNode answerNode = body.get("answer");
        CustomerAnswer answer =
                answerNode == null || !answerNode.isTextual()
                        ? null
                        : CustomerAnswer.fromWire(answerNode.asText());
        if (answer == null) {
            throw new BadRequest("answer: required, \"me\" or \"not-me\"");
        }
        ResponseTokens.Claims c = claims.get();
        Optional<Alert> event = store.event(c.alertId());
        Optional<StoredCase> result =
                cases.answer(
                        c.tokenId(),
                        c.alertId(),
                        c.accountId(),
                        answer,
                        VerdictChannel.CUSTOMER,
                        (alert, label, decidedAt) ->
                                verdict(
                                        alert,
                                        event.orElse(null),
                                        label,
                                        Verdict.Source.CUSTOMER,
                                        decidedAt,
                                        answer == CustomerAnswer.ME
                                                ? "the cardholder answered: this was me"
                                                : "the cardholder answered: this was not me"),
                        VerdictCodec.INSTANCE::encode);
        if (result.isEmpty()) {
            refuseLink(ctx); // used up between the check and the answer
            return;
        }
        metrics.customerAnswer(answer.wireName());
        verdictQueued.run();
        stream.publish("case", write(caseJson.summary(result.get(), clock.instant())));
        ObjectNode out = mapper.createObjectNode();
        out.put("answer", answer.wireName());
        out.put(
                "message",
                answer == CustomerAnswer.ME
                        ? "Thank you. The payment stays as it is."
                        : "Thank you. Your card is protected and our team will contact you.");
        ctx.json(out);
    }

    /** The response page: the same static page for every link; it reads the token from the path. */
    private void respondPage(Context ctx) throws IOException {
        try (var in = ApiServer.class.getResourceAsStream("/public/respond.html")) {
            if (in == null) {
                throw new IllegalStateException("respond.html is missing from the build");
            }
            ctx.header("Cache-Control", "no-store");
            ctx.contentType("text/html; charset=utf-8").result(in.readAllBytes());
        }
    }

    private static Verdict.Label label(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || !node.isTextual()) {
            throw new BadRequest(field + ": required, FRAUD or LEGIT");
        }
        if (node.asText().contains(",")) {
            throw new BadRequest(
                    field
                            + ": must be FRAUD or LEGIT, was '"
                            + Params.printable(node.asText())
                            + "'");
        }
        return Params.enums(field, node.asText(), Verdict.Label.class).stream()
                .findFirst()
                .orElseThrow();
    }

    private static String note(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw new BadRequest(field + ": must be a string");
        }
        return node.asText().isBlank()
                ? null
                : TextRules.text(field, node.asText(), Verdict.MAX_NOTE_LENGTH);
    }

    /** The job's rules: mode, version, status, hits per minute over the last hour. */
    /**
     * {@code PUT /api/rules/{id}}: publishes the rule to the job's rules topic. The job validates
     * it; what it made of it (ACCEPTED, or REJECTED with the reason) follows in {@code GET
     * /api/rules}, so the answer is 202, not a verdict on the rule.
     */
    private void publishRule(Context ctx) {
        String id = ruleId(ctx);
        JsonNode rule = object(ctx);
        JsonNode bodyId = rule.get("id");
        if (bodyId == null || !bodyId.isTextual() || !bodyId.asText().equals(id)) {
            throw new BadRequest("id: the rule's id must be the path's, " + id);
        }
        published(ctx, id, () -> rulePublisher.publish(actor(ctx), id, rule), "published");
    }

    /** {@code DELETE /api/rules/{id}}: the tombstone that deletes the rule in the job. */
    private void deleteRule(Context ctx) {
        String id = ruleId(ctx);
        published(ctx, id, () -> rulePublisher.delete(actor(ctx), id), "deleted");
    }

    private static String ruleId(Context ctx) {
        String id = ctx.pathParam("id");
        if (!RULE_ID.matcher(id).matches()) {
            throw new BadRequest(
                    "id: 1 to 64 letters, digits, '.', '_' or '-', starting with a letter or digit");
        }
        if (ctx.bodyAsBytes().length > MAX_RULE_BYTES) {
            throw new BadRequest("body: a rule is at most " + MAX_RULE_BYTES + " bytes");
        }
        return id;
    }

    private void published(Context ctx, String id, Runnable change, String what) {
        try {
            change.run();
        } catch (RulePublisher.NotPublished e) {
            ctx.status(503).json(json.error(e.getMessage()));
            return;
        }
        ObjectNode answer = mapper.createObjectNode();
        answer.put("id", id);
        answer.put(what, true);
        answer.put("topic", rulePublisher.topic());
        answer.put("status", "the job's verdict on the change follows in GET /api/rules");
        ctx.status(202).json(answer);
    }

    private void rules(Context ctx) {
        if (!Params.query(ctx.queryString()).isEmpty()) {
            throw new BadRequest("/api/rules takes no parameters");
        }
        ctx.json(Map.of("rules", rules.get()));
    }

    private void stats(Context ctx) {
        Map<String, List<String>> params = Params.query(ctx.queryString());
        for (String name : params.keySet()) {
            if (!Set.of("from", "to").contains(name)) {
                throw new BadRequest(
                        "unknown parameter '" + Params.printable(name) + "'; known: from, to");
            }
        }
        Instant to = Params.instant("to", Params.single(params, "to"));
        Instant from = Params.instant("from", Params.single(params, "from"));
        if (to == null) {
            to = clock.instant().truncatedTo(ChronoUnit.MINUTES).plus(Duration.ofMinutes(1));
        }
        if (from == null) {
            from = to.minus(Duration.ofHours(1));
        }
        if (!from.isBefore(to)) {
            throw new BadRequest("from: must be before to");
        }
        if (Duration.between(from, to).compareTo(MAX_STATS_RANGE) > 0) {
            throw new BadRequest("from, to: at most " + MAX_STATS_RANGE.toDays() + " days apart");
        }
        ctx.json(json.stats(from, to, store.stats(from, to)));
    }

    /** Who the key is: its name and role, so the dashboard offers only what the role may do. */
    private void me(Context ctx) {
        Actor actor = actor(ctx);
        ctx.json(Map.of("name", actor.name(), "role", actor.role().wireName()));
    }

    private void listKeys(Context ctx) {
        if (!Params.query(ctx.queryString()).isEmpty()) {
            throw new BadRequest("/api/keys takes no parameters");
        }
        ObjectNode body = mapper.createObjectNode();
        ArrayNode items = body.putArray("items");
        keys.list().forEach(k -> items.add(keyJson(k)));
        ctx.json(body);
    }

    private void createKey(Context ctx) {
        JsonNode body = body(ctx, Set.of("name", "role"));
        String name = text(body, "name");
        String roleName = text(body, "role");
        try {
            ApiKeys.checkName(name);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("name: " + Params.printable(e.getMessage()));
        }
        if (roleName == null) {
            throw new BadRequest("role: required, read, review or admin");
        }
        Role role;
        try {
            role = Role.fromWire(roleName);
        } catch (IllegalArgumentException e) {
            throw new BadRequest("role: " + Params.printable(e.getMessage()));
        }
        Optional<ApiKeys.NewKey> created = keys.create(name, role, actor(ctx));
        if (created.isEmpty()) {
            ctx.status(409).json(json.error("a key named " + name + " exists (revoked keys too)"));
            return;
        }
        ObjectNode out = keyJson(created.get().stored());
        // the only time the key is shown: the store keeps its hash
        out.put("key", created.get().key().text());
        ctx.status(201).json(out);
    }

    private void revokeKey(Context ctx) {
        String name = ctx.pathParam("name");
        KeyChange change = keys.revoke(name, actor(ctx));
        switch (change.outcome()) {
            case DONE -> {
                stream.checkKeys();
                ctx.json(keyJson(change.key()));
            }
            case NOT_FOUND ->
                    ctx.status(404).json(json.error("no key named " + Params.printable(name)));
            default ->
                    ctx.status(409)
                            .json(json.error("the key " + Params.printable(name) + " is revoked"));
        }
    }

    private ObjectNode keyJson(StoredKey key) {
        ObjectNode node = mapper.createObjectNode();
        node.put("name", key.name());
        node.put("role", key.role().wireName());
        node.put("createdAt", key.createdAt().toString());
        node.put("createdBy", key.createdBy());
        node.put("lastUsedAt", key.lastUsedAt() == null ? null : key.lastUsedAt().toString());
        node.put("revokedAt", key.revokedAt() == null ? null : key.revokedAt().toString());
        node.put("revokedBy", key.revokedBy());
        return node;
    }

    private static String text(JsonNode body, String field) {
        JsonNode node = body.get(field);
        return node == null || !node.isTextual() ? null : node.asText();
    }

    /** The audit log, newest first, paged like the other lists. */
    private void audit(Context ctx) {
        Page<AuditEntry> page = audit.find(Params.auditQuery(Params.query(ctx.queryString())));
        ObjectNode body = mapper.createObjectNode();
        body.put("total", page.total());
        body.put("limit", page.limit());
        body.put("offset", page.offset());
        ArrayNode items = body.putArray("items");
        for (AuditEntry e : page.items()) {
            ObjectNode item = items.addObject();
            item.put("at", e.at().toString());
            item.put("actor", e.actor());
            item.put("role", e.actorRole().wireName());
            item.put("action", e.action());
            item.put("targetType", e.targetType());
            item.put("targetId", e.targetId());
            item.put("detail", e.detail());
        }
        ctx.json(body);
    }

    /** Sends newly stored alerts to the live stream. */
    public void alertsStored(List<Alert> alerts) {
        for (Alert alert : alerts) {
            ObjectNode node = mapper.createObjectNode();
            node.put("alertId", alert.alertId());
            node.put("accountId", alert.accountId());
            node.put("severity", alert.severity().name());
            node.put("action", alert.action().name());
            node.put("detectedAt", alert.detectedAt().toString());
            stream.publish("alert", write(node));
        }
    }

    /** JSON text with the API's escapes, for the live stream. */
    private String write(ObjectNode node) {
        try {
            return mapper.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a tree always serializes", e);
        }
    }

    /** The port the server listens on (the actual one when configured as 0). */
    public int port() {
        return app.port();
    }

    @Override
    public void close() {
        stream.close();
        app.stop();
    }
}
