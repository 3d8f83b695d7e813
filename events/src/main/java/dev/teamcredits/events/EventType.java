package dev.teamcredits.events;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Names a CloudEvent data type. The CloudEvents {@code type} is
 * {@code dev.teamcredits.<name>.v<version>}; a change that breaks consumers gets a new version
 * (a new record), never an edit of an old one.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface EventType {

    /** Dotted name without prefix or version, e.g. {@code team.member.joined}. */
    String name();

    int version();
}
