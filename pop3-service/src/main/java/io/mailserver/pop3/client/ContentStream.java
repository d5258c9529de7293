package io.mailserver.pop3.client;

import io.mailserver.contracts.storage.v1.MessageAttributes;
import io.mailserver.contracts.storage.v1.SectionChunk;
import java.util.concurrent.Executor;

/**
 * The content of one message as storage streams it, paced by the reader: nothing arrives until
 * asked for, one response per {@link #request()}, so RETR and TOP ask again only when the socket's
 * write queue has room.
 */
public interface ContentStream {

    /** Receives the stream's events, on the executor given to {@link #start}, one at a time. */
    interface Listener {

        /** The message exists; always before its chunks. */
        void onAttributes(MessageAttributes attributes);

        void onChunk(SectionChunk chunk);

        /** The stream ended normally. */
        void onCompleted();

        void onFailed(Throwable failure);
    }

    /** Starts the call and asks for the first response. */
    void start(Listener listener, Executor context);

    /** Asks for the next response. Safe from any thread. */
    void request();

    /** Stops the stream; afterwards at most the resulting failure is delivered. */
    void cancel();
}
