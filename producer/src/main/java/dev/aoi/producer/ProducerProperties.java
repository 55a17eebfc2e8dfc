package dev.aoi.producer;

import dev.aoi.common.cli.Endpoints;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the ingest service ({@code aoi.producer.*}, e.g. env {@code AOI_PRODUCER_HTTP_TOKEN}).
 *
 * @param bootstrapServers Kafka bootstrap servers
 * @param topic            the images topic
 */
@ConfigurationProperties("aoi.producer")
public record ProducerProperties(
        @DefaultValue(Endpoints.BOOTSTRAP_SERVERS) String bootstrapServers,
        @DefaultValue("aoi.images") String topic,
        @DefaultValue Http http,
        @DefaultValue Watch watch) {

    /**
     * HTTP ingest.
     *
     * @param token          bearer token every request must carry; blank = no authentication, and then the
     *                       ingest listens on loopback only (at least 32 characters on any other address)
     * @param imageRoot      where uploaded frames are stored
     * @param maxUploadSize  larger uploads are refused with 413
     * @param maxJsonBytes   a JSON ImageRef larger than this is refused with 413, by its Content-Length unread
     * @param publishTimeout longest wait for the broker's acknowledgement; after it the request answers 503
     *                       with Retry-After (and the upload is removed)
     */
    public record Http(String token, @DefaultValue(".aoi/images/http") Path imageRoot,
            @DefaultValue("64MB") DataSize maxUploadSize, @DefaultValue("64KB") DataSize maxJsonBytes,
            @DefaultValue("5s") Duration publishTimeout) {
    }

    /**
     * Watch-folder gateway; off unless {@code dir} is set.
     *
     * @param dir          directory tree to watch
     * @param stateDir     where its ledger lives
     * @param stableFor    a file is complete once unchanged this long
     * @param pollInterval scan period
     * @param since        first start only: files older than this are skipped (default: the first start itself)
     * @param cameraId     camera id of every frame (default: first directory level)
     * @param idPrefix     prefix of every image id
     */
    public record Watch(Path dir, @DefaultValue(".aoi/watch-state") Path stateDir,
            @DefaultValue("2s") Duration stableFor, @DefaultValue("500ms") Duration pollInterval, Instant since,
            String cameraId, @DefaultValue("") String idPrefix) {
    }
}
