package dev.dcp.scheduler.storage.object;

import dev.dcp.common.auth.Caller;
import dev.dcp.common.storage.ContentId;
import dev.dcp.common.web.Paging;
import dev.dcp.common.web.ProblemException;
import dev.dcp.scheduler.storage.StorageWorkers;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.responses.ApiResponse;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestAttribute;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

@Tag(name = "Objects")
@RestController
class ObjectController {

    record ObjectView(
            String cid,
            long size,
            int k,
            int m,
            int segments,
            String merkleRoot,
            int days,
            long escrowed,
            Instant storedAt) {}

    record PlacementView(int segment, int shard, String workerId, Instant lastAudit, String verdict) {}

    record StatusView(
            String cid,
            long size,
            int k,
            int m,
            ObjectHealth.View health,
            List<Integer> unreadableSegments,
            List<PlacementView> placements,
            Instant paidUntil,
            long escrowed,
            Instant paidThrough) {}

    record ListItem(String cid, long size, Instant storedAt, ObjectHealth.View health) {}

    record ObjectPage(List<ListItem> items, String nextCursor) {}

    private final ObjectUpload uploads;
    private final ObjectReader reader;
    private final ObjectRepository repository;
    private final StorageWorkers workers;
    private final ObjectDeletion deletion;

    ObjectController(
            ObjectUpload uploads,
            ObjectReader reader,
            ObjectRepository repository,
            StorageWorkers workers,
            ObjectDeletion deletion) {
        this.uploads = uploads;
        this.reader = reader;
        this.repository = repository;
        this.workers = workers;
        this.deletion = deletion;
    }

    @Operation(summary = "Store the request body as an object; its CID is computed as it streams in")
    @PostMapping(value = "/api/v1/objects", consumes = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    ResponseEntity<ObjectView> put(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(required = false) Integer days,
            @RequestParam(required = false) Integer k,
            @RequestParam(required = false) Integer m,
            HttpServletRequest request)
            throws IOException {
        String tenant = tenantOf(caller);
        ObjectUpload.Outcome outcome =
                uploads.upload(tenant, request.getInputStream(), request.getContentLengthLong(), k, m, days);
        ObjectView view = view(outcome.object());
        if (!outcome.created()) {
            return ResponseEntity.ok(view);
        }
        return ResponseEntity.created(URI.create("/api/v1/objects/" + view.cid()))
                .body(view);
    }

    @Operation(summary = "The object's bytes; Range: bytes=a-b answers 206 with those bytes")
    @ApiResponse(
            responseCode = "200",
            description = "the bytes (206 with Range: those asked for)",
            content = @Content(mediaType = MediaType.APPLICATION_OCTET_STREAM_VALUE))
    @GetMapping("/api/v1/objects/{cid}")
    void get(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String cid,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        serve(caller, cid, request, response, true);
    }

    @Operation(summary = "The headers of GET, without the bytes")
    @ApiResponse(responseCode = "200", description = "the headers GET would send")
    @RequestMapping(value = "/api/v1/objects/{cid}", method = RequestMethod.HEAD)
    void head(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @PathVariable String cid,
            HttpServletRequest request,
            HttpServletResponse response)
            throws IOException {
        serve(caller, cid, request, response, false);
    }

    private void serve(
            Caller caller, String cid, HttpServletRequest request, HttpServletResponse response, boolean body)
            throws IOException {
        StoredObject object = owned(caller, cid);
        String etag = "\"" + object.cid() + "\"";
        response.setHeader(HttpHeaders.ETAG, etag);
        response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
        String ifNoneMatch = request.getHeader(HttpHeaders.IF_NONE_MATCH);
        if (ifNoneMatch != null
                && (ifNoneMatch.contains(etag) || ifNoneMatch.trim().equals("*"))) {
            response.setStatus(HttpStatus.NOT_MODIFIED.value());
            return;
        }
        Optional<ByteRange> asked;
        try {
            asked = ByteRange.parse(request.getHeader(HttpHeaders.RANGE), object.size());
        } catch (ByteRange.Unsatisfiable e) {
            response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + object.size());
            throw new ProblemException(
                    HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE,
                    "Range Not Satisfiable",
                    "The object has " + object.size() + " bytes; the range asks for none of them.");
        }
        String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
        if (ifRange != null && !ifRange.trim().equals(etag)) {
            asked = Optional.empty(); // the client's partial copy is of other bytes: send the whole object
        }
        response.setContentType(MediaType.APPLICATION_OCTET_STREAM_VALUE);
        if (object.size() == 0) {
            response.setContentLengthLong(0);
            return;
        }
        ByteRange range = asked.orElse(new ByteRange(0, object.size() - 1));
        if (asked.isPresent()) {
            response.setStatus(HttpStatus.PARTIAL_CONTENT.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(object.size()));
        }
        if (!body) {
            response.setContentLengthLong(range.length());
            return;
        }
        ObjectReader.Read read;
        try {
            read = reader.open(object, range);
        } catch (ObjectReader.SegmentUnreadable e) {
            response.setStatus(HttpStatus.OK.value());
            response.setHeader(HttpHeaders.CONTENT_RANGE, null);
            throw unreadable(e);
        }
        response.setContentLengthLong(range.length());
        // from here a failure cuts the response short of its length: the client sees an error, never wrong bytes
        read.writeTo(response.getOutputStream());
    }

    @Operation(summary = "Health and placement of the object's shards")
    @GetMapping("/api/v1/objects/{cid}/status")
    StatusView status(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String cid) {
        StoredObject object = owned(caller, cid);
        List<ShardRecord> placements = repository.placements(object.id());
        ObjectHealth health = ObjectHealth.of(object.k(), object.m(), object.segments(), placements, workers.online());
        return new StatusView(
                object.cid(),
                object.size(),
                object.k(),
                object.m(),
                health.view(),
                health.unreadableSegments(),
                placements.stream()
                        .map(p -> new PlacementView(p.segment(), p.shard(), p.workerId(), p.lastAudit(), p.verdict()))
                        .toList(),
                object.paidUntil(),
                object.escrowed(),
                object.paidThrough());
    }

    @Operation(summary = "The caller's objects, oldest first")
    @GetMapping("/api/v1/objects")
    ObjectPage list(
            @RequestAttribute(Caller.ATTRIBUTE) Caller caller,
            @RequestParam(required = false) Integer limit,
            @RequestParam(required = false) String cursor) {
        String tenant = tenantOf(caller);
        int size = Paging.limit(limit);
        UUID after = null;
        if (cursor != null) {
            try {
                after = UUID.fromString(cursor);
            } catch (IllegalArgumentException e) {
                throw ProblemException.invalid("cursor", "is not a cursor this list gave");
            }
        }
        List<StoredObject> rows = repository.page(tenant, after, size + 1);
        String next = null;
        if (rows.size() > size) {
            rows = rows.subList(0, size);
            next = rows.get(size - 1).id().toString();
        }
        Set<String> online = workers.online();
        return new ObjectPage(
                rows.stream()
                        .map(o -> new ListItem(
                                o.cid(),
                                o.size(),
                                o.storedAt(),
                                ObjectHealth.of(o.k(), o.m(), o.segments(), repository.placements(o.id()), online)
                                        .view()))
                        .toList(),
                next);
    }

    @Operation(summary = "Delete the object and its shards")
    @DeleteMapping("/api/v1/objects/{cid}")
    ResponseEntity<Void> delete(@RequestAttribute(Caller.ATTRIBUTE) Caller caller, @PathVariable String cid) {
        deletion.end(owned(caller, cid), "deleted");
        return ResponseEntity.noContent().build();
    }

    private StoredObject owned(Caller caller, String cid) {
        String tenant = tenantOf(caller);
        try {
            ContentId.parse(cid);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("cid", e.getMessage());
        }
        // another tenant's object is as unknown as one never stored
        return repository.findStored(tenant, cid).orElseThrow(() -> ProblemException.notFound("Object " + cid));
    }

    private static String tenantOf(Caller caller) {
        if (caller.tenantId() == null) {
            throw ProblemException.forbidden("Objects belong to tenants; call with a tenant's API key.");
        }
        return caller.tenantId();
    }

    private static ProblemException unreadable(ObjectReader.SegmentUnreadable e) {
        return new ProblemException(
                HttpStatus.SERVICE_UNAVAILABLE,
                "Object unreadable",
                "The object cannot be read now: " + e.getMessage()
                        + ". Its status view names the segments affected; shards may come back with their workers.",
                List.of(),
                30L);
    }

    private static ObjectView view(StoredObject o) {
        return new ObjectView(
                o.cid(), o.size(), o.k(), o.m(), o.segments(), o.merkleRoot(), o.days(), o.escrowed(), o.storedAt());
    }
}
