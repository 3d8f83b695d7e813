package dev.teamcredits.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Where the notification service sends email: the SMTP server {@link Settings#SMTP} names
 * ({@code host:port}), or else a GreenMail sink on loopback that keeps every message in memory
 * (plain SMTP, no authentication, no TLS), so a person or a test can read what was sent.
 */
public final class SmtpServer implements AutoCloseable {

    /** One received message, as far as tests and the launcher care. */
    public record Mail(List<String> to, String from, String subject, String body) {
    }

    private final GreenMail greenMail;
    private final String host;
    private final int port;

    private SmtpServer(GreenMail greenMail, String host, int port) {
        this.greenMail = greenMail;
        this.host = host;
        this.port = port;
    }

    /** The configured external server, or a GreenMail sink on {@code port} (0 = any). */
    public static SmtpServer startOrConnect(int port) {
        var external = Settings.get(Settings.SMTP);
        if (external.isPresent()) {
            String value = external.get();
            int colon = value.lastIndexOf(':');
            if (colon <= 0) {
                throw new IllegalArgumentException(Settings.envName(Settings.SMTP) + " must be host:port, not "
                        + value);
            }
            return new SmtpServer(null, value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        }
        int smtpPort = port == 0 ? Ports.free() : port;
        GreenMail mail = new GreenMail(new ServerSetup(smtpPort, Ports.LOOPBACK, ServerSetup.PROTOCOL_SMTP));
        mail.start();
        return new SmtpServer(mail, Ports.LOOPBACK, smtpPort);
    }

    public String host() {
        return host;
    }

    public int port() {
        return port;
    }

    public boolean isEmbedded() {
        return greenMail != null;
    }

    /** Every message the sink received so far, oldest first (empty for an external server). */
    public List<Mail> received() {
        if (greenMail == null) {
            return List.of();
        }
        List<Mail> mails = new ArrayList<>();
        for (MimeMessage m : greenMail.getReceivedMessages()) {
            try {
                Address[] to = m.getRecipients(Message.RecipientType.TO);
                Address[] from = m.getFrom();
                mails.add(new Mail(to == null ? List.of() : Arrays.stream(to).map(Address::toString).toList(),
                        from == null || from.length == 0 ? null : from[0].toString(), m.getSubject(),
                        text(m)));
            } catch (MessagingException | java.io.IOException e) {
                throw new IllegalStateException("Could not read a received message", e);
            }
        }
        return mails;
    }

    /** The decoded text of every text part (plain and HTML), not the raw transfer-encoded MIME. */
    private static String text(jakarta.mail.Part part) throws MessagingException, java.io.IOException {
        Object content = part.getContent();
        if (content instanceof jakarta.mail.Multipart multipart) {
            StringBuilder all = new StringBuilder();
            for (int i = 0; i < multipart.getCount(); i++) {
                all.append(text(multipart.getBodyPart(i))).append('\n');
            }
            return all.toString();
        }
        return content instanceof String text ? text : "";
    }

    @Override
    public void close() {
        if (greenMail != null) {
            greenMail.stop();
        }
    }
}
