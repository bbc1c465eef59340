package dev.bulwark.agent.policyfile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * The key a settings record's component, or the name an enum constant, is written as in the policy file, where
 * the Java name cannot be it: {@code "throw"} is a keyword, and modes are written in lower case.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.RECORD_COMPONENT, ElementType.FIELD})
@interface FileKey {
    /** @return the key or name as written in the file */
    String value();
}
