/**
 * Mail authentication (DKIM, SPF, DMARC): pure code over a {@link io.mailserver.smtp.mailauth.DnsTxtResolver}
 * so the rules are tested with the RFCs' own examples and the DNS client behind them can be swapped. Every
 * name, record and header field here comes from a remote party: parsing is bounded and never throws on
 * bad input, it yields the RFCs' permerror/temperror/fail results instead.
 */
package io.mailserver.smtp.mailauth;
