package dev.bazaar.notifications;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jspecify.annotations.Nullable;

/**
 * A Server-Sent Events client for tests: reads the stream line by line on its own thread and hands out whole frames;
 * every wait has a deadline. A refused stream ({@link #status()} other than 200) keeps its body.
 */
public final class SseClient implements AutoCloseable {

    /** One frame: an event ({@code id} may be null), or a comment ({@code event} = {@code "comment"}). */
    public record Frame(@Nullable String id, String event, String data) {}

    /** The end of the stream. */
    public static final Frame END = new Frame(null, "<end>", "");

    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final int status;
    private final String body;
    private final @Nullable Stream<String> lines;
    private final BlockingQueue<Frame> frames = new LinkedBlockingQueue<>();
    private final List<Frame> seen = new ArrayList<>();

    private SseClient(int status, String body, @Nullable Stream<String> lines) {
        this.status = status;
        this.body = body;
        this.lines = lines;
    }

    public static SseClient open(int port, String path, String... headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                .timeout(Duration.ofSeconds(10)).GET();
        for (int i = 0; i < headers.length; i += 2) {
            request.header(headers[i], headers[i + 1]);
        }
        HttpResponse<Stream<String>> response;
        try {
            response = CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofLines());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        if (response.statusCode() != 200) {
            try (Stream<String> lines = response.body()) {
                return new SseClient(response.statusCode(), lines.collect(Collectors.joining("\n")), null);
            }
        }
        SseClient client = new SseClient(200, "", response.body());
        Thread.ofVirtual().start(client::read);
        return client;
    }

    private void read() {
        String id = null;
        String event = null;
        List<String> data = new ArrayList<>();
        try {
            for (String line : (Iterable<String>) lines::iterator) {
                if (line.isEmpty()) {
                    if (event != null || !data.isEmpty()) {
                        frames.add(new Frame(id, event == null ? "message" : event, String.join("\n", data)));
                    }
                    id = null;
                    event = null;
                    data.clear();
                } else if (line.startsWith(":")) {
                    frames.add(new Frame(null, "comment", line.substring(1).strip()));
                } else if (line.startsWith("id: ")) {
                    id = line.substring(4);
                } else if (line.startsWith("event: ")) {
                    event = line.substring(7);
                } else if (line.startsWith("data: ")) {
                    data.add(line.substring(6));
                }
            }
        } catch (RuntimeException closed) {
            // Closed by the test or the server.
        } finally {
            frames.add(END);
        }
    }

    public int status() {
        return status;
    }

    public String body() {
        return body;
    }

    /** The first frame (from now on) that matches, or empty at the deadline or the end of the stream. */
    public Optional<Frame> await(Predicate<Frame> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                long left = deadline - System.nanoTime();
                Frame frame = left <= 0 ? null : frames.poll(left, TimeUnit.NANOSECONDS);
                if (frame == null) {
                    return Optional.empty();
                }
                seen.add(frame);
                if (frame == END) {
                    frames.add(END);
                    return wanted.test(END) ? Optional.of(END) : Optional.empty();
                }
                if (wanted.test(frame)) {
                    return Optional.of(frame);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    /** The first event of that type whose data contains {@code text}. */
    public Optional<Frame> awaitEvent(String event, String text, Duration timeout) {
        return await(frame -> frame.event().equals(event) && frame.data().contains(text), timeout);
    }

    /** Every frame taken so far by {@link #await}. */
    public List<Frame> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        if (lines != null) {
            lines.close();
        }
    }
}
