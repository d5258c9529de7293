package io.mailserver.storage.mailbox.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.mailserver.storage.failure.StorageException;
import org.junit.jupiter.api.Test;

/** Mailbox names: INBOX case-insensitive, "/" hierarchy, invalid names refused. */
class MailboxNameTest {

    @Test
    void inboxIsCaseInsensitiveAlsoAsAParent() {
        assertThat(MailboxName.normalize("inbox")).isEqualTo("INBOX");
        assertThat(MailboxName.normalize("InBoX/Sub")).isEqualTo("INBOX/Sub");
        assertThat(MailboxName.normalize("Inboxes")).isEqualTo("Inboxes");
        assertThat(MailboxName.normalize("a/b/")).isEqualTo("a/b");
    }

    @Test
    void parentsAreEveryLevelAbove() {
        assertThat(MailboxName.parents("a/b/c")).containsExactly("a", "a/b");
        assertThat(MailboxName.parents("a")).isEmpty();
        assertThat(MailboxName.isInside("a/b", "a")).isTrue();
        assertThat(MailboxName.isInside("ab", "a")).isFalse();
    }

    @Test
    void emptyLevelsAndControlCharactersAreRefused() {
        for (String bad : new String[] {"", "/", "/a", "a//b", "a\u0000b", "a\r\nb"}) {
            assertThatThrownBy(() -> MailboxName.normalize(bad)).as(bad).isInstanceOf(StorageException.class);
        }
    }

    @Test
    void depthIsBounded() {
        String deepest = "a/".repeat(MailboxName.MAX_DEPTH - 1) + "z";
        assertThat(MailboxName.normalize(deepest)).isEqualTo(deepest);
        assertThatThrownBy(() -> MailboxName.normalize("a/" + deepest)).isInstanceOf(StorageException.class);
    }
}
