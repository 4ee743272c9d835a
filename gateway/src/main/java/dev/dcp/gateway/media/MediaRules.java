package dev.dcp.gateway.media;

import java.util.List;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;

/** Which bodies the API reads and which answers it gives, as plain decisions on header values. */
final class MediaRules {

    static final List<MediaType> JSON_ANSWERS = List.of(MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);
    static final List<MediaType> STREAM_ANSWERS =
            List.of(MediaType.TEXT_EVENT_STREAM, MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    static final List<MediaType> OBJECT_ANSWERS =
            List.of(MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON);

    private MediaRules() {}

    /** An object's bytes: application/octet-stream, or no Content-Type at all (raw bytes are what is sent). */
    static boolean isOctetStream(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return true;
        }
        try {
            return MediaType.APPLICATION_OCTET_STREAM.equalsTypeAndSubtype(MediaType.parseMediaType(contentType));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** JSON is application/json or any +json type; a body without a Content-Type is not JSON. */
    static boolean isJson(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return false;
        }
        try {
            MediaType type = MediaType.parseMediaType(contentType);
            return type.isConcrete()
                    && ("json".equals(type.getSubtypeSuffix())
                            || MediaType.APPLICATION_JSON.equalsTypeAndSubtype(type));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }

    /** Whether an Accept header (none accepts anything) admits one of the answers; q=0 excludes a type. */
    static boolean accepts(String accept, List<MediaType> answers) {
        if (accept == null || accept.isBlank()) {
            return true;
        }
        try {
            return MediaType.parseMediaTypes(accept).stream()
                    .filter(wanted -> wanted.getQualityValue() > 0)
                    .anyMatch(wanted -> answers.stream().anyMatch(wanted::isCompatibleWith));
        } catch (InvalidMediaTypeException e) {
            return false;
        }
    }
}
