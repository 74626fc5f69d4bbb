# Build: Maven on JDK 21
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY content content
RUN mvn -B -ntp -q package -DskipTests
# Plays the sample conversations (the build fails if one fails) and, on the way, embeds the shipped content (and the
# lines the transcripts type, which are content too) once, so the first start reads the vectors from data/ instead
# of spending seconds making them, and test in the image needs no model. The search index it builds is saved in
# data/indexes for this build and content (SavedIndexes), so test and search in the image open it instead.
RUN java -jar target/alliance-bot.jar test content > /tmp/transcripts.txt || { cat /tmp/transcripts.txt; exit 1; }

# Run: JRE 25, as an unprivileged user. 25 rather than 21 for its AOT cache (below), which more than halves
# start-up. The image must have glibc (eclipse-temurin's are Ubuntu): the embedding model runs on ONNX Runtime and
# the DJL tokenizer, whose native libraries are built against glibc, not musl (so no Alpine base).
FROM eclipse-temurin:25-jre
RUN groupadd --system --gid 10001 alliance \
 && useradd --system --uid 10001 --gid alliance --home-dir /app --shell /usr/sbin/nologin alliance
WORKDIR /app
# The jar extracted (classes in nested jars cannot be cached) into /app/bot: alliance-bot.jar and lib/.
COPY --from=build /src/target/alliance-bot.jar /tmp/alliance-bot.jar
RUN java -Djarmode=tools -jar /tmp/alliance-bot.jar extract --destination /app/bot && rm /tmp/alliance-bot.jar
# Shipped content; mount your own folder over it to change what the bot says without rebuilding:
#   docker run -v "$PWD/content:/app/content:ro" -e TELEGRAM_BOT_TOKEN=... alliance-bot
COPY --chown=alliance:alliance content /app/content
# Sessions and the update inbox live in an H2 file here unless alliance.storage.url points at PostgreSQL, and so
# do the cache of content vectors and the saved search index (made at build time above; a new volume starts with
# them).
COPY --from=build --chown=alliance:alliance /src/data /app/data
# A training run: the bot starts in Telegram mode as it will for real (no network here, so Telegram is simply not
# reached; an in-memory database), stops once started (spring.context.exit), and the JVM keeps the classes it
# loaded and linked in an AOT cache. Measured: "Started" in 2.3 s instead of 5.5 s (docs/benchmarks.md). Should the
# cache ever not match the JVM, Java says so and starts without it.
RUN cd /tmp && ALLIANCE_CONTENT_DIR=/app/content DJL_CACHE_DIR=/tmp/djl-training TELEGRAM_BOT_TOKEN=0:training \
    java -XX:AOTCacheOutput=/app/bot/alliance-bot.aot -Dspring.context.exit=onRefresh -jar /app/bot/alliance-bot.jar \
        --alliance.telegram.api-url=http://127.0.0.1:9 --alliance.storage.url=jdbc:h2:mem:training \
        --alliance.embedding.cache-dir=/app/data \
 && rm -rf /tmp/djl-training /tmp/data
# The quick commands (validate, test, diagram, search, safety-check) get a cache of their own, from a training run
# that plays each once (org.alliancebot.AotTraining), and a launcher that starts them with it, the JIT's first
# tier only, the serial collector and no performance-counter file (the same flags as here: the cache is made for
# them):
# docker run --rm --entrypoint /app/bin/alliance-bot alliance-bot validate. Run in a scratch folder whose ./data
# holds the vectors made at build time and nothing else: the training then builds the search index and checks
# every file's schema, as a run on someone's own content will, so the cache holds that code too (with /app/data's
# saved index and passed schemas it would only open and skip).
COPY scripts/alliance-bot /app/bin/alliance-bot
RUN chmod 755 /app/bin/alliance-bot && mkdir -p /tmp/training/data && cp /app/data/vectors-*.bin /tmp/training/data/ \
 && cd /tmp/training && DJL_CACHE_DIR=/tmp/djl-training \
    java -XX:AOTCacheOutput=/app/bot/cli.aot -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -XX:-UsePerfData \
        -cp /app/bot/alliance-bot.jar \
        org.alliancebot.AotTraining /app/content \
 && rm -rf /tmp/djl-training /tmp/training
VOLUME ["/app/data"]
USER alliance
# The token comes from the environment at run time (docker run -e TELEGRAM_BOT_TOKEN=...); it is never baked in.
ENV ALLIANCE_CONTENT_DIR=/app/content
# Where /app/bin/alliance-bot finds the extracted jar and its caches.
ENV ALLIANCE_BOT_DIR=/app/bot
# The tokenizer unpacks its native library into a cache folder; the user's home (/app) is not writable.
ENV DJL_CACHE_DIR=/tmp/djl
# Health (and the webhook, in webhook mode) listen here. Actuator with the metrics listens on 127.0.0.1:8081 inside
# the container: to scrape it from the host, run with -e MANAGEMENT_SERVER_ADDRESS=0.0.0.0 -p 127.0.0.1:8081:8081
# (docs/operations.md).
EXPOSE 8080
# DOWN when content failed to load or long polling has stopped. Asked over HTTP with bash's built-in /dev/tcp:
# the image has no curl or wget, and starting a second JVM every 30 s (java -jar ... health) cost about 2 s of CPU
# and 200 MB each time; this costs a millisecond and no extra package. Actuator answers 200 when UP, 503 when not.
HEALTHCHECK --interval=30s --timeout=5s --start-period=60s --retries=3 \
  CMD ["bash", "-c", "exec 3<>/dev/tcp/127.0.0.1/8080 && printf 'GET /actuator/health HTTP/1.0\\r\\nHost: localhost\\r\\n\\r\\n' >&3 && read -r _ code _ <&3 && [ \"$code\" = 200 ]"]
ENTRYPOINT ["java", "-XX:AOTCache=/app/bot/alliance-bot.aot", "-XX:MaxRAMPercentage=75", "-jar", "/app/bot/alliance-bot.jar"]
