package com.example.support;

import java.util.ArrayList;
import java.util.List;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.read.ListAppender;
import org.slf4j.LoggerFactory;

/**
 * Keeps what one logger writes during a test, instead of printing it, so that a test can
 * check a log line it expects and the build output stays quiet.
 */
public final class CapturedLog implements AutoCloseable {

    private final Logger logger;

    private final Level level;

    private final boolean additive;

    private final List<Appender<ILoggingEvent>> appenders = new ArrayList<>();

    private final ListAppender<ILoggingEvent> events = new ListAppender<>();

    private CapturedLog(Logger logger, Level level) {
        this.logger = logger;
        this.level = this.logger.getLevel();
        this.additive = this.logger.isAdditive();
        this.logger.iteratorForAppenders().forEachRemaining(this.appenders::add);
        this.appenders.forEach(this.logger::detachAppender);
        this.events.start();
        this.logger.addAppender(this.events);
        this.logger.setAdditive(false);
        this.logger.setLevel(level);
    }

    /** Captures what the class logs at the given level and above. */
    public static CapturedLog of(Class<?> source, Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(source), level);
    }

    /** Captures what every logger writes at the given level and above. */
    public static CapturedLog everything(Level level) {
        return new CapturedLog((Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME), level);
    }

    /** Each event as its level, message and, if any, the exception's message. */
    public List<String> lines() {
        List<ILoggingEvent> copy;
        // Other threads may be logging: the appender appends while holding itself.
        synchronized (this.events) {
            copy = List.copyOf(this.events.list);
        }
        return copy.stream()
            .map((event) -> event.getLevel() + " " + event.getFormattedMessage()
                    + ((event.getThrowableProxy() != null) ? " " + event.getThrowableProxy().getMessage() : ""))
            .toList();
    }

    @Override
    public void close() {
        this.logger.detachAppender(this.events);
        this.appenders.forEach(this.logger::addAppender);
        this.logger.setAdditive(this.additive);
        this.logger.setLevel(this.level);
    }

}
