package io.director.lab;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.platform.commons.support.AnnotationSupport;

import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/** Boots one lab guest per test class annotated with {@link LabTest} and hands it to the tests as {@link Lab}. */
public final class LabExtension implements BeforeAllCallback, ParameterResolver {
    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(LabExtension.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        LabEnvironment.whyNot().ifPresent(reason -> Assumptions.abort(reason));
        Class<?> testClass = context.getRequiredTestClass();
        int realServers = AnnotationSupport.findAnnotation(testClass, LabTest.class).map(LabTest::realServers).orElse(3);
        Path base = LabEnvironment.projectRoot().resolve("lab/target/lab-out");
        String name = testClass.getSimpleName() + "-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("HHmmss-SSS"));
        Path out = Lab.createOut(base, name);
        long started = System.nanoTime();
        Lab lab = Lab.boot(realServers, out);
        System.out.printf("lab: %s: guest ready in %.1f s (guest clock %.1f s), %d real servers, output in %s%n",
                testClass.getSimpleName(), (System.nanoTime() - started) / 1e9, lab.guestBootTime().toMillis() / 1e3,
                realServers, out);
        context.getStore(NAMESPACE).put(Lab.class, new Closing(lab));
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == Lab.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Closing closing = context.getStore(NAMESPACE).get(Lab.class, Closing.class);
        if (closing == null) {
            throw new LabException("no lab guest: is the test class annotated with @LabTest?");
        }
        return closing.lab;
    }

    /** Powers the guest off when JUnit closes the class's store (older JUnit: CloseableResource; newer: AutoCloseable). */
    @SuppressWarnings("deprecation")
    private record Closing(Lab lab) implements ExtensionContext.Store.CloseableResource, AutoCloseable {
        @Override
        public void close() {
            lab.close();
        }
    }
}
