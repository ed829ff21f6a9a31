package io.inlearning.spark;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that needs a service scripts/test.sh starts: the Spark cluster, Elasticsearch, Kafka or the TLS
 * proxy. Without its service's variable the class is skipped, with the reason. {@code mvn test
 * -DexcludedGroups=integration} leaves these classes out; {@code mvn test -Dgroups=integration} runs only them.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("integration")
public @interface Integration {}
