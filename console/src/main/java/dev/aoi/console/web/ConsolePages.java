package dev.aoi.console.web;

import dev.aoi.console.images.FileKind;
import dev.aoi.console.files.FrameImages;
import dev.aoi.console.images.FileLink;
import dev.aoi.console.images.FrameDetails;
import dev.aoi.console.images.ImageDetail;
import dev.aoi.console.images.ImageFilter;
import dev.aoi.console.images.ImageRepository;
import dev.aoi.console.images.ImageSummary;
import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.Page;
import dev.aoi.console.query.PageLimits;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Problems;
import dev.aoi.console.query.QueryParameters;
import dev.aoi.console.stats.StatsQuery;
import dev.aoi.console.stats.StatsRepository;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.json.JsonMapper;

/** The server-rendered pages: dashboard, frames list, frame viewer. They read through the API's repositories. */
@Controller
class ConsolePages {

    private static final Set<String> FRAME_LIST_PARAMETERS;

    static {
        Set<String> all = new HashSet<>(ImageFilter.PARAMETERS);
        all.addAll(Set.of("limit", "cursor"));
        FRAME_LIST_PARAMETERS = Set.copyOf(all);
    }

    private final ImageRepository images;
    private final FrameDetails details;
    private final StatsRepository stats;
    private final PageLimits limits;
    private final Clock clock;
    private final JsonMapper json;

    ConsolePages(ImageRepository images, FrameDetails details, StatsRepository stats, PageLimits limits, Clock clock,
            JsonMapper json) {
        this.images = images;
        this.details = details;
        this.stats = stats;
        this.limits = limits;
        this.clock = clock;
        this.json = json;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/dashboard";
    }

    @GetMapping("/dashboard")
    String dashboard(HttpServletRequest request, HttpServletResponse response, Model model) {
        Map<String, String[]> raw = request.getParameterMap();
        model.addAttribute("from", first(raw, "from"));
        model.addAttribute("to", first(raw, "to"));
        model.addAttribute("cameraId", first(raw, "camera_id"));
        try {
            Set<String> allowed = new HashSet<>(StatsQuery.PARAMETERS);
            allowed.add("bucket");
            QueryParameters p = new QueryParameters(raw).allow(allowed, false);
            StatsQuery q = StatsQuery.from(p, clock);
            String bucket = p.choice("bucket", Set.of("hour", "day"), "hour");
            model.addAttribute("bucket", bucket);
            model.addAttribute("rangeFrom", q.range().from());
            model.addAttribute("rangeTo", q.range().to());
            model.addAttribute("trendJson", json.writeValueAsString(
                    stats.trend(q, bucket.equals("hour") ? StatsRepository.Bucket.HOUR : StatsRepository.Bucket.DAY)));
            model.addAttribute("paretoJson", json.writeValueAsString(stats.pareto(q)));
            model.addAttribute("coloursJson", json.writeValueAsString(colours()));
            model.addAttribute("cameras", stats.cameras(q));
            model.addAttribute("worst", stats.worstImages(q, 10, "lot"));
            model.addAttribute("latest", images.list(new ImageFilter(q.range(), q.cameraId(), null, null, null,
                    Map.of()), PageRequest.first(12)).items());
        } catch (BadFilterException e) {
            badFilter(e, response, model);
            model.addAttribute("bucket", "hour");
        }
        return "dashboard";
    }

    @GetMapping("/frames")
    String frames(HttpServletRequest request, HttpServletResponse response, Model model) {
        model.addAttribute("colours", colours());
        model.addAttribute("page", null);
        try {
            Map<String, String[]> raw = fromForm(request.getParameterMap());
            QueryParameters p = new QueryParameters(raw).allow(FRAME_LIST_PARAMETERS, true);
            ImageFilter filter = ImageFilter.from(p);
            PageRequest page = p.page(limits.defaultLimit(), limits.max(), ImageRepository.KEY_SIZE, 1, false);
            Page<ImageSummary> result = images.list(filter, page);
            model.addAttribute("page", result);
            model.addAttribute("nextUrl", link("/frames", raw, result.nextCursor()));
            model.addAttribute("prevUrl", link("/frames", raw, result.prevCursor()));
            Map<String, String[]> csv = new LinkedHashMap<>(raw);
            csv.remove("limit");
            csv.put("format", new String[] {"csv"});
            model.addAttribute("csvUrl", apiLink("/api/v1/images", csv));
        } catch (BadFilterException e) {
            badFilter(e, response, model);
        }
        return "frames";
    }

    @GetMapping("/frames/{imgUniqueId}")
    String frame(@PathVariable String imgUniqueId, Model model) {
        ImageDetail detail = details.find(imgUniqueId)
                .orElseThrow(() -> Problems.notFound("no image " + imgUniqueId));
        model.addAttribute("image", detail.image());
        model.addAttribute("regions", detail.regions());
        model.addAttribute("files", detail.files());
        model.addAttribute("colours", colours());
        String frameUrl = null;
        String classMapUrl = null;
        for (FileLink f : detail.files()) {
            if (f.kind().equals(FileKind.FRAME.apiName())) {
                frameUrl = f.url();
            } else if (f.kind().equals(FileKind.OVERLAY.apiName()) && frameUrl == null) {
                frameUrl = f.url();
            } else if (f.kind().equals(FileKind.CLASS_MAP.apiName())) {
                classMapUrl = f.url();
            }
        }
        model.addAttribute("frameUrl", frameUrl);
        model.addAttribute("classMapUrl", classMapUrl);
        return "frame";
    }

    /** Class colours for class ids 1..16, the same the class overlays are drawn in. */
    static Map<Integer, String> colours() {
        Map<Integer, String> out = new TreeMap<>();
        for (int c = 0; c <= 16; c++) {
            out.put(c, FrameImages.colour(c));
        }
        return out;
    }

    /** The form's one "attr" field ({@code key=value}) as the API's {@code attr.key=value}; blank fields dropped. */
    static Map<String, String[]> fromForm(Map<String, String[]> form) {
        Map<String, String[]> out = new LinkedHashMap<>();
        form.forEach((name, values) -> {
            if (values.length == 1 && values[0].isBlank()) {
                return;
            }
            if (name.equals("attr")) {
                String[] kv = values[0].split("=", 2);
                if (kv.length != 2 || kv[0].isBlank()) {
                    throw new BadFilterException("attr", "attribute filter must read key=value, as in lot=L7");
                }
                out.put("attr." + kv[0].trim(), new String[] {kv[1].trim()});
            } else {
                out.put(name, values);
            }
        });
        return out;
    }

    /** This page again at {@code cursor}, the filters as the form writes them ({@code attr=key=value}). */
    private static String link(String path, Map<String, String[]> params, String cursor) {
        if (cursor == null) {
            return null;
        }
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach((name, values) -> {
            if (name.startsWith(QueryParameters.ATTRIBUTE_PREFIX)) {
                b.queryParam("attr", name.substring(QueryParameters.ATTRIBUTE_PREFIX.length()) + "=" + values[0]);
            } else if (!name.equals("cursor")) {
                b.queryParam(name, (Object[]) values);
            }
        });
        return b.queryParam("cursor", cursor).encode().build().toUriString();
    }

    /** The API's URL with these parameters. */
    private static String apiLink(String path, Map<String, String[]> params) {
        UriComponentsBuilder b = UriComponentsBuilder.fromPath(path);
        params.forEach((name, values) -> {
            if (!name.equals("cursor")) {
                b.queryParam(name, (Object[]) values);
            }
        });
        return b.encode().build().toUriString();
    }

    private static void badFilter(BadFilterException e, HttpServletResponse response, Model model) {
        response.setStatus(400);
        model.addAttribute("error", e.getMessage());
        model.addAttribute("errorParameter", e.parameter());
    }

    private static String first(Map<String, String[]> raw, String name) {
        String[] v = raw.get(name);
        return v == null || v.length == 0 ? null : v[0];
    }
}
