package dev.teamcredits.common.messaging;

import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.mutiny.core.Vertx;
import io.vertx.mutiny.pgclient.pubsub.PgSubscriber;
import io.vertx.pgclient.PgConnectOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * PostgreSQL {@code LISTEN} for as long as the service runs: one dedicated connection per channel,
 * outside the pool (a pooled connection forgets its LISTEN when it goes back). A lost connection is
 * reopened every second; a first connect that fails is retried with backoff (the Vert.x subscriber
 * reconnects only a connection it once had). NOTIFYs sent while nobody listened are gone, so after
 * every (re)subscription {@code onSubscribed} runs: a listener that must not miss work looks for it then.
 */
@ApplicationScoped
public class PgChannels {

    private static final Logger LOG = Logger.getLogger(PgChannels.class);
    private static final long RECONNECT_MILLIS = 1000;

    private final Vertx vertx;
    private final PgConnectOptions options;
    private final List<PgSubscriber> subscribers = new CopyOnWriteArrayList<>();
    private final List<Cancellable> firstConnects = new CopyOnWriteArrayList<>();

    /** The service's own database, as its reactive pool reaches it. */
    public PgChannels(Vertx vertx, @ConfigProperty(name = "quarkus.datasource.reactive.url") String url,
            @ConfigProperty(name = "quarkus.datasource.username") Optional<String> user,
            @ConfigProperty(name = "quarkus.datasource.password") Optional<String> password) {
        this.vertx = vertx;
        this.options = PgConnectOptions.fromUri(url.startsWith("vertx-reactive:") ? url.substring(15) : url)
                .setTcpKeepAlive(true);
        user.ifPresent(options::setUser);
        password.ifPresent(options::setPassword);
    }

    /**
     * Listens on {@code channel} until shutdown.
     *
     * @param onSubscribed runs each time the LISTEN is in place: at first, and after every reconnect
     * @param onMessage    runs with each notification's payload
     */
    public void listen(String channel, Runnable onSubscribed, Consumer<String> onMessage) {
        PgSubscriber subscriber = PgSubscriber.subscriber(vertx, options).reconnectPolicy(attempt -> RECONNECT_MILLIS);
        subscriber.channel(channel).subscribeHandler(onSubscribed).handler(onMessage);
        subscribers.add(subscriber);
        firstConnects.add(subscriber.connect()
                .onFailure().invoke(e -> LOG.warnf("LISTEN %s not connected yet (%s); retrying", channel, e.getMessage()))
                // The subscriber stays "open" after a failed first connect and would ignore connect() again.
                .onFailure().call(subscriber::close)
                .onFailure().retry().withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(10)).indefinitely()
                .subscribe().with(v -> LOG.debugf("Listening on %s", channel), e -> { }));
    }

    void stop(@Observes ShutdownEvent event) {
        firstConnects.forEach(Cancellable::cancel);
        subscribers.forEach(PgSubscriber::closeAndForget);
    }
}
