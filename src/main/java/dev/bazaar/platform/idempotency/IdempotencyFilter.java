package dev.bazaar.platform.idempotency;

import dev.bazaar.platform.IdempotencyScope;
import dev.bazaar.platform.PlatformErrorCode;
import dev.bazaar.platform.web.BodyTooLargeException;
import dev.bazaar.platform.web.Problems;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import dev.bazaar.platform.CarriesSecrets;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.annotation.Order;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;
import org.springframework.web.util.ContentCachingResponseWrapper;

/**
 * {@code Idempotency-Key} on {@code POST /api/**} (IETF draft, Stripe model). The first request with a key runs and its
 * response is stored; a retry with the same key and payload gets that response replayed byte for byte with
 * {@code Idempotent-Replayed: true}; the same key with another payload is 422; while the first is still running, 409.
 * Only outcomes of the work itself are stored (2xx, 3xx, 409, 422); refusals before the work (400, 401, 403, 404, 429,
 * 5xx…) release the key so that a corrected retry can run. Handlers marked {@link CarriesSecrets} are left alone: their
 * requests or responses carry credentials, so neither is stored and the header is ignored.
 */
@Component
@Order(0)
class IdempotencyFilter extends OncePerRequestFilter {

    static final String HEADER = "Idempotency-Key";
    static final String REPLAYED = "Idempotent-Replayed";
    private static final Set<String> STORED_HEADERS = Set.of("content-type", "location", "etag", "last-modified", "link",
            "cache-control");

    private final IdempotencyStore store;
    private final IdempotencyScope scope;
    private final Problems problems;
    private final ObjectProvider<HandlerMapping> handlerMapping;

    IdempotencyFilter(IdempotencyStore store, IdempotencyScope scope, Problems problems,
                      @Qualifier("requestMappingHandlerMapping") ObjectProvider<HandlerMapping> handlerMapping) {
        this.store = store;
        this.scope = scope;
        this.problems = problems;
        this.handlerMapping = handlerMapping;
    }

    /**
     * Multipart uploads are left alone too: replaying one would mean holding the whole file (up to the multipart limit)
     * in memory to fingerprint it. Upload endpoints are idempotent in their own way (an import matches by handle and SKU).
     */
    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !"POST".equals(request.getMethod()) || request.getHeader(HEADER) == null
                || !request.getRequestURI().startsWith("/api/") || isMultipart(request) || holdsSecrets(request);
    }

    private static boolean isMultipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(java.util.Locale.ROOT).startsWith("multipart/");
    }

    /**
     * Requests to {@link CarriesSecrets} handlers are left alone. Fails closed: when the handler cannot be determined
     * (no such route, wrong method or media type) nothing is stored either, and those requests are refused anyway.
     */
    private boolean holdsSecrets(HttpServletRequest request) {
        try {
            HandlerMapping mapping = handlerMapping.getIfAvailable();
            HandlerExecutionChain chain = mapping != null ? mapping.getHandler(request) : null;
            return chain == null || !(chain.getHandler() instanceof HandlerMethod method)
                    || method.hasMethodAnnotation(CarriesSecrets.class);
        } catch (Exception e) {
            return true;
        }
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String key = request.getHeader(HEADER);
        if (!isWellFormed(key)) {
            problems.write(request, response, PlatformErrorCode.INVALID_IDEMPOTENCY_KEY,
                    "Idempotency-Key must be 1 to 255 visible ASCII characters");
            return;
        }
        byte[] body;
        try {
            body = request.getInputStream().readAllBytes();
        } catch (BodyTooLargeException e) {
            problems.write(request, response, PlatformErrorCode.PAYLOAD_TOO_LARGE, "The request body exceeds the allowed size");
            return;
        }
        String owner = scope.scopeOf(request);
        IdempotencyStore.Claim claim = store.claim(owner, key, fingerprint(request, body));
        switch (claim) {
            case IdempotencyStore.Mismatch ignored -> problems.write(request, response, PlatformErrorCode.IDEMPOTENCY_KEY_REUSED,
                    "This Idempotency-Key was already used with a different request");
            case IdempotencyStore.InProgress ignored -> {
                response.setHeader("Retry-After", "1");
                problems.write(request, response, PlatformErrorCode.IDEMPOTENCY_REQUEST_IN_PROGRESS,
                        "A request with this Idempotency-Key is still being processed; retry shortly");
            }
            case IdempotencyStore.Completed completed -> replay(completed, response);
            case IdempotencyStore.Started ignored -> runAndStore(request, response, chain, body, owner, key);
        }
    }

    private void runAndStore(HttpServletRequest request, HttpServletResponse response, FilterChain chain, byte[] body,
                             String owner, String key) throws ServletException, IOException {
        ContentCachingResponseWrapper captured = new ContentCachingResponseWrapper(response);
        boolean stored = false;
        try {
            chain.doFilter(new CachedBodyRequest(request, body), captured);
            int status = captured.getStatus();
            if (isStored(status)) {
                store.complete(owner, key, status, headersOf(captured), captured.getContentAsByteArray());
                stored = true;
            }
        } finally {
            if (!stored) {
                store.release(owner, key);
            }
            captured.copyBodyToResponse();
        }
    }

    private static void replay(IdempotencyStore.Completed completed, HttpServletResponse response) throws IOException {
        response.setStatus(completed.status());
        completed.headers().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setHeader(REPLAYED, "true");
        response.setContentLength(completed.body().length);
        response.getOutputStream().write(completed.body());
    }

    static boolean isStored(int status) {
        return status < 400 || status == 409 || status == 422;
    }

    static boolean isWellFormed(String key) {
        return !key.isEmpty() && key.length() <= 255 && key.chars().allMatch(c -> c >= 0x21 && c <= 0x7e);
    }

    private static Map<String, List<String>> headersOf(HttpServletResponse response) {
        Map<String, List<String>> headers = new LinkedHashMap<>();
        for (String name : response.getHeaderNames()) {
            if (STORED_HEADERS.contains(name.toLowerCase(java.util.Locale.ROOT))) {
                headers.put(name, new ArrayList<>(response.getHeaders(name)));
            }
        }
        if (response.getContentType() != null) {
            headers.put("Content-Type", List.of(response.getContentType()));
        }
        return headers;
    }

    private static String fingerprint(HttpServletRequest request, byte[] body) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update((request.getMethod() + ' ' + request.getRequestURI() + '?'
                    + (request.getQueryString() == null ? "" : request.getQueryString()) + '\n').getBytes(StandardCharsets.UTF_8));
            digest.update(body);
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Replays the already-read body to the rest of the chain. */
    private static final class CachedBodyRequest extends HttpServletRequestWrapper {
        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous body only");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding() != null ? getCharacterEncoding() : StandardCharsets.UTF_8.name();
            return new BufferedReader(new InputStreamReader(getInputStream(), java.nio.charset.Charset.forName(encoding)));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
