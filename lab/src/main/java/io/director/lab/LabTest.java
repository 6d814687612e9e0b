package io.director.lab;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.extension.ExtendWith;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a lab test class: one guest boots before its first test and powers off after its last;
 * test methods (and @BeforeAll/@AfterAll) take a {@link Lab} parameter. Skipped, with the reason,
 * only where User-Mode Linux cannot run (no /usr/bin/linux.uml) or with -Dlab.skip=true.
 * Tests of one class share the guest: each test removes what it made (ipvsadm -C, addresses).
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(LabExtension.class)
@Tag("lab")
public @interface LabTest {
    /** How many real servers (rs1..rsN), 1 to 50. */
    int realServers() default 3;
}
