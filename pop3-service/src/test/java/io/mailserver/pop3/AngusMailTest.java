package io.mailserver.pop3;

import static io.mailserver.pop3.MailFixture.PASSWORD;
import static io.mailserver.pop3.MailFixture.message;
import static io.mailserver.pop3.MailFixture.newAccount;
import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.testkit.client.TlsTrust;
import io.mailserver.testkit.quarkus.PeerServicesResource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.Flags;
import jakarta.mail.Folder;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.Store;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import org.eclipse.angus.mail.pop3.POP3Folder;
import org.junit.jupiter.api.Test;

/** Angus Mail (Jakarta Mail) as a POP3 client: STLS required, certificate verified, read and delete. */
@QuarkusTest
@QuarkusTestResource(PeerServicesResource.class)
@QuarkusTestResource(Pop3PortsResource.class)
class AngusMailTest {



    private static Store connect(String address) throws Exception {
        Properties props = new Properties();
        props.put("mail.pop3.host", "127.0.0.1");
        props.put("mail.pop3.port", Integer.toString(MailFixture.port()));
        props.put("mail.pop3.starttls.enable", "true");
        props.put("mail.pop3.starttls.required", "true");
        props.put("mail.pop3.ssl.socketFactory", TlsTrust.trusting(MailFixture.certificate()).getSocketFactory());
        props.put("mail.pop3.ssl.checkserveridentity", "true");
        props.put("mail.pop3.connectiontimeout", "10000");
        props.put("mail.pop3.timeout", "30000");
        Store store = Session.getInstance(props).getStore("pop3");
        store.connect(address, PASSWORD);
        return store;
    }

    private static String raw(Message message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        message.writeTo(out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void readsMessagesAndDeletesOne() throws Exception {
        MailFixture mail = new MailFixture();
        String address = newAccount("angus");
        String first = message("Angus one", "First body.\r\n.dotted line\r\n");
        String second = message("Angus two", "Second body.\r\n");
        mail.deliver(address, first);
        mail.deliver(address, second);

        Store store = connect(address);
        try {
            POP3Folder inbox = (POP3Folder) store.getFolder("INBOX");
            inbox.open(Folder.READ_WRITE);
            assertThat(inbox.getMessageCount()).isEqualTo(2);
            Message[] messages = inbox.getMessages();
            assertThat(messages[0].getSubject()).isEqualTo("Angus one");
            assertThat(messages[1].getSubject()).isEqualTo("Angus two");
            assertThat(raw(messages[0])).isEqualTo(first);
            assertThat(((String) messages[1].getContent())).isEqualTo("Second body.\r\n");
            assertThat(inbox.getUID(messages[0])).matches("\\d+\\.\\d+");
            messages[0].setFlag(Flags.Flag.DELETED, true);
            inbox.close(true);
        } finally {
            store.close();
        }

        Store again = connect(address);
        try {
            Folder inbox = again.getFolder("INBOX");
            inbox.open(Folder.READ_ONLY);
            assertThat(inbox.getMessageCount()).isEqualTo(1);
            assertThat(inbox.getMessage(1).getSubject()).isEqualTo("Angus two");
            inbox.close(false);
        } finally {
            again.close();
        }
    }
}
