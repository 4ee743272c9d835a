package dev.dcp.devnet;

import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.AppenderBase;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Keeps the text of every log event while a test has capture on, for tests of what logs must never hold. Declared in
 * logback-test.xml, not attached in code: Spring Boot resets Logback at every context start, which would detach an
 * appender added by hand, and then reads that file again.
 */
public final class CapturedLogs extends AppenderBase<ILoggingEvent> {

    /** Beyond this the test fails rather than the JVM running out of memory. */
    static final int MAX_EVENTS = 2_000_000;

    private static volatile boolean capturing;
    private static final ConcurrentLinkedQueue<String> events = new ConcurrentLinkedQueue<>();
    private static final AtomicInteger count = new AtomicInteger();

    static void begin() {
        events.clear();
        count.set(0);
        capturing = true;
    }

    static void end() {
        capturing = false;
    }

    static int count() {
        return count.get();
    }

    /** The events captured so far, each as logger, message, MDC, key-value pairs and throwable with its causes. */
    static List<String> events() {
        return new ArrayList<>(events);
    }

    @Override
    protected void append(ILoggingEvent event) {
        if (!capturing || count.incrementAndGet() > MAX_EVENTS) {
            return;
        }
        StringBuilder text = new StringBuilder()
                .append(event.getLevel())
                .append(' ')
                .append(event.getLoggerName())
                .append(" [")
                .append(event.getThreadName())
                .append("] ")
                .append(event.getFormattedMessage());
        if (!event.getMDCPropertyMap().isEmpty()) {
            text.append(" mdc=").append(event.getMDCPropertyMap());
        }
        Collection<?> pairs = event.getKeyValuePairs();
        if (pairs != null && !pairs.isEmpty()) {
            text.append(" kv=").append(pairs);
        }
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        events.add(text.toString());
    }
}
