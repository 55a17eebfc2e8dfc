package dev.aoi.console.review;

import dev.aoi.console.files.FrameImages;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.query.Cursor;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Problems;
import dev.aoi.console.query.TimeRange;
import dev.aoi.console.regions.RegionRepository;
import dev.aoi.console.regions.RegionRow;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriComponentsBuilder;

/**
 * The review station: the queue (frames with unreviewed defects, oldest first, by camera and class), a frame's
 * regions with their crops and verdict buttons (keyboard: j/k next/previous region, d defect, f false call,
 * u unsure, n next frame), and the jump to the next frame in the queue.
 */
@Controller
class ReviewPages {

    private static final int QUEUE_PAGE = 50;

    /** A region on the review page with its live verdict, if any. */
    record ReviewedRegion(RegionRow region, Review review, String colour) {
    }

    private final ReviewQueries queries;
    private final ReviewRepository reviews;
    private final ImageRepository images;
    private final RegionRepository regions;

    ReviewPages(ReviewQueries queries, ReviewRepository reviews, ImageRepository images, RegionRepository regions) {
        this.queries = queries;
        this.reviews = reviews;
        this.images = images;
        this.regions = regions;
    }

    @GetMapping("/review")
    String queue(@RequestParam(name = "camera_id", required = false) String cameraId,
            @RequestParam(name = "class_id", required = false) Integer classId,
            @RequestParam(required = false) String cursor, Model model) {
        PageRequest page = new PageRequest(QUEUE_PAGE, cursor == null || cursor.isBlank() ? null
                : Cursor.decode(cursor, ReviewQueries.QUEUE_KEY_SIZE, 1));
        Page<QueuedFrame> frames = queries.queue(new TimeRange(null, null), blankToNull(cameraId), classId, page);
        model.addAttribute("frames", frames);
        model.addAttribute("cameraId", blankToNull(cameraId));
        model.addAttribute("classId", classId);
        model.addAttribute("precision", queries.precision(new TimeRange(null, null), null));
        return "review/queue";
    }

    @GetMapping("/review/frames/{imgUniqueId}")
    String frame(@PathVariable String imgUniqueId,
            @RequestParam(name = "camera_id", required = false) String cameraId,
            @RequestParam(name = "class_id", required = false) Integer classId, Model model) {
        ImageRepository.Stored stored = images.findWithFiles(imgUniqueId)
                .orElseThrow(() -> Problems.notFound("no image " + imgUniqueId));
        String sha = stored.image().modelSha256();
        Map<String, Review> byRegion = new HashMap<>();
        for (Review r : reviews.ofFrame(imgUniqueId)) {
            if (Objects.equals(r.modelSha256(), sha)) {
                byRegion.put(r.regionUniqueId(), r);
            }
        }
        List<ReviewedRegion> rows = regions.ofFrame(imgUniqueId, PageRequest.first(1000)).items().stream()
                .filter(r -> classId == null || r.classId() == classId)
                .map(r -> new ReviewedRegion(r, byRegion.get(r.regionUniqueId()), FrameImages.colour(r.classId())))
                .toList();
        model.addAttribute("image", stored.image());
        model.addAttribute("regions", rows);
        model.addAttribute("unreviewed", rows.stream().filter(r -> r.review() == null).count());
        model.addAttribute("nextUrl", UriComponentsBuilder.fromPath("/review/next")
                .queryParam("after", imgUniqueId)
                .queryParamIfPresent("camera_id", java.util.Optional.ofNullable(blankToNull(cameraId)))
                .queryParamIfPresent("class_id", java.util.Optional.ofNullable(classId))
                .build().encode().toUriString());
        return "review/frame";
    }

    @GetMapping("/review/next")
    String next(@RequestParam(required = false) String after,
            @RequestParam(name = "camera_id", required = false) String cameraId,
            @RequestParam(name = "class_id", required = false) Integer classId) {
        Cursor from = null;
        if (after != null) {
            from = images.findWithFiles(after).filter(s -> s.image().capturedAt() != null)
                    .map(s -> Cursor.at(false, Cursor.instant(s.image().capturedAt()), after)).orElse(null);
        }
        List<QueuedFrame> next = queries.queue(new TimeRange(null, null), blankToNull(cameraId), classId,
                new PageRequest(1, from)).items();
        UriComponentsBuilder target = UriComponentsBuilder.fromPath(next.isEmpty() ? "/review"
                : "/review/frames/" + next.get(0).imgUniqueId());
        target.queryParamIfPresent("camera_id", java.util.Optional.ofNullable(blankToNull(cameraId)))
                .queryParamIfPresent("class_id", java.util.Optional.ofNullable(classId));
        return "redirect:" + target.build().encode().toUriString();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
