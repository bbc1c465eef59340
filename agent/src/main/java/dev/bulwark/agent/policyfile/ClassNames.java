package dev.bulwark.agent.policyfile;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a settings record's component whose text, or whose list's every text, is an exception class name, so that
 * the binder checks it with {@link ClassNameText#check(String)}.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.RECORD_COMPONENT)
@interface ClassNames {
}
