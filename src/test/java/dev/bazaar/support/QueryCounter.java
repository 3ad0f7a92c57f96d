package dev.bazaar.support;

import dev.bazaar.platform.RequestContext;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import net.ttddyy.dsproxy.support.ProxyDataSource;
import net.ttddyy.dsproxy.support.ProxyDataSourceBuilder;
import org.slf4j.MDC;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Counts the SQL statements each request runs (datasource-proxy around the pool, keyed by the request id in the log
 * context), so that tests can assert that a list costs the same number of queries for one row as for twenty.
 */
@Configuration(proxyBeanMethods = false)
public class QueryCounter {

    private static final Map<String, AtomicInteger> BY_REQUEST = new ConcurrentHashMap<>();
    private static final Map<String, Queue<String>> SQL_BY_REQUEST = new ConcurrentHashMap<>();

    /** Statements run while serving the request with this {@code X-Request-Id}. */
    public static int statementsOf(String requestId) {
        AtomicInteger count = BY_REQUEST.get(requestId);
        return count == null ? 0 : count.get();
    }

    /**
     * Statements run while serving the request with this {@code X-Request-Id} whose SQL contains {@code fragment}
     * (ignoring case), so that a test can count the reads of one table however many other statements there are.
     */
    public static long statementsOf(String requestId, String fragment) {
        String wanted = fragment.toLowerCase(Locale.ROOT);
        return SQL_BY_REQUEST.getOrDefault(requestId, new ConcurrentLinkedQueue<>()).stream()
                .filter(sql -> sql.toLowerCase(Locale.ROOT).contains(wanted)).count();
    }

    @Bean
    static BeanPostProcessor countingDataSource() {
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof DataSource dataSource && !(bean instanceof ProxyDataSource)) {
                    return ProxyDataSourceBuilder.create(dataSource).name(beanName)
                            .afterQuery((execution, queries) -> {
                                String requestId = MDC.get(RequestContext.REQUEST_ID);
                                if (requestId != null) {
                                    BY_REQUEST.computeIfAbsent(requestId, id -> new AtomicInteger()).addAndGet(queries.size());
                                    Queue<String> sql = SQL_BY_REQUEST.computeIfAbsent(requestId,
                                            id -> new ConcurrentLinkedQueue<>());
                                    queries.forEach(query -> sql.add(query.getQuery()));
                                }
                            })
                            .build();
                }
                return bean;
            }
        };
    }
}
