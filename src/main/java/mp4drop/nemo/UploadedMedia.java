package mp4drop.nemo;

/**
 * A file NemoVideo accepted. It is identified by its CDN URL: there is no file id. Fields the server
 * left out are null.
 */
public record UploadedMedia(String cdnUrl, String filename, String fileType, Double duration, Integer width,
        Integer height) {
}
