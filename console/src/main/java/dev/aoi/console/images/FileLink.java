package dev.aoi.console.images;

/** One of a frame's files as the API links it: {@code name} in the URL, what it shows, and where to get it. */
public record FileLink(String name, String kind, String url) {
}
