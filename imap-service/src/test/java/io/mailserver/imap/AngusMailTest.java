package io.mailserver.imap;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.TlsTrust;
import org.eclipse.angus.mail.imap.IMAPFolder;
import org.eclipse.angus.mail.imap.IMAPMessage;
import org.eclipse.angus.mail.imap.ResyncData;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.BodyPart;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Multipart;
import jakarta.mail.Session;
import jakarta.mail.Store;
import jakarta.mail.UIDFolder;
import jakarta.mail.internet.InternetAddress;
import java.io.InputStream;
import java.util.Arrays;
import java.util.Properties;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/** Jakarta Mail (Angus Mail), a real client library, over STARTTLS and over implicit TLS. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(ImapPortsResource.class)
class AngusMailTest {

    @ConfigProperty(name = "mail.imap.port")
    int port;

    @ConfigProperty(name = "mail.imap.tls-port")
    int tlsPort;

    private Store connect(String protocol, int port, String user) throws Exception {
        Properties props = new Properties();
        String prefix = "mail." + protocol + ".";
        props.put(prefix + "host", "127.0.0.1");
        props.put(prefix + "port", Integer.toString(port));
        props.put(prefix + "ssl.socketFactory", TlsTrust.trusting(MailFixture.certificate()).getSocketFactory());
        props.put(prefix + "ssl.checkserveridentity", "true");
        props.put(prefix + "connectiontimeout", "10000");
        props.put(prefix + "timeout", "30000");
        if (protocol.equals("imap")) {
            props.put(prefix + "starttls.enable", "true");
            props.put(prefix + "starttls.required", "true");
        }
        Store store = Session.getInstance(props).getStore(protocol);
        store.connect("127.0.0.1", port, user, MailFixture.PASSWORD);
        return store;
    }

    @Test
    void readMessagesOverStartTls() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            fixture.deliver(user, MailFixture.textMessage("Plain hello", "Just text."));
            fixture.deliver(user, MailFixture.multipartMessage("With attachment"));
            Store store = connect("imap", port, user);
            try {
                String[] names = Arrays.stream(store.getDefaultFolder().list("*")).map(Folder::getFullName)
                        .toArray(String[]::new);
                assertThat(names).contains("INBOX");

                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                assertThat(inbox.getMessageCount()).isEqualTo(2);
                assertThat(inbox.getUnreadMessageCount()).isEqualTo(2);

                Message plain = inbox.getMessage(1);
                assertThat(plain.getSubject()).isEqualTo("Plain hello");
                assertThat(((InternetAddress) plain.getFrom()[0]).getAddress()).isEqualTo("alice@example.org");
                assertThat(((InternetAddress) plain.getFrom()[0]).getPersonal()).isEqualTo("Alice Example");
                assertThat(plain.getSize()).isPositive();
                assertThat(plain.getSentDate()).isNotNull();
                assertThat(((String) plain.getContent()).trim()).isEqualTo("Just text.");
                assertThat(plain.isSet(Flags.Flag.SEEN)).isTrue();

                Message multi = inbox.getMessage(2);
                assertThat(multi.getSubject()).isEqualTo("With attachment");
                Multipart mixed = (Multipart) multi.getContent();
                assertThat(mixed.getCount()).isEqualTo(2);
                Multipart alternative = (Multipart) mixed.getBodyPart(0).getContent();
                assertThat(alternative.getCount()).isEqualTo(2);
                assertThat(((String) alternative.getBodyPart(0).getContent()).trim()).isEqualTo("Plain part");
                assertThat(((String) alternative.getBodyPart(1).getContent()).trim()).isEqualTo("<p>HTML part</p>");
                BodyPart attachment = mixed.getBodyPart(1);
                assertThat(attachment.getFileName()).isEqualTo("data.bin");
                assertThat(attachment.getDisposition()).isEqualToIgnoringCase(BodyPart.ATTACHMENT);
                try (InputStream in = attachment.getInputStream()) {
                    assertThat(in.readAllBytes()).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9);
                }

                plain.setFlag(Flags.Flag.FLAGGED, true);
                multi.setFlag(Flags.Flag.DELETED, true);
                assertThat(inbox.expunge()).hasSize(1);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).isSet(Flags.Flag.FLAGGED)).isTrue();
                inbox.close(true);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void readMessagesOverImplicitTls() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            fixture.deliver(user, MailFixture.textMessage("Over TLS", "Encrypted from the first byte."));
            Store store = connect("imaps", tlsPort, user);
            try {
                Folder inbox = store.getFolder("INBOX");
                inbox.open(Folder.READ_ONLY);
                Message message = inbox.getMessage(1);
                assertThat(message.getSubject()).isEqualTo("Over TLS");
                assertThat(((String) message.getContent()).trim()).isEqualTo("Encrypted from the first byte.");
                // EXAMINE: reading does not set \Seen
                assertThat(message.isSet(Flags.Flag.SEEN)).isFalse();
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }

    @Test
    void everydayWritesFoldersSentAndTrash() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            fixture.deliver(user, MailFixture.textMessage("To be moved", "Bye."));
            fixture.deliver(user, MailFixture.textMessage("To be kept", "Stay."));
            Store store = connect("imap", port, user);
            try {
                // a new folder, as a client's "New Folder" does it
                Folder clients = store.getFolder("Clients/Acme");
                assertThat(clients.exists()).isFalse();
                assertThat(clients.create(Folder.HOLDS_MESSAGES)).isTrue();
                assertThat(store.getFolder("Clients").list()).extracting(Folder::getFullName).containsExactly("Clients/Acme");

                // a sent message saved to Sent, as every client does after SMTP
                jakarta.mail.internet.MimeMessage sent = new jakarta.mail.internet.MimeMessage((Session) null);
                sent.setFrom(new InternetAddress("me@example.org"));
                sent.setRecipient(Message.RecipientType.TO, new InternetAddress("you@example.net"));
                sent.setSubject("Sent with Angus Mail");
                sent.setText("Hello from a client library.");
                sent.setFlag(Flags.Flag.SEEN, true);
                Folder sentFolder = store.getFolder("Sent");
                org.eclipse.angus.mail.imap.IMAPFolder sentImap = (org.eclipse.angus.mail.imap.IMAPFolder) sentFolder;
                jakarta.mail.internet.MimeMessage[] toAppend = {sent};
                assertThat(sentImap.appendUIDMessages(toAppend)[0]).isNotNull();
                sentFolder.open(Folder.READ_ONLY);
                assertThat(sentFolder.getMessageCount()).isEqualTo(1);
                assertThat(sentFolder.getMessage(1).getSubject()).isEqualTo("Sent with Angus Mail");
                assertThat(sentFolder.getMessage(1).isSet(Flags.Flag.SEEN)).isTrue();
                sentFolder.close(false);

                // delete to Trash with MOVE, and a copy into the new folder
                org.eclipse.angus.mail.imap.IMAPFolder inbox = (org.eclipse.angus.mail.imap.IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE);
                Message moved = inbox.getMessage(1);
                inbox.copyMessages(new Message[] {inbox.getMessage(2)}, clients);
                inbox.moveMessages(new Message[] {moved}, store.getFolder("Trash"));
                // Angus marks a moved message expunged and keeps it numbered until the folder is reopened
                assertThat(moved.isExpunged()).isTrue();
                inbox.close(false);
                inbox.open(Folder.READ_ONLY);
                assertThat(inbox.getMessageCount()).isEqualTo(1);
                assertThat(inbox.getMessage(1).getSubject()).isEqualTo("To be kept");
                inbox.close(false);
                assertThat(store.getFolder("Trash").getMessageCount()).isEqualTo(1);
                assertThat(clients.getMessageCount()).isEqualTo(1);

                // rename and delete, as folder management does
                Folder renamed = store.getFolder("Customers");
                assertThat(store.getFolder("Clients").renameTo(renamed)).isTrue();
                assertThat(store.getFolder("Customers/Acme").exists()).isTrue();
                assertThat(store.getFolder("Customers/Acme").delete(true)).isTrue();
                assertThat(store.getFolder("Customers/Acme").exists()).isFalse();
            } finally {
                store.close();
            }
        }
    }

    @Test
    void condstoreFindsWhatChangedSinceAModseq() throws Exception {
        try (MailFixture fixture = new MailFixture()) {
            String user = fixture.newUser();
            fixture.deliver(user, MailFixture.textMessage("one", "1"));
            fixture.deliver(user, MailFixture.textMessage("two", "2"));
            Store store = connect("imaps", tlsPort, user);
            try {
                IMAPFolder inbox = (IMAPFolder) store.getFolder("INBOX");
                inbox.open(Folder.READ_WRITE, ResyncData.CONDSTORE);
                long highest = inbox.getHighestModSeq();
                assertThat(highest).isPositive();
                inbox.getMessage(2).setFlag(Flags.Flag.FLAGGED, true);
                Message[] changed = inbox.getMessagesByUIDChangedSince(1, UIDFolder.LASTUID, highest);
                assertThat(changed).extracting(Message::getMessageNumber).containsExactly(2);
                assertThat(((IMAPMessage) changed[0]).getModSeq()).isGreaterThan(highest);
                inbox.close(false);
            } finally {
                store.close();
            }
        }
    }
}
