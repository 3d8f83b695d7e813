package dev.teamcredits.notification.service;

import dev.teamcredits.notification.config.NotificationConfig;
import dev.teamcredits.notification.domain.NotificationTexts;
import dev.teamcredits.notification.domain.RetryBackoff;
import dev.teamcredits.notification.repository.DeliveryRepository;
import dev.teamcredits.notification.repository.DeliveryRepository.DueEmail;
import dev.teamcredits.notification.repository.MembershipRepository;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.qute.Location;
import io.quarkus.qute.Template;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.jboss.logging.Logger;

/**
 * Sends queued emails over SMTP, apart from the event stream: a slow or failing mail server delays
 * emails (retried with backoff, then FAILED), never the inbox or anyone else's notifications.
 * Each email carries a Message-ID made from its delivery id, so the rare resend after a crash
 * between sending and recording is recognisable as the same message.
 */
@ApplicationScoped
public class EmailSender {

    private static final Logger LOG = Logger.getLogger(EmailSender.class);
    private static final int BATCH = 20;
    /** A claimed email is retried after this if the replica dies before recording the outcome. */
    private static final Duration LEASE = Duration.ofMinutes(2);

    private final Pool pool;
    private final DeliveryRepository deliveries;
    private final MembershipRepository membership;
    private final ReactiveMailer mailer;
    private final NotificationConfig.Email config;
    private final Template text;
    private final Template html;

    public EmailSender(Pool pool, DeliveryRepository deliveries, MembershipRepository membership,
            ReactiveMailer mailer, NotificationConfig config, @Location("email/notification.txt") Template text,
            @Location("email/notification.html") Template html) {
        this.pool = pool;
        this.deliveries = deliveries;
        this.membership = membership;
        this.mailer = mailer;
        this.config = config.email();
        this.text = text;
        this.html = html;
    }

    @Scheduled(every = "${notification.email.poll-interval:1s}", delayed = "1s",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> sendDue() {
        return DeliveryRound.run(pool.withTransaction(c -> deliveries.claimEmails(c, BATCH, LEASE)), this::send, LOG,
                "Email");
    }

    private Uni<Void> send(DueEmail email) {
        return membership.email(pool, email.userId())
                .chain(address -> {
                    if (address.isEmpty()) {
                        return Uni.createFrom().failure(new IllegalStateException("no email address known yet"));
                    }
                    Mail mail = Mail.withText(address.get(), email.title(), render(text, email))
                            .setHtml(render(html, email))
                            .addHeader("Message-ID", "<" + email.id() + "@notifications.team-credits>")
                            .addHeader("X-Team-Credits-Type", email.type());
                    return mailer.send(mail);
                })
                .chain(() -> deliveries.emailSent(pool, email.id()))
                .onFailure().recoverWithUni(e -> {
                    Duration retry = RetryBackoff.after(email.attempts(), config.maxAttempts(), config.initialBackoff(),
                            config.maxBackoff());
                    LOG.warnf("Email %s failed (attempt %d): %s%s", email.id(), email.attempts() + 1, e.getMessage(),
                            retry == null ? "; giving up" : "");
                    return deliveries.emailFailed(pool, email.id(), String.valueOf(e.getMessage()), retry);
                });
    }

    /** The templates hold no words: title and body are the notification's, the footer is from the texts. */
    private static String render(Template template, DueEmail email) {
        return template.data("title", email.title()).data("body", email.body())
                .data("footer", NotificationTexts.emailFooter()).render();
    }
}
