package dev.teamcredits.systemtests;

import static dev.teamcredits.systemtests.Api.ADA;
import static dev.teamcredits.systemtests.Api.BEN;
import static dev.teamcredits.systemtests.Api.BILLING;
import static dev.teamcredits.systemtests.Api.CLEO;
import static dev.teamcredits.systemtests.Api.SCRAPER;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.teamcredits.client.BatchSpendResult;
import dev.teamcredits.client.ClientCredentialsTokenProvider;
import dev.teamcredits.client.ConflictException;
import dev.teamcredits.client.CreditAccount;
import dev.teamcredits.client.CycleUsage;
import dev.teamcredits.client.ForbiddenException;
import dev.teamcredits.client.HistoryQuery;
import dev.teamcredits.client.Hold;
import dev.teamcredits.client.IdempotencyKeyReusedException;
import dev.teamcredits.client.InsufficientCreditsException;
import dev.teamcredits.client.NotFoundException;
import dev.teamcredits.client.Purchase;
import dev.teamcredits.client.PurchaseRequest;
import dev.teamcredits.client.Reservation;
import dev.teamcredits.client.ReserveRequest;
import dev.teamcredits.client.RetryPolicy;
import dev.teamcredits.client.Spend;
import dev.teamcredits.client.SpendRequest;
import dev.teamcredits.client.TeamCreditsClient;
import dev.teamcredits.client.TokenProvider;
import dev.teamcredits.client.Transaction;
import dev.teamcredits.client.Transfer;
import dev.teamcredits.client.TransferRequest;
import dev.teamcredits.client.ValidationException;
import dev.teamcredits.local.ProcessStack;
import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The Java client ({@code client/}) as the product's backends use it, against the whole stack: a scraper spending
 * and holding for members with its client credentials, the billing backend recording purchases, typed refusals,
 * retries that reuse one key through a fault injector at the edge (one of them across a kill -9 of the ledger),
 * lazy paging and token refresh. Among the faults (a crash is in it), and the crash last in the class.
 */
@Order(10)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ClientTest extends SystemTestBase {

    private final TeamCreditsClient scraper = Clients.backend(SCRAPER);
    private final TeamCreditsClient billing = Clients.backend(BILLING);
    private final TeamCreditsClient ada = Clients.user(ADA);

    @Test
    @Order(1)
    void aScraperBackendSpendsForAMemberWithItsClientCredentialsAndARetriedKeyIsNotChargedAgain() {
        Org org = org("PRO");
        org.join(BEN, true);
        org.join(CLEO, false);

        Spend spend = scraper.spend(org.id, SpendRequest.of("PAGE_SCRAPE", 3).forMember(Api.id(BEN)));
        assertEquals(Api.id(BEN), spend.userId());
        assertEquals(3, spend.amount());
        assertEquals(3, spend.drawnFrom("POOL"));
        assertEquals(997, spend.pool().balance());
        assertFalse(spend.replayed());

        // The backend's own key (e.g. its job id): the same call again is the stored answer, charged once.
        SpendRequest keyed = SpendRequest.of("ENRICHMENT", 2).forMember(Api.id(BEN)).withIdempotencyKey(
                "job-" + UUID.randomUUID());
        Spend first = scraper.spend(org.id, keyed);
        Spend again = scraper.spend(org.id, keyed);
        assertFalse(first.replayed());
        assertTrue(again.replayed());
        assertEquals(first.transactionId(), again.transactionId());
        assertEquals(995, org.pool());

        // A batch: each item answered as alone; cleo (no pool access, nothing of her own here) is short.
        List<BatchSpendResult> batch = scraper.spendBatch(org.id, List.of(
                SpendRequest.of("PAGE_SCRAPE", 5).forMember(Api.id(BEN)), keyed,
                SpendRequest.of("PAGE_SCRAPE", 1_000_000).forMember(Api.id(CLEO))));
        assertEquals(List.of(200, 200, 402), batch.stream().map(BatchSpendResult::status).toList());
        assertTrue(batch.get(0).charged() && !batch.get(0).replayed());
        assertTrue(batch.get(1).replayed(), "the single spend's key replays in a batch");
        assertEquals(first.transactionId(), batch.get(1).spend().transactionId());
        InsufficientCreditsException refused = (InsufficientCreditsException) batch.get(2).exception();
        assertEquals(1_000_000, refused.required());
        assertEquals(990, org.pool());

        // The member's usage, through the usage service, with an admin's token.
        Waits.untilAsserted("ben's usage counted", () -> {
            CycleUsage usage = ada.usage(org.id);
            assertEquals(10, usage.member(Api.id(BEN)).orElseThrow().creditsUsed());
            assertEquals(3, usage.member(Api.id(BEN)).orElseThrow().spends());
        });
        assertEquals(List.of("ADMIN", "MEMBER", "MEMBER"), ada.members(org.id).stream().map(m -> m.role()).sorted()
                .toList());
    }

    @Test
    @Order(2)
    void findingAnEmailCapturesAValidResultAndAHoldReleasesItselfWhenTheFinderThrows() {
        Org org = org("PRO");
        org.join(BEN, true);
        ReserveRequest finding = ReserveRequest.action("EMAIL_FINDING", 1).forMember(Api.id(BEN))
                .withTtl(Duration.ofMinutes(5));

        Reservation captured;
        try (Hold hold = scraper.reserve(org.id, finding)) {
            assertEquals(1, hold.amount());
            assertEquals(999, org.poolAvailable(), "a held credit is not available");
            captured = hold.capture();
        }
        assertEquals("CAPTURED", captured.status());
        assertEquals(1L, captured.captured());
        assertEquals(999, org.pool());
        assertEquals(999, org.poolAvailable());

        String[] heldId = new String[1];
        IllegalStateException finderFailed = assertThrows(IllegalStateException.class, () -> {
            try (Hold hold = scraper.reserve(org.id, finding)) {
                heldId[0] = hold.id();
                assertEquals(998, org.poolAvailable());
                throw new IllegalStateException("the mail server did not answer");
            }
        });
        assertEquals("the mail server did not answer", finderFailed.getMessage());
        assertEquals(999, org.pool(), "no result, no charge");
        assertEquals(999, org.poolAvailable(), "the hold released itself");
        assertNotNull(heldId[0]);

        // A block that ends without a capture (no valid result) releases too.
        try (Hold hold = scraper.reserve(org.id, finding)) {
            assertTrue(hold.isOpen());
        }
        assertEquals(999, org.poolAvailable());
        assertEquals(1, org.transactions().stream().filter(tx -> tx.get("type").asText().equals("SPEND")).count());
    }

    @Test
    @Order(3)
    void refusalsArriveAsTypedExceptionsWithTheProblemsNumbers() {
        Org org = org("PRO");
        org.join(BEN, true);

        InsufficientCreditsException shortOf = assertThrows(InsufficientCreditsException.class,
                () -> scraper.spend(org.id, SpendRequest.of("PAGE_SCRAPE", 10_000_000).forMember(Api.id(BEN))));
        assertEquals(402, shortOf.status());
        assertEquals(10_000_000, shortOf.required());
        assertTrue(shortOf.available() >= 1000, "the pool and whatever ben has of his own: " + shortOf.available());
        assertEquals(shortOf.required() - shortOf.available(), shortOf.shortfall());
        assertTrue(shortOf.idempotencyKey().isPresent());

        InsufficientCreditsException transferShort = assertThrows(InsufficientCreditsException.class,
                () -> ada.transfer(org.id, TransferRequest.of(TransferRequest.POOL, Api.id(BEN), 5000, "too much")));
        assertEquals(409, transferShort.status());
        assertEquals(List.of(5000L, 1000L, 4000L), List.of(transferShort.required(), transferShort.available(),
                transferShort.shortfall()));

        NotFoundException noOrg = assertThrows(NotFoundException.class, () -> scraper.spend(
                UUID.randomUUID().toString(), SpendRequest.of("PAGE_SCRAPE", 1).forMember(Api.id(BEN))));
        assertTrue(noOrg.problem().is("org-not-found"), noOrg.type());

        ForbiddenException notTrusted = assertThrows(ForbiddenException.class,
                () -> billing.spend(org.id, SpendRequest.of("PAGE_SCRAPE", 1).forMember(Api.id(BEN))));
        assertTrue(notTrusted.problem().is("spend-for-others"), notTrusted.type());

        String key = "reused-" + UUID.randomUUID();
        scraper.spend(org.id, SpendRequest.of("PAGE_SCRAPE", 1).forMember(Api.id(BEN)).withIdempotencyKey(key));
        IdempotencyKeyReusedException reused = assertThrows(IdempotencyKeyReusedException.class,
                () -> scraper.spend(org.id, SpendRequest.of("PAGE_SCRAPE", 2).forMember(Api.id(BEN))
                        .withIdempotencyKey(key)));
        assertEquals(422, reused.status());
        assertEquals(key, reused.idempotencyKey().orElseThrow());

        ValidationException invalid = assertThrows(ValidationException.class, () -> scraper.reserve(org.id,
                ReserveRequest.credits(5).forMember(Api.id(BEN)).withTtl(Duration.ZERO)));
        assertEquals(400, invalid.status());
        assertTrue(invalid.problem().is("validation-failed"), invalid.type());
        assertEquals(List.of("ttlSeconds"), invalid.fieldErrors().stream().map(e -> e.field()).toList());

        ValidationException unknown = assertThrows(ValidationException.class,
                () -> scraper.spend(org.id, SpendRequest.of("TELEPORT", 1).forMember(Api.id(BEN))));
        assertTrue(unknown.problem().is("unknown-action"), unknown.type());
        assertTrue(unknown.fieldErrors().isEmpty());

        Hold hold = scraper.reserve(org.id, ReserveRequest.credits(5).forMember(Api.id(BEN)));
        hold.release();
        ConflictException ended = assertThrows(ConflictException.class,
                () -> scraper.hold(org.id, hold.reservation()).capture(5));
        assertEquals("RELEASED", ended.problem().textMember("reservationStatus").orElseThrow());
        assertEquals(999, org.pool(), "only the one spend of 1 was charged");
    }

    @Test
    @Order(4)
    void aRetryAfterALostAnswerReusesTheKeyAndTheMemberIsChargedOnce() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        try (FaultyEdge edge = new FaultyEdge(SystemStack.get().service("ledger-service").port())) {
            TeamCreditsClient client = Clients.services().ledgerUrl(edge.url())
                    .clientCredentials(Clients.tokenEndpoint(), SCRAPER.clientId(), SCRAPER.secret()).build();
            edge.dropAnswerOfNext(seen -> seen.path().endsWith("/spends"), () -> {
            });

            Spend spend = client.spend(org.id, SpendRequest.of("PAGE_SCRAPE", 7).forMember(Api.id(BEN)));

            List<FaultyEdge.Seen> sent = edge.seen();
            assertEquals(2, sent.size(), "the spend and its one retry: " + sent);
            assertNotNull(sent.get(0).idempotencyKey());
            assertEquals(sent.get(0).idempotencyKey(), sent.get(1).idempotencyKey(), "the retry reuses the key");
            assertTrue(spend.replayed(), "the retry answers what the lost answer said");
            assertTrue(edge.dropped().get(0).startsWith("HTTP/1.1 200"), edge.dropped().get(0));
            assertTrue(edge.dropped().get(0).contains(spend.transactionId()), "the same transaction as first");
            assertChargedOnce(org, spend, 7);
        }
    }

    @Test
    @Order(5)
    void theHistoryIsReadLazilyPageByPageAndExportedAsOneCsv() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        for (int i = 1; i <= 11; i++) {
            scraper.spend(org.id, SpendRequest.of("PAGE_SCRAPE", i).forMember(Api.id(BEN)));
        }
        // The allocation and the eleven spends, newest first.
        try (FaultyEdge edge = new FaultyEdge(SystemStack.get().service("ledger-service").port())) {
            TeamCreditsClient client = Clients.services().ledgerUrl(edge.url()).tokenProvider(() -> api.token(ADA))
                    .build();
            HistoryQuery fives = HistoryQuery.all().pageSize(5);

            List<Transaction> firstThree = client.transactions(org.id, fives).limit(3).toList();
            assertEquals(List.of(11L, 10L, 9L), firstThree.stream().map(Transaction::amount).toList());
            assertEquals(1, pages(edge), "three transactions need one page");

            List<Transaction> all = new ArrayList<>();
            client.history(org.id, fives).forEach(all::add);
            assertEquals(12, all.size());
            assertEquals(1 + 3, pages(edge), "twelve transactions in pages of five");
            assertEquals("GRANT", all.get(11).type());
            List<String> oldestFirst = new ArrayList<>(org.transactions().stream().map(tx -> tx.get("id").asText())
                    .toList());
            java.util.Collections.reverse(oldestFirst);
            assertEquals(oldestFirst, all.stream().map(Transaction::id).toList());
            assertEquals(11, client.transactions(org.id, fives.type("SPEND")).count());

            ByteArrayOutputStream csv = new ByteArrayOutputStream();
            int csvPages = client.exportTransactionsCsv(org.id, fives, csv);
            assertEquals(3, csvPages);
            List<String> lines = csv.toString(StandardCharsets.UTF_8).lines().toList();
            assertTrue(lines.get(0).startsWith("id,at,type,amount"), lines.get(0));
            assertEquals(1, lines.stream().filter(l -> l.startsWith("id,")).count(), "one header row");
            assertEquals(all.stream().map(Transaction::id).toList(), lines.subList(1, lines.size()).stream()
                    .map(l -> l.substring(0, l.indexOf(',')).replace("\"", "")).toList());
        }
    }

    @Test
    @Order(6)
    void tokensAreFetchedAgainBeforeTheyExpireAndARefusedOneIsReplaced() throws Exception {
        new CallerTokens(SystemStack.get()).serviceClient("short-lived-backend", "short-lived-secret", 6);
        ClientCredentialsTokenProvider tokens = new ClientCredentialsTokenProvider(
                ClientCredentialsTokenProvider.keycloakTokenEndpoint(SystemStack.get().oidcUrl()),
                "short-lived-backend", "short-lived-secret", Duration.ofSeconds(30), Duration.ofSeconds(10),
                HttpClient.newHttpClient());
        TeamCreditsClient client = Clients.services().tokenProvider(tokens).build();
        // Six-second tokens: each is replaced after half its life (30 s early would be every call); none expires.
        long until = System.nanoTime() + Duration.ofSeconds(14).toNanos();
        int calls = 0;
        while (System.nanoTime() < until) {
            assertEquals(0, client.myBalance().balance());
            calls++;
            Thread.sleep(500);
        }
        assertTrue(tokens.fetches() >= 3 && tokens.fetches() <= 6, tokens.fetches() + " tokens for " + calls
                + " calls over 14 s");

        // A caller's provider whose token the service refuses: dropped, fetched again, the call goes through.
        AtomicInteger asked = new AtomicInteger();
        List<String> invalidated = new ArrayList<>();
        TokenProvider stale = new TokenProvider() {
            @Override
            public String token() {
                return asked.getAndIncrement() == 0 ? CallerTokens.badlySigned(api.token(ADA)) : api.token(ADA);
            }

            @Override
            public void invalidate(String token) {
                invalidated.add(token);
            }
        };
        Org org = org("PRO");
        assertEquals(1000, Clients.services().tokenProvider(stale).build().balances(org.id).pool().balance());
        assertEquals(2, asked.get());
        assertEquals(1, invalidated.size());
    }

    @Test
    @Order(7)
    void theBillingBackendRecordsAPurchaseOnceAndAnotherAmountForItsPaymentIsAConflict() {
        Org org = org("PRO");
        PurchaseRequest purchase = PurchaseRequest.of(CreditAccount.pool(org.id), 250, Api.paymentReference())
                .withPrice(2500, "EUR");
        Purchase recorded = billing.recordPurchase(purchase);
        assertFalse(recorded.replayed());
        assertEquals(250, recorded.amount());
        assertEquals(1250, recorded.balanceAfter().balance());
        assertNotNull(recorded.recordedBy(), "the billing client's subject");

        // The same payment again, even with another key: the first purchase, nothing added.
        Purchase again = billing.recordPurchase(purchase);
        assertTrue(again.replayed());
        assertEquals(recorded.id(), again.id());
        ConflictException conflict = assertThrows(ConflictException.class, () -> billing.recordPurchase(
                PurchaseRequest.of(CreditAccount.pool(org.id), 300, purchase.paymentReference())));
        assertTrue(conflict.problem().is("payment-reference-conflict"), conflict.type());
        assertThrows(ForbiddenException.class, () -> scraper.recordPurchase(PurchaseRequest.of(
                CreditAccount.pool(org.id), 1, Api.paymentReference())));
        assertEquals(1250, org.pool());
        assertEquals(1, org.transactions().stream().filter(tx -> tx.get("type").asText().equals("PURCHASE")).count());

        // A transfer and its preview, as an admin's tool would.
        org.join(BEN, true);
        Transfer preview = ada.previewTransfer(org.id, TransferRequest.of(TransferRequest.POOL, Api.id(BEN), 50, "p"));
        assertTrue(preview.preview());
        assertEquals(1250, org.pool(), "a preview moves nothing");
        Transfer moved = ada.transfer(org.id, TransferRequest.of(TransferRequest.POOL, Api.id(BEN), 50, "share"));
        assertEquals(preview.from().balance(), moved.from().balance());
        assertEquals(50, moved.to().balance());
        assertEquals(50, ada.balances(org.id).member(Api.id(BEN)).orElseThrow().balance());
    }

    @Test
    @Order(100)
    void theLedgerKilledBetweenChargingAndAnsweringChargesOnceWhenTheClientRetries() throws Exception {
        Org org = org("PRO");
        org.join(BEN, true);
        ProcessStack.RunningService ledger = SystemStack.get().service("ledger-service");
        try (FaultyEdge edge = new FaultyEdge(ledger.port())) {
            // Attempts spread over the restart: the retries must outlast it.
            TeamCreditsClient client = Clients.services().ledgerUrl(edge.url())
                    .clientCredentials(Clients.tokenEndpoint(), SCRAPER.clientId(), SCRAPER.secret())
                    .requestTimeout(Duration.ofSeconds(120))
                    .retryPolicy(new RetryPolicy(20, Duration.ofMillis(250), Duration.ofSeconds(3),
                            Duration.ofSeconds(10))).build();
            edge.dropAnswerOfNext(seen -> seen.path().endsWith("/spends"), () -> {
                ledger.kill();
                ledger.restart();
            });

            Spend spend = client.spend(org.id, SpendRequest.of("ENRICHMENT", 9).forMember(Api.id(BEN)));

            assertTrue(spend.replayed(), "the restarted ledger answers what it had committed");
            assertTrue(edge.dropped().get(0).contains(spend.transactionId()), edge.dropped().get(0));
            List<String> keys = edge.seen().stream().filter(s -> s.path().endsWith("/spends"))
                    .map(FaultyEdge.Seen::idempotencyKey).distinct().collect(Collectors.toList());
            assertEquals(1, keys.size(), "one key for every attempt: " + edge.seen());
            assertChargedOnce(org, spend, 9);
        }
    }

    /** The pool lost the amount once, and the history holds exactly one spend: this one. */
    private void assertChargedOnce(Org org, Spend spend, long amount) {
        assertEquals(1000 - amount, org.pool());
        List<JsonNode> spends = org.transactions().stream().filter(tx -> tx.get("type").asText().equals("SPEND"))
                .toList();
        assertEquals(1, spends.size(), "one SPEND in the history: " + spends);
        assertEquals(spend.transactionId(), spends.get(0).get("id").asText());
        assertEquals(amount, spends.get(0).get("amount").asLong());
        assertEquals(amount, spend.drawnFrom("POOL"));
    }

    private static long pages(FaultyEdge edge) {
        return edge.seen().stream().filter(s -> s.method().equals("GET") && s.path().contains("/transactions"))
                .count();
    }
}
