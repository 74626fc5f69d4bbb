# Build: Maven on JDK 21
FROM maven:3.9-eclipse-temurin-21 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp -q dependency:go-offline
COPY src src
COPY content content
RUN mvn -B -ntp -q package -DskipTests

# Run: JRE 21, as an unprivileged user
FROM eclipse-temurin:21-jre
RUN groupadd --system --gid 10001 alliance \
 && useradd --system --uid 10001 --gid alliance --home-dir /app --shell /usr/sbin/nologin alliance
WORKDIR /app
COPY --from=build /src/target/alliance-bot.jar /app/alliance-bot.jar
# Shipped content; mount your own folder over it to change what the bot says without rebuilding:
#   docker run -v "$PWD/content:/app/content:ro" -e TELEGRAM_BOT_TOKEN=... alliance-bot
COPY --chown=alliance:alliance content /app/content
# Sessions and the update inbox live in an H2 file here unless alliance.storage.url points at PostgreSQL.
RUN mkdir /app/data && chown alliance:alliance /app/data
VOLUME ["/app/data"]
USER alliance
# The token comes from the environment at run time (docker run -e TELEGRAM_BOT_TOKEN=...); it is never baked in.
ENV ALLIANCE_CONTENT_DIR=/app/content
# Actuator health (and the webhook, in webhook mode) listen here.
EXPOSE 8080
# DOWN when content failed to load or long polling has stopped; the image has no curl, so the app asks itself.
HEALTHCHECK --interval=30s --timeout=10s --start-period=60s --retries=3 \
  CMD ["java", "-XX:TieredStopAtLevel=1", "-jar", "/app/alliance-bot.jar", "health"]
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/alliance-bot.jar"]
