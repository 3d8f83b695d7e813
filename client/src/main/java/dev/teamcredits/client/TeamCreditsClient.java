package dev.teamcredits.client;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Objects;
import java.util.Spliterator;
import java.util.Spliterators;
import java.util.StringJoiner;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

/**
 * The Team Credits client for product backends: typed calls to the ledger, usage and team services over REST.
 * One instance per process is enough: it is thread-safe and keeps its connections and token.
 *
 * <pre>{@code
 * TeamCreditsClient credits = TeamCreditsClient.builder()
 *         .baseUrl("https://credits.example.com")
 *         .clientCredentials("https://sso.example.com/realms/team-credits/protocol/openid-connect/token",
 *                 "scraper-backend", secret)
 *         .build();
 * Spend spend = credits.spend(orgId, SpendRequest.of("PAGE_SCRAPE", 3).forMember(userId));
 * }</pre>
 *
 * Every mutating call carries an {@code Idempotency-Key}, made once per call (or the caller's, from the request's
 * {@code withIdempotencyKey}) and sent unchanged on each retry, so a retried call is applied at most once; its
 * answer says whether it was a replay. Refusals are thrown as {@link TeamCreditsException} subclasses.
 */
public final class TeamCreditsClient {

    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]*)>\\s*;\\s*rel=\"?next\"?");

    private final String ledgerUrl;
    private final String usageUrl;
    private final String teamUrl;
    private final ObjectMapper json;
    private final Http http;

    private TeamCreditsClient(Builder builder, ObjectMapper json, Http http) {
        this.ledgerUrl = builder.ledgerUrl;
        this.usageUrl = builder.usageUrl;
        this.teamUrl = builder.teamUrl;
        this.json = json;
        this.http = http;
    }

    /** A builder with the defaults: 5 s to connect, 30 s per request, {@link RetryPolicy#DEFAULT}. */
    public static Builder builder() {
        return new Builder();
    }

    // ---- spends

    /**
     * Charges an action for a member (a trusted backend's token, naming the member) or for the caller (a member's
     * token): pool first, then member balance, then personal balance.
     *
     * @throws InsufficientCreditsException not enough available anywhere; nothing charged
     * @throws ForbiddenException           a caller that may not spend for this member ({@code spend-for-others})
     * @throws NotFoundException            no such org or member for this caller
     */
    public Spend spend(String orgId, SpendRequest request) {
        String key = keyOf(request.idempotencyKey());
        Http.Reply reply = http.send(post(ledger("/v1/orgs/" + segment(orgId) + "/spends"), request.body(), key));
        return read(reply, Spend.class, reply.replayed());
    }

    /**
     * Up to 1,000 spends in one request, each judged as if sent alone, in order. Each item gets its own
     * Idempotency-Key (the request's, or one made here), so sending the batch again, as the client does on a lost
     * answer, replays every item already charged. A refused item does not fail the others: its result carries the
     * problem ({@link BatchSpendResult#exception()}).
     *
     * @throws ValidationException a malformed item refuses the whole batch; nothing charged
     * @throws NotFoundException   a caller who is not of the org (nor a trusted backend)
     */
    public List<BatchSpendResult> spendBatch(String orgId, List<SpendRequest> spends) {
        List<String> keys = new ArrayList<>();
        List<Map<String, Object>> items = new ArrayList<>();
        for (SpendRequest spend : spends) {
            String key = keyOf(spend.idempotencyKey());
            keys.add(key);
            Map<String, Object> item = new java.util.LinkedHashMap<>();
            item.put("idempotencyKey", key);
            item.putAll(spend.body());
            items.add(item);
        }
        Http.Reply reply = http.send(post(ledger("/v1/orgs/" + segment(orgId) + "/spends/batch"),
                Map.of("spends", items), null));
        JsonNode results = tree(reply).path("results");
        List<BatchSpendResult> answers = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            JsonNode result = results.get(i);
            int status = result.path("status").asInt();
            boolean replayed = result.path("replayed").asBoolean(false);
            Spend spend = null;
            if (result.path("spend").isObject()) {
                ObjectNode node = (ObjectNode) result.get("spend");
                node.put("replayed", replayed);
                spend = convert(node, Spend.class);
            }
            Problem problem = result.path("problem").isObject()
                    ? new Problems(json).parse(status, result.get("problem").toString()) : null;
            answers.add(new BatchSpendResult(status, replayed, spend, problem, i < keys.size() ? keys.get(i) : null));
        }
        return answers;
    }

    // ---- reservations

    /**
     * Holds credits for a member along the same waterfall and cap as a spend. Use the {@link Hold} in a
     * try-with-resources block: capture it when the work succeeded; it releases itself otherwise.
     *
     * @throws InsufficientCreditsException not enough available; nothing held
     * @throws ValidationException          e.g. a zero-priced action ({@code nothing-to-reserve}) or a bad TTL
     */
    public Hold reserve(String orgId, ReserveRequest request) {
        String key = keyOf(request.idempotencyKey());
        Http.Reply reply = http.send(post(ledger("/v1/orgs/" + segment(orgId) + "/reservations"), request.body(),
                key));
        return new Hold(this, orgId, read(reply, Reservation.class, reply.replayed()));
    }

    /**
     * A {@link Hold} for a reservation made earlier (e.g. by another instance of the backend), to capture or release
     * it; closing it releases it like any hold.
     */
    public Hold hold(String orgId, Reservation reservation) {
        return new Hold(this, orgId, reservation);
    }

    Reservation captureReservation(String orgId, String reservationId, long amount, String key) {
        Http.Reply reply = http.send(post(ledger("/v1/orgs/" + segment(orgId) + "/reservations/"
                + segment(reservationId) + "/capture"), Map.of("amount", amount), key));
        return read(reply, Reservation.class, reply.replayed());
    }

    Reservation releaseReservation(String orgId, String reservationId, String key) {
        Http.Reply reply = http.send(new Http.Call("POST", ledger("/v1/orgs/" + segment(orgId) + "/reservations/"
                + segment(reservationId) + "/release"), null, "application/json", key));
        return read(reply, Reservation.class, reply.replayed());
    }

    // ---- balances, transfers, history

    /** The org's pool and members' balances (a member's token sees the pool and itself). */
    public Balances balances(String orgId) {
        return read(http.send(get(ledger("/v1/orgs/" + segment(orgId) + "/balances"), "application/json")),
                Balances.class, false);
    }

    /** The caller's personal balance. */
    public PersonalBalance myBalance() {
        return read(http.send(get(ledger("/v1/me/balance"), "application/json")), PersonalBalance.class, false);
    }

    /**
     * An admin's transfer; both balances after it come back.
     *
     * @throws InsufficientCreditsException the source has less available ({@code insufficient-available-credits})
     */
    public Transfer transfer(String orgId, TransferRequest request) {
        String key = keyOf(request.idempotencyKey());
        Http.Reply reply = http.send(post(ledger("/v1/orgs/" + segment(orgId) + "/transfers"), request.body(), key));
        return read(reply, Transfer.class, reply.replayed());
    }

    /** The same checks and numbers as {@link #transfer}, nothing written. */
    public Transfer previewTransfer(String orgId, TransferRequest request) {
        Http.Reply reply = http.send(post(ledger("/v1/orgs/" + segment(orgId) + "/transfers/preview"),
                request.body(), null));
        return read(reply, Transfer.class, false);
    }

    /**
     * The org's history, newest first, read page by page as the stream is consumed (nothing is fetched before the
     * first element is asked for). Each page request is retried on its own; close the stream early to stop paging.
     */
    public Stream<Transaction> transactions(String orgId, HistoryQuery query) {
        return StreamSupport.stream(Spliterators.spliteratorUnknownSize(new Pages(orgId, query),
                Spliterator.ORDERED | Spliterator.NONNULL), false);
    }

    /** The same as an {@link Iterable}: each iteration starts again from the newest transaction. */
    public Iterable<Transaction> history(String orgId, HistoryQuery query) {
        return () -> new Pages(orgId, query);
    }

    /**
     * Writes the history as CSV to {@code out}: one header row, then every page's rows, following each page's
     * {@code Link: <…>; rel="next"} until the last. Each page is read whole before it is written, so a retried page
     * never writes a row twice. The stream is not closed.
     *
     * @return how many pages were read
     */
    public int exportTransactionsCsv(String orgId, HistoryQuery query, OutputStream out) {
        URI next = ledger(historyPath(orgId, query, null));
        int pages = 0;
        try {
            while (next != null) {
                Http.Reply reply = http.send(get(next, "text/csv"));
                byte[] body = reply.body();
                int from = 0;
                if (pages > 0) {
                    // Every page starts with the header row; the file has it once.
                    int newline = indexOf(body, (byte) '\n');
                    from = newline < 0 ? body.length : newline + 1;
                }
                out.write(body, from, body.length - from);
                pages++;
                next = reply.headers().allValues("Link").stream().map(NEXT_LINK::matcher).filter(Matcher::find)
                        .map(m -> resolve(ledgerUrl(), m.group(1))).findFirst().orElse(null);
            }
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException("writing the CSV export", e);
        }
        return pages;
    }

    // ---- usage and team

    /** The usage table of the current cycle. */
    public CycleUsage usage(String orgId) {
        return usage(orgId, "current");
    }

    /** The usage table of a cycle: {@code current} or the cycle's start date ({@code 2026-11-01}). */
    public CycleUsage usage(String orgId, String cycle) {
        return read(http.send(get(usageUri("/v1/orgs/" + segment(orgId) + "/usage?cycle=" + query(cycle)),
                "application/json")), CycleUsage.class, false);
    }

    /** The org's members, from the team service: every page of them, in the order they joined. */
    public List<Member> members(String orgId) {
        List<Member> members = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = tree(http.send(get(teamUri("/v1/orgs/" + segment(orgId) + "/members?limit=200"
                    + (cursor == null ? "" : "&cursor=" + query(cursor))), "application/json")));
            for (JsonNode item : page.path("items")) {
                members.add(convert(item, Member.class));
            }
            cursor = page.path("nextCursor").isTextual() ? page.get("nextCursor").asText() : null;
        } while (cursor != null);
        return members;
    }

    // ---- billing backend

    /**
     * Records a purchase the billing backend took the payment for (its client-credentials token). Once per payment
     * reference: the same again answers the first purchase with {@link Purchase#replayed()} true.
     *
     * @throws ConflictException  the reference was recorded with another amount or account
     *                            ({@code payment-reference-conflict}), or the request it names is settled
     * @throws ForbiddenException the caller is not the billing backend ({@code billing-client-required})
     */
    public Purchase recordPurchase(PurchaseRequest request) {
        String key = keyOf(request.idempotencyKey());
        Http.Reply reply = http.send(post(ledger("/v1/purchases"), request.body(), key));
        // 200 is the first purchase answered again, whether the key or the payment reference recognised it.
        return read(reply, Purchase.class, reply.replayed() || reply.status() == 200);
    }

    /** Declines a top-up request with a reason the requester is told. */
    public TopUpRequest declineTopUpRequest(String topUpRequestId, String reason) {
        return declineTopUpRequest(topUpRequestId, reason, null);
    }

    /**
     * The same with the caller's own Idempotency-Key (null for one made here).
     *
     * @throws ConflictException the request is no longer awaiting payment ({@code top-up-request-settled})
     */
    public TopUpRequest declineTopUpRequest(String topUpRequestId, String reason, String idempotencyKey) {
        Http.Reply reply = http.send(post(ledger("/v1/top-up-requests/" + segment(topUpRequestId) + "/decline"),
                Map.of("reason", reason), keyOf(idempotencyKey)));
        return read(reply, TopUpRequest.class, reply.replayed());
    }

    // ---- plumbing

    /** Lazily pages the JSON history through {@code nextCursor}. */
    private final class Pages implements Iterator<Transaction> {
        private final String orgId;
        private final HistoryQuery query;
        private List<Transaction> page = List.of();
        private int index;
        private String cursor;
        private boolean started;

        Pages(String orgId, HistoryQuery query) {
            this.orgId = orgId;
            this.query = query;
        }

        @Override
        public boolean hasNext() {
            while (index >= page.size() && (!started || cursor != null)) {
                JsonNode body = tree(http.send(get(ledger(historyPath(orgId, query, cursor)), "application/json")));
                started = true;
                page = new ArrayList<>();
                for (JsonNode item : body.path("items")) {
                    page.add(convert(item, Transaction.class));
                }
                index = 0;
                cursor = body.path("nextCursor").isTextual() ? body.get("nextCursor").asText() : null;
            }
            return index < page.size();
        }

        @Override
        public Transaction next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            return page.get(index++);
        }
    }

    private static String historyPath(String orgId, HistoryQuery query, String cursor) {
        StringJoiner params = new StringJoiner("&", "?", "");
        if (query.account() != null) {
            params.add("account=" + query(query.account()));
        }
        if (query.type() != null) {
            params.add("type=" + query(query.type()));
        }
        params.add("limit=" + query.pageSize());
        if (cursor != null) {
            params.add("cursor=" + query(cursor));
        }
        return "/v1/orgs/" + segment(orgId) + "/transactions" + params;
    }

    private Http.Call post(URI uri, Object body, String key) {
        try {
            return new Http.Call("POST", uri, json.writeValueAsBytes(body), "application/json", key);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Http.Call get(URI uri, String accept) {
        return new Http.Call("GET", uri, null, accept, null);
    }

    private <T> T read(Http.Reply reply, Class<T> type, boolean replayed) {
        JsonNode node = tree(reply);
        if (node instanceof ObjectNode object) {
            object.put("replayed", replayed);
        }
        return convert(node, type);
    }

    private JsonNode tree(Http.Reply reply) {
        try {
            return json.readTree(reply.body());
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable answer (HTTP " + reply.status() + ")", e);
        }
    }

    private <T> T convert(JsonNode node, Class<T> type) {
        try {
            return json.treeToValue(node, type);
        } catch (IOException e) {
            throw new UncheckedIOException("answer does not read as " + type.getSimpleName(), e);
        }
    }

    private static String keyOf(String callerKey) {
        return callerKey != null ? callerKey : UUID.randomUUID().toString();
    }

    private URI ledger(String path) {
        return URI.create(ledgerUrl() + path);
    }

    private String ledgerUrl() {
        return required(ledgerUrl, "ledgerUrl");
    }

    private URI usageUri(String path) {
        return URI.create(required(usageUrl, "usageUrl") + path);
    }

    private URI teamUri(String path) {
        return URI.create(required(teamUrl, "teamUrl") + path);
    }

    private static String required(String url, String name) {
        if (url == null) {
            throw new IllegalStateException("no " + name + " (or baseUrl) was configured");
        }
        return url;
    }

    /**
     * A next link: an absolute URL as it is; an absolute path appended to the base URL, so a gateway's path prefix
     * ({@code https://gw/credits}) is kept.
     */
    static URI resolve(String base, String link) {
        URI uri = URI.create(link);
        if (uri.isAbsolute()) {
            return uri;
        }
        return URI.create(base + (link.startsWith("/") ? link : "/" + link));
    }

    private static String segment(String value) {
        Objects.requireNonNull(value, "path id");
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static int indexOf(byte[] bytes, byte wanted) {
        for (int i = 0; i < bytes.length; i++) {
            if (bytes[i] == wanted) {
                return i;
            }
        }
        return -1;
    }

    /** The client's configuration; {@link #build()} checks it. Not thread-safe (the client it builds is). */
    public static final class Builder {
        private String ledgerUrl;
        private String usageUrl;
        private String teamUrl;
        private TokenProvider tokenProvider;
        private String tokenEndpoint;
        private String clientId;
        private String clientSecret;
        private Duration tokenRefreshEarly = Duration.ofSeconds(30);
        private Duration connectTimeout = Duration.ofSeconds(5);
        private Duration requestTimeout = Duration.ofSeconds(30);
        private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
        private String userAgent = "team-credits-client/java";
        private Http.Sleeper sleeper = duration -> Thread.sleep(duration.toMillis());

        private Builder() {
        }

        /** One URL for a gateway that routes every path to its service; the per-service URLs below override it. */
        public Builder baseUrl(String url) {
            String base = trim(url);
            ledgerUrl = ledgerUrl == null ? base : ledgerUrl;
            usageUrl = usageUrl == null ? base : usageUrl;
            teamUrl = teamUrl == null ? base : teamUrl;
            return this;
        }

        /** The ledger service (spends, holds, balances, transfers, history, purchases). */
        public Builder ledgerUrl(String url) {
            ledgerUrl = trim(url);
            return this;
        }

        /** The usage service (usage tables). */
        public Builder usageUrl(String url) {
            usageUrl = trim(url);
            return this;
        }

        /** The team service (members). */
        public Builder teamUrl(String url) {
            teamUrl = trim(url);
            return this;
        }

        /** Tokens from the caller's own provider (a user's token held by a front end's backend, a secret store…). */
        public Builder tokenProvider(TokenProvider provider) {
            tokenProvider = Objects.requireNonNull(provider, "provider");
            return this;
        }

        /**
         * Tokens by OAuth client credentials from this token endpoint (for Keycloak:
         * {@code <realm URL>/protocol/openid-connect/token}, see
         * {@link ClientCredentialsTokenProvider#keycloakTokenEndpoint(String)}).
         */
        public Builder clientCredentials(String tokenEndpointUrl, String id, String secret) {
            tokenEndpoint = Objects.requireNonNull(tokenEndpointUrl, "tokenEndpointUrl");
            clientId = Objects.requireNonNull(id, "clientId");
            clientSecret = Objects.requireNonNull(secret, "clientSecret");
            return this;
        }

        /** How long before its expiry a client-credentials token is replaced (30 s; at most half its lifetime). */
        public Builder tokenRefreshEarly(Duration early) {
            tokenRefreshEarly = positive(early, "tokenRefreshEarly");
            return this;
        }

        /** Time to open a connection (5 s). */
        public Builder connectTimeout(Duration timeout) {
            connectTimeout = positive(timeout, "connectTimeout");
            return this;
        }

        /** Time for one attempt's answer to start arriving (30 s); a timeout is retried like a dropped connection. */
        public Builder requestTimeout(Duration timeout) {
            requestTimeout = positive(timeout, "requestTimeout");
            return this;
        }

        /** When to retry ({@link RetryPolicy#DEFAULT}). */
        public Builder retryPolicy(RetryPolicy policy) {
            retryPolicy = Objects.requireNonNull(policy, "policy");
            return this;
        }

        /** The default policy with another number of attempts per call (5; 1 = no retries). */
        public Builder maxAttempts(int attempts) {
            retryPolicy = retryPolicy.withMaxAttempts(attempts);
            return this;
        }

        /** The {@code User-Agent} sent, e.g. the backend's name and version, for the services' logs. */
        public Builder userAgent(String agent) {
            userAgent = Objects.requireNonNull(agent, "agent");
            return this;
        }

        Builder sleeper(Http.Sleeper replacement) {
            sleeper = replacement;
            return this;
        }

        /** The client; fails when no service URL or no token source was given. */
        public TeamCreditsClient build() {
            if (ledgerUrl == null && usageUrl == null && teamUrl == null) {
                throw new IllegalStateException("configure baseUrl or a service URL");
            }
            if ((tokenProvider == null) == (tokenEndpoint == null)) {
                throw new IllegalStateException("configure either clientCredentials or a tokenProvider");
            }
            // HTTP/1.1: the services speak it, and no h2c upgrade is tried on every new connection.
            HttpClient httpClient = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(connectTimeout).followRedirects(HttpClient.Redirect.NEVER).build();
            TokenProvider tokens = tokenProvider != null ? tokenProvider
                    : new ClientCredentialsTokenProvider(URI.create(tokenEndpoint), clientId, clientSecret,
                            tokenRefreshEarly, requestTimeout, httpClient);
            ObjectMapper json = mapper();
            Http http = new Http(httpClient, tokens, retryPolicy, requestTimeout, userAgent, new Problems(json),
                    sleeper);
            return new TeamCreditsClient(this, json, http);
        }

        private static String trim(String url) {
            Objects.requireNonNull(url, "url");
            return url.replaceAll("/+$", "");
        }

        private static Duration positive(Duration duration, String name) {
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException(name + " must be positive");
            }
            return duration;
        }
    }

    /**
     * The JSON mapping: unknown members are ignored, so a service that adds a field never breaks a deployed
     * backend; dates as ISO-8601.
     */
    static ObjectMapper mapper() {
        return JsonMapper.builder().addModule(new JavaTimeModule())
                .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS).build();
    }
}
