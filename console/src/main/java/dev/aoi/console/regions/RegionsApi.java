package dev.aoi.console.regions;

import dev.aoi.console.csv.ListFormat;
import dev.aoi.console.query.BadFilterException;
import dev.aoi.console.query.PageLimits;
import dev.aoi.console.query.PageRequest;
import dev.aoi.console.query.Problems;
import dev.aoi.console.query.QueryParameters;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.enums.ParameterIn;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.HashSet;
import java.util.Set;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code /api/v1/regions}: the search across frames and one region. */
@RestController
@RequestMapping("/api/v1/regions")
@Tag(name = "regions", description = "Defect regions across frames, keyset-paged, newest frame first")
class RegionsApi {

    private static final Set<String> PARAMETERS;

    static {
        Set<String> all = new HashSet<>(RegionFilter.PARAMETERS);
        all.addAll(Set.of("limit", "cursor", "format"));
        PARAMETERS = Set.copyOf(all);
    }

    private final RegionRepository regions;
    private final PageLimits limits;

    RegionsApi(RegionRepository regions, PageLimits limits) {
        this.regions = regions;
        this.limits = limits;
    }

    @GetMapping
    @Operation(summary = "Regions by class, area, capture time and camera",
            description = "Answers {items, next_cursor, prev_cursor}; text/csv or format=csv streams them all.",
            parameters = {
                @Parameter(name = "from", in = ParameterIn.QUERY), @Parameter(name = "to", in = ParameterIn.QUERY),
                @Parameter(name = "camera_id", in = ParameterIn.QUERY),
                @Parameter(name = "class_id", in = ParameterIn.QUERY),
                @Parameter(name = "min_area", in = ParameterIn.QUERY, description = "pixels, inclusive"),
                @Parameter(name = "max_area", in = ParameterIn.QUERY, description = "pixels, inclusive"),
                @Parameter(name = "limit", in = ParameterIn.QUERY), @Parameter(name = "cursor", in = ParameterIn.QUERY),
                @Parameter(name = "format", in = ParameterIn.QUERY)})
    ResponseEntity<?> search(@Parameter(hidden = true) HttpServletRequest request,
            @Parameter(hidden = true) HttpServletResponse response) {
        QueryParameters p = new QueryParameters(request.getParameterMap()).allow(PARAMETERS, false);
        boolean csv = ListFormat.csv(request);
        RegionFilter filter = RegionFilter.from(p);
        PageRequest page = p.page(limits.defaultLimit(), limits.max(), RegionRepository.SEARCH_KEY_SIZE, 1, csv);
        if (csv) {
            if (!page.forward()) {
                throw new BadFilterException("cursor", "a CSV export reads forward: pass a next_cursor");
            }
            return ListFormat.stream(response, "regions.csv", RegionCsv.COLUMNS, sink -> regions.streamSearch(filter, page, sink));
        }
        return ResponseEntity.ok(regions.search(filter, page));
    }

    @GetMapping("/{regionUniqueId}")
    @Operation(summary = "One region with its measurements")
    RegionRow one(@PathVariable String regionUniqueId) {
        return regions.find(regionUniqueId).orElseThrow(() -> Problems.notFound("no region " + regionUniqueId));
    }
}
