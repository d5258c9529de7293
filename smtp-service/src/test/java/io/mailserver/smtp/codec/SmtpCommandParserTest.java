package io.mailserver.smtp.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.mailserver.smtp.command.BodyType;
import io.mailserver.smtp.command.MailAddress;
import io.mailserver.smtp.command.RcptParameters;
import io.mailserver.smtp.command.SmtpCommand;
import io.mailserver.smtp.command.SmtpCommand.Malformed;
import io.mailserver.smtp.command.SmtpCommand.Problem;
import io.mailserver.smtp.dsn.Notify;
import io.mailserver.smtp.dsn.OriginalRecipient;
import io.mailserver.smtp.dsn.Ret;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SmtpCommandParserTest {

    private static SmtpCommand parse(String line) {
        return SmtpCommandParser.parse(line);
    }

    private static MailAddress sender(String line) {
        SmtpCommand command = parse(line);
        assertThat(command).as(line).isInstanceOf(SmtpCommand.Mail.class);
        return ((SmtpCommand.Mail) command).sender().orElseThrow();
    }

    private static MailAddress recipient(String line) {
        SmtpCommand command = parse(line);
        assertThat(command).as(line).isInstanceOf(SmtpCommand.Rcpt.class);
        return ((SmtpCommand.Rcpt) command).recipient();
    }

    private static Problem problem(String line) {
        SmtpCommand command = parse(line);
        assertThat(command).as(line).isInstanceOf(Malformed.class);
        return ((Malformed) command).problem();
    }

    @Test
    void greetings() {
        assertThat(parse("EHLO client.example.org")).isEqualTo(new SmtpCommand.Ehlo("client.example.org"));
        assertThat(parse("ehlo [192.0.2.1]")).isEqualTo(new SmtpCommand.Ehlo("[192.0.2.1]"));
        assertThat(parse("HeLo client")).isEqualTo(new SmtpCommand.Helo("client"));
        assertThat(parse("EHLO client  ")).isEqualTo(new SmtpCommand.Ehlo("client"));
        assertThat(problem("EHLO")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("EHLO  ")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("HELO two words")).isEqualTo(Problem.SYNTAX);
    }

    @Test
    void verbsAreCaseInsensitive() {
        assertThat(parse("data")).isInstanceOf(SmtpCommand.Data.class);
        assertThat(parse("RsEt")).isInstanceOf(SmtpCommand.Rset.class);
        assertThat(parse("quit")).isInstanceOf(SmtpCommand.Quit.class);
        assertThat(parse("StartTLS")).isInstanceOf(SmtpCommand.StartTls.class);
        assertThat(parse("noop anything at all")).isInstanceOf(SmtpCommand.Noop.class);
        assertThat(parse("mail from:<a@example.org>")).isInstanceOf(SmtpCommand.Mail.class);
        assertThat(parse("rcpt to:<a@example.org>")).isInstanceOf(SmtpCommand.Rcpt.class);
    }

    @Test
    void commandsWithoutArgumentsRefuseArguments() {
        assertThat(problem("DATA now")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("RSET x")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("STARTTLS please")).isEqualTo(Problem.SYNTAX);
        assertThat(parse("QUIT ")).isInstanceOf(SmtpCommand.Quit.class);
    }

    @Test
    void simpleAddresses() {
        assertThat(sender("MAIL FROM:<alice@example.org>")).isEqualTo(new MailAddress("alice", "example.org"));
        assertThat(recipient("RCPT TO:<bob.smith+tag@mail.example.org>"))
                .isEqualTo(new MailAddress("bob.smith+tag", "mail.example.org"));
        assertThat(recipient("RCPT TO:<o'hara!#$%&*/=?^_`{|}~@example.org>").localPart())
                .isEqualTo("o'hara!#$%&*/=?^_`{|}~");
        assertThat(recipient("RCPT TO:<user@[192.0.2.7]>").domain()).isEqualTo("[192.0.2.7]");
        assertThat(recipient("RCPT TO:<user@[IPv6:2001:db8::1]>").domain()).isEqualTo("[IPv6:2001:db8::1]");
    }

    @Test
    void quotedLocalParts() {
        assertThat(recipient("RCPT TO:<\"john doe\"@example.org>")).isEqualTo(new MailAddress("\"john doe\"", "example.org"));
        assertThat(recipient("RCPT TO:<\"a>b@c\"@example.org>").localPart()).isEqualTo("\"a>b@c\"");
        assertThat(recipient("RCPT TO:<\"say \\\"hi\\\"\"@example.org>").localPart()).isEqualTo("\"say \\\"hi\\\"\"");
        // Quoting that changes nothing is dropped: it is the same mailbox (RFC 5321 §4.1.2).
        assertThat(recipient("RCPT TO:<\"alice\"@example.org>")).isEqualTo(new MailAddress("alice", "example.org"));
        assertThat(recipient("RCPT TO:<\"\\a\\l\\i\\c\\e\"@example.org>")).isEqualTo(new MailAddress("alice", "example.org"));
        assertThat(recipient("RCPT TO:<\"a..b\"@example.org>").localPart()).isEqualTo("\"a..b\"");
        assertThat(problem("RCPT TO:<\"unterminated@example.org>")).isEqualTo(Problem.BAD_RECIPIENT);
    }

    @Test
    void nullSenderAndSourceRoutes() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parse("MAIL FROM:<>");
        assertThat(mail.sender()).isEmpty();
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<> SIZE=10")).sender()).isEmpty();
        // RFC 5321 §4.1.1.3: source routes are accepted and ignored.
        assertThat(recipient("RCPT TO:<@relay.example,@other.example:user@example.org>"))
                .isEqualTo(new MailAddress("user", "example.org"));
        assertThat(problem("RCPT TO:<>")).isEqualTo(Problem.BAD_RECIPIENT);
    }

    @Test
    void postmasterWithoutDomain() {
        assertThat(recipient("RCPT TO:<Postmaster>")).isEqualTo(MailAddress.postmaster());
        assertThat(recipient("RCPT TO:<postmaster>").isBarePostmaster()).isTrue();
        assertThat(problem("MAIL FROM:<postmaster>")).isEqualTo(Problem.BAD_SENDER);
    }

    @Test
    void toleratedSpacing() {
        assertThat(sender("MAIL FROM: <alice@example.org>")).isEqualTo(new MailAddress("alice", "example.org"));
        assertThat(recipient("RCPT TO:  <bob@example.org>  ")).isEqualTo(new MailAddress("bob", "example.org"));
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parse("MAIL FROM:<a@example.org>   SIZE=5    BODY=7BIT");
        assertThat(mail.parameters().size()).isEqualTo(OptionalLong.of(5));
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "MAIL FROM:<alice>", "MAIL FROM:<@example.org>", "MAIL FROM:<alice@>", "MAIL FROM:<alice@example..org>",
            "MAIL FROM:<alice@-example.org>", "MAIL FROM:<alice@example-.org>", "MAIL FROM:<a lice@example.org>",
            "MAIL FROM:<.alice@example.org>", "MAIL FROM:<alice.@example.org>", "MAIL FROM:<al..ice@example.org>",
            "MAIL FROM:<alice@example.org", "MAIL FROM:alice@example.org", "MAIL FROM:<alice@[300]>",
            "MAIL FROM:<alice@[1.2.3.4>", "MAIL FROM:<ålice@example.org>", "MAIL FROM:<alice@exämple.org>"})
    void badSenderSyntax(String line) {
        assertThat(problem(line)).isEqualTo(Problem.BAD_SENDER);
    }

    @Test
    void addressLengthLimits() {
        // local parts over 64 octets are taken (SRS and bounce addresses), within the 256-octet path
        String local200 = "a".repeat(200);
        assertThat(recipient("RCPT TO:<" + local200 + "@example.org>").localPart()).isEqualTo(local200);
        String longest = "a".repeat(254 - "@example.org".length());
        assertThat(recipient("RCPT TO:<" + longest + "@example.org>").localPart()).isEqualTo(longest);
        assertThat(problem("RCPT TO:<" + longest + "a@example.org>")).isEqualTo(Problem.BAD_RECIPIENT);
        String label = "b".repeat(64);
        assertThat(problem("RCPT TO:<a@" + label + ".org>")).isEqualTo(Problem.BAD_RECIPIENT);
    }

    @Test
    void mailParameters() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parse("MAIL FROM:<a@example.org> size=1024 body=8bitmime");
        assertThat(mail.parameters().size()).isEqualTo(OptionalLong.of(1024));
        assertThat(mail.parameters().body()).isEqualTo(BodyType.EIGHT_BIT_MIME);
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@example.org> BODY=7BIT")).parameters().body())
                .isEqualTo(BodyType.SEVEN_BIT);
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@example.org>")).parameters().body())
                .isEqualTo(BodyType.UNSPECIFIED);
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@example.org> SIZE=99999999999999999999")).parameters().size())
                .isEqualTo(OptionalLong.of(Long.MAX_VALUE));
    }

    @Test
    void badOrUnknownParameters() {
        assertThat(problem("MAIL FROM:<a@example.org> SIZE=")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org> SIZE=12k")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org> SIZE")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org> SIZE=1 SIZE=2")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org> =x")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org>SIZE=1")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org> BODY=BINARYMIME")).isEqualTo(Problem.UNSUPPORTED_PARAMETER);
        assertThat(problem("MAIL FROM:<a@example.org> X-FOO=bar")).isEqualTo(Problem.UNSUPPORTED_PARAMETER);
        assertThat(problem("RCPT TO:<a@example.org> X-PRIORITY=1")).isEqualTo(Problem.UNSUPPORTED_PARAMETER);
    }

    @Test
    void dsnParametersOfMailAndRcpt() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parse("MAIL FROM:<a@example.org> ret=hdrs ENVID=QQ314159+2Bx SIZE=10");
        assertThat(mail.parameters().ret()).isEqualTo(Ret.HDRS);
        // kept as given (xtext), decoded only when a report quotes it
        assertThat(mail.parameters().envid()).isEqualTo("QQ314159+2Bx");
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<> RET=FULL")).parameters().ret()).isEqualTo(Ret.FULL);
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@example.org>")).parameters().ret()).isEqualTo(Ret.UNSPECIFIED);

        SmtpCommand.Rcpt rcpt = (SmtpCommand.Rcpt) parse("RCPT TO:<b@example.org> NOTIFY=success,Delay ORCPT=rfc822;B+2Bx@example.org");
        assertThat(rcpt.parameters().dsnNotify()).isEqualTo(new Notify(true, true, false, true));
        assertThat(rcpt.parameters().originalRecipient()).contains(new OriginalRecipient("rfc822", "B+x@example.org"));
        assertThat(((SmtpCommand.Rcpt) parse("RCPT TO:<b@example.org> NOTIFY=NEVER")).parameters().dsnNotify().never()).isTrue();
        assertThat(((SmtpCommand.Rcpt) parse("RCPT TO:<b@example.org>")).parameters()).isEqualTo(RcptParameters.NONE);
    }

    /** RFC 6533 §3: a UTF-8 ORCPT in its escaped ASCII form, or with UTF-8 as itself, or as plain xtext. */
    @Test
    void utf8OriginalRecipients() {
        OriginalRecipient expected = new OriginalRecipient("utf-8", "b\u00f8b+x@\u4f8b\u3048.example");
        for (String value : List.of("utf-8;b\\x{F8}b\\x{2B}x@\\x{4F8B}\\x{3048}.example", "UTF-8;b\u00f8b\\x{2b}x@\u4f8b\u3048.example",
                "utf-8;b\\x{f8}b+2Bx@\u4f8b\\x{3048}.example")) {
            SmtpCommand.Rcpt rcpt = (SmtpCommand.Rcpt) parse(octets("RCPT TO:<b@example.org> ORCPT=" + value));
            assertThat(rcpt.parameters().originalRecipient()).as(value).contains(expected);
        }
        // passed on and reported in ASCII, which any next hop and both report forms take
        assertThat(expected.parameter()).isEqualTo("utf-8;b\\x{F8}b\\x{2B}x@\\x{4F8B}\\x{3048}.example");
        assertThat(expected.field()).isEqualTo(expected.parameter());
        assertThat(OriginalRecipient.parse(expected.parameter())).contains(expected);
        // outside the Basic Multilingual Plane, as UTF-8 on the line
        assertThat(((SmtpCommand.Rcpt) parse(octets("RCPT TO:<b@example.org> ORCPT=utf-8;\uD83D\uDE00@example.org")))
                .parameters().originalRecipient()).contains(new OriginalRecipient("utf-8", "\uD83D\uDE00@example.org"));
        // the limit holds for the escaped form that is kept: 100 characters of 8 octets each are too long
        assertThat(OriginalRecipient.parse("utf-8;" + "\u00f8".repeat(100) + "@example.org")).isEmpty();
        for (String value : List.of("utf-8;b\\x{0A}b@example.org", "utf-8;b\\x{202E}b@example.org", "utf-8;b\u202eb@example.org",
                "utf-8;b\\x{}b@example.org", "utf-8;b\\x{1234567}b@example.org", "utf-8;b\\x{ZZ}b@example.org",
                "utf-8;b\\b@example.org", "utf-8;b=b@example.org", "utf-8;b+0Db@example.org", "utf-8;b\\x{110000}@example.org")) {
            assertThat(OriginalRecipient.parse(value)).as(value).isEmpty();
        }
    }

    /** A command line as the decoder hands it over: its octets, one char each. */
    private static String octets(String text) {
        return new String(text.getBytes(java.nio.charset.StandardCharsets.UTF_8), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @Test
    void utf8AddressesUnderRfc6531() {
        SmtpCommand.Mail mail = (SmtpCommand.Mail) parse(octets("MAIL FROM:<jörg@müller.example> SMTPUTF8"));
        assertThat(mail.parameters().smtputf8()).isTrue();
        // the local part stays UTF-8; the domain's U-labels become A-labels, the same domain in ASCII
        assertThat(mail.sender()).contains(new MailAddress("jörg", "xn--mller-kva.example"));
        assertThat(mail.sender().orElseThrow().isAscii()).isFalse();
        assertThat(recipient(octets("RCPT TO:<用户@例子.广告>"))).isEqualTo(new MailAddress("用户", "xn--fsqu00a.xn--4rr70v"));
        assertThat(recipient(octets("RCPT TO:<\"Zoë Q\"@example.org>"))).isEqualTo(new MailAddress("\"Zoë Q\"", "example.org"));
        // a domain only in U-labels is plain ASCII from here on
        assertThat(recipient(octets("RCPT TO:<bob@bücher.example>")).isAscii()).isTrue();
        // a long UTF-8 local part is taken like a long ASCII one, within the path limit
        assertThat(recipient(octets("RCPT TO:<" + "é".repeat(100) + "@example.org>")).localPart()).hasSize(100);
    }

    @Test
    void utf8ThatIsBrokenOrDeceptiveIsRefused() {
        // not UTF-8 at all (Latin-1 é), an overlong slash, a lone surrogate's encoding
        assertThat(problem("RCPT TO:<j\u00e9r\u00f4me@example.org>")).isEqualTo(Problem.BAD_RECIPIENT);
        assertThat(problem("MAIL FROM:<a\u00c0\u00afb@example.org> SMTPUTF8")).isEqualTo(Problem.BAD_SENDER);
        assertThat(problem("RCPT TO:<a\u00ed\u00a0\u0080@example.org>")).isEqualTo(Problem.BAD_RECIPIENT);
        // characters that only serve to mislead a reader: bidi override, zero-width joiner, C1 control, tag, private use
        for (String sneaky : new String[] {"\u202e", "\u200d", "\u0085", "\udb40\udc41", "\ue000", "\u00a0", "\u2028"}) {
            assertThat(problem(octets("RCPT TO:<ad" + sneaky + "min@example.org>"))).as(sneaky).isEqualTo(Problem.BAD_RECIPIENT);
        }
        // a U-label IDNA refuses
        assertThat(problem(octets("RCPT TO:<a@\u2603-.example>"))).isEqualTo(Problem.BAD_RECIPIENT);
        // labels the JDK's IDNA2003 would map to another domain (IDNA2008 keeps them apart), and a
        // fullwidth full stop that IDNA reads as a dot
        assertThat(problem(octets("RCPT TO:<x@faß.de>"))).isEqualTo(Problem.BAD_RECIPIENT);
        assertThat(problem(octets("RCPT TO:<x@ﬁle.example>"))).isEqualTo(Problem.BAD_RECIPIENT);
        assertThat(problem(octets("RCPT TO:<x@example.com。>"))).isEqualTo(Problem.BAD_RECIPIENT);
        assertThat(problem(octets("RCPT TO:<x@example。com>"))).isEqualTo(Problem.BAD_RECIPIENT);
        assertThat(recipient(octets("RCPT TO:<bob@Bücher.example>")).domain()).isEqualTo("xn--bcher-kva.example");
        assertThat(problem("MAIL FROM:<a@example.org> SMTPUTF8=yes")).isEqualTo(Problem.SYNTAX);
    }

    @Test
    void requireTlsIsAKeywordWithoutValue() {
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@example.org> requiretls")).parameters().requireTls()).isTrue();
        assertThat(((SmtpCommand.Mail) parse("MAIL FROM:<a@example.org>")).parameters().requireTls()).isFalse();
        assertThat(problem("MAIL FROM:<a@example.org> REQUIRETLS=yes")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL FROM:<a@example.org> REQUIRETLS REQUIRETLS")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("RCPT TO:<a@example.org> REQUIRETLS")).isEqualTo(Problem.UNSUPPORTED_PARAMETER);
    }

    @Test
    void malformedDsnParametersAreSyntaxErrors() {
        for (String line : new String[] {
                "MAIL FROM:<a@example.org> RET=NONE",
                "MAIL FROM:<a@example.org> RET",
                "MAIL FROM:<a@example.org> RET=FULL RET=HDRS",
                "MAIL FROM:<a@example.org> ENVID=",
                // a header line smuggled through xtext, a control character, a lower-case or short hex escape
                "MAIL FROM:<a@example.org> ENVID=a+0D+0AX-Injected:+20yes",
                "MAIL FROM:<a@example.org> ENVID=a+00",
                "MAIL FROM:<a@example.org> ENVID=a+0d",
                "MAIL FROM:<a@example.org> ENVID=a+4",
                "MAIL FROM:<a@example.org> ENVID=" + "x".repeat(101),
                "RCPT TO:<b@example.org> NOTIFY=NEVER,SUCCESS",
                "RCPT TO:<b@example.org> NOTIFY=SUCCESS,,DELAY",
                "RCPT TO:<b@example.org> NOTIFY=",
                "RCPT TO:<b@example.org> NOTIFY",
                "RCPT TO:<b@example.org> NOTIFY=SOMETIMES",
                "RCPT TO:<b@example.org> NOTIFY=DELAY NOTIFY=FAILURE",
                "RCPT TO:<b@example.org> ORCPT=b@example.org",
                "RCPT TO:<b@example.org> ORCPT=rfc822;",
                "RCPT TO:<b@example.org> ORCPT=;b@example.org",
                "RCPT TO:<b@example.org> ORCPT=rfc822;b+0A@example.org",
                "RCPT TO:<b@example.org> ORCPT=rfc822;" + "x".repeat(500)}) {
            assertThat(problem(line)).as(line).isEqualTo(Problem.SYNTAX);
        }
    }

    @Test
    void badCommandSyntax() {
        assertThat(problem("MAIL")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("MAIL TO:<a@example.org>")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("RCPT FROM:<a@example.org>")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("VRFY")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("AUTH")).isEqualTo(Problem.SYNTAX);
        assertThat(problem("AUTH PLAIN a b")).isEqualTo(Problem.SYNTAX);
    }

    @Test
    void bareLineBreaksInsideACommandAreRefused() {
        assertThat(problem("EHLO a\nX-Injected: yes")).isEqualTo(Problem.BARE_LINE_BREAK);
        assertThat(problem("MAIL FROM:<a@example.org>\rRCPT TO:<b@example.org>")).isEqualTo(Problem.BARE_LINE_BREAK);
    }

    @Test
    void unknownVerbs() {
        assertThat(parse("EXPN staff")).isEqualTo(new SmtpCommand.Unknown("EXPN"));
        assertThat(parse("")).isEqualTo(new SmtpCommand.Unknown(""));
        assertThat(parse("GET / HTTP/1.1")).isEqualTo(new SmtpCommand.Unknown("GET"));
        assertThat(((SmtpCommand.Unknown) parse("X".repeat(100))).verb()).hasSize(16);
    }

    @Test
    void otherCommands() {
        assertThat(parse("VRFY alice")).isEqualTo(new SmtpCommand.Vrfy("alice"));
        assertThat(parse("HELP")).isEqualTo(new SmtpCommand.Help(""));
        assertThat(parse("HELP mail")).isEqualTo(new SmtpCommand.Help("mail"));
        SmtpCommand.Auth auth = (SmtpCommand.Auth) parse("auth plain AGFsaWNlAHNlY3JldA==");
        assertThat(auth.mechanism()).isEqualTo("PLAIN");
        assertThat(auth.initialResponse()).isEqualTo(Optional.of("AGFsaWNlAHNlY3JldA=="));
        assertThat(auth.toString()).doesNotContain("AGFsaWNl");
    }

    @Test
    void bdatChunks() {
        assertThat(parse("BDAT 1000")).isEqualTo(new SmtpCommand.Bdat(1000, false));
        assertThat(parse("bdat 0 last")).isEqualTo(new SmtpCommand.Bdat(0, true));
        assertThat(parse("BDAT  42   LAST")).isEqualTo(new SmtpCommand.Bdat(42, true));
        // a size that cannot be read leaves the octets after it unframed
        for (String bad : new String[] {"BDAT", "BDAT -1", "BDAT 1e3", "BDAT 12 NOTLAST", "BDAT 1 LAST x",
                "BDAT " + "9".repeat(19), "BDAT LAST"}) {
            assertThat(problem(bad)).as(bad).isEqualTo(Problem.UNFRAMED_CHUNK);
        }
    }
}
