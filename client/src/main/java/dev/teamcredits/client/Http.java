package dev.teamcredits.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Sends one logical call: the same request, with the same Idempotency-Key, up to the policy's attempts. Retried:
 * no answer (connection refused or dropped, a timeout), 429, 502, 503, 504 and 409 {@code idempotency-key-in-use}
 * (the first attempt with this key has not committed yet); never any other 4xx. A 401 fetches a new token and
 * sends once more.
 */
final class Http {

    /** One request as the caller means it; {@code idempotencyKey} null for reads. */
    record Call(String method, URI uri, byte[] body, String accept, String idempotencyKey) {
    }

    /** The final answer of a call: a 2xx, or an error the caller turns into an exception. */
    record Reply(int status, HttpHeaders headers, byte[] body, String idempotencyKey, int attempts) {
        boolean ok() {
            return status / 100 == 2;
        }

        boolean replayed() {
            return headers.firstValue("Idempotency-Replayed").map("true"::equalsIgnoreCase).orElse(false);
        }

        String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        Optional<String> header(String name) {
            return headers.firstValue(name);
        }
    }

    /** Waits between attempts; a test may replace it. */
    interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final HttpClient client;
    private final TokenProvider tokens;
    private final RetryPolicy retry;
    private final Duration requestTimeout;
    private final String userAgent;
    private final Problems problems;
    private final Sleeper sleeper;

    Http(HttpClient client, TokenProvider tokens, RetryPolicy retry, Duration requestTimeout, String userAgent,
            Problems problems, Sleeper sleeper) {
        this.client = client;
        this.tokens = tokens;
        this.retry = retry;
        this.requestTimeout = requestTimeout;
        this.userAgent = userAgent;
        this.problems = problems;
        this.sleeper = sleeper;
    }

    /** Sends the call; a 2xx comes back, anything else is thrown as its typed exception. */
    Reply send(Call call) {
        Reply reply = exchange(call);
        if (!reply.ok()) {
            throw problems.exception(reply.status(), reply.text(), retryAfter(reply.headers()).orElse(null),
                    call.idempotencyKey());
        }
        return reply;
    }

    /** Sends the call with retries and returns the last answer, whatever its status. */
    Reply exchange(Call call) {
        boolean tokenRenewed = false;
        for (int attempt = 1;; attempt++) {
            String token = null;
            HttpResponse<byte[]> response;
            try {
                token = tokens.token();
                response = client.send(request(call, token), HttpResponse.BodyHandlers.ofByteArray());
            } catch (IOException | ServiceUnreachableException e) {
                if (attempt >= retry.maxAttempts()) {
                    throw new ServiceUnreachableException(call.method() + " " + call.uri() + ": no answer after "
                            + attempt + " attempt(s): " + e, call.idempotencyKey(), attempt, e);
                }
                pause(retry.delay(attempt, ThreadLocalRandom.current().nextDouble()), call);
                continue;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnreachableException("interrupted: " + call.method() + " " + call.uri(),
                        call.idempotencyKey(), attempt, e);
            }
            Reply reply = new Reply(response.statusCode(), response.headers(), response.body(), call.idempotencyKey(),
                    attempt);
            if (reply.status() == 401 && !tokenRenewed) {
                // A token revoked or expired early: one more try with a fresh one, not counted as an attempt.
                tokens.invalidate(token);
                tokenRenewed = true;
                attempt--;
                continue;
            }
            if (!retryable(reply) || attempt >= retry.maxAttempts()) {
                return reply;
            }
            Optional<Duration> asked = retryAfter(reply.headers());
            if (asked.isPresent() && asked.get().compareTo(retry.maxRetryAfter()) > 0) {
                return reply;
            }
            int retried = attempt;
            pause(asked.orElseGet(() -> retry.delay(retried, ThreadLocalRandom.current().nextDouble())), call);
        }
    }

    private boolean retryable(Reply reply) {
        return switch (reply.status()) {
            case 429, 502, 503, 504 -> true;
            case 409 -> problems.parse(409, reply.text()).is("idempotency-key-in-use");
            default -> false;
        };
    }

    private HttpRequest request(Call call, String token) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(call.uri()).timeout(requestTimeout)
                .header("Authorization", "Bearer " + token).header("Accept", call.accept())
                .header("User-Agent", userAgent);
        if (call.idempotencyKey() != null) {
            builder.header("Idempotency-Key", call.idempotencyKey());
        }
        if (call.body() != null) {
            builder.header("Content-Type", "application/json")
                    .method(call.method(), HttpRequest.BodyPublishers.ofByteArray(call.body()));
        } else {
            builder.method(call.method(), HttpRequest.BodyPublishers.noBody());
        }
        return builder.build();
    }

    /** {@code Retry-After} in seconds (the services send seconds; an HTTP date is read as absent). */
    static Optional<Duration> retryAfter(HttpHeaders headers) {
        return headers.firstValue("Retry-After").flatMap(value -> {
            try {
                long seconds = Long.parseLong(value.trim());
                return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        });
    }

    private void pause(Duration delay, Call call) {
        try {
            sleeper.sleep(delay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServiceUnreachableException("interrupted while waiting to retry " + call.method() + " "
                    + call.uri(), call.idempotencyKey(), 0, e);
        }
    }
}
