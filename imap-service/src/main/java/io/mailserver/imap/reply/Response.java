package io.mailserver.imap.reply;

/** A server response (RFC 9051 §7), decided by a handler and written by {@link ResponseEncoder}. */
public sealed interface Response permits StatusResponse, CapabilityResponse, ListResponse, FlagsResponse,
        NumberedResponse, SearchResponse, FetchResponse, ContinuationRequest, MailboxStatusResponse, NamespaceResponse,
        EnabledResponse, IdResponse, VanishedResponse, EsearchResponse, SortResponse, ThreadResponse,
        QuotaResponse, QuotaRootResponse {
}
