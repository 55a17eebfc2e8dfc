package dev.aoi.console.images;

import dev.aoi.console.query.Page;
import dev.aoi.console.regions.RegionRow;
import java.util.List;

/** A frame with its classes, its regions (the first page when it has more than a page), and links to its files. */
public record ImageDetail(ImageSummary image, Page<RegionRow> regions, List<FileLink> files) {
}
